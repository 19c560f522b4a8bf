"""Findings for people: `file:line:col: CODE name message`, coloured by severity on a terminal;
and the `findings` subject of `acmap validate` (text, json, github)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from acmap.findings import Finding, count_by_severity
from acmap.report.terminal import SEVERITY_STYLE, Lines, Segment, use_colour, visible
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


def write_findings(stream: TextIO, findings: list[Finding]) -> None:
    """Plain lines, for pipes and CI logs: no rich import, so a one-file check starts fast."""
    for f in sorted(findings, key=Finding.sort_key):
        stream.write(finding_line(f) + "\n")


def print_findings(console: Console, findings: list[Finding]) -> None:
    from rich.text import Text

    for f in sorted(findings, key=Finding.sort_key):
        console.print(Text.assemble(*finding_segments(f)), soft_wrap=True)


def to_text(result: FindingsResult) -> None:
    summary = summary_line(result.files, result.findings)
    if not use_colour():
        write_findings(sys.stdout, result.findings)
        sys.stdout.write(summary + "\n")
        return
    counts = result.counts
    out = Lines()
    for f in sorted(result.findings, key=Finding.sort_key):
        out.add(*finding_segments(f))
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
