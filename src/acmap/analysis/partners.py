"""Partner account mapping: which partner is present at which account, whom they know there, the
power and open deal value that reaches, and where they could introduce us (G501).

`presences` runs on one map (in a worker process when the portfolio is large) and returns small
records; `by_partner` groups them across the portfolio; `partner_overlap` is the pipeline of
`acmap partners`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from acmap.findings import Finding
from acmap.model import AccountMap
from acmap.settings import GapSettings, Settings


@dataclass(slots=True)
class Known:
    """One person a partner knows at an account."""

    id: str
    name: str
    title: str | None
    roles: list[str]
    stance: str
    strength: str
    key: bool
    engaged: bool
    introduction: str | None = None  # the G501 message when they could introduce us

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "title": self.title,
            "roles": self.roles,
            "stance": self.stance,
            "strength": self.strength,
            "key": self.key,
            "engaged": self.engaged,
            "introduction": self.introduction,
        }


@dataclass(slots=True)
class Presence:
    """One partner at one account."""

    partner: str
    partner_name: str
    partner_type: str | None
    manager: str | None  # our partner manager's name, from account.team
    account: str
    account_name: str
    tier: str
    file: str
    knows: list[Known] = field(default_factory=list)
    open_value: dict[str, float] = field(default_factory=dict)  # currency ("" unknown) → amount

    @property
    def key_reached(self) -> int:
        return sum(1 for k in self.knows if k.key)

    @property
    def introductions(self) -> list[Known]:
        return [k for k in self.knows if k.introduction]

    def as_json(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "name": self.account_name,
            "tier": self.tier,
            "file": self.file,
            "partner_manager": self.manager,
            "knows": [k.as_json() for k in self.knows],
            "key_stakeholders": self.key_reached,
            "open_opportunities": self.open_value,
            "introductions": len(self.introductions),
        }


def presences(account_map: AccountMap, gaps: GapSettings, today: date) -> list[Presence]:
    """Every partner of one map, with what they reach there."""
    if not account_map.partners:
        return []
    from acmap.rules.engine import check_map, context_for

    ctx = context_for(account_map, gaps, today)
    # G501 as the settings and the map's x-acmap-ignore have it, found by where it points.
    intros = {
        (f.line, f.col, f.subject): f.message
        for f in check_map(account_map, gaps, today, only={"G501"}, ctx=ctx)
    }
    team = ctx.team
    found = []
    for partner in account_map.partners:
        presence = Presence(
            partner=partner.id,
            partner_name=partner.name,
            partner_type=partner.type,
            manager=team.get(partner.owner, partner.owner) if partner.owner else None,
            account=account_map.account.id,
            account_name=account_map.account.name,
            tier=account_map.account.tier,
            file=account_map.path.as_posix(),
        )
        reached: set[str] = set()
        for acquaintance in partner.knows:
            person = ctx.people.get(acquaintance.stakeholder)
            if person is None or not person.active:
                continue
            reached.add(person.id)
            where = acquaintance.pos
            presence.knows.append(
                Known(
                    id=person.id,
                    name=person.display,
                    title=person.title,
                    roles=list(person.roles),
                    stance=person.stance,
                    strength=acquaintance.strength,
                    key=person.is_key,
                    engaged=ctx.is_engaged(person),
                    introduction=intros.get((where.line, where.col, person.id)),
                )
            )
        for deal in account_map.account.opportunities:
            if deal.is_open and deal.amount and reached.intersection(deal.buying_group):
                currency = deal.currency or ""
                presence.open_value[currency] = presence.open_value.get(currency, 0) + deal.amount
        found.append(presence)
    return found


@dataclass(slots=True)
class PartnerSummary:
    """One partner across the portfolio."""

    id: str
    name: str
    type: str | None
    accounts: list[Presence] = field(default_factory=list)

    @property
    def key_reached(self) -> int:
        return sum(p.key_reached for p in self.accounts)

    @property
    def people(self) -> int:
        return sum(len(p.knows) for p in self.accounts)

    @property
    def introductions(self) -> int:
        return sum(len(p.introductions) for p in self.accounts)

    @property
    def open_value(self) -> dict[str, float]:
        total: dict[str, float] = {}
        for presence in self.accounts:
            for currency, amount in presence.open_value.items():
                total[currency] = total.get(currency, 0) + amount
        return total

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "accounts": [p.as_json() for p in self.accounts],
            "totals": {
                "accounts": len(self.accounts),
                "people": self.people,
                "key_stakeholders": self.key_reached,
                "open_opportunities": self.open_value,
                "introductions": self.introductions,
            },
        }


def by_partner(found: list[Presence]) -> list[PartnerSummary]:
    """Partners with the most power reached first; their accounts likewise."""
    partners: dict[str, PartnerSummary] = {}
    for presence in found:
        summary = partners.get(presence.partner)
        if summary is None:
            summary = PartnerSummary(presence.partner, presence.partner_name, presence.partner_type)
            partners[presence.partner] = summary
        summary.accounts.append(presence)
    for summary in partners.values():
        summary.accounts.sort(key=lambda p: (-p.key_reached, -len(p.introductions), p.account))
    return sorted(partners.values(), key=lambda s: (-s.key_reached, -s.people, s.id))


class PartnersResult(NamedTuple):
    """`acmap partners`: the partners of the selected maps, most power reached first."""

    partners: list[PartnerSummary]
    accounts: int  # valid maps in the selection
    findings: list[Finding]  # of the selected files: those with errors were left out
    unreadable: list[str]


def partner_overlap(
    targets: Iterable[str], config: Settings, today: date, *, partner: str | None = None
) -> PartnersResult:
    """Every partner's presences across the selection (only `partner`'s when given)."""
    from functools import partial

    from acmap.load.selection import SelectionError, load_selection

    analyse = partial(presences, gaps=config.gaps, today=today)
    selection = load_selection(targets, config, analyse=analyse, keep_maps=False)
    summaries = by_partner([p for found in selection.results for p in found])
    if partner is not None:
        kept = [s for s in summaries if s.id == partner]
        if not kept:
            from acmap.words import did_you_mean_person

            hint = did_you_mean_person(partner, {s.id: s.name for s in summaries})
            raise SelectionError(
                f"--partner {partner!r}: no such partner in the selected maps{hint}"
            )
        summaries = kept
    return PartnersResult(
        partners=summaries,
        accounts=len(selection.maps),
        findings=selection.findings,
        unreadable=selection.unreadable,
    )
