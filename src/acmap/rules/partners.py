"""G5xx partners and deals: who can open doors for us, and does each open deal reach power?"""

from __future__ import annotations

from collections.abc import Iterator

from acmap.contact import NEVER_CONTACTED
from acmap.model import ROLE_LABELS, AccountMap
from acmap.rules.base import Context, Problem, names, rule, who


@rule("G501")
def partner_intro(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    for partner in account_map.partners:
        for acquaintance in partner.knows:
            person = ctx.people.get(acquaintance.stakeholder)
            if person is None or not person.is_key or ctx.is_engaged(person):
                continue
            if person.last_contact is None:
                state = NEVER_CONTACTED
            else:
                state = f"last contact {person.last_contact.isoformat()}"
            manager = ctx.member(partner.owner)
            ask = (
                f"ask {manager} to request an introduction"
                if manager
                else "ask for an introduction"
            )
            yield Problem(
                acquaintance.pos,
                f"{partner.name} knows {who(person)}{_HOW_WELL.get(acquaintance.strength, '')}; "
                f"we are not engaged ({state}) — {ask}",
                subject=person.id,
            )


_HOW_WELL = {"strong": " well", "weak": " a little"}


@rule("G502")
def buying_group_gap(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    for deal in account_map.account.opportunities:
        if not deal.is_open:
            continue
        members = [ctx.people[i] for i in deal.buying_group if i in ctx.people]
        missing = [
            role
            for role in ("economic_buyer", "decision_maker")
            if not any(role in deal.roles_of(s) and s.active for s in members)
        ]
        if not missing:
            continue
        holders = [
            s
            for s in account_map.stakeholders
            if s.active
            and s.id not in deal.buying_group
            and any(r in deal.roles_of(s) for r in missing)
        ]
        labels = [ROLE_LABELS[r] for r in missing]
        if holders:
            advice = f"add {names(holders)} to it if they are part of this decision"
        else:
            advice = f"find the {' and '.join(labels)} and add them to it"
        # A deal with its own committee (SPEC §8) is judged by it: say so, the roles differ.
        by_own = " (by the deal's own roles)" if deal.roles is not None else ""
        yield Problem(
            deal.where("buying_group"),
            f"open deal {deal.name!r} has no {' and no '.join(labels)} in its buying group{by_own} "
            f"— {advice}",
            subject=deal.id,
        )
