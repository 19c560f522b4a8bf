"""The lines around libyaml's mark, and the snippets a hint quotes from them.

Only hints are made from these: a `#` inside quotes may be taken for a comment, a line is split
at its first `: `. Good enough to show a rep the fixed line, never used to read the map.
"""

from __future__ import annotations

import re

from acmap.load.syntax.marks import Failure

HINT_ROOM = 72  # a hint quoting a longer line is cut to its start: the frame shows the rest
QUOTES = ('"', "'")
FIELD = re.compile(r"[a-z][a-z0-9_-]*")  # what a key of the format looks like


def indent_of(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def holds_yaml(text: str) -> bool:
    """A line that holds YAML (not blank, not only a comment)."""
    body = text.strip(" \t")
    return bool(body) and not body.startswith("#")


def line_above(e: Failure, line: int) -> int | None:
    """The nearest line above `line` that holds YAML."""
    for number in range(line - 1, -1, -1):
        if holds_yaml(e.line(number)):
            return number
    return None


def key_column(text: str) -> int:
    """Where the first key of a line starts: after its indentation and any `- ` markers."""
    col = indent_of(text)
    while text[col : col + 2] == "- " or text[col:].rstrip() == "-":
        col += 2
        while text[col : col + 1] == " ":
            col += 1
    return col


def without_comment(text: str) -> str:
    """The line without a trailing ` # comment` (a `#` in quotes may be cut too: only hints
    are made from this)."""
    cut = re.search(r"(?:^|[ \t])#", text)
    return (text[: cut.start()] if cut else text).rstrip()


def key_value(body: str) -> tuple[str, str] | None:
    """(key, value) of `key: value`, or None."""
    key, colon, value = body.partition(": ")
    if not colon or not key or key.startswith(("-", "[", "{", '"', "'")):
        return None
    return key, value.strip()


def pair_of(text: str) -> tuple[str, str] | None:
    """(key, value) of a line's first `key: value`, after its `- ` markers."""
    return key_value(without_comment(text[key_column(text) :]))


def is_item(text: str) -> bool:
    body = text.lstrip(" ")
    return body.startswith("- ") or body.rstrip() == "-"


def first_words(text: str) -> str:
    """The start of a line, to name it: `title:`, `- {id:`."""
    words = text.split()
    return " ".join(words[:2]) if words[:1] == ["-"] else (words[0] if words else "")


def expected_indent(e: Failure, line: int) -> int | None:
    """How deep `line` would be indented to go on from the line above (None: no line above):
    a `- ` item lines up with the `- ` above it, a key with the keys of the line above."""
    number = line_above(e, line)
    if number is None:
        return None
    previous = without_comment(e.line(number))
    if is_item(e.line(line)) and is_item(previous):
        return indent_of(previous)
    column = key_column(previous)
    return column + 2 if previous.endswith(":") else column


# --- snippets for hints ---------------------------------------------------------------------


def quoted(value: str) -> str:
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def code(snippet: str) -> str:
    snippet = snippet.strip()
    if len(snippet) > HINT_ROOM:
        snippet = snippet[: HINT_ROOM - 1].rstrip() + "…"
    return f"`{snippet}`"


def word(text: str) -> str:
    return code(text.split()[0] if text.split() else text)


def close_hint(text: str, closer: str) -> str:
    return f"end the value with {closer}: {code(without_comment(text) + closer)}"


def add_dash(e: Failure, line: int) -> str:
    text = e.line(line)
    start = indent_of(text)
    return f"start it with `- `: {code('- ' + without_comment(text[start:]))}"
