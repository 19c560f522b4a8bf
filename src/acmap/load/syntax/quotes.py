"""Quotes: one left open (to the end of the file, or closed by a later quote), text after one
that closed, an apostrophe inside single quotes, an escape double quotes do not know."""

from __future__ import annotations

from typing import Any

from acmap.load.syntax.lines import (
    QUOTES,
    close_hint,
    code,
    pair_of,
    quoted,
    without_comment,
)
from acmap.load.syntax.marks import Explained, Failure, done


def quote_run_on(e: Failure) -> Explained | None:
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
            if getattr(token, "style", None) in QUOTES:
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
    return done(
        e,
        line,
        col,
        f"unclosed quote: the {quote} opened here is not closed ({where})"
        f"; {close_hint(e.line(line), quote)}",
    )


def quote_ended(e: Failure) -> Explained | None:
    """The end of the file inside a quoted value: the quote that opened it is not closed."""
    if "quoted scalar" not in e.context or e.context_at is None:
        return None
    return unclosed_quote(e, *e.context_at)


def unclosed_quote(e: Failure, line: int, col: int) -> Explained:
    quote = e.char(line, col) or '"'
    message = f"unclosed quote: the {quote} opened here is never closed"
    text = without_comment(e.line(line))
    # Inside `{...}` or `[...]` the quote closes before the brackets that end the line.
    open_brackets = sum(text[:col].count(c) for c in "[{") - sum(text[:col].count(c) for c in "]}")
    closers = len(text) - len(text.rstrip("]}"))
    keep = min(max(open_brackets, 0), closers)
    fixed = text[: len(text) - keep] + quote + text[len(text) - keep :]
    return done(e, line, col, f"{message}; end the value with {quote}: {code(fixed)}")


def after_value(e: Failure, line: int, col: int) -> Explained:
    """Something left on a line after its value ended (a closing quote or bracket)."""
    text = e.line(line)
    char = text[col : col + 1]
    if char in ("]", "}"):
        opener = "[" if char == "]" else "{"
        return done(e, line, col, f"an extra '{char}' with no '{opener}' open; remove it")
    before = text[:col].rstrip()
    ended = before[-1:]
    pair = pair_of(text)
    if ended == "'" and pair is not None and "'" in pair[1][1:]:
        fixed = f'{pair[0]}: "{pair[1][1:-1] if pair[1].endswith(chr(39)) else pair[1][1:]}"'
        message = "an apostrophe ends this single-quoted value"
        hint = f"write it twice (`''`), or use double quotes: {code(fixed)}"
        return done(e, line, len(before) - 1, f"{message}; {hint}")
    what = "quote" if ended in QUOTES else f"'{ended}'" if ended in ("]", "}") else "value"
    message = f"text after the closing {what}"
    if pair is not None:
        fixed = f"{pair[0]}: {quoted(pair[1])}"
        return done(e, line, col, f"{message}; quote the whole value: {code(fixed)}")
    return done(e, line, col, f"{message}; quote the whole value")


def escape(e: Failure, line: int, col: int) -> Explained:
    text = e.line(line)
    escape = text[col : col + 2] if text[col : col + 1] == "\\" else text[max(col - 1, 0) : col + 1]
    message = f"unknown escape {code(escape)} in a double-quoted value"
    return done(e, line, col, f"{message}; use single quotes, where `\\` is just a character")
