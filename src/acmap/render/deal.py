"""`acmap render ID --opportunity DEAL`: one deal's buying committee, each person with the roles
they play in that deal (SPEC §7) rather than their account-wide ones."""

from __future__ import annotations

from dataclasses import replace

from acmap.model import AccountMap, Opportunity
from acmap.render.canvas import RenderOptions
from acmap.words import did_you_mean_person


class DealError(ValueError):
    """--opportunity names no deal of the map; the message says which ones are close."""


def find_deal(account_map: AccountMap, opportunity_id: str) -> Opportunity:
    for deal in account_map.account.opportunities:
        if deal.id == opportunity_id:
            return deal
    deals = {d.id: d.name for d in account_map.account.opportunities}
    hint = did_you_mean_person(opportunity_id, deals)
    if not hint:
        hint = f" (its deals: {', '.join(deals)})" if deals else " (it has no opportunities)"
    raise DealError(
        f"--opportunity {opportunity_id!r}: no such opportunity in {account_map.account.id}{hint}"
    )


def committee(account_map: AccountMap, deal: Opportunity) -> list[str]:
    """Who is in the deal: its own committee and its buying group, in the map's order; when it
    names nobody, everyone (the account-level roles then stand for the deal too)."""
    members = set(deal.roles or ()) | set(deal.buying_group)
    people = [p.id for p in account_map.stakeholders]
    return [p for p in people if p in members] if members else people


def deal_view(
    account_map: AccountMap, options: RenderOptions, opportunity_id: str | None
) -> tuple[AccountMap, RenderOptions]:
    """The map as the deal's picture draws it: only the committee, with per-deal roles; the
    options' title then names the deal. Unchanged without an opportunity."""
    if opportunity_id is None:
        return account_map, options
    deal = find_deal(account_map, opportunity_id)
    members = set(committee(account_map, deal))
    people = [
        replace(person, roles=list(deal.roles_of(person)))
        for person in account_map.stakeholders
        if person.id in members
    ]
    return replace(account_map, stakeholders=people), replace(options, deal=deal.name)
