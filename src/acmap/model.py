"""The account-map types: what one YAML file means once it has been loaded and checked.

Every object remembers where it came from (`pos`, the start of its mapping) and where each of its
fields' values stood (`at`), so that rules and reports can point at a line and column.
List items are recorded as ``field[i]`` (``roles[1]``, ``buying_group[0]``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple


class Pos(NamedTuple):
    """A 1-based line and column in a map file."""

    line: int
    col: int


NOWHERE = Pos(1, 1)

# The vocabularies of format v1. Order matters: it is the order shown to users.
TIERS = ("strategic", "key", "growth", "standard")
STAGES = ("discovery", "qualification", "proposal", "negotiation", "closed_won", "closed_lost")
OPEN_STAGES = frozenset(STAGES[:4])
STANCES = ("advocate", "supporter", "neutral", "skeptic", "blocker", "unknown")
FRIENDLY_STANCES = frozenset({"advocate", "supporter"})
INFLUENCE_LEVELS = ("high", "medium", "low")
STATUSES = ("active", "left")
ROLES = (
    "economic_buyer",
    "decision_maker",
    "champion",
    "coach",
    "influencer",
    "technical_buyer",
    "user",
    "gatekeeper",
    "procurement",
    "legal",
)
POWER_ROLES = frozenset({"economic_buyer", "decision_maker"})
KEY_ROLES = frozenset({"economic_buyer", "decision_maker", "champion"})
LINK_TYPES = ("influences", "dotted_line", "mentors", "allies", "conflicts")
MUTUAL_LINK_TYPES = frozenset({"allies", "conflicts"})
# The kinds of line a picture of a map draws, besides the link types: one vocabulary for the
# renderers and for the visual diff's marks (analysis/changes/union.py), which sit in two layers.
REPORTS = "reports_to"  # a reporting line, manager to report
KNOWS = "knows"  # a partner's acquaintance; its line starts at the partner's id
Line = tuple[str, str, str]  # (kind, from id, to id): REPORTS, a link type or KNOWS
# Link types through which one person can bring us to another (a conflict never does).
WARM_LINKS = frozenset({"influences", "dotted_line", "mentors", "allies"})
STRENGTHS = ("strong", "medium", "weak")
PARTNER_TYPES = ("reseller", "si", "referral", "technology", "consultancy")
CHANNELS = ("email", "phone", "video", "in_person", "chat", "linkedin")
CADENCES = ("weekly", "biweekly", "monthly", "quarterly")
# Part two (SPEC §7): the deal and the engagement plan.
VERDICTS = ("ahead", "even", "behind", "unknown")  # a decision criterion: where we stand on it
STEP_STATUSES = ("planned", "done", "slipped")  # a step of the decision or paper process
COMPETITOR_STATUSES = ("incumbent", "evaluating", "eliminated")
ACTION_STATUSES = ("open", "done", "dropped")
# The letters of MEDDPICC as `acmap qualify` scores them: D1 decision criteria, D2 decision
# process, C1 champion, C2 competition.
MEDDPICC = ("M", "E", "D1", "D2", "P", "I", "C1", "C2")

ROLE_LABELS = {
    "economic_buyer": "economic buyer",
    "decision_maker": "decision maker",
    "champion": "champion",
    "coach": "coach",
    "influencer": "influencer",
    "technical_buyer": "technical buyer",
    "user": "user",
    "gatekeeper": "gatekeeper",
    "procurement": "procurement",
    "legal": "legal",
}


@dataclass(slots=True)
class Located:
    pos: Pos = NOWHERE
    at: dict[str, Pos] = field(default_factory=dict)

    def where(self, name: str) -> Pos:
        """Where field `name` (or `field[i]`) stood, falling back to the object itself."""
        return self.at.get(name, self.pos)


@dataclass(slots=True)
class TeamMember(Located):
    id: str = ""
    name: str = ""
    role: str | None = None
    email: str | None = None


@dataclass(slots=True)
class CompellingEvent(Located):
    """Why the customer must decide by a date (I of MEDDPICC): `{date, what}`."""

    date: date | None = None
    what: str = ""


@dataclass(slots=True)
class Metric(Located):
    """M of MEDDPICC: the outcome in numbers, ideally confirmed by someone at the account."""

    what: str = ""
    baseline: float | None = None
    target: float | None = None
    unit: str | None = None
    confirmed_by: str | None = None  # a stakeholder id


@dataclass(slots=True)
class Criterion(Located):
    """D1: one way the customer will choose, and where we stand on it (`us`)."""

    id: str = ""
    text: str = ""
    owner: str | None = None  # a stakeholder id
    us: str = "unknown"  # VERDICTS


@dataclass(slots=True)
class Step(Located):
    """D2 / P: a step of the decision process or of the paper process."""

    step: str = ""
    owner: str | None = None  # a stakeholder id
    due: date | None = None
    status: str = "planned"  # STEP_STATUSES


@dataclass(slots=True)
class Rival(Located):
    """C2: another vendor in the deal (or "status quo")."""

    name: str = ""
    status: str | None = None  # COMPETITOR_STATUSES


@dataclass(slots=True)
class Evidence(Located):
    """Something the champion actually did for us, and when."""

    date: date | None = None
    what: str = ""


@dataclass(slots=True)
class Opportunity(Located):
    id: str = ""
    name: str = ""
    stage: str | None = None
    amount: float | None = None
    currency: str | None = None
    close_date: date | None = None
    buying_group: list[str] = field(default_factory=list)
    # The buying committee of this deal (stakeholder id → roles); None when the map gives none,
    # and then the account-level roles stand for this deal too.
    roles: dict[str, list[str]] | None = None
    compelling_event: CompellingEvent | None = None
    metrics: list[Metric] = field(default_factory=list)
    decision_criteria: list[Criterion] = field(default_factory=list)
    decision_process: list[Step] = field(default_factory=list)
    paper_process: list[Step] = field(default_factory=list)
    competition: list[Rival] = field(default_factory=list)
    champion_evidence: list[Evidence] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.stage is None or self.stage in OPEN_STAGES

    def roles_of(self, person: Stakeholder) -> list[str]:
        """`person`'s roles in this deal: its own committee when it has one (someone it does not
        name has no role in it), else the person's account-level roles."""
        if self.roles is None:
            return person.roles
        return self.roles.get(person.id, [])


@dataclass(slots=True)
class Account(Located):
    id: str = ""
    name: str = ""
    tier: str = "standard"
    owner: str | None = None
    team: list[TeamMember] = field(default_factory=list)
    industry: str | None = None
    region: str | None = None
    website: str | None = None
    employees: int | None = None
    revenue: str | float | None = None
    reviewed: date | None = None
    goals: list[str] = field(default_factory=list)
    pains: list[str] = field(default_factory=list)
    competitors: list[str] = field(default_factory=list)
    opportunities: list[Opportunity] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)  # from x-acmap-ignore


@dataclass(slots=True)
class Unit(Located):
    id: str = ""
    name: str = ""
    parent: str | None = None


@dataclass(slots=True)
class Contact(Located):
    email: str | None = None
    phone: str | None = None
    linkedin: str | None = None


@dataclass(slots=True)
class Preferences(Located):
    channel: str | None = None
    cadence: str | None = None
    style: str | None = None


@dataclass(slots=True)
class Move(Located):
    """`moved_to`: where someone who left went, as an account id of the portfolio."""

    account: str = ""
    on: date | None = None


@dataclass(slots=True)
class Stakeholder(Located):
    id: str = ""
    name: str | None = None
    title: str | None = None
    unit: str | None = None
    reports_to: str | None = None
    roles: list[str] = field(default_factory=list)
    stance: str = "unknown"
    influence: str | None = None
    status: str = "active"
    owner: str | None = None
    last_contact: date | None = None
    contact: Contact | None = None
    prefers: Preferences | None = None
    priorities: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: str | None = None
    favours: str | None = None  # a competitor this person leans towards (free text)
    moved_to: Move | None = None  # only with status: left
    crm_id: str | None = None  # `x-crm-id`, when the map keeps the CRM's id of the person

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def identified(self) -> bool:
        """False for a placeholder: a known position whose holder we have not yet named."""
        return self.name is not None

    @property
    def display(self) -> str:
        """How people read this person: the name, else the title in brackets."""
        if self.name:
            return self.name
        return f"[{self.title or self.id}]"

    @property
    def is_key(self) -> bool:
        """SPEC §2: active, with an economic_buyer/decision_maker/champion role or high influence."""
        return self.active and (self.influence == "high" or not KEY_ROLES.isdisjoint(self.roles))

    @property
    def friendly(self) -> bool:
        return self.stance in FRIENDLY_STANCES


@dataclass(slots=True)
class Link(Located):
    source: str = ""  # `from` in the file
    target: str = ""  # `to` in the file
    type: str = "influences"
    strength: str = "medium"
    note: str | None = None

    @property
    def identity(self) -> tuple[str, str, str]:
        """The same link however it is written: a mutual one (allies, conflicts) either way."""
        if self.type in MUTUAL_LINK_TYPES:
            a, b = sorted((self.source, self.target))
            return (self.type, a, b)
        return (self.type, self.source, self.target)


@dataclass(slots=True)
class Acquaintance(Located):
    """A partner's `knows` entry: someone at the account the partner has a relationship with."""

    stakeholder: str = ""
    strength: str = "medium"
    note: str | None = None


@dataclass(slots=True)
class Partner(Located):
    id: str = ""
    name: str = ""
    type: str | None = None
    owner: str | None = None
    knows: list[Acquaintance] = field(default_factory=list)


@dataclass(slots=True)
class Action(Located):
    """One step of the engagement plan: who on our team does what, with whom, by when."""

    what: str = ""
    owner: str | None = None  # a team member id
    people: list[str] = field(default_factory=list)  # `with`: stakeholder ids
    due: date | None = None
    status: str = "open"  # ACTION_STATUSES
    opportunity: str | None = None  # an opportunity id of the account

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(slots=True)
class AccountMap(Located):
    """One map file: one target account."""

    path: Path = field(default_factory=Path)
    version: int = 1
    account: Account = field(default_factory=Account)
    units: list[Unit] = field(default_factory=list)
    stakeholders: list[Stakeholder] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)

    def person(self, stakeholder_id: str) -> Stakeholder | None:
        for s in self.stakeholders:
            if s.id == stakeholder_id:
                return s
        return None

    def people_by_id(self) -> dict[str, Stakeholder]:
        return {s.id: s for s in self.stakeholders}

    def team_by_id(self) -> dict[str, TeamMember]:
        return {m.id: m for m in self.account.team}

    def units_by_id(self) -> dict[str, Unit]:
        return {u.id: u for u in self.units}
