"""What every gap rule shares: the Rule declaration, the Problem it yields and the Context it reads.

A rule is pure: it reads one AccountMap and a Context (today, the thresholds for the account's
tier, and a few indexes computed once per map) and yields Problems. It never prints and never
applies settings: the engine turns Problems into Findings, with the configured severity. Rules
know nothing of acmap.toml: they declare their knobs and the engine hands them the values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from acmap.contact import ContactState, contact_state, engaged
from acmap.format.codes import GAP_RULES
from acmap.model import (
    POWER_ROLES,
    WARM_LINKS,
    AccountMap,
    Link,
    Pos,
    Stakeholder,
)
from acmap.words import link_verb, names, plural, roles_text, who

__all__ = ["names", "plural", "roles_text", "who"]  # rules import the words from here too


@dataclass(frozen=True, slots=True)
class Problem:
    """One gap at one place. `severity` refines the rule's default (G101 on a strategic account)."""

    pos: Pos
    message: str
    subject: str | None = None
    severity: str | None = None


Check = Callable[[AccountMap, "Context"], Iterator[Problem]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A gap rule: its entry in the registry of codes (acmap.format.codes), a pure check, and
    the knobs it reads with their defaults (yamllint's CONF/DEFAULT).

    `severity` is the documented default; a check may yield a Problem with a different one when
    SPEC §4 says so (G101 is an error on strategic and key accounts).
    """

    code: str
    name: str
    severity: str
    check: Check
    knobs: Mapping[str, int]


def rule(code: str, **knobs: int) -> Callable[[Check], Rule]:
    """Declare a check function as the rule for a registered code, with the thresholds it reads
    and their defaults: ``@rule("G201", stale_days=90)``. acmap.toml's `[gaps]` may set exactly
    the knobs the rules (and the Context) declare."""
    entry = GAP_RULES[code]  # a rule for an unregistered code fails at import, loudly

    def declare(check: Check) -> Rule:
        return Rule(entry.code, entry.name, entry.severity, check, knobs)

    return declare


class Thresholds(Mapping[str, int]):
    """The knob values in force for one account: every declared knob, its default replaced by
    acmap.toml's `[gaps]` and `[gaps.tier.<tier>]`. Read as ``ctx.thresholds.stale_days``."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, int]) -> None:
        self._values = dict(values)

    def __getitem__(self, knob: str) -> int:
        return self._values[knob]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __getattr__(self, knob: str) -> int:
        if knob.startswith("_"):  # not a knob; and `_values` itself while unpickling
            raise AttributeError(knob)
        try:
            return self._values[knob]
        except KeyError:
            raise AttributeError(f"no knob {knob!r}") from None

    def __repr__(self) -> str:
        return f"Thresholds({self._values!r})"


# What the Context itself reads: who counts as engaged (SPEC §2), for every rule.
CONTEXT_KNOBS: Mapping[str, int] = {"engaged_days": 90}


class Context:
    """Today, the thresholds for this account's tier, and indexes every rule would otherwise rebuild.

    Built once per map by the engine; rules only read it.
    """

    __slots__ = (
        "engaged",
        "engaged_ids",
        "gates",
        "key",
        "linked",
        "people",
        "reports",
        "team",
        "thresholds",
        "today",
    )

    def __init__(
        self,
        account_map: AccountMap,
        today: date,
        thresholds: Thresholds,
        gates: Mapping[str, Mapping[str, int]] | None = None,
    ) -> None:
        self.today = today
        self.thresholds = thresholds
        # [qualify.gates]: stage → MEDDPICC letter → least score (G601).
        self.gates: Mapping[str, Mapping[str, int]] = gates or {}
        self.people: dict[str, Stakeholder] = {}
        for person in account_map.stakeholders:
            self.people.setdefault(person.id, person)
        self.team = {member.id: member.name for member in account_map.account.team}
        # SPEC §2: active, and last contact within engaged_days (a future date counts as recent).
        engaged_days = thresholds["engaged_days"]
        self.engaged = [s for s in account_map.stakeholders if engaged(s, today, engaged_days)]
        self.engaged_ids = frozenset(s.id for s in self.engaged)
        self.key = [s for s in account_map.stakeholders if s.is_key]
        # Who reports to whom, and who appears at either end of a link.
        self.reports: dict[str, list[Stakeholder]] = {}
        for person in account_map.stakeholders:
            if person.reports_to:
                self.reports.setdefault(person.reports_to, []).append(person)
        self.linked: dict[str, list[Link]] = {}
        for link in account_map.links:
            self.linked.setdefault(link.source, []).append(link)
            if link.target != link.source:
                self.linked.setdefault(link.target, []).append(link)

    def contact(self, person: Stakeholder) -> ContactState:
        """The person's contact state (acmap.contact): what G201, G202, `show` and `render` say."""
        knobs = self.thresholds
        return contact_state(person, self.today, knobs["engaged_days"], knobs["stale_days"])

    def days_since(self, day: date) -> int:
        return (self.today - day).days

    def is_engaged(self, person: Stakeholder) -> bool:
        return person.id in self.engaged_ids

    def member(self, member_id: str | None) -> str | None:
        """A team member's name for messages, or None when there is no such member."""
        if member_id is None:
            return None
        return self.team.get(member_id) or member_id


def holds_power(person: Stakeholder) -> bool:
    return not POWER_ROLES.isdisjoint(person.roles)


def warm_route(account_map: AccountMap, ctx: Context, person: Stakeholder) -> str:
    """Who could help us reach `person`: a friendly, engaged colleague, else a partner.

    Returns a clause such as "Jin Kim influences Mary Lee" or "", for the end of a message.
    """
    best: tuple[int, str] | None = None
    for link in ctx.linked.get(person.id, ()):
        if link.type not in WARM_LINKS:
            continue
        other_id = link.source if link.target == person.id else link.target
        other = ctx.people.get(other_id)
        if other is None or other is person or not other.friendly or not ctx.is_engaged(other):
            continue
        verb = link_verb(link.type, forward=link.source == other.id)
        rank = {"strong": 0, "medium": 1, "weak": 2}.get(link.strength, 1)
        candidate = (rank, f"{other.display} {verb} {person.display}")
        if best is None or candidate[0] < best[0]:
            best = candidate
    if best is not None:
        return best[1]
    for manager_id in (person.reports_to,):
        manager = ctx.people.get(manager_id or "")
        if manager is not None and manager.friendly and ctx.is_engaged(manager):
            return f"{manager.display}, their manager, is on our side"
    for report in ctx.reports.get(person.id, ()):
        if report.friendly and ctx.is_engaged(report):
            return f"{report.display} reports to them and is on our side"
    for partner in account_map.partners:
        for acquaintance in partner.knows:
            if acquaintance.stakeholder == person.id and acquaintance.strength != "weak":
                return f"partner {partner.name} knows them"
    return ""


def account_pos(account_map: AccountMap) -> Pos:
    """Where account-level gaps point: the start of the `account:` mapping, as validate does."""
    return account_map.account.pos
