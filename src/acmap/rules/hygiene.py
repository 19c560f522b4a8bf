"""G4xx hygiene: is the map itself complete and current enough to trust?"""

from __future__ import annotations

from collections.abc import Iterator

from acmap.model import KEY_ROLES, AccountMap
from acmap.rules.base import Context, Problem, account_pos, plural, roles_text, rule, who


@rule("G401")
def unknown_stance(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    for person in ctx.key:
        if person.stance != "unknown":
            continue
        yield Problem(
            person.where("stance"),
            f"{who(person)}: stance unknown — find out where they stand on us "
            "(advocate, supporter, neutral, skeptic or blocker)",
            subject=person.id,
        )


@rule("G402")
def missing_preferences(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    for person in ctx.key:
        if person.prefers is not None and person.prefers.channel:
            continue
        yield Problem(
            person.where("prefers"),
            f"{who(person)}: no preferred channel — ask how they like to be reached and "
            "record prefers.channel",
            subject=person.id,
        )


@rule("G403")
def no_goals(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    if account_map.account.goals:
        return
    yield Problem(
        account_pos(account_map),
        "no account goals — write down what the customer wants to achieve, in their words; "
        "a proposal that serves no goal does not get signed",
    )


@rule("G404", review_days=180)
def stale_map(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    reviewed = account_map.account.reviewed
    if reviewed is None:
        yield Problem(
            account_pos(account_map),
            "the map has never been reviewed — walk through it with the team and set "
            "account.reviewed",
        )
        return
    days = ctx.days_since(reviewed)
    limit = ctx.thresholds["review_days"]
    if days <= limit:
        return
    yield Problem(
        account_map.account.where("reviewed"),
        f"last reviewed {reviewed.isoformat()}, {plural(days, 'day')} ago "
        f"(limit {limit}) — review the map with the team and update "
        "account.reviewed",
    )


@rule("G405")
def unidentified_key_person(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    for person in account_map.stakeholders:
        if person.identified or not person.active or KEY_ROLES.isdisjoint(person.roles):
            continue
        yield Problem(
            person.pos,
            f"{person.display} is {roles_text(person, KEY_ROLES)} but nobody is named — "
            "find out who holds the position and add their name",
            subject=person.id,
        )
