"""The second step of `acmap import`: contacts against the map's model → a Plan of changes.

People are matched by id (an exported file has one), then by email, then by name, then to the
one placeholder with their title ("[VP Engineering]", not yet named); others are added with a
slug made from their name. An existing value is never replaced unless `update` is set; an empty
cell never clears one. No file is touched here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any

from acmap.crm.contacts import BadCsv, Contact, Contacts, split_list
from acmap.crm.match import People, match, name_key, placeholder_seats
from acmap.format import fields as formatv1
from acmap.model import AccountMap, Stakeholder

# Where each field lives in a stakeholder mapping: format v1's key order, from its one definition.
KEY_ORDER = tuple(formatv1.STAKEHOLDER.fields)
CONTACT_FIELDS = tuple(formatv1.CONTACT.fields)
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """ "Inès Roth" → "ines-roth"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG_JUNK.sub("-", plain.casefold()).strip("-") or "person"


def unique(base: str, taken: set[str], counters: dict[str, int] | None = None) -> str:
    """`base`, or `base-2`, `base-3`, … whichever is free (and now taken). `counters` remembers
    where each base's numbers got to, so 20,000 John Smiths cost linear time."""
    n = counters.get(base, 2) if counters is not None else 2
    candidate = base
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    if counters is not None:
        counters[base] = n
    taken.add(candidate)
    return candidate


@dataclass(slots=True)
class Change:
    person: str  # stakeholder id
    display: str
    key: str  # a stakeholder key, or email/phone/linkedin under contact
    old: Any
    new: Any


@dataclass(slots=True)
class Plan:
    new_units: list[dict[str, str]] = field(default_factory=list)
    new_people: list[dict[str, Any]] = field(default_factory=list)  # in KEY_ORDER
    set_values: list[Change] = field(default_factory=list)  # applied
    kept: list[Change] = field(default_factory=list)  # differences not applied (no --update)
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)
    skipped_rows: int = 0  # rows for another account

    @property
    def updated_people(self) -> list[str]:
        return list(dict.fromkeys(c.person for c in self.set_values))

    @property
    def empty(self) -> bool:
        return not (self.new_units or self.new_people or self.set_values)


def plan_merge(account_map: AccountMap, contacts: Contacts, *, update: bool = False) -> Plan:
    """What importing `contacts` into `account_map` changes, without touching any file."""
    plan = Plan()
    people = {s.id: s for s in account_map.stakeholders}
    index = People.of(account_map.stakeholders)
    seats = placeholder_seats(account_map.stakeholders)
    units = {u.id: u.id for u in account_map.units}
    units.update({name_key(u.name): u.id for u in account_map.units})
    units.update({u.name: u.id for u in account_map.units})  # an exact name first
    unit_ids = {u.id for u in account_map.units}
    team = {m.id: m.id for m in account_map.account.team}
    team.update({name_key(m.name): m.id for m in account_map.account.team})
    team.update({m.name: m.id for m in account_map.account.team})
    taken, counters = set(people), dict[str, int]()
    new_by_id: dict[str, dict[str, Any]] = {}
    matched: list[tuple[Contact, str]] = []
    claimed: set[str] = set()  # placeholders already filled by an earlier row

    for contact in contacts.rows:
        account_id = contact.values.get("account_id")
        if account_id is not None and account_id != account_map.account.id:
            plan.skipped_rows += 1
            continue
        email = contact.values.get("email")
        found = match(contact, index, seats, claimed, plan.notes)
        if found is None:
            title = contact.values.get("title")
            if not contact.name and not title:
                raise BadCsv(
                    f"{contacts.file}:{contact.line}: a new person with no name (the name "
                    "columns are empty) and no title"
                )
            given = contact.values.get("id")
            base = given if given and given not in taken else slug(contact.name or title or "")
            found = unique(base, taken, counters)
            record: dict[str, Any] = {"id": found}
            new_by_id[found] = record
            plan.new_people.append(record)
            index.add(found, {contact.name}, email)
        elif email and found not in index.emailed:
            index.give_email(found, email)  # a name match: the row's email is theirs now
        matched.append((contact, found))

    # Second pass: managers may be people the CSV itself adds.
    merge = _Merge(plan, people, new_by_id, update)
    for contact, person_id in matched:
        wanted = _wanted_values(
            contact, plan, units, unit_ids, team, index.by_name, person_id, people, new_by_id
        )
        merge.row(contact.line, person_id, wanted)
    for record in plan.new_people:  # format v1 key order
        ordered = {k: record[k] for k in KEY_ORDER if k in record}
        if "contact" in ordered:
            inner = ordered["contact"]
            ordered["contact"] = {k: inner[k] for k in CONTACT_FIELDS if k in inner}
        record.clear()
        record.update(ordered)
    seen = {person_id for _, person_id in matched if person_id in people}
    plan.unchanged = len(seen - set(plan.updated_people))
    return plan


class _Merge:
    """The rows' values into the plan. A value an earlier row of the CSV set is, like a value
    in the map, replaced only with --update; a second row for one person is noted."""

    def __init__(
        self,
        plan: Plan,
        people: dict[str, Stakeholder],
        new_by_id: dict[str, dict[str, Any]],
        update: bool,
    ) -> None:
        self.plan, self.people, self.new_by_id, self.update = plan, people, new_by_id, update
        self.first_line: dict[str, int] = {}
        self.earlier: dict[tuple[str, str], Change] = {}  # (person, key) → what a row set

    def row(self, line: int, person_id: str, wanted: dict[str, Any]) -> None:
        display = self._display(person_id, wanted)
        first = self.first_line.setdefault(person_id, line)
        if first != line:
            wins = "the later line's" if self.update else f"line {first}'s"
            self.plan.notes.append(
                f"line {line}: the same person as line {first}, {display} ({person_id}) — "
                f"merged; where they differ, {wins} value stays"
            )
        for key, new in wanted.items():
            before = self.earlier.get((person_id, key))
            if before is not None:  # a value an earlier row of this CSV set
                if _same(before.new, new, key):
                    continue
                if self.update:
                    self._set(person_id, key, new, before)
                else:
                    self.plan.kept.append(Change(person_id, display, key, before.new, new))
                continue
            if person_id in self.new_by_id:
                self._set(person_id, key, new, None)
                continue
            person = self.people[person_id]
            old = _current(person, key)
            if _same(old, new, key):
                continue
            change = Change(person_id, person.display, key, old, new)
            if not _present(person, key) or self.update:
                self.plan.set_values.append(change)
                self.earlier[(person_id, key)] = change
            else:
                self.plan.kept.append(change)

    def _set(self, person_id: str, key: str, new: Any, before: Change | None) -> None:
        record = self.new_by_id.get(person_id)
        if record is not None:
            (record.setdefault("contact", {}) if key in CONTACT_FIELDS else record)[key] = new
        if before is not None:
            before.new = new  # the one change for this key, now the later row's value
        else:
            display = self._display(person_id, {})
            change = Change(person_id, display, key, None, new)
            self.earlier[(person_id, key)] = change

    def _display(self, person_id: str, wanted: dict[str, Any]) -> str:
        if person_id in self.people:
            return self.people[person_id].display
        record = self.new_by_id[person_id]
        name = record.get("name") or wanted.get("name")
        return str(name) if name else f"[{record.get('title') or wanted.get('title')}]"


def _wanted_values(
    contact: Contact,
    plan: Plan,
    units: dict[str, str],
    unit_ids: set[str],
    team: dict[str, str],
    by_name: dict[str, dict[str, None]],
    person_id: str,
    people: dict[str, Stakeholder],
    new_by_id: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """The row's values in map terms: names resolved to ids, lists split, dates parsed."""
    values = contact.values
    wanted: dict[str, Any] = {}
    name = contact.name
    if name:
        wanted["name"] = name
    for key in ("title", "stance", "influence", "status", *CONTACT_FIELDS):
        if key in values:
            wanted[key] = values[key]
    if "roles" in values:
        wanted["roles"] = split_list(values["roles"])
    if "last_contact" in values:
        wanted["last_contact"] = date.fromisoformat(values["last_contact"])
    if "unit" in values:
        unit = values["unit"]
        found = units.get(unit) or units.get(name_key(unit))
        if found is None:
            found = unique(slug(unit), unit_ids)
            units[name_key(unit)] = found
            plan.new_units.append({"id": found, "name": unit})
        wanted["unit"] = found
    if "owner" in values:
        owner = team.get(values["owner"]) or team.get(name_key(values["owner"]))
        if owner is None:
            plan.notes.append(
                f"line {contact.line}: owner {values['owner']!r} is not on the account team — left out"
            )
        else:
            wanted["owner"] = owner
    if "reports_to" in values:
        manager_name = values["reports_to"]
        if manager_name in people or manager_name in new_by_id:
            managers = [manager_name]
        else:
            managers = list(islice(by_name.get(name_key(manager_name), {}), 2))
        if len(managers) == 1 and managers[0] != person_id:
            wanted["reports_to"] = managers[0]
        else:
            why = (
                "is the person themselves"
                if managers == [person_id]
                else ("names several people" if managers else "is nobody in the map or the CSV")
            )
            plan.notes.append(f"line {contact.line}: reports to {manager_name!r} {why} — left out")
    return wanted


def _present(person: Stakeholder, key: str) -> bool:
    """Whether the file states this value (a default such as stance unknown is not stated)."""
    if key in CONTACT_FIELDS:
        return person.contact is not None and key in person.contact.at
    return key in person.at


def _current(person: Stakeholder, key: str) -> Any:
    if key in CONTACT_FIELDS:
        return getattr(person.contact, key, None) if person.contact else None
    return getattr(person, key)


def _same(old: Any, new: Any, key: str = "") -> bool:
    if key == "email" and isinstance(old, str) and isinstance(new, str):
        return old.strip().casefold() == new.strip().casefold()
    if isinstance(new, list):
        return list(old or []) == new
    if isinstance(old, str) and isinstance(new, str):
        return old.strip() == new.strip()
    return bool(old == new)
