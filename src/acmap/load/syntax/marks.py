"""Where libyaml stopped: its marks and words, and the file's lines as libyaml counts them.

Every recogniser reads a `Failure` and answers with `done`, which keeps the place it names
inside the file.
"""

from __future__ import annotations

import re
from typing import Any

Explained = tuple[int, int, str]  # 1-based line and column, and the message

# The line breaks libyaml counts (YAML 1.1): CRLF, CR, LF, NEL, LS and PS.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class Failure:
    """What libyaml said, 0-based, with the file's lines (split as libyaml counts them)."""

    def __init__(self, text: str, error: Any) -> None:
        self.text = text
        self.lines = LINE_BREAK.split(text)
        self.problem: str = getattr(error, "problem", None) or ""
        self.context: str = getattr(error, "context", None) or ""
        mark = getattr(error, "problem_mark", None)
        context = getattr(error, "context_mark", None)
        self.at = _spot(mark or context)
        self.context_at = _spot(context) if context is not None else None

    def line(self, number: int) -> str:
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def char(self, line: int, col: int) -> str:
        return self.line(line)[col : col + 1]


def _spot(mark: Any) -> tuple[int, int]:
    if mark is None:
        return (0, 0)
    return (int(mark.line), int(mark.column))


def done(e: Failure, line: int, col: int, message: str) -> Explained:
    """1-based, kept inside the file (a mark past the last line names the last one)."""
    line = min(max(line, 0), max(len(e.lines) - 1, 0))
    col = min(max(col, 0), len(e.line(line)))
    return (line + 1, col + 1, message)
