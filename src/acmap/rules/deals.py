"""G601–G604 deals: is each open deal qualified for its stage, does it know why the customer must
decide, is its champion proven, and does anyone work on the people who lean to a competitor?

G602 and G603 ask only of a deal that records deal facts (meddpicc.has_deal_facts), so that a map
written before deals had them keeps exactly the gaps it had.
"""

from __future__ import annotations

from collections.abc import Iterator

from acmap.model import AccountMap
from acmap.rules.base import Context, Problem, names, rule, who
from acmap.rules.meddpicc import (
    LATE_STAGES,
    has_deal_facts,
    holders,
    missing,
    recent_evidence,
    score_deal,
)
from acmap.rules.plan import planned_with


@rule("G601")
def qualification_gate(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    if not ctx.gates:
        return
    for deal in account_map.account.opportunities:
        gate = ctx.gates.get(deal.stage or "")
        if not deal.is_open or not gate:
            continue
        letters = score_deal(account_map, deal, ctx)
        short = missing(letters, gate)
        if not short:
            continue
        detail = "; ".join(
            f"{x} {letters[x].score} < {gate[x]} ({letters[x].facts[-1]})" for x in short
        )
        yield Problem(
            deal.where("stage"),
            f"deal {deal.name!r} is at {deal.stage} but misses its gate: {detail} — "
            "qualify it (acmap qualify names the facts) or move it back a stage",
            subject=deal.id,
        )


@rule("G602")
def no_compelling_event(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    for deal in account_map.account.opportunities:
        if not deal.is_open or deal.stage not in LATE_STAGES or deal.compelling_event:
            continue
        if not has_deal_facts(deal):
            continue
        yield Problem(
            deal.where("stage"),
            f"deal {deal.name!r} is at {deal.stage} with no compelling event — find out why "
            "they must decide by a date and record compelling_event: {date, what}",
            subject=deal.id,
        )


@rule("G603", stale_days=90)
def unproven_champion(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    for deal in account_map.account.opportunities:
        if not deal.is_open or not has_deal_facts(deal) or recent_evidence(deal, ctx):
            continue
        champions = holders(account_map, deal, "champion")
        if not champions:
            continue  # G103 says there is none
        days = ctx.thresholds["stale_days"]
        last = max((e.date for e in deal.champion_evidence if e.date), default=None)
        since = f" (the last is from {last.isoformat()})" if last else ""
        yield Problem(
            deal.where("champion_evidence") if deal.champion_evidence else deal.pos,
            f"deal {deal.name!r}: {names(champions)}, its champion, has done nothing for us in "
            f"{days} days on record{since} — ask for something only a champion would do "
            "(an internal memo, a meeting with the economic buyer) and add it to "
            "champion_evidence",
            subject=champions[0].id,
        )


@rule("G604")
def favours_competitor(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    rivals = {name.casefold(): name for name in account_map.account.competitors}
    for deal in account_map.account.opportunities:
        for rival in deal.competition:
            rivals.setdefault(rival.name.casefold(), rival.name)
    if not rivals:
        return
    planned = planned_with(account_map)
    for person in ctx.key:
        if not person.favours or person.favours.strip().casefold() not in rivals:
            continue
        owned = person.owner is not None and person.owner in ctx.team
        if owned or person.id in planned:
            continue
        yield Problem(
            person.where("favours"),
            f"{who(person)} favours {rivals[person.favours.strip().casefold()]}, and nobody "
            "on our team owns them or plans to meet them — give them an owner and an action "
            "that answers what draws them there",
            subject=person.id,
        )
