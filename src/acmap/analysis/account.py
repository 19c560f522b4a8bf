"""One account, looked at whole: what `acmap show` prints and what `acmap render` draws.

Both read a person's contact state from acmap.contact with the thresholds of the account's tier,
the same ones the rules use, so a person is gone dark in the terminal, on the diagram and in
G201 alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from acmap.contact import ContactState

if TYPE_CHECKING:
    from acmap.analysis.health import AccountReport
    from acmap.model import AccountMap, Stakeholder
    from acmap.settings import GapSettings

TOP_INFLUENCE = 3  # people marked with their rank by computed influence


@dataclass(frozen=True, slots=True)
class AccountView:
    """`acmap show`'s result: the map, its report (status, score, gaps), and per person their
    contact state and, for the few most influential, their rank by computed influence."""

    map: AccountMap
    report: AccountReport
    today: date
    people: dict[str, Stakeholder] = field(default_factory=dict)  # stakeholder id → person
    contacts: dict[str, ContactState] = field(default_factory=dict)  # stakeholder id → state
    ranks: dict[str, int] = field(default_factory=dict)  # stakeholder id → 1, 2, 3

    def name_of(self, person_id: str) -> str:
        """How a reference to a stakeholder reads: their display name, or the id when unknown."""
        person = self.people.get(person_id)
        return person.display if person else person_id

    def member(self, member_id: str) -> str:
        """A team member's name, or the id when the team does not list them."""
        return self.report.team.get(member_id) or member_id


@dataclass(frozen=True, slots=True)
class Standing:
    """What a diagram's title and nodes need: status, score and the tier's contact thresholds."""

    status: str
    score: int
    engaged_days: int
    stale_days: int


def account_view(account_map: AccountMap, gaps: GapSettings, today: date) -> AccountView:
    """Everything `acmap show` prints about one account."""
    from acmap.analysis.health import assess
    from acmap.rules.engine import context_for

    ctx = context_for(account_map, gaps, today)
    people: dict[str, Stakeholder] = {}
    for person in account_map.stakeholders:
        people.setdefault(person.id, person)
    return AccountView(
        map=account_map,
        report=assess(account_map, gaps, today),
        today=today,
        people=people,
        contacts={person.id: ctx.contact(person) for person in account_map.stakeholders},
        ranks=influence_ranks(account_map),
    )


def standing(account_map: AccountMap, gaps: GapSettings, today: date) -> Standing:
    """The status and score `acmap list` and `acmap gaps` show, and the contact thresholds."""
    from acmap.analysis.health import coverage_score, status
    from acmap.rules.engine import context_for

    ctx = context_for(account_map, gaps, today)
    return Standing(
        status=status(account_map),
        score=coverage_score(account_map, ctx).total,
        engaged_days=ctx.thresholds.engaged_days,
        stale_days=ctx.thresholds.stale_days,
    )


def influence_ranks(account_map: AccountMap) -> dict[str, int]:
    """The rank of the few most influential people by computed influence (acmap.graph)."""
    from acmap.graph import influence_ranking

    ranked = [(i, score) for i, score in influence_ranking(account_map) if score > 0]
    return {person_id: rank for rank, (person_id, _) in enumerate(ranked[:TOP_INFLUENCE], 1)}
