"""GitHub Actions workflow commands, so findings show as annotations on the pull request."""

from __future__ import annotations

from typing import TextIO

from acmap.findings import Finding

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    level = _LEVELS[finding.severity]
    title = _escape_property(f"{finding.code} {finding.name}")
    return (
        f"::{level} file={_escape_property(finding.file)},line={finding.line},"
        f"col={finding.col},title={title}::{_escape_data(finding.message)}"
    )


def write_annotations(stream: TextIO, findings: list[Finding]) -> None:
    """One workflow command per finding, in file order, written as they are made."""
    for f in sorted(findings, key=Finding.sort_key):
        stream.write(annotation(f) + "\n")
