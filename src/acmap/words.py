"""The words of acmap's sentences, in one place: plurals, lists of names, how a person is named,
role labels, link verbs in both directions, and "did you mean …?".

Rules, reports, diagrams and diffs all speak through these, so one idea reads the same in every
output.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from itertools import islice
from typing import Protocol

from acmap.model import KEY_ROLES, ROLE_LABELS, Stakeholder

# Past this many choices difflib only sees the ones that could plausibly be a typo of the word,
# so a 10,000-person map with 10,000 bad references costs milliseconds, not minutes.
_MANY = 200

# How one person relates to another over a link, read from the `from` side (forward) and from the
# `to` side (backward). Mutual links read the same both ways.
LINK_FORWARD = {
    "influences": "influences",
    "dotted_line": "has a dotted line to",
    "mentors": "mentors",
    "allies": "is allied with",
    "conflicts": "is in conflict with",
}
LINK_BACKWARD = {
    "influences": "is influenced by",
    "dotted_line": "has a dotted line from",
    "mentors": "is mentored by",
    "allies": "is allied with",
    "conflicts": "is in conflict with",
}


class _Named(Protocol):
    @property
    def display(self) -> str: ...


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """ "1 account", "3 accounts", "2 people" (with nouns="people")."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


def roles_text(person: Stakeholder, only: frozenset[str] | None = None) -> str:
    return ", ".join(role_label(r) for r in person.roles if only is None or r in only)


def who(person: Stakeholder, *, key_roles: bool = True) -> str:
    """A person as a rep reads them: "Mary Lee (CFO, economic buyer)"."""
    details = []
    if person.title and person.identified:
        details.append(person.title)
    roles = roles_text(person, KEY_ROLES if key_roles else None)
    if roles:
        details.append(roles)
    elif person.influence == "high" and key_roles:
        details.append("high influence")
    return f"{person.display} ({', '.join(details)})" if details else person.display


def names(people: Iterable[_Named], limit: int = 3) -> str:
    """ "A, B and C" (and "… and 2 more" past `limit`)."""
    everyone = list(people)
    shown = [p.display for p in everyone[:limit]]
    rest = len(everyone) - len(shown)
    if rest > 0:
        shown.append(f"{rest} more")
    return joined(shown)


def joined(words: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def link_verb(link_type: str, *, forward: bool = True) -> str:
    return (LINK_FORWARD if forward else LINK_BACKWARD).get(link_type, link_type)


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


def did_you_mean_person(word: str, choices: Mapping[str, str]) -> str:
    """' (did you mean jdoe (Jane Doe)?)' for an unknown id: close ids first, then people whose
    name fits. `choices` maps each id to a name (or "")."""
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    wanted = word.casefold()
    for choice, name in choices.items():
        words = name.casefold().replace(".", " ").split()
        if choice not in close and wanted and (wanted in words or wanted == name.casefold()):
            close.append(choice)
    if not close:
        return ""
    shown = [f"{c} ({choices[c]})" if choices[c] and choices[c] != c else c for c in close[:3]]
    return f" (did you mean {' or '.join(shown)}?)"


class IdHints:
    """ "did you mean jdoe (Jane Doe)?" for the unknown ids of one map, many at a time.

    A rep writes the name where the id belongs (`reports_to: Jane Doe`), a first name, or an id in
    the wrong case (`JDoe`): names are indexed word by word once, and a value that is not an id is
    also tried in its id form. Past _MANY ids difflib sees only plausible typos (see `closest`).
    """

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = names  # id → name ("" when unknown)
        self._by_word: dict[str, list[str]] | None = None
        self._by_shape: dict[tuple[str, int], list[str]] | None = None
        # difflib costs ~10 µs a candidate: a map with thousands of near-miss ids gets typo hints
        # for its first ones only (nobody reads the rest), names and exact ids for all.
        self._budget = 500 * _MANY

    def __call__(self, word: str) -> str:
        close = self._close(word)
        if not close:
            slug = re.sub(r"[^a-z0-9_-]+", "-", word.casefold()).strip("-")
            if slug and slug != word:
                close = self._close(slug)
        if not close:
            return ""
        names = self.names
        shown = [
            f"{c} ({names[c]})" if names[c].casefold() not in ("", c) else c for c in close[:3]
        ]
        return f" (did you mean {' or '.join(shown)}?)"

    def _close(self, word: str) -> list[str]:
        if word in self.names:
            return [word]
        take = min(_MANY, self._budget)
        if len(self.names) > _MANY:
            shelves = self._shelves()
            first, size = word[:1], len(word)
            near = (c for n in range(size - 2, size + 3) for c in shelves.get((first, n), ()))
            candidates = list(islice(near, take))
        else:
            candidates = list(self.names)[:take]
        self._budget -= len(candidates)
        close = difflib.get_close_matches(word, candidates, n=3, cutoff=0.6)
        wanted = " ".join(word.casefold().replace(".", " ").split())
        for choice in self._index().get(wanted, ()):
            if choice not in close:
                close.append(choice)
        return close

    def _shelves(self) -> dict[tuple[str, int], list[str]]:
        # The plausible typos of a word share its first letter and nearly its length: shelved
        # once, so each miss looks at a few ids instead of every id of the map.
        if self._by_shape is None:
            shelves: dict[tuple[str, int], list[str]] = {}
            for choice in self.names:
                shelves.setdefault((choice[:1], len(choice)), []).append(choice)
            self._by_shape = shelves
        return self._by_shape

    def _index(self) -> dict[str, list[str]]:
        if self._by_word is None:
            index: dict[str, list[str]] = {}
            for choice, name in self.names.items():
                words = name.casefold().replace(".", " ").split()
                for key in {*words, " ".join(words)}:
                    index.setdefault(key, []).append(choice)
            self._by_word = index
        return self._by_word
