"""Map diff, the business around the people: partners (and whom they know) and opportunities
(a deal's committee and MEDDPICC facts are meddpicc.py's)."""

from __future__ import annotations

from collections.abc import Iterator

from acmap.analysis.changes.base import ADDED, REMOVED, Change, name_of, show, team_name
from acmap.analysis.changes.meddpicc import deal_changes
from acmap.model import AccountMap, Opportunity, Partner


def partner_changes(old: AccountMap, new: AccountMap) -> Iterator[Change]:
    before = {p.id: p for p in old.partners}
    after = {p.id: p for p in new.partners}
    section = "partners"
    for partner in new.partners:
        was = before.get(partner.id)
        if was is None:
            kind = f" ({partner.type})" if partner.type else ""
            yield Change(section, partner.id, f"New partner: {partner.name}{kind}", mark=ADDED)
            continue
        yield from _partner_changes(old, new, was, partner)
    for partner in old.partners:
        if partner.id not in after:
            yield Change(section, partner.id, f"Partner removed: {partner.name}", mark=REMOVED)


def _partner_changes(
    old: AccountMap, new: AccountMap, was: Partner, now: Partner
) -> Iterator[Change]:
    def change(field: str, text: str, before: object, after: object) -> Change:
        return Change("partners", now.id, text, field, before, after)

    who = now.name
    if was.name != now.name:
        yield change("name", f"Partner {was.name} renamed to {now.name}", was.name, now.name)
    if was.type != now.type:
        yield change("type", f"{who}: type {show(was.type)} → {show(now.type)}", was.type, now.type)
    if was.owner != now.owner:
        words = f"{who}: partner manager {team_name(old, was.owner)} → {team_name(new, now.owner)}"
        yield change("owner", words, was.owner, now.owner)
    knew = {k.stakeholder: k for k in was.knows}
    knows = {k.stakeholder: k for k in now.knows}
    for person, entry in knows.items():
        previous = knew.get(person)
        if previous is None:
            words = f"{who} now knows {name_of(new, person)} ({entry.strength})"
            yield change("knows", words, None, person)
        elif previous.strength != entry.strength:
            words = f"{who} knows {name_of(new, person)}: {previous.strength} → {entry.strength}"
            yield change("knows", words, previous.strength, entry.strength)
    for person in knew:
        if person not in knows:
            yield change("knows", f"{who} no longer knows {name_of(old, person)}", person, None)


def _money(opportunity: Opportunity) -> str:
    if opportunity.amount is None:
        return ""
    currency = f"{opportunity.currency} " if opportunity.currency else ""
    return f"{currency}{show(opportunity.amount)}"


def opportunity_changes(old: AccountMap, new: AccountMap) -> Iterator[Change]:
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
                mark=ADDED,
            )
            continue
        yield from _opportunity_changes(old, new, was, opp)
    for opp in old.account.opportunities:
        if opp.id not in after:
            yield Change(section, opp.id, f"Opportunity removed: {opp.name}", mark=REMOVED)


def _opportunity_changes(
    old: AccountMap, new: AccountMap, was: Opportunity, opp: Opportunity
) -> Iterator[Change]:
    """What changed in one opportunity that both sides have."""

    def change(field: str, text: str, before: object, after: object) -> Change:
        return Change("opportunities", opp.id, text, field, before, after)

    who = opp.name
    if was.name != opp.name:
        yield change("name", f"Opportunity {was.name} renamed to {opp.name}", was.name, opp.name)
    if was.stage != opp.stage:
        yield change("stage", f"{who}: {show(was.stage)} → {show(opp.stage)}", was.stage, opp.stage)
    if (was.amount, was.currency) != (opp.amount, opp.currency):
        words = f"{who}: amount {_money(was) or 'none'} → {_money(opp) or 'none'}"
        yield change("amount", words, was.amount, opp.amount)
    if was.close_date != opp.close_date:
        words = f"{who}: close date {show(was.close_date)} → {show(opp.close_date)}"
        yield change("close_date", words, was.close_date, opp.close_date)
    for person in opp.buying_group:
        if person not in was.buying_group:
            words = f"{who}: {name_of(new, person)} joined the buying group"
            yield change("buying_group", words, None, person)
    for person in was.buying_group:
        if person not in opp.buying_group:
            words = f"{who}: {name_of(old, person)} left the buying group"
            yield change("buying_group", words, person, None)
    yield from deal_changes(old, new, was, opp)
