"""The registry: each mistake a YAML syntax error can be, in the order they are tried.

Like yamllint's rules table, an explicit list rather than discovery. A recogniser answers to the
start of libyaml's `problem` (its words are the C library's own strings, stable across
versions), or to every error when it has none; it returns None when the mistake is not its kind,
and the next one is asked. The entries with words exclude one another, so among them at most
one answers an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from acmap.load.syntax import brackets, indentation, keys, quotes, values
from acmap.load.syntax.marks import Explained, Failure, done

Explainer = Callable[[Failure], Explained | None]


@dataclass(frozen=True, slots=True)
class Recogniser:
    name: str  # what the mistake is, for reading the table and for tests
    words: str | None  # the start of libyaml's problem it answers; None: every error
    explain: Explainer


def _at_context(explainer: Callable[[Failure, int, int], Explained]) -> Explainer:
    """An explainer of the place libyaml's context mark names (where a key, bracket or
    quote began), or None without one."""
    return lambda e: explainer(e, *e.context_at) if e.context_at is not None else None


def _at_mark(explainer: Callable[[Failure, int, int], Explained | None]) -> Explainer:
    return lambda e: explainer(e, *e.at)


def _tab(e: Failure) -> Explained | None:
    line, _ = e.at
    tab = indentation.tab_near(e, line, e.at[1])
    return None if tab is None else done(e, line, tab, f"{indentation.TAB}; replace it with spaces")


def _more_documents(e: Failure) -> Explained | None:
    if "single document" not in e.context:
        return None
    return done(e, *e.at, "more than one YAML document: a map file holds exactly one")


def _anchor_or_alias(e: Failure) -> Explained | None:
    if "anchor" not in e.context and "alias" not in e.context:
        return None
    return values.anchor(e, *e.at)


RECOGNISERS: tuple[Recogniser, ...] = (
    Recogniser("tab", None, _tab),
    Recogniser("more-documents", None, _more_documents),
    Recogniser("quote-run-on", None, quotes.quote_run_on),
    Recogniser("missing-colon", "could not find expected ':'", _at_context(keys.no_colon)),
    Recogniser(
        "unclosed-flow", "did not find expected ',' or ", _at_context(brackets.unclosed_flow)
    ),
    Recogniser("unclosed-quote", "found unexpected end of stream", quotes.quote_ended),
    Recogniser(
        "not-an-item",
        "did not find expected '-' indicator",
        lambda e: indentation.not_an_item(e, e.at[0], e.context_at[1]) if e.context_at else None,
    ),
    Recogniser(
        "not-a-key",
        "did not find expected key",
        lambda e: keys.not_a_key(e, *e.at, e.context_at[1]) if e.context_at else None,
    ),
    Recogniser(
        "colon-in-value",
        "mapping values are not allowed in this context",
        _at_mark(keys.colon_in_value),
    ),
    Recogniser(
        "item-after-key",
        "block sequence entries are not allowed in this context",
        _at_mark(keys.item_after_key),
    ),
    Recogniser(
        "cannot-start",
        "found character that cannot start any token",
        _at_mark(values.cannot_start),
    ),
    Recogniser(
        "document-end", "did not find expected <document start>", _at_mark(values.document_end)
    ),
    Recogniser("no-value", "did not find expected node content", _at_mark(brackets.no_value)),
    Recogniser("undefined-alias", "found undefined alias", _at_mark(values.alias)),
    Recogniser("unknown-escape", "found unknown escape character", _at_mark(quotes.escape)),
    Recogniser("anchor", None, _anchor_or_alias),
)


def recognise(e: Failure) -> tuple[Recogniser, Explained] | None:
    """The first recogniser that knows this error, and its explanation; None when none does."""
    for recogniser in RECOGNISERS:
        if recogniser.words is None or e.problem.startswith(recogniser.words):
            explained = recogniser.explain(e)
            if explained is not None:
                return recogniser, explained
    return None
