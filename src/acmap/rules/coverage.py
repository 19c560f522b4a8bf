"""G1xx coverage: are the people who buy in the map, and do we reach enough of them?"""

from __future__ import annotations

from collections.abc import Iterator

from acmap.model import POWER_ROLES, ROLE_LABELS, AccountMap, Stakeholder
from acmap.rules.base import Context, Problem, account_pos, names, plural, rule, who

# The tiers where a missing economic buyer is a forecast risk, not a nice-to-have.
BIG_TIERS = frozenset({"strategic", "key"})


def _role_gap(account_map: AccountMap, role: str, what_to_do: str) -> Iterator[Problem]:
    deals = account_map.account.opportunities
    own = [d for d in deals if d.roles is not None]
    # Someone who holds the role only in a deal's own committee holds it at the account too.
    holders = [
        s
        for s in account_map.stakeholders
        if role in s.roles or any(role in d.roles_of(s) for d in own)
    ]
    label = ROLE_LABELS[role]
    if not any(s.active for s in holders):
        gone = [s for s in holders if not s.active]
        if gone:
            message = (
                f"no active {label}: {names(gone)} held the role and "
                f"{'has' if len(gone) == 1 else 'have'} left — {what_to_do}"
            )
        else:
            message = f"no {label} identified — {what_to_do}"
        yield Problem(account_pos(account_map), message)
        return
    # SPEC §8: a deal with its own committee answers for itself.
    for deal in own:
        if not deal.is_open or any(s.active and role in deal.roles_of(s) for s in holders):
            continue
        elsewhere = [s for s in holders if s.active]
        yield Problem(
            deal.where("roles"),
            f"deal {deal.name!r} has no {label} in its roles (the account has "
            f"{names(elsewhere)}) — find who holds it for this deal and add them to its roles",
            subject=deal.id,
        )


@rule("G101")
def no_economic_buyer(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    severity = "error" if account_map.account.tier in BIG_TIERS else None
    for problem in _role_gap(
        account_map,
        "economic_buyer",
        "ask your coach who releases the money now and add them with roles: [economic_buyer]",
    ):
        yield Problem(problem.pos, problem.message, problem.subject, severity=severity)


@rule("G102")
def no_decision_maker(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    yield from _role_gap(
        account_map,
        "decision_maker",
        "find out who makes the final call now and add them with roles: [decision_maker]",
    )


@rule("G103")
def no_champion(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    candidates = sorted(
        (s for s in ctx.engaged if s.stance == "advocate" or s.stance == "supporter"),
        key=lambda s: (_INFLUENCE_ORDER.get(s.influence or "", 3), s.stance != "advocate"),
    )
    if candidates:
        advice = (
            f"test whether {names(candidates[:2])} will sell for us when we are not in the room"
        )
    else:
        advice = "win over someone with influence who will sell for us when we are not in the room"
    yield from _role_gap(account_map, "champion", advice)


_INFLUENCE_ORDER = {"high": 0, "medium": 1, "low": 2}


@rule("G104", min_engaged=3)
def single_threaded(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    needed = ctx.thresholds["min_engaged"]
    engaged = ctx.engaged
    if len(engaged) >= needed:
        return
    if engaged:
        now = f"only {plural(len(engaged), 'engaged stakeholder')} ({names(engaged)})"
    else:
        now = "no engaged stakeholder"
    # Whom to reach next: key people first, then anyone active we have lost touch with.
    reachable = [s for s in account_map.stakeholders if s.active and s.id not in ctx.engaged_ids]
    reachable.sort(key=lambda s: (not s.is_key, _INFLUENCE_ORDER.get(s.influence or "", 3)))
    advice = f" — engage {names(reachable)}" if reachable else " — map and engage more people"
    yield Problem(
        account_pos(account_map),
        f"{now}, {needed} wanted for a {account_map.account.tier} account{advice}",
        severity="error" if len(engaged) <= 1 else None,
    )


@rule("G105")
def uncovered_unit(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    parents = {u.id: u.parent for u in account_map.units}
    covered: set[str] = set()
    for person in account_map.stakeholders:
        if not (person.active and person.identified and person.unit):
            continue
        unit: str | None = person.unit
        while unit is not None and unit not in covered:  # `covered` also stops a cycle
            covered.add(unit)
            unit = parents.get(unit)
    placeholders: dict[str, list[Stakeholder]] = {}
    for person in account_map.stakeholders:
        if person.active and not person.identified and person.unit:
            placeholders.setdefault(person.unit, []).append(person)
    for unit_entry in account_map.units:
        if unit_entry.id in covered:
            continue
        waiting = placeholders.get(unit_entry.id, [])
        if waiting:
            advice = f"only {names(waiting)}, not yet named — find out who holds the position"
        else:
            advice = "nobody mapped there — find out who runs it and add them"
        yield Problem(unit_entry.pos, f"unit {unit_entry.name} has {advice}", subject=unit_entry.id)


@rule("G106")
def no_power_access(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    if any(_powerful(s) for s in ctx.engaged):
        return
    powerful = [s for s in account_map.stakeholders if s.active and _powerful(s)]
    if len(powerful) == 1:
        advice = f"{who(powerful[0])} is not engaged — get a meeting"
    elif powerful:
        powerful.sort(key=lambda s: POWER_ROLES.isdisjoint(s.roles))
        advice = f"none of {names(powerful)} is engaged — get a meeting with one of them"
    else:
        advice = "nobody with power is mapped — find the economic buyer and decision maker"
    yield Problem(account_pos(account_map), f"no access to power: {advice}")


def _powerful(person: Stakeholder) -> bool:
    return person.influence == "high" or not POWER_ROLES.isdisjoint(person.roles)
