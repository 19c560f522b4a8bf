"""Map diff, people: who is new, who left the map, what changed about each person, and their
links."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from acmap.analysis.changes.base import (
    ADDED,
    REMOVED,
    Change,
    list_changes,
    name_of,
    show,
    team_name,
    unit_name,
)
from acmap.analysis.changes.renames import IdChange
from acmap.model import AccountMap, Link, Stakeholder
from acmap.words import link_verb, role_label


def _describe_person(side: AccountMap, person: Stakeholder) -> str:
    details = []
    if person.name and person.title:
        details.append(person.title)
    if person.roles:
        details.append(", ".join(role_label(r) for r in person.roles))
    details.append(person.stance)
    if person.reports_to:
        details.append(f"reports to {name_of(side, person.reports_to)}")
    return f"{person.display} ({'; '.join(details)})"


def stakeholder_changes(
    old: AccountMap, new: AccountMap, renamed: Sequence[IdChange] = ()
) -> Iterator[Change]:
    """`old` already carries the new ids of the people in `renamed` (renames.with_new_ids)."""
    was_id = {c.after: c.before for c in renamed}
    before = old.people_by_id()
    after = new.people_by_id()
    section = "stakeholders"
    for person in new.stakeholders:
        if person.id not in before:
            yield Change(
                section,
                person.id,
                f"New on the map: {_describe_person(new, person)}",
                mark=ADDED,
            )
    for person in old.stakeholders:
        if person.id not in after:
            yield Change(
                section, person.id, f"Removed from the map: {person.display}", mark=REMOVED
            )
    for person in new.stakeholders:
        was = before.get(person.id)
        if was is None:
            continue
        if person.id in was_id:
            words = f"{person.display}: id changed: {was_id[person.id]} → {person.id}"
            yield Change(section, person.id, words, "id", was_id[person.id], person.id)
        yield from _person_changes(old, new, was, person)


def _person_changes(
    old: AccountMap, new: AccountMap, was: Stakeholder, now: Stakeholder
) -> Iterator[Change]:
    section, subject = "stakeholders", now.id
    who = now.display

    def change(field_name: str, text: str) -> Change:
        return Change(
            section,
            subject,
            f"{who}: {text}",
            field_name,
            getattr(was, field_name),
            getattr(now, field_name),
        )

    if was.name != now.name:
        if was.name is None:
            yield change("name", f"identified (the {was.title or was.id} placeholder)")
        elif now.name is None:
            yield change("name", f"name removed (was {was.name})")
        else:
            yield change("name", f"renamed from {was.name}")
    if was.title != now.title:
        yield change("title", f"title {show(was.title)} → {show(now.title)}")
    if was.stance != now.stance:
        yield change("stance", f"{was.stance} → {now.stance}")
    for role in now.roles:
        if role not in was.roles:
            yield Change(section, subject, f"{who}: now {role_label(role)}", "roles", None, role)
    for role in was.roles:
        if role not in now.roles:
            label = role_label(role)
            yield Change(section, subject, f"{who}: no longer {label}", "roles", role, None)
    if was.influence != now.influence:
        if was.influence is None:
            yield change("influence", f"influence assessed as {now.influence}")
        elif now.influence is None:
            yield change("influence", f"influence no longer assessed (was {was.influence})")
        else:
            yield change("influence", f"influence {was.influence} → {now.influence}")
    if was.status != now.status:
        if now.status == "left":
            yield change("status", "left the company")
        else:
            yield change("status", f"status {was.status} → {now.status}")
    if was.reports_to != now.reports_to:
        if now.reports_to is None:
            yield change("reports_to", f"no longer reports to {name_of(old, was.reports_to)}")
        elif was.reports_to is None:
            yield change("reports_to", f"now reports to {name_of(new, now.reports_to)}")
        else:
            yield change(
                "reports_to",
                f"now reports to {name_of(new, now.reports_to)} "
                f"(was {name_of(old, was.reports_to)})",
            )
    if was.unit != now.unit:
        yield change("unit", f"moved from {unit_name(old, was.unit)} to {unit_name(new, now.unit)}")
    if was.owner != now.owner:
        if now.owner is None:
            yield change(
                "owner", f"no owner on our team any more (was {team_name(old, was.owner)})"
            )
        elif was.owner is None:
            yield change("owner", f"now covered by {team_name(new, now.owner)}")
        else:
            yield change(
                "owner",
                f"now covered by {team_name(new, now.owner)} (was {team_name(old, was.owner)})",
            )
    if was.last_contact != now.last_contact:
        if was.last_contact is None:
            yield change("last_contact", f"first contact recorded: {show(now.last_contact)}")
        elif now.last_contact is None:
            yield change("last_contact", f"last contact removed (was {show(was.last_contact)})")
        else:
            yield change(
                "last_contact",
                f"last contact {show(was.last_contact)} → {show(now.last_contact)}",
            )
    contact_fields = _changed_fields(was.contact, now.contact, ("email", "phone", "linkedin"))
    if contact_fields:
        yield Change(
            section,
            subject,
            f"{who}: contact details changed ({', '.join(contact_fields)})",
            "contact",
        )
    for name in _changed_fields(was.prefers, now.prefers, ("channel", "cadence", "style")):
        a = getattr(was.prefers, name, None) if was.prefers else None
        b = getattr(now.prefers, name, None) if now.prefers else None
        yield Change(
            section,
            subject,
            f"{who}: preferred {name} {show(a)} → {show(b)}",
            f"prefers.{name}",
            a,
            b,
        )
    yield from list_changes(
        section, subject, "priorities", was.priorities, now.priorities, f"{who}: priority"
    )
    yield from list_changes(section, subject, "tags", was.tags, now.tags, f"{who}: tag")
    if was.notes != now.notes:
        yield change("notes", "notes changed" if now.notes else "notes removed")
    if was.favours != now.favours:
        if now.favours is None:
            yield change("favours", f"no longer favours {was.favours}")
        elif was.favours is None:
            yield change("favours", f"now favours {now.favours}")
        else:
            yield change("favours", f"now favours {now.favours} (was {was.favours})")
    went = (was.moved_to.account, was.moved_to.on) if was.moved_to else None
    goes = (now.moved_to.account, now.moved_to.on) if now.moved_to else None
    if went != goes:
        if goes is None:
            words = "no longer recorded as moved to another account"
        else:
            on = f" on {show(goes[1])}" if goes[1] else ""
            words = f"moved to another account: {goes[0]}{on}"
        yield Change(
            section, subject, f"{who}: {words}", "moved_to", went and went[0], goes and goes[0]
        )


def _changed_fields(a: Any, b: Any, names: tuple[str, ...]) -> list[str]:
    return [
        n
        for n in names
        if (getattr(a, n, None) if a else None) != (getattr(b, n, None) if b else None)
    ]


def _link_words(side: AccountMap, link: Link) -> str:
    verb = link_verb(link.type)
    return f"{name_of(side, link.source)} {verb} {name_of(side, link.target)}"


def link_changes(old: AccountMap, new: AccountMap) -> Iterator[Change]:
    before = {link.identity: link for link in old.links}
    after = {link.identity: link for link in new.links}
    section = "links"
    for key, link in after.items():
        subject = f"{link.source}→{link.target}"
        was = before.get(key)
        if was is None:
            yield Change(
                section,
                subject,
                f"New link: {_link_words(new, link)} ({link.strength})",
                mark=ADDED,
            )
            continue
        if was.strength != link.strength:
            yield Change(
                section,
                subject,
                f"Link {_link_words(new, link)}: {was.strength} → {link.strength}",
                "strength",
                was.strength,
                link.strength,
            )
        if was.note != link.note:
            yield Change(section, subject, f"Link {_link_words(new, link)}: note changed", "note")
    for key, link in before.items():
        if key not in after:
            subject = f"{link.source}→{link.target}"
            yield Change(section, subject, f"Link removed: {_link_words(old, link)}", mark=REMOVED)
