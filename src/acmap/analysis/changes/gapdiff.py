"""The gap diff: which gaps a change opened and which it closed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from acmap.findings import SEVERITY_RANK, Finding


@dataclass(frozen=True, slots=True)
class GapChange:
    """A gap the change opened or closed; `who` is the person (or unit) it is about, by name."""

    finding: Finding
    who: str | None

    @property
    def text(self) -> str:
        f = self.finding
        lead = f"{self.who}: " if self.who and self.who not in f.message else ""
        return f"{f.code} {f.name} — {lead}{f.message}"

    def as_json(self) -> dict[str, Any]:
        return {**self.finding.as_json(), "who": self.who}


def gap_changes(before: list[Finding], after: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Gaps opened and closed, matched by rule and subject: a gap that is still there with new
    numbers in its message ("not contacted for 120 days") is neither opened nor closed."""

    def key(f: Finding) -> tuple[str, str]:
        return (f.code, f.subject or "")

    old_counts = Counter(key(f) for f in before)
    new_counts = Counter(key(f) for f in after)
    opened = _surplus(after, new_counts, old_counts, key)
    closed = _surplus(before, old_counts, new_counts, key)
    order = _by_severity
    return sorted(opened, key=order), sorted(closed, key=order)


def _surplus(
    findings: list[Finding],
    mine: Counter[tuple[str, str]],
    theirs: Counter[tuple[str, str]],
    key: Callable[[Finding], tuple[str, str]],
) -> list[Finding]:
    extra = {k: n - theirs.get(k, 0) for k, n in mine.items() if n > theirs.get(k, 0)}
    out = []
    for f in reversed(findings):  # when counts differ, the last ones are the new ones
        k = key(f)
        if extra.get(k, 0) > 0:
            extra[k] -= 1
            out.append(f)
    return out


def _by_severity(f: Finding) -> tuple[int, str, int]:
    return (-SEVERITY_RANK[f.severity], f.code, f.line)
