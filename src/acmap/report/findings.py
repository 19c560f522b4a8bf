"""Findings for people: `file:line:col: CODE name message`, coloured by severity on a terminal;
and the `findings` subject of `acmap validate` (text, json, github). In text, each finding
with a line is followed by a code frame, as ruff and rustc show them:

    maps/globex.yaml:24:5: E001 yaml-syntax missing ':' after the key `name`; ...
       |
    24 |     name Mary Lee
       |     ^
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from acmap.findings import Finding, count_by_severity
from acmap.report.layout import Segment, cells, visible
from acmap.report.terminal import SEVERITY_STYLE, Lines, use_colour, width
from acmap.words import plural

if TYPE_CHECKING:
    from rich.console import Console

    from acmap.analysis.portfolio import FindingsResult

_CHUNK = 1000  # lines per coloured write: a portfolio's findings stream out


def finding_segments(f: Finding) -> list[Segment]:
    """The one finding line, as styled segments (finding_line is their text)."""
    return [
        (f"{visible(f.file)}:{f.line}:{f.col}:", "bold"),
        (" ", ""),
        (f.code, SEVERITY_STYLE[f.severity]),
        (f" {f.name} ", "dim"),
        (visible(f.message), ""),
    ]


def finding_line(f: Finding) -> str:
    return "".join([text for text, _ in finding_segments(f)])


TAB_STOP = 4  # a tab in the frame becomes spaces, so the caret stays under its column


def frame(f: Finding, columns: int) -> list[list[Segment]]:
    """The code frame under a finding: its line with the line number and a caret under the
    column, control characters made visible, cut to `columns` around the caret. [] when the
    finding carries no line."""
    if f.excerpt is None:
        return []
    start, text = f.excerpt
    number = str(f.line)
    gutter = " " * len(number) + " |"
    room = max(columns - len(gutter) - 2, 10)  # a caret may stand one past the line's end
    caret = min(max(f.col - start, 0), len(text))  # its index in `text`; one past the end
    if start == 1 and len(text) <= room and text.isascii() and text.isprintable():
        shown, offset, under = text, caret, 1  # most lines: nothing to escape, expand or cut
    else:
        shown_cells = _shown_as(text, first=start > 1)
        at = caret + (1 if start > 1 else 0)  # past the "…" of a line cut at its start
        shown, offset = _window(shown_cells, at, room)
        under = cells(shown_cells[at]) if at < len(shown_cells) else 1
    empty: list[Segment] = [(gutter, "dim")]
    line: list[Segment] = [(number + " |", "dim"), (" " + shown, "")]
    carets = "^" * max(under, 1)  # as wide as what it points at (a tab, an escape)
    marker: list[Segment] = [
        (gutter, "dim"),
        (" " + " " * offset, ""),
        (carets, SEVERITY_STYLE[f.severity]),
    ]
    return [empty, line, marker]


def _shown_as(text: str, first: bool) -> list[str]:
    """What each character of the line shows as: tabs as spaces to the next stop, control
    characters escaped (`\\x1b`), wide characters kept (they count double below)."""
    parts = ["…"] if first else []
    column = 0
    for char in text:
        shown = " " * (TAB_STOP - column % TAB_STOP) if char == "\t" else visible(char)
        parts.append(shown)
        column += cells(shown)
    return parts


def _window(parts: list[str], caret: int, room: int) -> tuple[str, int]:
    """The cells that fit in `room` columns with the caret's cell among them, "…" where the
    line is cut; and the caret's offset in columns."""
    widths = [cells(cell) for cell in parts]
    if sum(widths) <= room:
        return "".join(parts), sum(widths[:caret])
    low = caret
    used = widths[caret] if caret < len(parts) else 1
    # Show some of the line before the caret (up to half the room), then fill after it.
    while low > 0 and used + widths[low - 1] <= room // 2:
        low -= 1
        used += widths[low]
    high = caret + 1
    while high < len(parts) and used + widths[high] <= room - 2:  # room for two "…"
        used += widths[high]
        high += 1
    while low > 0 and used + widths[low - 1] <= room - 2:
        low -= 1
        used += widths[low]
    head = ["…"] if low > 0 and parts[low] != "…" else []
    tail = ["…"] if high < len(parts) else []
    shown = "".join(head + parts[low:high] + tail)
    return shown, len(head) + sum(widths[low:caret])


def tally(counts: dict[str, int], *, zeros: bool = False) -> str:
    """ "1 error, 2 warnings, 3 info": severities as counted (info is never plural)."""
    return ", ".join(
        plural(n, severity, severity if severity == "info" else None)
        for severity, n in counts.items()
        if n or zeros
    )


def summary_line(files: int, findings: list[Finding]) -> str:
    counts = count_by_severity(findings)
    parts = [
        plural(files, "file"),
        plural(counts["error"], "error"),
        plural(counts["warning"], "warning"),
    ]
    if counts["info"]:
        parts.append(plural(counts["info"], "info"))
    return ", ".join(parts)


def write_findings(stream: TextIO, findings: list[Finding], frames: bool = False) -> None:
    """Plain lines, for pipes and CI logs: no rich import, so a one-file check starts fast."""
    columns = width() if frames else 0
    for f in sorted(findings, key=Finding.sort_key):
        stream.write(finding_line(f) + "\n")
        if frames:
            for line in frame(f, columns):
                stream.write("".join(text for text, _ in line).rstrip() + "\n")


def print_findings(console: Console, findings: list[Finding]) -> None:
    from rich.text import Text

    for f in sorted(findings, key=Finding.sort_key):
        console.print(Text.assemble(*finding_segments(f)), soft_wrap=True)


def to_text(result: FindingsResult) -> None:
    summary = summary_line(result.files, result.findings)
    if not use_colour():
        write_findings(sys.stdout, result.findings, frames=True)
        sys.stdout.write(summary + "\n")
        return
    counts = result.counts
    out = Lines()
    columns = width()
    for f in sorted(result.findings, key=Finding.sort_key):
        out.add(*finding_segments(f))
        for line in frame(f, columns):
            out.lines.append(line)  # made visible already (Lines.add would escape `\` again)
        if len(out.lines) >= _CHUNK:
            out.write()
    out.add(
        (summary, "bold red" if counts["error"] else "yellow" if counts["warning"] else "green")
    )
    out.write()


def to_json(result: FindingsResult) -> None:
    from acmap.report.json import write_findings_document

    summary = {"files": result.files, "valid": result.valid, **result.counts}
    write_findings_document(sys.stdout, result.findings, summary)


def to_github(result: FindingsResult) -> None:
    from acmap.report.github import write_annotations

    write_annotations(sys.stdout, result.findings)
    sys.stdout.write(summary_line(result.files, result.findings) + "\n")


REPORTERS = {"text": to_text, "json": to_json, "github": to_github}
