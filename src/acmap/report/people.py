"""The `people` subject: the persons of the portfolio, as text or as SPEC §9's JSON."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from acmap.report.layout import indented
from acmap.report.terminal import emit, width
from acmap.words import plural, role_label

if TYPE_CHECKING:
    from acmap.analysis.people import PeopleResult, Person
    from acmap.rules.moves import Sighting


def to_text(result: PeopleResult) -> None:
    total = width()
    lines: list[str] = []
    for person in result.people:
        lines.extend(_person(person, total))
    movers = sum(1 for p in result.people if p.moved)
    shown = plural(len(result.people), "person", "people")
    of = f" of {result.total}" if len(result.people) != result.total else ""
    lines.append(
        f"{shown}{of} across {plural(result.accounts, 'account')}; "
        f"{plural(movers, 'mover')} among them"
    )
    emit("\n".join(lines) + "\n")


def _person(person: Person, total: int) -> list[str]:
    facts = [person.id, *person.emails]
    if person.moved:
        facts.append("moved")
    lines = indented(f"{person.name} ({' · '.join(facts)})", total, 0)
    for sighting in person.known_at:
        lines.extend(indented(_place(sighting), total, 2, 4))
    return lines


def _place(s: Sighting) -> str:
    parts = [f"{s.account_name or s.account} ({s.account}) as {s.stakeholder}"]
    if s.title:
        parts.append(s.title)
    parts.append(s.stance)
    if s.roles:
        parts.append(", ".join(role_label(r) for r in s.roles))
    if not s.active:
        went = f" → {s.moved_to}" if s.moved_to else ""
        parts.append(f"left{went}")
    if s.owner:
        parts.append(f"covered by {s.owner}")
    return "• " + " · ".join(parts)


def to_json(result: PeopleResult) -> None:
    from acmap.report.json import write_json

    write_json(sys.stdout, {"version": 1, "people": [p.as_json() for p in result.people]})


REPORTERS = {"text": to_text, "json": to_json}
