"""How reports name a repository path: the one name for text, Markdown and JSON alike.

A path is bytes to git and may hold newlines, terminal escapes or bytes that are not UTF-8; a
report must stay valid UTF-8 and one line per name, and say which file it means. So a path that
is not plain text is shown as git shows it (quoted, C escapes, octal bytes; acmap also escapes
the invisible and line-breaking characters git leaves raw): a JSON consumer gets the same
string a terminal shows.
"""

from __future__ import annotations

import os

# How reports name a path that is not plain text: as git quotes it (core.quotePath=false).
_NAMED = {
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
}
_HIDDEN = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))  # controls, format marks, surrogates, breaks


def shown(path: str) -> str:
    """How reports name a repository path: as it is when it is plain text; otherwise in double
    quotes with C escapes, as git quotes it: `\\n`, `\\t`, `\\"`, `\\\\`, and every other control
    or invisible character, line or paragraph separator, and every byte that is not UTF-8 as
    octal bytes (`"maps/caf\\351.yaml"`). Always valid UTF-8, one line, and no two paths alike."""
    import unicodedata

    text = os.fsencode(path).decode("utf-8", "surrogateescape")
    if not any(c in _NAMED or unicodedata.category(c) in _HIDDEN for c in text):
        return text
    parts: list[str] = []
    for c in text:
        if c in _NAMED:
            parts.append(_NAMED[c])
        elif unicodedata.category(c) in _HIDDEN:
            parts.extend(f"\\{b:03o}" for b in c.encode("utf-8", "surrogateescape"))
        else:
            parts.append(c)
    return '"' + "".join(parts) + '"'
