"""How healthy one account map is: the red/amber/green status of SPEC §4 and the coverage score.

Status, exactly as SPEC §4 defines it:

- **red** when no key stakeholder is an advocate or supporter;
- **green** when an advocate or supporter (active) holds economic_buyer or decision_maker;
- **amber** otherwise.

Coverage score, 0–100, the sum of four parts (rounded to a whole number):

- **roles, 30 points**: 10 for each of economic buyer, decision maker and champion held by an
  active, named stakeholder (a placeholder holding the role earns nothing yet);
- **breadth, 25 points**: 25 × engaged stakeholders ÷ `min_engaged`, capped at 25
  (full marks when `min_engaged` is 0);
- **recency, 25 points**: 25 × the share of key stakeholders contacted within `stale_days`
  (none when the account has no key stakeholder);
- **stance, 20 points**: 20 × the average stance of the key stakeholders, where advocate counts
  1, supporter 0.75, neutral 0.5, unknown 0.25, skeptic and blocker 0.

Thresholds are the ones in force for the account's tier (acmap.toml `[gaps]`, `[gaps.tier.*]`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from acmap.analysis.plan import PlannedAction, planned
from acmap.findings import Finding, count_by_severity
from acmap.model import POWER_ROLES, AccountMap
from acmap.rules.base import Context
from acmap.settings import GapSettings

STATUS_ORDER = {"red": 0, "amber": 1, "green": 2}
STANCE_WEIGHT = {
    "advocate": 1.0,
    "supporter": 0.75,
    "neutral": 0.5,
    "unknown": 0.25,
    "skeptic": 0.0,
    "blocker": 0.0,
}
SCORED_ROLES = ("economic_buyer", "decision_maker", "champion")


def status(account_map: AccountMap) -> str:
    people = account_map.stakeholders
    if not any(s.is_key and s.friendly for s in people):
        return "red"
    if any(s.active and s.friendly and not POWER_ROLES.isdisjoint(s.roles) for s in people):
        return "green"
    return "amber"


class Score(NamedTuple):
    """The coverage score and its parts (see the module docstring)."""

    roles: float
    breadth: float
    recency: float
    stance: float

    @property
    def total(self) -> int:
        return min(100, max(0, int(self.roles + self.breadth + self.recency + self.stance + 0.5)))


def coverage_score(account_map: AccountMap, ctx: Context) -> Score:
    named = [s for s in account_map.stakeholders if s.active and s.identified]
    roles = 10.0 * sum(any(role in s.roles for s in named) for role in SCORED_ROLES)
    needed = ctx.thresholds.min_engaged
    breadth = 25.0 if needed <= 0 else 25.0 * min(len(ctx.engaged), needed) / needed
    key = ctx.key
    if key:
        stale_days = ctx.thresholds.stale_days
        recent = sum(
            1
            for s in key
            if s.last_contact is not None and ctx.days_since(s.last_contact) <= stale_days
        )
        recency = 25.0 * recent / len(key)
        stance = 20.0 * sum(STANCE_WEIGHT.get(s.stance, 0.0) for s in key) / len(key)
    else:
        recency = stance = 0.0
    return Score(roles, breadth, recency, stance)


@dataclass(slots=True)
class AccountReport:
    """Everything the portfolio commands show about one account; small, so it pickles cheaply
    back from a worker process."""

    id: str
    name: str
    tier: str
    owner: str | None
    file: str
    status: str
    score: Score
    stakeholders: int  # active
    engaged: int
    key: int
    reviewed: date | None
    review_age: int | None  # days since reviewed
    findings: list[Finding] = field(default_factory=list)
    people_owners: dict[str, str] = field(default_factory=dict)  # stakeholder id → team id
    team: dict[str, str] = field(default_factory=dict)  # team member id → name
    plan: list[PlannedAction] = field(default_factory=list)  # the open actions of the map

    @property
    def owner_name(self) -> str | None:
        return self.team.get(self.owner, self.owner) if self.owner else None

    @property
    def counts(self) -> dict[str, int]:
        return count_by_severity(self.findings)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "tier": self.tier,
            "owner": self.owner,
            "file": self.file,
            "status": self.status,
            "score": self.score.total,
            "stakeholders": self.stakeholders,
            "engaged": self.engaged,
            "key": self.key,
            "reviewed": self.reviewed.isoformat() if self.reviewed else None,
            "days_since_review": self.review_age,
            "gaps": self.counts,
        }


def assess(
    account_map: AccountMap,
    gaps: GapSettings,
    today: date,
    *,
    only: Collection[str] | None = None,
) -> AccountReport:
    """Run the rules on one map and summarise it."""
    from acmap.rules.engine import check_map, context_for

    ctx = context_for(account_map, gaps, today)
    account = account_map.account
    reviewed = account.reviewed
    return AccountReport(
        id=account.id,
        name=account.name,
        tier=account.tier,
        owner=account.owner,
        file=account_map.path.as_posix(),
        status=status(account_map),
        score=coverage_score(account_map, ctx),
        stakeholders=sum(1 for s in account_map.stakeholders if s.active),
        engaged=len(ctx.engaged),
        key=len(ctx.key),
        reviewed=reviewed,
        review_age=(today - reviewed).days if reviewed else None,
        findings=check_map(account_map, gaps, today, only=only, ctx=ctx),
        people_owners={s.id: s.owner for s in account_map.stakeholders if s.owner},
        team={m.id: m.name for m in account.team},
        plan=[a for a in planned(account_map, today) if a.status == "open"],
    )
