"""Which person a CSV row is: by id, then email, then name, then an open seat with its title.

A name alone is weak evidence: two rows "John Smith" with different emails are two people, so a
name matches only a person whose email does not contradict the row's (one of them has none).
A name that fits several people is not guessed at: the row is a new person, and a note says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

from acmap.crm.contacts import Contact
from acmap.model import Stakeholder


def name_key(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass(slots=True)
class People:
    """The map's people and those the CSV adds, indexed for matching; kept up to date as rows
    give people emails."""

    known: set[str] = field(default_factory=set)  # every id, the map's and the new ones
    by_email: dict[str, str] = field(default_factory=dict)  # casefolded email → id
    by_name: dict[str, dict[str, None]] = field(default_factory=dict)  # name key → ids
    no_email: dict[str, dict[str, None]] = field(default_factory=dict)  # the same, emailless
    names: dict[str, set[str]] = field(default_factory=dict)  # id → its name keys
    emailed: set[str] = field(default_factory=set)  # the ids with an email

    @classmethod
    def of(cls, stakeholders: list[Stakeholder]) -> People:
        people = cls()
        for s in stakeholders:
            email = s.contact.email if s.contact else None
            people.add(s.id, {s.display, s.name or ""}, email)
        return people

    def add(self, person_id: str, labels: set[str], email: str | None) -> None:
        self.known.add(person_id)
        keys = {name_key(label) for label in labels if label}
        self.names[person_id] = keys
        for key in keys:
            self.by_name.setdefault(key, {})[person_id] = None
            if not email:
                self.no_email.setdefault(key, {})[person_id] = None
        if email:
            self.give_email(person_id, email)

    def give_email(self, person_id: str, email: str) -> None:
        """`person_id`, who had no email, has `email` from now on."""
        self.by_email.setdefault(email.casefold(), person_id)
        self.emailed.add(person_id)
        for key in self.names.get(person_id, set()):
            self.no_email.get(key, {}).pop(person_id, None)


def match(
    contact: Contact,
    people: People,
    seats: dict[str, list[str]],
    claimed: set[str],
    notes: list[str],
) -> str | None:
    """The id of the person `contact` is, or None for a new person. `seats`: placeholder ids
    by title key; `claimed`: placeholders an earlier row filled."""
    person_id = contact.values.get("id")
    if person_id is not None and person_id in people.known:
        return person_id
    email = contact.values.get("email")
    if email and email.casefold() in people.by_email:
        return people.by_email[email.casefold()]
    name = contact.name
    pool: dict[str, None] = {}
    if name:
        # With an email, only the same-named who have none can be this row's person.
        pool = (people.no_email if email else people.by_name).get(name_key(name), {})
        if len(pool) == 1:
            return next(iter(pool))
    # A named person whose title is that of a placeholder fills the placeholder
    # ("[VP Engineering]", name not yet known), when exactly one has that title.
    title = contact.values.get("title")
    if name and title:
        open_seats = seats.get(name_key(title), [])
        if len(open_seats) == 1 and open_seats[0] not in claimed:
            claimed.add(open_seats[0])
            return open_seats[0]
    if len(pool) > 1:
        shown = ", ".join(islice(pool, 3)) + (", …" if len(pool) > 3 else "")
        notes.append(
            f"line {contact.line}: {name!r} could be any of {len(pool)} people ({shown}) — "
            "added as a new person; give the row an id or an email to match one"
        )
    return None


def placeholder_seats(stakeholders: list[Stakeholder]) -> dict[str, list[str]]:
    """Active placeholders (no name yet) by title key."""
    seats: dict[str, list[str]] = {}
    for s in stakeholders:
        if not s.identified and s.active and s.title:
            seats.setdefault(name_key(s.title), []).append(s.id)
    return seats
