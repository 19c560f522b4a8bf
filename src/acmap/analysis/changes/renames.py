"""People whose id changed: a stakeholder removed and one added who are the same person.

A rep who tidies `jdoe` into `jane-doe` changes nothing about Jane Doe, yet compared by id she
would leave the map and a stranger would join it, and every link, `reports_to`, partner
acquaintance and buying group that names her would read as a change too. So before the map diff,
removed and added people are paired: by email first (the firmer evidence), then by exact name,
and only where the pair is unambiguous (one removed and one added person share it). The old side
is then read with the new ids, so what moved with the id is no change at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from acmap.model import AccountMap, Opportunity, Stakeholder


@dataclass(frozen=True, slots=True)
class IdChange:
    """One person's id changed from `before` to `after`; `by` says how they were recognised."""

    before: str
    after: str
    by: str  # email | name

    def as_json(self) -> dict[str, str]:
        return {"before": self.before, "after": self.after, "matched_by": self.by}


def _email(person: Stakeholder) -> str | None:
    email = person.contact.email if person.contact else None
    return email.strip().casefold() if email and email.strip() else None


def _name(person: Stakeholder) -> str | None:
    return person.name or None


def id_changes(old: AccountMap, new: AccountMap) -> list[IdChange]:
    """The people who are on both sides under different ids, in the new map's order."""
    before = {s.id for s in old.stakeholders}
    after = {s.id for s in new.stakeholders}
    removed = [s for s in old.stakeholders if s.id not in after]
    added = [s for s in new.stakeholders if s.id not in before]
    found: dict[str, IdChange] = {}  # by the new id
    for by, key in (("email", _email), ("name", _name)):
        taken = {c.before for c in found.values()}
        for was, now in _unambiguous(
            [s for s in removed if s.id not in taken], [s for s in added if s.id not in found], key
        ):
            found[now.id] = IdChange(was.id, now.id, by)
    return [found[s.id] for s in added if s.id in found]


def _unambiguous(
    removed: list[Stakeholder],
    added: list[Stakeholder],
    key: Callable[[Stakeholder], str | None],
) -> list[tuple[Stakeholder, Stakeholder]]:
    """Pairs whose key is held by exactly one removed and one added person."""
    gone: dict[str, list[Stakeholder]] = {}
    came: dict[str, list[Stakeholder]] = {}
    for people, index in ((removed, gone), (added, came)):
        for person in people:
            value = key(person)
            if value is not None:
                index.setdefault(value, []).append(person)
    return [
        (was[0], came[value][0])
        for value, was in gone.items()
        if len(was) == 1 and len(came.get(value, [])) == 1
    ]


def with_new_ids(side: AccountMap, changes: list[IdChange]) -> AccountMap:
    """`side` (the old map) as if its people had had their new ids all along: every reference
    to a person (reports_to, links, partners' acquaintances, deals, actions) follows."""
    if not changes:
        return side
    new_id = {c.before: c.after for c in changes}

    def ref(person_id: str | None) -> str | None:
        return new_id.get(person_id, person_id) if person_id is not None else None

    def refs(people: list[str]) -> list[str]:
        return [new_id.get(p, p) for p in people]

    account = replace(
        side.account,
        opportunities=[_deal_with_new_ids(o, new_id) for o in side.account.opportunities],
    )
    return replace(
        side,
        account=account,
        stakeholders=[
            replace(s, id=new_id.get(s.id, s.id), reports_to=ref(s.reports_to))
            for s in side.stakeholders
        ],
        links=[
            replace(
                link,
                source=new_id.get(link.source, link.source),
                target=new_id.get(link.target, link.target),
            )
            for link in side.links
        ],
        partners=[
            replace(
                p,
                knows=[
                    replace(k, stakeholder=new_id.get(k.stakeholder, k.stakeholder))
                    for k in p.knows
                ],
            )
            for p in side.partners
        ],
        actions=[replace(a, people=refs(a.people)) for a in side.actions],
    )


def _deal_with_new_ids(deal: Opportunity, new_id: dict[str, str]) -> Opportunity:
    """One deal's references to people (buying group, committee, MEDDPICC owners) renamed."""

    def ref(person_id: str | None) -> str | None:
        return new_id.get(person_id, person_id) if person_id is not None else None

    return replace(
        deal,
        buying_group=[new_id.get(p, p) for p in deal.buying_group],
        roles=None
        if deal.roles is None
        else {new_id.get(p, p): roles for p, roles in deal.roles.items()},
        metrics=[replace(m, confirmed_by=ref(m.confirmed_by)) for m in deal.metrics],
        decision_criteria=[replace(c, owner=ref(c.owner)) for c in deal.decision_criteria],
        decision_process=[replace(s, owner=ref(s.owner)) for s in deal.decision_process],
        paper_process=[replace(s, owner=ref(s.owner)) for s in deal.paper_process],
    )
