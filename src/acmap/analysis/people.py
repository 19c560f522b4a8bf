"""One person across the portfolio: the stakeholders of every map joined into persons.

Two stakeholders are one person when they share an email (any case), a linkedin profile (however
its URL is written), a CRM id (`x-crm-id`), or when one left an account with `moved_to` another
and that account lists someone with the same name (or email) — unless both have emails and they
differ: two Mary Lees with different addresses are namesakes. A union-find over the sightings
of every map; `acmap people` lists the result and G503 reads it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from acmap.findings import Finding
from acmap.rules.moves import Place, Sighting, name_key, place, sightings
from acmap.settings import Settings

if TYPE_CHECKING:
    from acmap.model import AccountMap


class _Union:
    """Union-find with path halving over 0..n-1."""

    def __init__(self, count: int) -> None:
        self.parent = list(range(count))

    def find(self, item: int) -> int:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def join_persons(seen: Sequence[Sighting]) -> list[list[Sighting]]:
    """The sightings grouped into persons, each in the order given, persons by first sighting."""
    union = _Union(len(seen))
    first: dict[tuple[str, str], int] = {}
    for index, sighting in enumerate(seen):
        for key in _keys(sighting):
            known = first.setdefault(key, index)
            if known != index:
                union.join(known, index)
    # moved_to: the person who left A for B is whoever B lists under the same name.
    by_name: dict[tuple[str, str], list[int]] = {}
    for index, sighting in enumerate(seen):
        name = name_key(sighting.name)
        if name is not None:
            by_name.setdefault((sighting.account, name), []).append(index)
    for index, sighting in enumerate(seen):
        name = name_key(sighting.name)
        if sighting.moved_to is None or name is None:
            continue
        for other in by_name.get((sighting.moved_to, name), ()):
            theirs = seen[other].email
            if sighting.email and theirs and theirs != sighting.email:
                continue  # a namesake: both have addresses and they differ
            union.join(index, other)
    groups: dict[int, list[Sighting]] = {}
    for index, sighting in enumerate(seen):
        groups.setdefault(union.find(index), []).append(sighting)
    return list(groups.values())


def _keys(sighting: Sighting) -> Iterable[tuple[str, str]]:
    if sighting.email:
        yield ("email", sighting.email)
    if sighting.linkedin:
        yield ("linkedin", sighting.linkedin)
    if sighting.crm_id:
        yield ("crm", sighting.crm_id)


class Person(NamedTuple):
    """One person of the portfolio and every place a map knows them."""

    id: str  # p1, p2, … in the order of `persons`
    name: str
    emails: list[str]
    known_at: list[Sighting]
    moved: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "emails": self.emails,
            "known_at": [
                {
                    "account": s.account,
                    "stakeholder": s.stakeholder,
                    "title": s.title,
                    "status": s.status,
                    "stance": s.stance,
                    "roles": list(s.roles),
                }
                for s in self.known_at
            ],
            "moved": self.moved,
        }

    def matches(self, query: str) -> bool:
        """`acmap people QUERY`: the query (any case) in a name, email, title, account or
        stakeholder id the person is known by."""
        needle = query.casefold()
        words = [self.name, *self.emails]
        for s in self.known_at:
            words += [s.name or "", s.title or "", s.account, s.stakeholder]
        return any(needle in word.casefold() for word in words)


def persons(seen: Sequence[Sighting]) -> list[Person]:
    """Every person, movers first, then by name, with ids p1, p2, … in that order: the same
    portfolio always gives the same ids, whatever QUERY shows of it."""
    found = []
    for group in join_persons(seen):
        known = sorted(group, key=lambda s: (s.status != "active", s.account, s.stakeholder))
        names = [s.name for s in known if s.name]
        name = names[0] if names else known[0].display
        accounts = {s.account for s in group}
        moved = any(s.moved_to for s in group) or (
            len(accounts) > 1 and any(not s.active for s in group)
        )
        found.append((moved, name, known))
    # Movers first; placeholders ("[CFO]") after the named; then by name and first place.
    found.sort(
        key=lambda f: (
            not f[0],
            f[1].startswith("["),
            f[1].casefold(),
            f[1],
            [(s.account, s.stakeholder) for s in f[2]],
        )
    )
    return [
        Person(f"p{number}", name, sorted({s.email for s in known if s.email}), known, moved)
        for number, (moved, name, known) in enumerate(found, 1)
    ]


class PeopleFacts(NamedTuple):
    """What one map gives the portfolio step: its place and its people."""

    place: Place
    sightings: list[Sighting]


def people_facts(account_map: AccountMap) -> PeopleFacts:
    """Run on each map where it loads (a worker process for a big portfolio)."""
    return PeopleFacts(place(account_map), sightings(account_map))


class PeopleResult(NamedTuple):
    """`acmap people`: the persons QUERY picks, of how many, and the files that were left out."""

    people: list[Person]
    total: int
    accounts: int
    findings: list[Finding]
    unreadable: list[str]


def portfolio_people(
    targets: Iterable[str], config: Settings, *, query: str | None = None
) -> PeopleResult:
    from acmap.load.selection import load_selection

    selection = load_selection(targets, config, analyse=people_facts, keep_maps=False)
    facts: list[PeopleFacts] = list(selection.results)
    everyone = persons([s for f in facts for s in f.sightings])
    shown = [p for p in everyone if p.matches(query)] if query else everyone
    return PeopleResult(
        people=shown,
        total=len(everyone),
        accounts=len(facts),
        findings=selection.findings,
        unreadable=selection.unreadable,
    )
