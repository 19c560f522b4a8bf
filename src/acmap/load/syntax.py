"""A YAML syntax error explained: where the mistake itself is, in plain words, with a fix.

libyaml stops where it can no longer go on, which is often past the mistake: a missing colon is
seen on the next line, an unclosed `[` or quote where the file ends. Its marks and words are
read here together with the lines around them to name the line and column a rep has to change
and say how, in one line. Only files that fail to parse come here, so this may re-scan their
text; it never raises (anything unforeseen falls back to libyaml's own words at its mark).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from acmap.words import plural

Explained = tuple[int, int, str]  # 1-based line and column, and the message

# The line breaks libyaml counts (YAML 1.1): CRLF, CR, LF, NEL, LS and PS.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_HINT_ROOM = 72  # a hint quoting a longer line is cut to its start: the frame shows the rest
_QUOTES = ('"', "'")
_FIELD = re.compile(r"[a-z][a-z0-9_-]*")  # what a key of the format looks like
TAB = "a tab character: YAML indents with spaces only"


def explain(text: str, error: BaseException) -> Explained:
    """(line, col, message) for a ruamel YAMLError raised while composing `text`."""
    try:
        return _explain(text, error)
    except Exception:  # an explanation must never be the thing that crashes
        return _fallback(text, error)


class _Error:
    """What libyaml said, 0-based, with the file's lines (split as libyaml counts them)."""

    def __init__(self, text: str, error: Any) -> None:
        self.text = text
        self.lines = LINE_BREAK.split(text)
        self.problem: str = getattr(error, "problem", None) or ""
        self.context: str = getattr(error, "context", None) or ""
        mark = getattr(error, "problem_mark", None)
        context = getattr(error, "context_mark", None)
        self.at = _spot(mark or context)
        self.context_at = _spot(context) if context is not None else None

    def line(self, number: int) -> str:
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def char(self, line: int, col: int) -> str:
        return self.line(line)[col : col + 1]


def _spot(mark: Any) -> tuple[int, int]:
    if mark is None:
        return (0, 0)
    return (int(mark.line), int(mark.column))


def _explain(text: str, error: Any) -> Explained:
    e = _Error(text, error)
    if (
        getattr(error, "problem_mark", None) is None
        and getattr(error, "context_mark", None) is None
    ):
        return _reader_error(text, error)
    line, col = e.at
    tab = _tab_near(e, line, col)
    if tab is not None:
        return _done(e, line, tab, f"{TAB}; replace it with spaces")
    if "single document" in e.context:
        return _done(e, line, col, "more than one YAML document: a map file holds exactly one")
    quoted = _quote_run_on(e)
    if quoted is not None:
        return quoted
    explained = None
    for words, explainer in _EXPLAINERS:
        if e.problem.startswith(words):
            explained = explainer(e)
            break
    if explained is None and ("anchor" in e.context or "alias" in e.context):
        explained = _anchor(e, line, col)
    return explained or _fallback(text, error)


def _with_context(
    explainer: Callable[[_Error, int, int], Explained],
) -> Callable[[_Error], Explained | None]:
    """An explainer of the place libyaml's context mark names (where a key, bracket or
    quote began), or None without one."""
    return lambda e: explainer(e, *e.context_at) if e.context_at is not None else None


def _at_mark(
    explainer: Callable[[_Error, int, int], Explained | None],
) -> Callable[[_Error], Explained | None]:
    return lambda e: explainer(e, *e.at)


def _done(e: _Error, line: int, col: int, message: str) -> Explained:
    """1-based, kept inside the file (a mark past the last line names the last one)."""
    line = min(max(line, 0), max(len(e.lines) - 1, 0))
    col = min(max(col, 0), len(e.line(line)))
    return (line + 1, col + 1, message)


def _fallback(text: str, error: Any) -> Explained:
    """libyaml's words at its mark, as acmap reported them before these explanations."""
    try:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        if mark is None:
            return _reader_error(text, error)
        problem = getattr(error, "problem", None) or "not valid YAML"
        context = getattr(error, "context", None)
        message = f"{problem} ({context})" if context else str(problem)
        lines = LINE_BREAK.split(text)
        line = min(max(int(mark.line), 0), len(lines) - 1)
        return (line + 1, min(max(int(mark.column), 0), len(lines[line])) + 1, message)
    except Exception:
        return (1, 1, "not valid YAML")


def _reader_error(text: str, error: Any) -> Explained:
    """The reader's errors (a character YAML does not allow) carry an offset, not a mark."""
    position = getattr(error, "position", None)
    line, col = 1, 1
    if isinstance(position, int) and position >= 0:
        # libyaml counts bytes of the UTF-8 text; the column is in characters.
        if not text.isascii():
            raw = text.encode("utf-8", "surrogatepass")[:position]
            position = len(raw.decode("utf-8", "ignore"))
        before = LINE_BREAK.split(text[:position])
        line, col = len(before), len(before[-1]) + 1
    reason = getattr(error, "reason", None) or (str(error).splitlines() or ["not valid YAML"])[0]
    character = getattr(error, "character", None)
    if isinstance(character, int):
        reason = f"{reason}: character U+{character:04X}"
    return (line, col, str(reason))


# --- the lines around the mark ------------------------------------------------------------


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _content(text: str) -> bool:
    """A line that holds YAML (not blank, not only a comment)."""
    body = text.strip(" \t")
    return bool(body) and not body.startswith("#")


def _above(e: _Error, line: int) -> int | None:
    """The nearest line above `line` that holds YAML."""
    for number in range(line - 1, -1, -1):
        if _content(e.line(number)):
            return number
    return None


def _key_column(text: str) -> int:
    """Where the first key of a line starts: after its indentation and any `- ` markers."""
    col = _indent(text)
    while text[col : col + 2] == "- " or text[col:].rstrip() == "-":
        col += 2
        while text[col : col + 1] == " ":
            col += 1
    return col


def _without_comment(text: str) -> str:
    """The line without a trailing ` # comment` (a `#` in quotes may be cut too: only hints
    are made from this)."""
    cut = re.search(r"(?:^|[ \t])#", text)
    return (text[: cut.start()] if cut else text).rstrip()


def _split(body: str) -> tuple[str, str] | None:
    """(key, value) of `key: value`, or None."""
    key, colon, value = body.partition(": ")
    if not colon or not key or key.startswith(("-", "[", "{", '"', "'")):
        return None
    return key, value.strip()


def _quoted(value: str) -> str:
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _code(snippet: str) -> str:
    snippet = snippet.strip()
    if len(snippet) > _HINT_ROOM:
        snippet = snippet[: _HINT_ROOM - 1].rstrip() + "…"
    return f"`{snippet}`"


def _word(text: str) -> str:
    return _code(text.split()[0] if text.split() else text)


# --- the mistakes -------------------------------------------------------------------------


def _tab_near(e: _Error, line: int, col: int) -> int | None:
    """The column of the tab libyaml tripped over (at its mark or in that line's indentation)."""
    if "tab" not in e.problem and e.char(line, col) != "\t":
        return None
    text = e.line(line)
    if e.char(line, col) == "\t":
        return col
    lead = len(text) - len(text.lstrip(" \t"))
    tab = text.find("\t", 0, lead)
    return tab if tab >= 0 else (col if "tab" in e.problem else None)


def _quote_run_on(e: _Error) -> Explained | None:
    """A quote left open that a later quote closed: libyaml fails on that later line, after a
    quoted value that spans lines. Blame the quote that opened it."""
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]

    error_line = e.at[0]
    last: Any = None
    parser = CParser(e.text)
    try:
        while True:
            token = parser.get_token()
            if token is None or token.start_mark.line > error_line:
                break
            if getattr(token, "style", None) in _QUOTES:
                last = token
    except Exception:  # the scanner stops where it fails: what it saw is enough
        pass
    finally:
        parser.dispose()
    if last is None or last.start_mark.line == last.end_mark.line:
        return None
    if last.end_mark.line != error_line:
        return None
    line, col = last.start_mark.line, last.start_mark.column
    quote = last.style
    where = f"it runs on to line {last.end_mark.line + 1}"
    return _done(
        e,
        line,
        col,
        f"unclosed quote: the {quote} opened here is not closed ({where})"
        f"; {_close_hint(e.line(line), quote)}",
    )


def _close_hint(text: str, closer: str) -> str:
    return f"end the value with {closer}: {_code(_without_comment(text) + closer)}"


def _quote_ended(e: _Error) -> Explained | None:
    """The end of the file inside a quoted value: the quote that opened it is not closed."""
    if "quoted scalar" not in e.context or e.context_at is None:
        return None
    return _unclosed_quote(e, *e.context_at)


def _unclosed_quote(e: _Error, line: int, col: int) -> Explained:
    quote = e.char(line, col) or '"'
    message = f"unclosed quote: the {quote} opened here is never closed"
    text = _without_comment(e.line(line))
    # Inside `{...}` or `[...]` the quote closes before the brackets that end the line.
    open_brackets = sum(text[:col].count(c) for c in "[{") - sum(text[:col].count(c) for c in "]}")
    closers = len(text) - len(text.rstrip("]}"))
    keep = min(max(open_brackets, 0), closers)
    fixed = text[: len(text) - keep] + quote + text[len(text) - keep :]
    return _done(e, line, col, f"{message}; end the value with {quote}: {_code(fixed)}")


def _document_end(e: _Error, line: int, col: int) -> Explained | None:
    """`...` ends a YAML document: whatever follows it is not part of the map."""
    number = _above(e, line)
    if number is None or e.line(number).strip() != "...":
        return None
    return _done(e, number, 0, "`...` ends the YAML document here; delete this line")


def _missing_dash(e: _Error, line: int) -> bool:
    """Is `line` at the indentation of the `- ` items just above it, without a `- ` itself?"""
    text = e.line(line)
    indent = _indent(text)
    if text[indent:].startswith("-"):
        return False
    number = _above(e, line)
    while number is not None:
        above = e.line(number)
        if _indent(above) < indent:
            return False
        if _indent(above) == indent:
            return above[indent:].startswith("- ") or above[indent:].rstrip() == "-"
        number = _above(e, number)
    return False


def _block_scalar_above(e: _Error, line: int) -> int | None:
    """The key column of `key: |` (or `>`, `|-`, ...) just above `line`, when `line` is not
    deeper than that key: its text, not indented."""
    number = _above(e, line)
    if number is None:
        return None
    above = _without_comment(e.line(number))
    if re.search(r":\s+[|>][-+0-9]*$", above) is None:
        return None
    column = _key_column(above)
    return column if _indent(e.line(line)) <= column else None


def _opens_block(e: _Error, line: int) -> bool:
    """Is the next line with YAML deeper, or a `- ` item as deep: the values of a key?"""
    indent = _indent(e.line(line))
    for number in range(line + 1, len(e.lines)):
        text = e.line(number)
        if _content(text):
            return _indent(text) > indent or (_indent(text) == indent and _is_item(text))
    return False


def _add_dash(e: _Error, line: int) -> str:
    text = e.line(line)
    indent = _indent(text)
    return f"start it with `- `: {_code('- ' + _without_comment(text[indent:]))}"


def _no_colon(e: _Error, line: int, col: int) -> Explained:
    """libyaml read a key and never found its `:` (it notices on a later line)."""
    text = e.line(line)
    body = _without_comment(text[col:])
    block = _block_scalar_above(e, line)
    if block is not None:
        deeper = plural(block + 2, "space")
        message = "the text of a `|` or `>` block must be indented deeper than its key"
        return _done(e, line, _indent(text), f"{message}; indent this line {deeper}")
    if _missing_dash(e, line) and not _opens_block(e, line):
        return _done(e, line, _indent(text), f"a list item without `- `; {_add_dash(e, line)}")
    glued = re.match(r"([^\s:]+):(?=[^\s:/])", body)
    if glued:
        key = glued.group(1)
        fixed = f"{key}: {body[glued.end() :]}"
        message = f"missing space after ':' in {_word(body)}; write {_code(fixed)}"
        return _done(e, line, col + glued.end() - 1, message)
    if body.startswith(("{", "[")):
        message = "a `{...}` or `[...]` where a key was expected; is a `- ` missing before it?"
        return _done(e, line, col, message)
    words = body.split(None, 1)
    key = words[0] if words else body
    fixed = f"{key}: {words[1]}" if len(words) > 1 else f"{key}:"
    return _done(e, line, col, f"missing ':' after the key {_code(key)}; write {_code(fixed)}")


def _closes_on(text: str, start: int) -> bool:
    """Does the `[` or `{` at `start` close on its own line (quotes skipped)?"""
    depth, quote = 0, ""
    for char in text[start:]:
        if quote:
            quote = "" if char == quote else quote
        elif char in _QUOTES:
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return True
        elif char == "#":
            break
    return False


def _unclosed_flow(e: _Error, line: int, col: int) -> Explained:
    """A `[...]` or `{...}` that libyaml could not finish: never closed, or missing a comma."""
    opener = e.char(line, col) or "["
    closer = "]" if opener == "[" else "}"
    kind = "list" if opener == "[" else "mapping"
    text = e.line(line)
    at_line, at_col = e.at
    if at_line == line and _closes_on(text, col):
        before = text[col + 1 : at_col]
        last = before.split(",")[-1]
        words = last.strip().split(" ")
        if e.char(at_line, at_col) == ":" and len(words) > 1:
            start = col + 1 + before.rfind(words[-1])
            message = f"missing ',' before {_code(words[-1])} inside the {opener}...{closer}"
            return _done(e, line, start, message)
        message = f"expected ',' or '{closer}' here, inside the {opener}...{closer}"
        return _done(e, at_line, at_col, f"{message}; quote a value that holds ': ' or ','")
    message = f"unclosed '{opener}': the {kind} opened here is never closed with '{closer}'"
    if _without_comment(text).endswith(","):  # it goes on below: the end is further down
        return _done(e, line, col, f"{message}; add '{closer}' after its last item")
    return _done(e, line, col, f"{message}; {_close_hint(text, closer)}")


def _expected_indent(e: _Error, line: int) -> int | None:
    """How deep `line` would be indented to go on from the line above (None: no line above):
    a `- ` item lines up with the `- ` above it, a key with the keys of the line above."""
    number = _above(e, line)
    if number is None:
        return None
    above = _without_comment(e.line(number))
    if _is_item(e.line(line)) and _is_item(above):
        return _indent(above)
    column = _key_column(above)
    return column + 2 if above.endswith(":") else column


def _is_item(text: str) -> bool:
    body = text.lstrip(" ")
    return body.startswith("- ") or body.rstrip() == "-"


def _first_words(text: str) -> str:
    """The start of a line, to name it: `title:`, `- {id:`."""
    words = text.split()
    return " ".join(words[:2]) if words[:1] == ["-"] else (words[0] if words else "")


def _indentation(e: _Error, line: int, expected: int | None = None) -> Explained:
    text = e.line(line)
    indent = _indent(text)
    expected = _expected_indent(e, line) if expected is None else expected
    number = _above(e, line)
    spaces = plural(indent, "space")
    message = f"wrong indentation: {_code(_first_words(text))} is indented {spaces}"
    if expected is not None and number is not None and expected != indent:
        above = e.line(number)
        neighbour = _code(_first_words(above))
        message += f", {neighbour} above it {_indent(above)}"
        return _done(e, line, indent, f"{message}; indent it {plural(expected, 'space')}")
    return _done(e, line, indent, f"{message}; line it up with the keys it belongs with")


def _no_space_after_dash(e: _Error, line: int) -> Explained | None:
    """`-id: mlee`: a dash glued to the item (YAML needs `- `)."""
    text = e.line(line)
    indent = _indent(text)
    if text[indent : indent + 1] != "-" or text[indent + 1 : indent + 2] in ("", " ", "-"):
        return None
    fixed = "- " + _without_comment(text[indent + 1 :])
    return _done(e, line, indent, f"missing space after `-`; write {_code(fixed)}")


def _not_an_item(e: _Error, line: int, dash_col: int) -> Explained:
    """Inside a `- ` list libyaml met a line that is not an item."""
    glued = _no_space_after_dash(e, line)
    if glued is not None:
        return glued
    text = e.line(line)
    indent = _indent(text)
    if not _is_item(text) and text[indent:].startswith(("{", "[")):
        return _done(e, line, indent, f"a list item without `- `; {_add_dash(e, line)}")
    if not _is_item(text) and indent == dash_col:
        pair = _split(_without_comment(text[indent:]))
        if pair is None or pair[0] in _keys_of_item_above(e, line, dash_col):
            # `id:` again: a new item whose `- ` was forgotten.
            return _done(e, line, indent, f"a list item without `- `; {_add_dash(e, line)}")
        return _indentation(e, line, dash_col + 2)  # a key of the item above, indented short
    return _indentation(e, line, dash_col if _is_item(text) else None)


def _keys_of_item_above(e: _Error, line: int, dash_col: int) -> set[str]:
    """The keys of the `- ` item that `line` follows (the list's items start at `dash_col`)."""
    keys: set[str] = set()
    for number in range(line - 1, -1, -1):
        text = e.line(number)
        if not _content(text):
            continue
        if _indent(text) < dash_col:
            break
        column = _key_column(text)
        if column == dash_col + 2:
            pair = _split(_without_comment(text[column:])) or (text[column:].split(":")[0], "")
            keys.add(pair[0])
        if _indent(text) == dash_col and _is_item(text):
            break
    return keys


def _empty_flow_above(e: _Error, line: int) -> tuple[int, int, str] | None:
    """`key: []` (or `{}`) on the line above, as the `new` template writes them: (line, column
    of the brackets, key)."""
    number = _above(e, line)
    if number is None:
        return None
    above = _without_comment(e.line(number))
    found = re.search(r"^(\s*(?:- )*)([^\s:][^:]*):\s*(\[\s*\]|\{\s*\})$", above)
    if not found:
        return None
    text = e.line(line)
    indent = _indent(text)
    if indent > len(found.group(1)) or (
        indent == len(found.group(1)) and text[indent:].startswith("-")
    ):
        return number, found.start(3), found.group(2)
    return None


def _not_a_key(e: _Error, line: int, col: int, mapping_col: int) -> Explained:
    """Inside a block mapping libyaml met something that is not a key."""
    text = e.line(line)
    indent = _indent(text)
    empty = _empty_flow_above(e, line)
    if empty is not None and col == indent:
        number, start, key = empty
        brackets = e.line(number)[start : start + 2]
        message = f"items under {_code(key + ': ' + brackets)}, which says the list is empty"
        return _done(e, number, start, f"{message}; remove the {_code(brackets)}")
    if e.char(line, col) in ("]", "}") or col > indent:
        return _after_value(e, line, col)
    glued = _no_space_after_dash(e, line)
    if glued is not None:
        return glued
    if text[indent:].startswith("- ") or text[indent:].rstrip() == "-":
        message = "a list item `- ` where a key was expected"
        hint = "remove the `- `, or put the item under a key that holds a list"
        return _done(e, line, indent, f"{message}; {hint}")
    if indent != mapping_col:
        return _indentation(e, line)
    return _done(e, line, col, "expected a key (`name: value`) here")


def _after_value(e: _Error, line: int, col: int) -> Explained:
    """Something left on a line after its value ended (a closing quote or bracket)."""
    text = e.line(line)
    char = text[col : col + 1]
    if char in ("]", "}"):
        opener = "[" if char == "]" else "{"
        return _done(e, line, col, f"an extra '{char}' with no '{opener}' open; remove it")
    before = text[:col].rstrip()
    ended = before[-1:]
    pair = _split(_without_comment(text[_key_column(text) :]))
    if ended == "'" and pair is not None and "'" in pair[1][1:]:
        fixed = f'{pair[0]}: "{pair[1][1:-1] if pair[1].endswith(chr(39)) else pair[1][1:]}"'
        message = "an apostrophe ends this single-quoted value"
        hint = f"write it twice (`''`), or use double quotes: {_code(fixed)}"
        return _done(e, line, len(before) - 1, f"{message}; {hint}")
    what = "quote" if ended in _QUOTES else f"'{ended}'" if ended in ("]", "}") else "value"
    message = f"text after the closing {what}"
    if pair is not None:
        fixed = f"{pair[0]}: {_quoted(pair[1])}"
        return _done(e, line, col, f"{message}; quote the whole value: {_code(fixed)}")
    return _done(e, line, col, f"{message}; quote the whole value")


def _colon_in_value(e: _Error, line: int, col: int) -> Explained:
    """`: ` where libyaml did not expect a key: inside a value, or a key indented too deep."""
    text = e.line(line)
    start = _key_column(text)
    pair = _split(_without_comment(text[start:]))
    if pair is not None and start + len(pair[0]) < col:
        fixed = f"{pair[0]}: {_quoted(pair[1])}"
        message = "': ' inside a value (YAML reads it as a key)"
        return _done(e, line, col, f"{message}; quote the value: {_code(fixed)}")
    expected = _expected_indent(e, line)
    if expected is not None and _indent(text) > expected:
        if pair is not None and not _FIELD.fullmatch(pair[0]):
            # Words, not a field name: the text of the value above, continued with a ': '.
            message = "': ' inside a value continued from the line above"
            return _done(e, line, col, f"{message}; put the whole value in quotes")
        return _indentation(e, line)
    return _done(
        e, line, col, "': ' where YAML did not expect a key; quote the value if it holds ': '"
    )


def _item_after_key(e: _Error, line: int, col: int) -> Explained:
    """`roles: - champion`: a block list cannot start on its key's line."""
    text = e.line(line)
    message = "a list item `- ` cannot follow a key on the same line"
    hint = "put each item on its own line below the key"
    pair = _split(_without_comment(text[_key_column(text) :]))
    if pair is not None and pair[1].startswith("- "):
        hint += f", or write {_code(f'{pair[0]}: [{pair[1][2:].strip()}]')}"
    return _done(e, line, col, f"{message}; {hint}")


def _cannot_start(e: _Error, line: int, col: int) -> Explained:
    char = e.char(line, col)
    text = e.line(line)
    pair = _split(_without_comment(text[_key_column(text) :]))
    message = f"a value cannot start with '{char}' in YAML"
    if pair is not None and pair[1].startswith(char):
        return _done(
            e, line, col, f"{message}; quote it: {_code(pair[0] + ': ' + _quoted(pair[1]))}"
        )
    return _done(e, line, col, f"{message}; quote the value")


def _alias(e: _Error, line: int, col: int) -> Explained:
    text = e.line(line)
    pair = _split(_without_comment(text[_key_column(text) :]))
    message = "a value starting with `*` is an alias (a reference to an `&anchor`)"
    if pair is not None and pair[1].startswith("*"):
        return _done(
            e, line, col, f"{message}; quote it: {_code(pair[0] + ': ' + _quoted(pair[1]))}"
        )
    return _done(e, line, col, f"{message}; quote the value")


def _no_value(e: _Error, line: int, col: int) -> Explained:
    char = e.char(line, col)
    if char in ("]", "}"):
        opener = "[" if char == "]" else "{"
        return _done(e, line, col, f"an extra '{char}' with no '{opener}' open; remove it")
    return _done(e, line, col, "a value was expected here; quote the value if it holds `,` `[` `]`")


def _anchor(e: _Error, line: int, col: int) -> Explained:
    message = "`&` starts an anchor and `*` an alias, each followed by a name"
    return _done(e, line, col, f"{message}; quote the value if it is text")


def _escape(e: _Error, line: int, col: int) -> Explained:
    text = e.line(line)
    escape = text[col : col + 2] if text[col : col + 1] == "\\" else text[max(col - 1, 0) : col + 1]
    message = f"unknown escape {_code(escape)} in a double-quoted value"
    return _done(e, line, col, f"{message}; use single quotes, where `\\` is just a character")


# libyaml's words (the start of its `problem`) → what explains them. Its messages are stable
# across versions: they are the C library's own strings.
_EXPLAINERS: list[tuple[str, Callable[[_Error], Explained | None]]] = [
    ("could not find expected ':'", _with_context(_no_colon)),
    ("did not find expected ',' or ", _with_context(_unclosed_flow)),
    ("found unexpected end of stream", _quote_ended),
    (
        "did not find expected '-' indicator",
        lambda e: _not_an_item(e, e.at[0], e.context_at[1]) if e.context_at else None,
    ),
    (
        "did not find expected key",
        lambda e: _not_a_key(e, *e.at, e.context_at[1]) if e.context_at else None,
    ),
    ("mapping values are not allowed in this context", _at_mark(_colon_in_value)),
    ("block sequence entries are not allowed in this context", _at_mark(_item_after_key)),
    ("found character that cannot start any token", _at_mark(_cannot_start)),
    ("did not find expected <document start>", _at_mark(_document_end)),
    ("did not find expected node content", _at_mark(_no_value)),
    ("found undefined alias", _at_mark(_alias)),
    ("found unknown escape character", _at_mark(_escape)),
]
