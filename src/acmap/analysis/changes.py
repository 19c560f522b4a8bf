"""What a change to one account map means, in words a sales manager reads.

`compare(old, new)` lists the changes between two versions of a map ("Mary Lee: supporter →
blocker"); `diff_account` adds what the change does to the account's health: status and score
before → after and the gaps it opens and closes. Nothing here knows about git or prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from acmap.findings import SEVERITY_RANK, Finding
from acmap.model import (
    MUTUAL_LINK_TYPES,
    ROLE_LABELS,
    AccountMap,
    Link,
    Opportunity,
    Partner,
    Stakeholder,
)
from acmap.settings import GapSettings

# Sections in the order a reviewer reads them: people first.
SECTIONS = ("stakeholders", "links", "partners", "opportunities", "account", "team", "units")

LINK_VERBS = {
    "influences": "influences",
    "dotted_line": "reports informally (dotted line) to",
    "mentors": "mentors",
    "allies": "is allied with",
    "conflicts": "is in conflict with",
}


@dataclass(frozen=True, slots=True)
class Change:
    """One change, as a sentence. `subject` is the id of the person, link, partner ... it is about;
    `field`, `before` and `after` say the same for machines (JSON)."""

    section: str
    subject: str
    text: str
    field: str | None = None
    before: Any = None
    after: Any = None

    def as_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "subject": self.subject,
            "field": self.field,
            "before": _plain(self.before),
            "after": _plain(self.after),
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class GapChange:
    """A gap the change opened or closed; `who` is the person (or unit) it is about, by name."""

    finding: Finding
    who: str | None

    @property
    def text(self) -> str:
        f = self.finding
        lead = f"{self.who}: " if self.who and self.who not in f.message else ""
        return f"{f.code} {f.name} — {lead}{f.message}"

    def as_json(self) -> dict[str, Any]:
        return {**self.finding.as_json(), "who": self.who}


@dataclass(slots=True)
class AccountDiff:
    """Everything `acmap diff` says about one account (one changed file)."""

    kind: str  # added | removed | renamed | changed
    account: str
    name: str
    old_file: str | None
    new_file: str | None
    changes: list[Change] = field(default_factory=list)
    status: tuple[str | None, str | None] = (None, None)
    score: tuple[int | None, int | None] = (None, None)
    opened: list[GapChange] = field(default_factory=list)
    closed: list[GapChange] = field(default_factory=list)
    invalid_before: list[Finding] = field(default_factory=list)
    invalid_after: list[Finding] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.new_file or self.old_file or ""

    @property
    def invalid(self) -> bool:
        return bool(self.invalid_before or self.invalid_after)

    def as_json(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "name": self.name,
            "kind": self.kind,
            "old_file": self.old_file,
            "new_file": self.new_file,
            "status": {"before": self.status[0], "after": self.status[1]},
            "score": {"before": self.score[0], "after": self.score[1]},
            "changes": [c.as_json() for c in self.changes],
            "gaps_opened": [g.as_json() for g in self.opened],
            "gaps_closed": [g.as_json() for g in self.closed],
            "invalid_before": [f.as_json() for f in self.invalid_before],
            "invalid_after": [f.as_json() for f in self.invalid_after],
        }


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


# --- the account's health on each side ---------------------------------------------------------


def diff_account(
    kind: str,
    old_file: str | None,
    new_file: str | None,
    old: AccountMap | None,
    new: AccountMap | None,
    gaps: GapSettings,
    today: date,
    *,
    invalid_before: list[Finding] | None = None,
    invalid_after: list[Finding] | None = None,
) -> AccountDiff:
    """One account's diff. `old`/`new` are None where the file is absent or invalid on that side
    (its validation findings then come in invalid_before/invalid_after)."""
    from acmap.analysis.health import assess

    either = new or old
    account = either.account.id if either else _stem(new_file or old_file or "")
    name = either.account.name if either else account
    result = AccountDiff(
        kind,
        account,
        name,
        old_file,
        new_file,
        invalid_before=[f for f in invalid_before or [] if f.severity == "error"],
        invalid_after=[f for f in invalid_after or [] if f.severity == "error"],
    )
    before = assess(old, gaps, today) if old is not None else None
    after = assess(new, gaps, today) if new is not None else None
    result.status = (before.status if before else None, after.status if after else None)
    result.score = (
        before.score.total if before else None,
        after.score.total if after else None,
    )
    if old is not None and new is not None:
        result.changes = compare(old, new)
    if after is not None and kind != "removed":
        old_findings = before.findings if before else []
        opened, closed = gap_changes(old_findings, after.findings)
        result.opened = [GapChange(f, _who(f.subject, new)) for f in opened]
        result.closed = [GapChange(f, _who(f.subject, old)) for f in closed] if old else []
    return result


def _stem(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0]


def _who(subject: str | None, side: AccountMap | None) -> str | None:
    if subject is None or side is None:
        return None
    person = side.person(subject)
    if person is not None:
        return person.display
    unit = side.units_by_id().get(subject)
    if unit is not None:
        return unit.name
    return subject


def gap_changes(before: list[Finding], after: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Gaps opened and closed, matched by rule and subject: a gap that is still there with new
    numbers in its message ("not contacted for 120 days") is neither opened nor closed."""

    def key(f: Finding) -> tuple[str, str]:
        return (f.code, f.subject or "")

    old_counts = Counter(key(f) for f in before)
    new_counts = Counter(key(f) for f in after)
    opened = _surplus(after, new_counts, old_counts, key)
    closed = _surplus(before, old_counts, new_counts, key)
    order = _by_severity
    return sorted(opened, key=order), sorted(closed, key=order)


def _surplus(
    findings: list[Finding],
    mine: Counter[tuple[str, str]],
    theirs: Counter[tuple[str, str]],
    key: Callable[[Finding], tuple[str, str]],
) -> list[Finding]:
    extra = {k: n - theirs.get(k, 0) for k, n in mine.items() if n > theirs.get(k, 0)}
    out = []
    for f in reversed(findings):  # when counts differ, the last ones are the new ones
        k = key(f)
        if extra.get(k, 0) > 0:
            extra[k] -= 1
            out.append(f)
    return out


def _by_severity(f: Finding) -> tuple[int, str, int]:
    return (-SEVERITY_RANK[f.severity], f.code, f.line)


# --- what changed in the map --------------------------------------------------------------------


def compare(old: AccountMap, new: AccountMap) -> list[Change]:
    """Every change from `old` to `new`, people first, each as a sentence."""
    found: list[Change] = []
    found += _stakeholders(old, new)
    found += _links(old, new)
    found += _partners(old, new)
    found += _opportunities(old, new)
    found += _account(old, new)
    found += _team(old, new)
    found += _units(old, new)
    return found


def _name_of(side: AccountMap, person_id: str | None) -> str:
    if person_id is None:
        return "nobody"
    person = side.person(person_id)
    return person.display if person is not None else person_id


def _team_name(side: AccountMap, member_id: str | None) -> str:
    if member_id is None:
        return "nobody"
    member = side.team_by_id().get(member_id)
    return member.name if member is not None else member_id


def _unit_name(side: AccountMap, unit_id: str | None) -> str:
    if unit_id is None:
        return "no unit"
    unit = side.units_by_id().get(unit_id)
    return unit.name if unit is not None else unit_id


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _list_changes(
    section: str, subject: str, field_name: str, before: list[str], after: list[str], lead: str
) -> Iterator[Change]:
    """`lead` "Mary Lee: priority" gives "Mary Lee: priority added: X"."""
    for item in after:
        if item not in before:
            yield Change(section, subject, f"{lead} added: {item}", field_name, None, item)
    for item in before:
        if item not in after:
            yield Change(section, subject, f"{lead} removed: {item}", field_name, item, None)


def _describe_person(side: AccountMap, person: Stakeholder) -> str:
    details = []
    if person.name and person.title:
        details.append(person.title)
    if person.roles:
        details.append(", ".join(ROLE_LABELS.get(r, r) for r in person.roles))
    details.append(person.stance)
    if person.reports_to:
        details.append(f"reports to {_name_of(side, person.reports_to)}")
    return f"{person.display} ({'; '.join(details)})"


def _stakeholders(old: AccountMap, new: AccountMap) -> Iterator[Change]:
    before = old.people_by_id()
    after = new.people_by_id()
    section = "stakeholders"
    for person in new.stakeholders:
        if person.id not in before:
            yield Change(
                section, person.id, f"New on the map: {_describe_person(new, person)}", None
            )
    for person in old.stakeholders:
        if person.id not in after:
            yield Change(section, person.id, f"Removed from the map: {person.display}", None)
    for person in new.stakeholders:
        was = before.get(person.id)
        if was is not None:
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
        yield change("title", f"title {_show(was.title)} → {_show(now.title)}")
    if was.stance != now.stance:
        yield change("stance", f"{was.stance} → {now.stance}")
    for role in now.roles:
        if role not in was.roles:
            yield Change(
                section, subject, f"{who}: now {ROLE_LABELS.get(role, role)}", "roles", None, role
            )
    for role in was.roles:
        if role not in now.roles:
            label = ROLE_LABELS.get(role, role)
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
            yield change("reports_to", f"no longer reports to {_name_of(old, was.reports_to)}")
        elif was.reports_to is None:
            yield change("reports_to", f"now reports to {_name_of(new, now.reports_to)}")
        else:
            yield change(
                "reports_to",
                f"now reports to {_name_of(new, now.reports_to)} "
                f"(was {_name_of(old, was.reports_to)})",
            )
    if was.unit != now.unit:
        yield change(
            "unit", f"moved from {_unit_name(old, was.unit)} to {_unit_name(new, now.unit)}"
        )
    if was.owner != now.owner:
        if now.owner is None:
            yield change(
                "owner", f"no owner on our team any more (was {_team_name(old, was.owner)})"
            )
        elif was.owner is None:
            yield change("owner", f"now covered by {_team_name(new, now.owner)}")
        else:
            yield change(
                "owner",
                f"now covered by {_team_name(new, now.owner)} (was {_team_name(old, was.owner)})",
            )
    if was.last_contact != now.last_contact:
        if was.last_contact is None:
            yield change("last_contact", f"first contact recorded: {_show(now.last_contact)}")
        elif now.last_contact is None:
            yield change("last_contact", f"last contact removed (was {_show(was.last_contact)})")
        else:
            yield change(
                "last_contact",
                f"last contact {_show(was.last_contact)} → {_show(now.last_contact)}",
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
            f"{who}: preferred {name} {_show(a)} → {_show(b)}",
            f"prefers.{name}",
            a,
            b,
        )
    yield from _list_changes(
        section, subject, "priorities", was.priorities, now.priorities, f"{who}: priority"
    )
    yield from _list_changes(section, subject, "tags", was.tags, now.tags, f"{who}: tag")
    if was.notes != now.notes:
        yield change("notes", "notes changed" if now.notes else "notes removed")


def _changed_fields(a: Any, b: Any, names: tuple[str, ...]) -> list[str]:
    return [
        n
        for n in names
        if (getattr(a, n, None) if a else None) != (getattr(b, n, None) if b else None)
    ]


def _link_key(link: Link) -> tuple[str, str, str]:
    if link.type in MUTUAL_LINK_TYPES:
        a, b = sorted((link.source, link.target))
        return (a, b, link.type)
    return (link.source, link.target, link.type)


def _link_words(side: AccountMap, link: Link) -> str:
    verb = LINK_VERBS.get(link.type, link.type)
    return f"{_name_of(side, link.source)} {verb} {_name_of(side, link.target)}"


def _links(old: AccountMap, new: AccountMap) -> Iterator[Change]:
    before = {_link_key(link): link for link in old.links}
    after = {_link_key(link): link for link in new.links}
    section = "links"
    for key, link in after.items():
        subject = f"{link.source}→{link.target}"
        was = before.get(key)
        if was is None:
            yield Change(
                section, subject, f"New link: {_link_words(new, link)} ({link.strength})", None
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
            yield Change(section, subject, f"Link removed: {_link_words(old, link)}", None)


def _partners(old: AccountMap, new: AccountMap) -> Iterator[Change]:
    before = {p.id: p for p in old.partners}
    after = {p.id: p for p in new.partners}
    section = "partners"
    for partner in new.partners:
        was = before.get(partner.id)
        if was is None:
            kind = f" ({partner.type})" if partner.type else ""
            yield Change(section, partner.id, f"New partner: {partner.name}{kind}", None)
            continue
        yield from _partner_changes(old, new, was, partner)
    for partner in old.partners:
        if partner.id not in after:
            yield Change(section, partner.id, f"Partner removed: {partner.name}", None)


def _partner_changes(
    old: AccountMap, new: AccountMap, was: Partner, now: Partner
) -> Iterator[Change]:
    section, subject, who = "partners", now.id, now.name
    if was.name != now.name:
        yield Change(
            section,
            subject,
            f"Partner {was.name} renamed to {now.name}",
            "name",
            was.name,
            now.name,
        )
    if was.type != now.type:
        yield Change(
            section,
            subject,
            f"{who}: type {_show(was.type)} → {_show(now.type)}",
            "type",
            was.type,
            now.type,
        )
    if was.owner != now.owner:
        yield Change(
            section,
            subject,
            f"{who}: partner manager {_team_name(old, was.owner)} → {_team_name(new, now.owner)}",
            "owner",
            was.owner,
            now.owner,
        )
    knew = {k.stakeholder: k for k in was.knows}
    knows = {k.stakeholder: k for k in now.knows}
    for person, entry in knows.items():
        previous = knew.get(person)
        if previous is None:
            yield Change(
                section,
                subject,
                f"{who} now knows {_name_of(new, person)} ({entry.strength})",
                "knows",
                None,
                person,
            )
        elif previous.strength != entry.strength:
            yield Change(
                section,
                subject,
                f"{who} knows {_name_of(new, person)}: {previous.strength} → {entry.strength}",
                "knows",
                previous.strength,
                entry.strength,
            )
    for person in knew:
        if person not in knows:
            yield Change(
                section,
                subject,
                f"{who} no longer knows {_name_of(old, person)}",
                "knows",
                person,
                None,
            )


def _money(opportunity: Opportunity) -> str:
    if opportunity.amount is None:
        return ""
    currency = f"{opportunity.currency} " if opportunity.currency else ""
    return f"{currency}{_show(opportunity.amount)}"


def _opportunities(old: AccountMap, new: AccountMap) -> Iterator[Change]:
    before = {o.id: o for o in old.account.opportunities}
    after = {o.id: o for o in new.account.opportunities}
    section = "opportunities"
    for opp in new.account.opportunities:
        was = before.get(opp.id)
        if was is None:
            details = ", ".join(x for x in (opp.stage or "", _money(opp)) if x)
            yield Change(
                section,
                opp.id,
                f"New opportunity: {opp.name}" + (f" ({details})" if details else ""),
                None,
            )
            continue
        who = opp.name
        if was.name != opp.name:
            yield Change(
                section,
                opp.id,
                f"Opportunity {was.name} renamed to {opp.name}",
                "name",
                was.name,
                opp.name,
            )
        if was.stage != opp.stage:
            yield Change(
                section,
                opp.id,
                f"{who}: {_show(was.stage)} → {_show(opp.stage)}",
                "stage",
                was.stage,
                opp.stage,
            )
        if (was.amount, was.currency) != (opp.amount, opp.currency):
            yield Change(
                section,
                opp.id,
                f"{who}: amount {_money(was) or 'none'} → {_money(opp) or 'none'}",
                "amount",
                was.amount,
                opp.amount,
            )
        if was.close_date != opp.close_date:
            yield Change(
                section,
                opp.id,
                f"{who}: close date {_show(was.close_date)} → {_show(opp.close_date)}",
                "close_date",
                was.close_date,
                opp.close_date,
            )
        for person in opp.buying_group:
            if person not in was.buying_group:
                yield Change(
                    section,
                    opp.id,
                    f"{who}: {_name_of(new, person)} joined the buying group",
                    "buying_group",
                    None,
                    person,
                )
        for person in was.buying_group:
            if person not in opp.buying_group:
                yield Change(
                    section,
                    opp.id,
                    f"{who}: {_name_of(old, person)} left the buying group",
                    "buying_group",
                    person,
                    None,
                )
    for opp in old.account.opportunities:
        if opp.id not in after:
            yield Change(section, opp.id, f"Opportunity removed: {opp.name}", None)


_ACCOUNT_FIELDS = (
    ("name", "name"),
    ("tier", "tier"),
    ("industry", "industry"),
    ("region", "region"),
    ("website", "website"),
    ("employees", "employees"),
    ("revenue", "revenue"),
    ("reviewed", "map reviewed"),
)


def _account(old: AccountMap, new: AccountMap) -> Iterator[Change]:
    a, b = old.account, new.account
    section, subject = "account", b.id
    if a.id != b.id:
        yield Change(section, subject, f"Account id {a.id} → {b.id}", "id", a.id, b.id)
    for attr, label in _ACCOUNT_FIELDS:
        x, y = getattr(a, attr), getattr(b, attr)
        if x != y:
            yield Change(section, subject, f"Account {label} {_show(x)} → {_show(y)}", attr, x, y)
    if a.owner != b.owner:
        yield Change(
            section,
            subject,
            f"Account owner {_team_name(old, a.owner)} → {_team_name(new, b.owner)}",
            "owner",
            a.owner,
            b.owner,
        )
    yield from _list_changes(section, subject, "goals", a.goals, b.goals, "Goal")
    yield from _list_changes(section, subject, "pains", a.pains, b.pains, "Pain")
    yield from _list_changes(
        section, subject, "competitors", a.competitors, b.competitors, "Competitor"
    )
    yield from _list_changes(section, subject, "ignore", a.ignore, b.ignore, "Silenced rule")


def _team(old: AccountMap, new: AccountMap) -> Iterator[Change]:
    before = old.team_by_id()
    after = new.team_by_id()
    for member in new.account.team:
        if member.id not in before:
            role = f" ({member.role.replace('_', ' ')})" if member.role else ""
            yield Change("team", member.id, f"{member.name} joined our account team{role}", None)
        elif before[member.id].role != member.role:
            was = before[member.id].role
            yield Change(
                "team",
                member.id,
                f"{member.name}: team role {_show(was)} → {_show(member.role)}",
                "role",
                was,
                member.role,
            )
    for member in old.account.team:
        if member.id not in after:
            yield Change("team", member.id, f"{member.name} left our account team", None)


def _units(old: AccountMap, new: AccountMap) -> Iterator[Change]:
    before = old.units_by_id()
    after = new.units_by_id()
    for unit in new.units:
        was = before.get(unit.id)
        if was is None:
            inside = f" (in {_unit_name(new, unit.parent)})" if unit.parent else ""
            yield Change("units", unit.id, f"New unit: {unit.name}{inside}", None)
            continue
        if was.name != unit.name:
            yield Change(
                "units",
                unit.id,
                f"Unit {was.name} renamed to {unit.name}",
                "name",
                was.name,
                unit.name,
            )
        if was.parent != unit.parent:
            yield Change(
                "units",
                unit.id,
                f"Unit {unit.name} moved from {_unit_name(old, was.parent)} to {_unit_name(new, unit.parent)}",
                "parent",
                was.parent,
                unit.parent,
            )
    for unit in old.units:
        if unit.id not in after:
            yield Change("units", unit.id, f"Unit removed: {unit.name}", None)
