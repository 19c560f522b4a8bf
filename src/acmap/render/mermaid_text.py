"""User text in Mermaid: the one function that puts it there, as a quoted label.

Mermaid reads a flowchart line by line, then treats a label as HTML (GitHub renders it with
securityLevel 'strict': DOMPurify, no scripts). So a label must neither end early (`"`, a
newline), nor be read as Mermaid syntax by the preprocessing that runs before the parser
(`%%{init}%%` directives, `%%` comments, `#…;` entity codes, `style …:…#…;` lines), nor as
markup (`<b>`, `&lt;`, markdown strings in backticks). Every character that is not a letter,
a digit, a space or a few plain punctuation marks becomes a numeric entity code (`#35;` for
`#`), which Mermaid turns into the HTML entity `&#35;`, and the browser into the character
itself: the reader sees the text exactly as written, and nothing in it is ever syntax.
"""

from __future__ import annotations

import unicodedata

# Plain punctuation that no step of Mermaid's reading gives a meaning inside a quoted label.
_PLAIN = frozenset(" .,-()'/")


def label_text(value: str) -> str:
    """`value` encoded for the inside of a quoted Mermaid label (`["…"]`, `|"…"|`): whitespace
    runs (newlines too) become one space, control characters are dropped (a browser would show
    them as other characters), everything but letters, digits and _PLAIN is an entity."""
    flat = " ".join(value.split())
    return "".join(
        ch if ch in _PLAIN or _is_word(ch) else f"#{ord(ch)};"
        for ch in flat
        if unicodedata.category(ch) != "Cc"
    )


def quoted(value: str) -> str:
    """User text as a whole quoted label: `"…"`."""
    return f'"{label_text(value)}"'


def _is_word(ch: str) -> bool:
    # Letters and digits of any script read as themselves; a few that are "alphanumeric" to
    # Python but special to Mermaid's preprocessing (its entity placeholders use ß and ﬂ next
    # to ° and ¶, which are always encoded, so they cannot form) stay harmless.
    return ch.isalnum() and ch.isprintable()
