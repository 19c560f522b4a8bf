"""Keys: a `:` missing or glued to its value, a `: ` inside a value, something that is not a key
where one was expected (items under `key: []`, a stray `- `), a list started on its key's line."""

from __future__ import annotations

import re

from acmap.load.syntax.indentation import (
    block_scalar_above,
    indentation,
    missing_dash,
    no_space_after_dash,
    opens_block,
)
from acmap.load.syntax.lines import (
    FIELD,
    add_dash,
    code,
    expected_indent,
    indent_of,
    key_column,
    key_value,
    line_above,
    pair_of,
    quoted,
    without_comment,
    word,
)
from acmap.load.syntax.marks import Explained, Failure, done
from acmap.load.syntax.quotes import after_value
from acmap.words import plural


def no_colon(e: Failure, line: int, col: int) -> Explained:
    """libyaml read a key and never found its `:` (it notices on a later line)."""
    text = e.line(line)
    body = without_comment(text[col:])
    block = block_scalar_above(e, line)
    if block is not None:
        deeper = plural(block + 2, "space")
        message = "the text of a `|` or `>` block must be indented deeper than its key"
        return done(e, line, indent_of(text), f"{message}; indent this line {deeper}")
    if missing_dash(e, line) and not opens_block(e, line):
        return done(e, line, indent_of(text), f"a list item without `- `; {add_dash(e, line)}")
    glued = re.match(r"([^\s:]+):(?=[^\s:/])", body)
    if glued:
        key = glued.group(1)
        fixed = f"{key}: {body[glued.end() :]}"
        message = f"missing space after ':' in {word(body)}; write {code(fixed)}"
        return done(e, line, col + glued.end() - 1, message)
    if body.startswith(("{", "[")):
        message = "a `{...}` or `[...]` where a key was expected; is a `- ` missing before it?"
        return done(e, line, col, message)
    words = body.split(None, 1)
    key = words[0] if words else body
    fixed = f"{key}: {words[1]}" if len(words) > 1 else f"{key}:"
    return done(e, line, col, f"missing ':' after the key {code(key)}; write {code(fixed)}")


def colon_in_value(e: Failure, line: int, col: int) -> Explained:
    """`: ` where libyaml did not expect a key: inside a value, or a key indented too deep."""
    text = e.line(line)
    start = key_column(text)
    pair = key_value(without_comment(text[start:]))
    if pair is not None and start + len(pair[0]) < col:
        fixed = f"{pair[0]}: {quoted(pair[1])}"
        message = "': ' inside a value (YAML reads it as a key)"
        return done(e, line, col, f"{message}; quote the value: {code(fixed)}")
    expected = expected_indent(e, line)
    if expected is not None and indent_of(text) > expected:
        if pair is not None and not FIELD.fullmatch(pair[0]):
            # Words, not a field name: the text of the value above, continued with a ': '.
            message = "': ' inside a value continued from the line above"
            return done(e, line, col, f"{message}; put the whole value in quotes")
        return indentation(e, line)
    return done(
        e, line, col, "': ' where YAML did not expect a key; quote the value if it holds ': '"
    )


def not_a_key(e: Failure, line: int, col: int, mapping_col: int) -> Explained:
    """Inside a block mapping libyaml met something that is not a key."""
    text = e.line(line)
    indent = indent_of(text)
    empty = _empty_flow_above(e, line)
    if empty is not None and col == indent:
        number, start, key = empty
        brackets = e.line(number)[start : start + 2]
        message = f"items under {code(key + ': ' + brackets)}, which says the list is empty"
        return done(e, number, start, f"{message}; remove the {code(brackets)}")
    if e.char(line, col) in ("]", "}") or col > indent:
        return after_value(e, line, col)
    glued = no_space_after_dash(e, line)
    if glued is not None:
        return glued
    if text[indent:].startswith("- ") or text[indent:].rstrip() == "-":
        message = "a list item `- ` where a key was expected"
        hint = "remove the `- `, or put the item under a key that holds a list"
        return done(e, line, indent, f"{message}; {hint}")
    if indent != mapping_col:
        return indentation(e, line)
    return done(e, line, col, "expected a key (`name: value`) here")


def _empty_flow_above(e: Failure, line: int) -> tuple[int, int, str] | None:
    """`key: []` (or `{}`) on the line above, as the `new` template writes them: (line, column
    of the brackets, key)."""
    number = line_above(e, line)
    if number is None:
        return None
    above = without_comment(e.line(number))
    found = re.search(r"^(\s*(?:- )*)([^\s:][^:]*):\s*(\[\s*\]|\{\s*\})$", above)
    if not found:
        return None
    text = e.line(line)
    indent = indent_of(text)
    if indent > len(found.group(1)) or (
        indent == len(found.group(1)) and text[indent:].startswith("-")
    ):
        return number, found.start(3), found.group(2)
    return None


def item_after_key(e: Failure, line: int, col: int) -> Explained:
    """`roles: - champion`: a block list cannot start on its key's line."""
    text = e.line(line)
    message = "a list item `- ` cannot follow a key on the same line"
    hint = "put each item on its own line below the key"
    pair = pair_of(text)
    if pair is not None and pair[1].startswith("- "):
        hint += f", or write {code(f'{pair[0]}: [{pair[1][2:].strip()}]')}"
    return done(e, line, col, f"{message}; {hint}")
