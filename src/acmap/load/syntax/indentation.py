"""Indentation: a tab, a line too deep or too shallow, a `- ` item forgotten or glued to its
text, a `|` block's text not indented under its key."""

from __future__ import annotations

import re

from acmap.load.syntax.lines import (
    add_dash,
    code,
    expected_indent,
    first_words,
    holds_yaml,
    indent_of,
    is_item,
    key_column,
    key_value,
    line_above,
    without_comment,
)
from acmap.load.syntax.marks import Explained, Failure, done
from acmap.words import plural

TAB = "a tab character: YAML indents with spaces only"


def tab_near(e: Failure, line: int, col: int) -> int | None:
    """The column of the tab libyaml tripped over (at its mark or in that line's indentation)."""
    if "tab" not in e.problem and e.char(line, col) != "\t":
        return None
    text = e.line(line)
    if e.char(line, col) == "\t":
        return col
    lead = len(text) - len(text.lstrip(" \t"))
    tab = text.find("\t", 0, lead)
    return tab if tab >= 0 else (col if "tab" in e.problem else None)


def missing_dash(e: Failure, line: int) -> bool:
    """Is `line` at the indentation of the `- ` items just above it, without a `- ` itself?"""
    text = e.line(line)
    indent = indent_of(text)
    if text[indent:].startswith("-"):
        return False
    number = line_above(e, line)
    while number is not None:
        above = e.line(number)
        if indent_of(above) < indent:
            return False
        if indent_of(above) == indent:
            return above[indent:].startswith("- ") or above[indent:].rstrip() == "-"
        number = line_above(e, number)
    return False


def block_scalar_above(e: Failure, line: int) -> int | None:
    """The key column of `key: |` (or `>`, `|-`, ...) just above `line`, when `line` is not
    deeper than that key: its text, not indented."""
    number = line_above(e, line)
    if number is None:
        return None
    above = without_comment(e.line(number))
    if re.search(r":\s+[|>][-+0-9]*$", above) is None:
        return None
    column = key_column(above)
    return column if indent_of(e.line(line)) <= column else None


def opens_block(e: Failure, line: int) -> bool:
    """Is the next line with YAML deeper, or a `- ` item as deep: the values of a key?"""
    indent = indent_of(e.line(line))
    for number in range(line + 1, len(e.lines)):
        text = e.line(number)
        if holds_yaml(text):
            return indent_of(text) > indent or (indent_of(text) == indent and is_item(text))
    return False


def indentation(e: Failure, line: int, expected: int | None = None) -> Explained:
    text = e.line(line)
    indent = indent_of(text)
    expected = expected_indent(e, line) if expected is None else expected
    number = line_above(e, line)
    spaces = plural(indent, "space")
    message = f"wrong indentation: {code(first_words(text))} is indented {spaces}"
    if expected is not None and number is not None and expected != indent:
        above = e.line(number)
        neighbour = code(first_words(above))
        message += f", {neighbour} above it {indent_of(above)}"
        return done(e, line, indent, f"{message}; indent it {plural(expected, 'space')}")
    return done(e, line, indent, f"{message}; line it up with the keys it belongs with")


def no_space_after_dash(e: Failure, line: int) -> Explained | None:
    """`-id: mlee`: a dash glued to the item (YAML needs `- `)."""
    text = e.line(line)
    indent = indent_of(text)
    if text[indent : indent + 1] != "-" or text[indent + 1 : indent + 2] in ("", " ", "-"):
        return None
    fixed = "- " + without_comment(text[indent + 1 :])
    return done(e, line, indent, f"missing space after `-`; write {code(fixed)}")


def not_an_item(e: Failure, line: int, dash_col: int) -> Explained:
    """Inside a `- ` list libyaml met a line that is not an item."""
    glued = no_space_after_dash(e, line)
    if glued is not None:
        return glued
    text = e.line(line)
    indent = indent_of(text)
    if not is_item(text) and text[indent:].startswith(("{", "[")):
        return done(e, line, indent, f"a list item without `- `; {add_dash(e, line)}")
    if not is_item(text) and indent == dash_col:
        pair = key_value(without_comment(text[indent:]))
        if pair is None or pair[0] in _keys_of_item_above(e, line, dash_col):
            # `id:` again: a new item whose `- ` was forgotten.
            return done(e, line, indent, f"a list item without `- `; {add_dash(e, line)}")
        return indentation(e, line, dash_col + 2)  # a key of the item above, indented short
    return indentation(e, line, dash_col if is_item(text) else None)


def _keys_of_item_above(e: Failure, line: int, dash_col: int) -> set[str]:
    """The keys of the `- ` item that `line` follows (the list's items start at `dash_col`)."""
    keys: set[str] = set()
    for number in range(line - 1, -1, -1):
        text = e.line(number)
        if not holds_yaml(text):
            continue
        if indent_of(text) < dash_col:
            break
        column = key_column(text)
        if column == dash_col + 2:
            pair = key_value(without_comment(text[column:])) or (text[column:].split(":")[0], "")
            keys.add(pair[0])
        if indent_of(text) == dash_col and is_item(text):
            break
    return keys
