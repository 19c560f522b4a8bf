"""`acmap diff` reports. Text for a terminal is here (fitted to its width, coloured by rich
on a terminal, plain when piped); Markdown for a pull request (diff_markdown.py) and JSON for
tools (diff_json.py) are imported only when asked for. diff_words.py holds what they share.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from acmap.report.diff_words import (
    FIRST_ERRORS,
    gate_notes,
    headline,
    health_segments,
    quiet,
    what_happened,
)
from acmap.report.findings import finding_segments
from acmap.report.layout import Segment
from acmap.report.terminal import SEVERITY_STYLE, Lines, width
from acmap.words import plural

if TYPE_CHECKING:
    from acmap.analysis.changes import AccountDiff, DiffResult
    from acmap.findings import Finding

_MARK_STYLE = {"added": "green", "removed": "red"}


def to_text(result: DiffResult) -> None:
    out = Lines()
    text_report(out, result.span.label, result.accounts, width())
    out.write()


def text_report(out: Lines, label: str, accounts: list[AccountDiff], total: int) -> None:
    out.filled([(headline(label, accounts), "bold")], total, 0)
    out.add()
    for diff in accounts:
        if not quiet(diff):
            _account_text(out, diff, total)
            out.add()
    layout_only = [a for a in accounts if quiet(a)]
    if layout_only:
        files = ", ".join(a.file for a in layout_only)
        out.filled([(f"Only layout or comments changed: {files}", "dim")], total, 0)


def _account_text(out: Lines, diff: AccountDiff, total: int) -> None:
    title: list[Segment] = [(diff.account, "bold")]
    if diff.name != diff.account:
        title.append((f" — {diff.name}", "bold"))
    title.append((f" ({diff.file})", ""))
    event = what_happened(diff)
    if event:
        title.append((f": {event}", ""))
    out.filled(title, total, 0)
    health = health_segments(diff)
    if health:
        out.filled(health, total, 2)
    for note in gate_notes(diff):
        out.filled([(note, "yellow")], total, 2)
    if diff.invalid_before:
        now = "now valid" if not diff.invalid_after and diff.kind != "removed" else "still invalid"
        out.filled([(f"invalid before this change ({now}):", "")], total, 2)
        _findings_text(out, diff.invalid_before, total)
    if diff.invalid_after:
        out.filled([("invalid after this change:", "bold red")], total, 2)
        _findings_text(out, diff.invalid_after, total)
    for change in diff.changes:
        out.filled([(change.text, _MARK_STYLE.get(change.mark, ""))], total, 2)
    for g in diff.opened:
        style = SEVERITY_STYLE[g.finding.severity]
        out.filled(
            [("+ gap opened  ", ""), (f"{g.finding.severity:<7}", style), ("  " + g.text, "")],
            total,
            2,
            4,
        )
    for g in diff.closed:
        out.filled(
            [("- gap closed  ", "green"), (f"{g.finding.severity:<7}", "dim"), ("  " + g.text, "")],
            total,
            2,
            4,
        )


def _findings_text(out: Lines, findings: list[Finding], total: int) -> None:
    for f in findings[:FIRST_ERRORS]:
        out.filled(finding_segments(f), total, 4)
    rest = len(findings) - FIRST_ERRORS
    if rest > 0:
        out.filled([(f"… and {plural(rest, 'more error', 'more errors')}", "dim")], total, 4)


def to_markdown(result: DiffResult) -> None:
    from acmap.report.diff_markdown import to_markdown

    to_markdown(result)


def to_json(result: DiffResult) -> None:
    from acmap.report.diff_json import to_json

    to_json(result)


REPORTERS: dict[str, Callable[[DiffResult], None]] = {
    "text": to_text,
    "markdown": to_markdown,
    "json": to_json,
}
