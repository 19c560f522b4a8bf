"""GitHub-flavoured Markdown pieces for the reporters that write it.

Markdown from acmap lands in job summaries and pull-request comments, and maps come from pull
requests: a name like `<a href=…>`, `[x](https://…)`, `![](…)` (a tracking pixel), `&lt;` or a
bare `https://…`, `www.…` or `a@b.example` (GitHub links those by itself) must show as written,
never as markup or a link. So the characters that start Markdown or HTML are backslash-escaped
(CommonMark shows each as itself), the runs GitHub's autolinker looks for are broken by an escape
(a backslash before the `:` of `://`, the dot after `www` and every `@`), line breaks become
spaces, and control characters are spelled out as they are for the terminal.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from acmap.report.layout import visible

_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#~&"})
_AUTOLINK = re.compile(r"(?i)(?<=www)\.|:(?=//)|@")


def text(value: str) -> str:
    """User text that Markdown (a paragraph, a heading, a list item or a table cell) shows
    exactly as written."""
    flat = visible(value).replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return _AUTOLINK.sub(lambda m: "\\" + m.group(), flat.translate(_SPECIAL))


cell = text  # the same rules hold inside a table cell (`|` is escaped with the others)


def code(value: str) -> str:
    """User text inside a code span: a backtick would end it, a line break split it."""
    return visible(value).replace("`", "'").replace("\n", " ").replace("\r", " ")


def link(file: str, line: int) -> str:
    """`file:line`, linked to that line of the file (the target percent-encoded, so a file
    name cannot close the link or point it elsewhere)."""
    return f"[{text(file)}:{line}]({quote(file)}#L{line})"
