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
from typing import Any

from acmap.crm.contacts import BadCsv, Contact, Contacts, split_list
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


def unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
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


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def plan_merge(account_map: AccountMap, contacts: Contacts, *, update: bool = False) -> Plan:
    """What importing `contacts` into `account_map` changes, without touching any file."""
    plan = Plan()
    people = {s.id: s for s in account_map.stakeholders}
    by_email = {
        s.contact.email.casefold(): s.id
        for s in account_map.stakeholders
        if s.contact and s.contact.email
    }
    by_name: dict[str, list[str]] = {}
    for s in account_map.stakeholders:
        for label in {s.display, s.name or ""} - {""}:
            by_name.setdefault(_key(label), []).append(s.id)
    units = {u.id: u.id for u in account_map.units}
    units.update({_key(u.name): u.id for u in account_map.units})
    unit_ids = {u.id for u in account_map.units}
    team = {m.id: m.id for m in account_map.account.team}
    team.update({_key(m.name): m.id for m in account_map.account.team})
    taken = set(people)
    new_by_id: dict[str, dict[str, Any]] = {}
    matched: list[tuple[Contact, str]] = []
    claimed: set[str] = set()  # placeholders already filled by an earlier row

    for contact in contacts.rows:
        account_id = contact.values.get("account_id")
        if account_id is not None and account_id != account_map.account.id:
            plan.skipped_rows += 1
            continue
        found = _match(contact, people, by_email, by_name, new_by_id, claimed)
        if found is None:
            title = contact.values.get("title")
            if not contact.name and not title:
                raise BadCsv(
                    f"{contacts.file}:{contact.line}: a new person with no name (the name "
                    "columns are empty) and no title"
                )
            given = contact.values.get("id")
            base = given if given and given not in taken else slug(contact.name or title or "")
            person_id = unique(base, taken)
            record: dict[str, Any] = {"id": person_id}
            if contact.name:
                record["name"] = contact.name
            new_by_id[person_id] = record
            plan.new_people.append(record)
            if contact.name:
                by_name.setdefault(_key(contact.name), []).append(person_id)
            email = contact.values.get("email")
            if email:
                by_email[email.casefold()] = person_id
            found = person_id
        matched.append((contact, found))

    # Second pass: managers may be people the CSV itself adds.
    for contact, person_id in matched:
        wanted = _wanted_values(
            contact, plan, units, unit_ids, team, by_name, person_id, people, new_by_id
        )
        if person_id in new_by_id:
            record = new_by_id[person_id]
            record.update({k: v for k, v in wanted.items() if k not in CONTACT_FIELDS})
            contact_values = {k: wanted[k] for k in CONTACT_FIELDS if k in wanted}
            if contact_values:
                record["contact"] = contact_values
            continue
        person = people[person_id]
        changed = False
        for key, new in wanted.items():
            old = _current(person, key)
            if _same(old, new, key):
                continue
            change = Change(person_id, person.display, key, old, new)
            if not _present(person, key) or update:
                plan.set_values.append(change)
                changed = True
            else:
                plan.kept.append(change)
        if not changed:
            plan.unchanged += 1
    for record in plan.new_people:  # format v1 key order
        ordered = {k: record[k] for k in KEY_ORDER if k in record}
        record.clear()
        record.update(ordered)
    return plan


def _match(
    contact: Contact,
    people: dict[str, Stakeholder],
    by_email: dict[str, str],
    by_name: dict[str, list[str]],
    new_by_id: dict[str, dict[str, Any]],
    claimed: set[str],
) -> str | None:
    person_id = contact.values.get("id")
    if person_id is not None and (person_id in people or person_id in new_by_id):
        return person_id
    email = contact.values.get("email")
    if email and email.casefold() in by_email:
        return by_email[email.casefold()]
    same_name = by_name.get(_key(contact.name), []) if contact.name else []
    if len(same_name) == 1:
        return same_name[0]
    # A named person whose title is that of a placeholder fills the placeholder
    # ("[VP Engineering]", name not yet known), when exactly one has that title.
    title = contact.values.get("title")
    if contact.name and title:
        seats = [
            s.id
            for s in people.values()
            if not s.identified and s.active and s.title and _key(s.title) == _key(title)
        ]
        if len(seats) == 1 and seats[0] not in claimed:
            claimed.add(seats[0])
            return seats[0]
    return None


def _wanted_values(
    contact: Contact,
    plan: Plan,
    units: dict[str, str],
    unit_ids: set[str],
    team: dict[str, str],
    by_name: dict[str, list[str]],
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
        found = units.get(unit) or units.get(_key(unit))
        if found is None:
            found = unique(slug(unit), unit_ids)
            units[_key(unit)] = found
            plan.new_units.append({"id": found, "name": unit})
        wanted["unit"] = found
    if "owner" in values:
        owner = team.get(values["owner"]) or team.get(_key(values["owner"]))
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
            managers = by_name.get(_key(manager_name), [])
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
