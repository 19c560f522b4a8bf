"""What every section of a map diff shares: a change as a sentence, and how a side of the diff
names a person, a team member, a unit or a value."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from acmap.model import AccountMap

ADDED, REMOVED = "added", "removed"


@dataclass(frozen=True, slots=True)
class Change:
    """One change, as a sentence. `subject` is the id of the person, link, partner ... it is about;
    `field`, `before` and `after` say the same for machines (JSON). `mark` is "added" or
    "removed" when something came onto the map or left it (a reporter's colour), else ""."""

    section: str
    subject: str
    text: str
    field: str | None = None
    before: Any = None
    after: Any = None
    mark: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "subject": self.subject,
            "field": self.field,
            "before": plain(self.before),
            "after": plain(self.after),
            "text": self.text,
        }


def plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def name_of(side: AccountMap, person_id: str | None) -> str:
    if person_id is None:
        return "nobody"
    person = side.person(person_id)
    return person.display if person is not None else person_id


def team_name(side: AccountMap, member_id: str | None) -> str:
    if member_id is None:
        return "nobody"
    member = side.team_by_id().get(member_id)
    return member.name if member is not None else member_id


def unit_name(side: AccountMap, unit_id: str | None) -> str:
    if unit_id is None:
        return "no unit"
    unit = side.units_by_id().get(unit_id)
    return unit.name if unit is not None else unit_id


def show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def list_changes(
    section: str, subject: str, field_name: str, before: list[str], after: list[str], lead: str
) -> Iterator[Change]:
    """`lead` "Mary Lee: priority" gives "Mary Lee: priority added: X"."""
    for item in after:
        if item not in before:
            yield Change(section, subject, f"{lead} added: {item}", field_name, None, item, ADDED)
    for item in before:
        if item not in after:
            yield Change(
                section, subject, f"{lead} removed: {item}", field_name, item, None, REMOVED
            )
