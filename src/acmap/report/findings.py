"""Findings for people: `file:line:col: CODE name message`, coloured by severity on a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from acmap.findings import Finding, count_by_severity

if TYPE_CHECKING:
    from rich.console import Console

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


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


def finding_line(f: Finding) -> str:
    return f"{f.file}:{f.line}:{f.col}: {f.code} {f.name} {f.message}"


def write_findings(stream: TextIO, findings: list[Finding]) -> None:
    """Plain lines, for pipes and CI logs: no rich import, so a one-file check starts fast."""
    for f in sorted(findings, key=Finding.sort_key):
        stream.write(finding_line(f) + "\n")


def print_findings(console: Console, findings: list[Finding]) -> None:
    from rich.text import Text

    for f in sorted(findings, key=Finding.sort_key):
        line = Text()
        line.append(f"{f.file}:{f.line}:{f.col}:", style="bold")
        line.append(" ")
        line.append(f.code, style=SEVERITY_STYLE[f.severity])
        line.append(f" {f.name} ", style="dim")
        line.append(f.message)
        console.print(line, soft_wrap=True)
