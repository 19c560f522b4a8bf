"""Values YAML reads as something else: a `@` or backquote start, an `*alias` or `&anchor`, a
`...` that ends the document, a value missing where one was expected."""

from __future__ import annotations

from acmap.load.syntax.lines import code, line_above, pair_of, quoted
from acmap.load.syntax.marks import Explained, Failure, done


def cannot_start(e: Failure, line: int, col: int) -> Explained:
    char = e.char(line, col)
    text = e.line(line)
    pair = pair_of(text)
    message = f"a value cannot start with '{char}' in YAML"
    if pair is not None and pair[1].startswith(char):
        return done(e, line, col, f"{message}; quote it: {code(pair[0] + ': ' + quoted(pair[1]))}")
    return done(e, line, col, f"{message}; quote the value")


def alias(e: Failure, line: int, col: int) -> Explained:
    text = e.line(line)
    pair = pair_of(text)
    message = "a value starting with `*` is an alias (a reference to an `&anchor`)"
    if pair is not None and pair[1].startswith("*"):
        return done(e, line, col, f"{message}; quote it: {code(pair[0] + ': ' + quoted(pair[1]))}")
    return done(e, line, col, f"{message}; quote the value")


def anchor(e: Failure, line: int, col: int) -> Explained:
    message = "`&` starts an anchor and `*` an alias, each followed by a name"
    return done(e, line, col, f"{message}; quote the value if it is text")


def document_end(e: Failure, line: int, col: int) -> Explained | None:
    """`...` ends a YAML document: whatever follows it is not part of the map."""
    number = line_above(e, line)
    if number is None or e.line(number).strip() != "...":
        return None
    return done(e, number, 0, "`...` ends the YAML document here; delete this line")
