"""A YAML syntax error explained: where the mistake itself is, in plain words, with a fix.

libyaml stops where it can no longer go on, which is often past the mistake: a missing colon is
seen on the next line, an unclosed `[` or quote where the file ends. Its marks and words are
read together with the lines around them to name the line and column a rep has to change and
say how, in one line. Only files that fail to parse come here, so this may re-scan their text;
it never raises (anything unforeseen falls back to libyaml's own words at its mark).

The parts: marks (where libyaml stopped), lines (the lines around it and the snippets hints
quote), one module per kind of mistake (quotes, brackets, indentation, keys, values) and
recognisers, the table that tries them in order.
"""

from __future__ import annotations

from typing import Any

from acmap.load.syntax.marks import LINE_BREAK, Explained

__all__ = ["LINE_BREAK", "Explained", "explain"]


def explain(text: str, error: BaseException) -> Explained:
    """(line, col, message) for a ruamel YAMLError raised while composing `text`."""
    try:
        return _explain(text, error)
    except Exception:  # an explanation must never be the thing that crashes
        return _fallback(text, error)


def _explain(text: str, error: Any) -> Explained:
    # Imported here: parse.py takes LINE_BREAK from this package for every file with findings,
    # and only a file that fails to parse needs the recognisers.
    from acmap.load.syntax.marks import Failure
    from acmap.load.syntax.recognisers import recognise

    if (
        getattr(error, "problem_mark", None) is None
        and getattr(error, "context_mark", None) is None
    ):
        return _reader_error(text, error)
    found = recognise(Failure(text, error))
    return found[1] if found is not None else _fallback(text, error)


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
