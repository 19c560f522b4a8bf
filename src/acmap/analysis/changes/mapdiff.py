"""The map diff: every change from one version of a map to the next, as sentences a sales manager
reads ("Mary Lee: supporter → blocker"), people first. People and links are in `people`,
partners and opportunities in `deals` (a deal's MEDDPICC facts in `meddpicc`), the engagement
plan in `actions`; the account, our team and the units are here."""

from __future__ import annotations

from collections.abc import Iterator

from acmap.analysis.changes.actions import action_changes
from acmap.analysis.changes.base import (
    ADDED,
    REMOVED,
    Change,
    list_changes,
    show,
    team_name,
    unit_name,
)
from acmap.analysis.changes.deals import opportunity_changes, partner_changes
from acmap.analysis.changes.people import link_changes, stakeholder_changes
from acmap.analysis.changes.renames import IdChange, id_changes, with_new_ids
from acmap.model import AccountMap

# Sections in the order a reviewer reads them: people first.
SECTIONS = (
    "stakeholders",
    "links",
    "partners",
    "opportunities",
    "actions",
    "account",
    "team",
    "units",
)


def compare(
    old: AccountMap, new: AccountMap, renamed: list[IdChange] | None = None
) -> list[Change]:
    """Every change from `old` to `new`, people first, each as a sentence. A person whose id
    changed (`renamed`, found by id_changes when not given) is compared as one person."""
    renamed = id_changes(old, new) if renamed is None else renamed
    old = with_new_ids(old, renamed)
    found: list[Change] = []
    found += stakeholder_changes(old, new, renamed)
    found += link_changes(old, new)
    found += partner_changes(old, new)
    found += opportunity_changes(old, new)
    found += action_changes(old, new)
    found += _account(old, new)
    found += _team(old, new)
    found += _units(old, new)
    return found


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
            yield Change(section, subject, f"Account {label} {show(x)} → {show(y)}", attr, x, y)
    if a.owner != b.owner:
        yield Change(
            section,
            subject,
            f"Account owner {team_name(old, a.owner)} → {team_name(new, b.owner)}",
            "owner",
            a.owner,
            b.owner,
        )
    yield from list_changes(section, subject, "goals", a.goals, b.goals, "Goal")
    yield from list_changes(section, subject, "pains", a.pains, b.pains, "Pain")
    yield from list_changes(
        section, subject, "competitors", a.competitors, b.competitors, "Competitor"
    )
    yield from list_changes(section, subject, "ignore", a.ignore, b.ignore, "Silenced rule")


def _team(old: AccountMap, new: AccountMap) -> Iterator[Change]:
    before = old.team_by_id()
    after = new.team_by_id()
    for member in new.account.team:
        if member.id not in before:
            role = f" ({member.role.replace('_', ' ')})" if member.role else ""
            words = f"{member.name} joined our account team{role}"
            yield Change("team", member.id, words, mark=ADDED)
        elif before[member.id].role != member.role:
            was = before[member.id].role
            yield Change(
                "team",
                member.id,
                f"{member.name}: team role {show(was)} → {show(member.role)}",
                "role",
                was,
                member.role,
            )
    for member in old.account.team:
        if member.id not in after:
            yield Change("team", member.id, f"{member.name} left our account team", mark=REMOVED)


def _units(old: AccountMap, new: AccountMap) -> Iterator[Change]:
    before = old.units_by_id()
    after = new.units_by_id()
    for unit in new.units:
        was = before.get(unit.id)
        if was is None:
            inside = f" (in {unit_name(new, unit.parent)})" if unit.parent else ""
            yield Change("units", unit.id, f"New unit: {unit.name}{inside}", mark=ADDED)
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
                f"Unit {unit.name} moved from {unit_name(old, was.parent)} to {unit_name(new, unit.parent)}",
                "parent",
                was.parent,
                unit.parent,
            )
    for unit in old.units:
        if unit.id not in after:
            yield Change("units", unit.id, f"Unit removed: {unit.name}", mark=REMOVED)
