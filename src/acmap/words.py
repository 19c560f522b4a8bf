"""'did you mean …?' for unknown fields, ids, rules and settings keys."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# Past this many choices difflib only sees the ones that could plausibly be a typo of the word,
# so a 10,000-person map with 10,000 bad references costs milliseconds, not minutes.
_MANY = 200


def closest(word: str, choices: Iterable[str]) -> str | None:
    candidates = list(choices)
    if len(candidates) > _MANY:
        first = word[:1]
        candidates = [c for c in candidates if c[:1] == first and abs(len(c) - len(word)) <= 2][
            :_MANY
        ]
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)', or '' when nothing is close."""
    match = closest(word, choices)
    return f" (did you mean {match!r}?)" if match else ""
