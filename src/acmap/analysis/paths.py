"""`acmap path`'s pipeline: the warmest ways from a stakeholder, a team member or a partner to a
stakeholder, over the warm graph of acmap.graph. Nothing here prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from acmap.graph import PARTNER_PREFIX, TEAM_PREFIX, partner_node, team_node
from acmap.model import AccountMap, Partner
from acmap.settings import GapSettings
from acmap.words import did_you_mean_person

if TYPE_CHECKING:
    from acmap.graph import Path

STAKEHOLDER = "stakeholder"
TEAM_MEMBER = "team member"
PARTNER = "partner"


class PathError(ValueError):
    """FROM or TO names nobody at the account, or both name the same person: a usage error."""


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One end of the walk: `id` as in the map, `kind` (stakeholder, team member, partner),
    `name` as people read it and `node`, its id in the warm graph ("team:dana")."""

    id: str
    kind: str
    name: str
    node: str


@dataclass(frozen=True, slots=True)
class PathResult:
    """What `acmap path` found: up to `top` paths, warmest first, or the reason there is none."""

    account: str
    account_name: str
    start: Endpoint
    end: Endpoint
    paths: list[Path]
    labels: dict[str, str]  # graph node → name, for wording each hop
    reason: str  # why there is no path; "" when there are paths
    stances: dict[str, str] = field(default_factory=dict)  # stakeholder node → stance (colour)


def warm_paths(
    account_map: AccountMap,
    source: str,
    target: str,
    top: int,
    gaps: GapSettings,
    today: date,
) -> PathResult:
    """The `top` warmest paths from `source` to the stakeholder `target`.

    `source` is a stakeholder, else a team member (through the people they own, a little colder
    through those not engaged), else a partner (through the people they know); `team:ID` and
    `partner:ID` say which one is meant. Raises PathError for an unknown id or the same person
    at both ends.
    """
    from acmap import graph as people_graph

    labels = _labels(account_map)
    start = _start(account_map, source, labels)
    person = account_map.person(target)
    if person is None:
        raise PathError(
            f"no stakeholder {target!r} at {account_map.account.name}"
            f"{_suggest(account_map, target, people_only=True)}"
        )
    end = Endpoint(person.id, STAKEHOLDER, person.display, person.id)
    if start.kind == STAKEHOLDER and start.id == end.id:
        raise PathError(f"FROM and TO are the same person ({end.name})")

    warm = people_graph.warm_graph(account_map)
    if start.kind == TEAM_MEMBER:
        from acmap.rules.engine import context_for

        member = account_map.team_by_id()[start.id]
        engaged = context_for(account_map, gaps, today).engaged_ids
        people_graph.add_team_member(warm, account_map, member, engaged)
    elif start.kind == PARTNER:
        people_graph.add_partner(warm, _partner(account_map, start.id))
    paths = people_graph.warmest_paths(warm, start.node, end.node, top)
    reason = "" if paths else _why_none(account_map, start, end)
    return PathResult(
        account_map.account.id,
        account_map.account.name,
        start,
        end,
        paths,
        labels,
        reason,
        {s.id: s.stance for s in account_map.stakeholders},
    )


def _start(account_map: AccountMap, source: str, labels: dict[str, str]) -> Endpoint:
    """FROM: a stakeholder beats a team member beats a partner with the same id."""
    team = account_map.team_by_id()
    partners = {p.id for p in account_map.partners}
    kind: str | None = None
    plain = source
    if source.startswith(TEAM_PREFIX) and source[len(TEAM_PREFIX) :] in team:
        kind, plain = TEAM_MEMBER, source[len(TEAM_PREFIX) :]
    elif source.startswith(PARTNER_PREFIX) and source[len(PARTNER_PREFIX) :] in partners:
        kind, plain = PARTNER, source[len(PARTNER_PREFIX) :]
    elif account_map.person(source) is not None:
        kind = STAKEHOLDER
    elif source in team:
        kind = TEAM_MEMBER
    elif source in partners:
        kind = PARTNER
    if kind is None:
        raise PathError(
            f"no stakeholder, team member or partner {source!r} at {account_map.account.name}"
            f"{_suggest(account_map, source, people_only=False)}"
        )
    node = {TEAM_MEMBER: TEAM_PREFIX, PARTNER: PARTNER_PREFIX}.get(kind, "") + plain
    return Endpoint(plain, kind, labels[node], node)


def _suggest(account_map: AccountMap, word: str, *, people_only: bool) -> str:
    choices = {s.id: s.name or s.title or "" for s in account_map.stakeholders}
    if not people_only:
        for member in account_map.account.team:
            choices.setdefault(member.id, member.name)
        for partner in account_map.partners:
            choices.setdefault(partner.id, partner.name)
    return did_you_mean_person(word, choices)


def _labels(account_map: AccountMap) -> dict[str, str]:
    labels = {s.id: s.display for s in account_map.stakeholders}
    labels.update({team_node(m): m.name for m in account_map.account.team})
    labels.update({partner_node(p): p.name for p in account_map.partners})
    return labels


def _partner(account_map: AccountMap, partner_id: str) -> Partner:
    return next(p for p in account_map.partners if p.id == partner_id)


def _why_none(account_map: AccountMap, start: Endpoint, end: Endpoint) -> str:
    for person in (
        account_map.person(start.id) if start.kind == STAKEHOLDER else None,
        account_map.person(end.id),
    ):
        if person is not None and not person.active:
            return f"{person.display} has left"
    if start.kind == TEAM_MEMBER and not any(
        s.owner == start.id and s.active for s in account_map.stakeholders
    ):
        return f"{start.name} owns nobody here — give them people to cover"
    if start.kind == PARTNER and not _partner(account_map, start.id).knows:
        return f"{start.name} knows nobody here"
    return (
        "no links or reporting lines connect them (conflicts never carry a path) — "
        "map who connects them, or ask a partner for an introduction"
    )
