"""Brackets: a `[...]` or `{...}` never closed or missing a comma, a `]` or `}` with none open."""

from __future__ import annotations

from acmap.load.syntax.lines import QUOTES, close_hint, code, without_comment
from acmap.load.syntax.marks import Explained, Failure, done


def unclosed_flow(e: Failure, line: int, col: int) -> Explained:
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
            message = f"missing ',' before {code(words[-1])} inside the {opener}...{closer}"
            return done(e, line, start, message)
        message = f"expected ',' or '{closer}' here, inside the {opener}...{closer}"
        return done(e, at_line, at_col, f"{message}; quote a value that holds ': ' or ','")
    message = f"unclosed '{opener}': the {kind} opened here is never closed with '{closer}'"
    if without_comment(text).endswith(","):  # it goes on below: the end is further down
        return done(e, line, col, f"{message}; add '{closer}' after its last item")
    return done(e, line, col, f"{message}; {close_hint(text, closer)}")


def _closes_on(text: str, start: int) -> bool:
    """Does the `[` or `{` at `start` close on its own line (quotes skipped)?"""
    depth, quote = 0, ""
    for char in text[start:]:
        if quote:
            quote = "" if char == quote else quote
        elif char in QUOTES:
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


def no_value(e: Failure, line: int, col: int) -> Explained:
    char = e.char(line, col)
    if char in ("]", "}"):
        opener = "[" if char == "]" else "{"
        return done(e, line, col, f"an extra '{char}' with no '{opener}' open; remove it")
    return done(e, line, col, "a value was expected here; quote the value if it holds `,` `[` `]`")
