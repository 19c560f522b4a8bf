"""G2xx engagement: are we in touch with the people who matter, and does someone own each of them?"""

from __future__ import annotations

from collections.abc import Iterator

from acmap.contact import GONE_DARK, NEVER_CONTACTED
from acmap.model import KEY_ROLES, ROLE_LABELS, AccountMap
from acmap.rules.base import Context, Problem, names, plural, rule, warm_route, who


def _route(clause: str) -> str:
    return f"; {clause}" if clause else ""


@rule("G201", stale_days=90)
def gone_dark(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    for person in ctx.key:
        contact = ctx.contact(person)
        if contact.state != GONE_DARK or contact.days is None or person.last_contact is None:
            continue
        yield Problem(
            person.where("last_contact"),
            f"{who(person)}: last contact {person.last_contact.isoformat()}, "
            f"{plural(contact.days, 'day')} ago — re-engage"
            f"{_route(warm_route(account_map, ctx, person))}",
            subject=person.id,
        )


@rule("G202")
def never_contacted(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    for person in ctx.key:
        if ctx.contact(person).state != NEVER_CONTACTED:
            continue
        route = warm_route(account_map, ctx, person)
        advice = f"ask for an introduction: {route}" if route else "set up a first meeting"
        yield Problem(
            person.pos,
            f"{who(person)}: never contacted — {advice}, then record last_contact",
            subject=person.id,
        )


@rule("G203")
def no_owner(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    account_owner = ctx.member(account_map.account.owner)
    for person in ctx.key:
        if person.owner is not None and person.owner in ctx.team:
            continue
        advice = "give them an owner from the account team"
        if account_owner:
            advice += f" (the account owner is {account_owner})"
        yield Problem(
            person.where("owner"),
            f"{who(person)}: nobody on our team covers them — {advice}",
            subject=person.id,
        )


@rule("G204")
def weak_champion(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    for person in account_map.stakeholders:
        if not person.active or "champion" not in person.roles or person.friendly:
            continue
        yield Problem(
            person.where("stance"),
            f"{who(person)} is listed as champion but their stance is {person.stance} — "
            "test them (would they sell for us when we are not in the room?) or drop the role",
            subject=person.id,
        )


@rule("G205")
def left_key_role(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    for person in account_map.stakeholders:
        if person.active:
            continue
        held = [r for r in person.roles if r in KEY_ROLES]
        reports = ctx.reports.get(person.id, [])
        if not held and not reports:
            continue
        still = []
        todo = []
        if held:
            still.append(f"listed as {', '.join(ROLE_LABELS[r] for r in held)}")
            todo.append("find who took over the role")
        if reports:
            still.append(f"the manager of {names(reports)}")
            todo.append("update reports_to")
        yield Problem(
            person.where("status"),
            f"{person.display} has left but is still {' and '.join(still)} — {' and '.join(todo)}",
            subject=person.id,
        )
