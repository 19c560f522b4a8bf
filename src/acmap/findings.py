"""A finding: one thing a check or a rule has to say about one place in one file."""

from __future__ import annotations

from typing import Any, NamedTuple

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


class Finding(NamedTuple):
    """Immutable, and a tuple: portfolio commands build and send tens of thousands of these
    between processes, where a tuple is several times cheaper than a frozen dataclass."""

    file: str
    line: int
    col: int
    code: str
    name: str
    severity: str
    message: str
    account: str | None = None
    subject: str | None = None
    # The finding's line as the file has it, for the code frame under it in text output:
    # (column of its first character, text), a window of the line around `col` when the line
    # is long. Taken from the text the loader read (never read again for the report); not
    # part of the JSON output.
    excerpt: tuple[int, str] | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.col, self.code, self.message)

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "account": self.account,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "subject": self.subject,
        }


def at_least(severity: str, floor: str) -> bool:
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[floor]


def count_by_severity(findings: list[Finding]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        counts[f.severity] += 1
    return counts
