"""GitHub-flavoured Markdown pieces for the reporters that write it."""

from __future__ import annotations


def cell(text: str) -> str:
    """Text that is safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def link(file: str, line: int) -> str:
    """`file:line`, linked to that line."""
    return f"[{cell(file)}:{line}]({file}#L{line})"
