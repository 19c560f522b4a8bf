"""MEDDPICC from the facts in the map: each letter of one open deal scored 0–3, with the facts that
gave the score named, so that a reviewer can check every point.

Here, beside the rules, because G601 (qualification-gate) reads the same scores that `acmap
qualify` shows; acmap.analysis.qualify adds the gates and the selection. The formula of each
letter is the README's "Qualification (MEDDPICC)" section; every level 0..3 is reachable.

A deal's people are read through `Opportunity.roles_of`: its own buying committee when it has
one, else the account-level roles.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import NamedTuple

from acmap.model import MEDDPICC, AccountMap, Opportunity, Stakeholder, Step
from acmap.rules.base import Context, names, plural

# The stages from which a deal should know why the customer must decide by a date (G602).
LATE_STAGES = frozenset({"proposal", "negotiation"})


class Letter(NamedTuple):
    """One letter's score, 0–3, and the facts behind it (plain sentences; user text inside)."""

    score: int
    facts: tuple[str, ...]


def has_deal_facts(deal: Opportunity) -> bool:
    """Whether the map qualifies this deal at all: it has any of part two's deal keys. The rules
    that ask for deal facts (G602, G603) stay silent on a deal that records none, so that a map
    written before part two keeps exactly the gaps it had."""
    return bool(
        deal.roles is not None
        or deal.compelling_event is not None
        or deal.metrics
        or deal.decision_criteria
        or deal.decision_process
        or deal.paper_process
        or deal.competition
        or deal.champion_evidence
    )


def holders(account_map: AccountMap, deal: Opportunity, role: str) -> list[Stakeholder]:
    """The active people who hold `role` in this deal."""
    return [s for s in account_map.stakeholders if s.active and role in deal.roles_of(s)]


def recent_evidence(deal: Opportunity, ctx: Context) -> list[date]:
    """The dates of champion_evidence within `stale_days` (a future date counts as recent)."""
    limit = ctx.thresholds["stale_days"]
    return [
        e.date
        for e in deal.champion_evidence
        if e.date is not None and ctx.days_since(e.date) <= limit
    ]


def score_deal(account_map: AccountMap, deal: Opportunity, ctx: Context) -> dict[str, Letter]:
    """Every MEDDPICC letter of `deal`, in MEDDPICC order."""
    return {letter: _LETTERS[letter](account_map, deal, ctx) for letter in MEDDPICC}


def total(letters: Mapping[str, Letter]) -> int:
    return sum(letter.score for letter in letters.values())


def missing(letters: Mapping[str, Letter], gate: Mapping[str, int]) -> list[str]:
    """The letters below the gate's least score, in MEDDPICC order."""
    return [x for x in MEDDPICC if x in gate and letters[x].score < gate[x]]


# --- one function per letter --------------------------------------------------------------------


def _metrics(account_map: AccountMap, deal: Opportunity, ctx: Context) -> Letter:
    if not deal.metrics:
        return Letter(0, ("no metrics: what outcome, in numbers, does the customer expect?",))
    measured = [m for m in deal.metrics if m.baseline is not None and m.target is not None]
    if not measured:
        listed = ", ".join(repr(m.what) for m in deal.metrics)
        return Letter(1, (f"metrics named ({listed}) but none with a baseline and a target",))
    for metric in measured:
        person = ctx.people.get(metric.confirmed_by or "")
        if person is not None and person.active:
            unit = f" {metric.unit}" if metric.unit else ""
            return Letter(
                3,
                (
                    f"metric {metric.what!r}: {metric.baseline:g} → {metric.target:g}{unit}",
                    f"confirmed by {_named(person)}",
                ),
            )
    first = measured[0]
    return Letter(
        2,
        (
            f"metric {first.what!r}: {first.baseline:g} → {first.target:g}",
            "confirmed by nobody active at the account",
        ),
    )


def _economic_buyer(account_map: AccountMap, deal: Opportunity, ctx: Context) -> Letter:
    buyers = holders(account_map, deal, "economic_buyer")
    if not buyers:
        return Letter(0, ("no active economic buyer for this deal",))

    def grade(person: Stakeholder) -> Letter:
        facts = [f"economic buyer: {_named(person)}"]
        if not person.identified:
            return Letter(1, (*facts, "not yet named"))
        if not ctx.is_engaged(person):
            return Letter(1, (*facts, f"not engaged: {ctx.contact(person).words()}"))
        facts.append(ctx.contact(person).words())
        if not person.friendly:
            return Letter(2, (*facts, f"stance {person.stance}, not advocate or supporter"))
        return Letter(3, (*facts, f"stance {person.stance}"))

    return max((grade(p) for p in buyers), key=lambda letter: letter.score)


def _criteria(account_map: AccountMap, deal: Opportunity, ctx: Context) -> Letter:
    criteria = deal.decision_criteria
    if not criteria:
        return Letter(0, ("no decision criteria: how will they choose?",))
    facts = [plural(len(criteria), "decision criterion", "decision criteria")]
    unowned = [c for c in criteria if ctx.people.get(c.owner or "") is None]
    unknown = [c for c in criteria if c.us == "unknown"]
    if unowned or unknown:
        if unowned:
            facts.append(f"no owner at the account: {', '.join(repr(c.text) for c in unowned)}")
        if unknown:
            facts.append(f"where we stand unknown: {', '.join(repr(c.text) for c in unknown)}")
        return Letter(1, tuple(facts))
    facts.append("each has an owner and a verdict")
    behind = [c for c in criteria if c.us == "behind"]
    ahead = [c for c in criteria if c.us == "ahead"]
    if behind:
        return Letter(2, (*facts, f"behind on {', '.join(repr(c.text) for c in behind)}"))
    if not ahead:
        return Letter(2, (*facts, "ahead on none"))
    return Letter(3, (*facts, f"ahead on {', '.join(repr(c.text) for c in ahead)}, behind on none"))


def _steps(kind: str, pick: Callable[[Opportunity], list[Step]]) -> _Scorer:
    def score(account_map: AccountMap, deal: Opportunity, ctx: Context) -> Letter:
        steps = pick(deal)
        if not steps:
            return Letter(0, (f"no {kind} steps",))
        facts = [plural(len(steps), f"{kind} step")]
        loose = [s for s in steps if ctx.people.get(s.owner or "") is None or s.due is None]
        if loose:
            listed = ", ".join(repr(s.step) for s in loose)
            return Letter(1, (*facts, f"without an owner at the account or a due date: {listed}"))
        facts.append("each has an owner and a due date")
        late = [
            s
            for s in steps
            if s.status == "slipped"
            or (s.status == "planned" and s.due is not None and s.due < ctx.today)
        ]
        if late:
            listed = ", ".join(repr(s.step) for s in late)
            return Letter(2, (*facts, f"slipped or overdue: {listed}"))
        done = sum(1 for s in steps if s.status == "done")
        return Letter(3, (*facts, f"none slipped or overdue ({done} of {len(steps)} done)"))

    return score


def _pain(account_map: AccountMap, deal: Opportunity, ctx: Context) -> Letter:
    event = deal.compelling_event
    pains = account_map.account.pains
    if event is None:
        if pains:
            return Letter(1, (f"pains listed ({len(pains)}) but no compelling event",))
        return Letter(0, ("no compelling event and no pains listed",))
    if event.date is None:
        return Letter(1, (f"compelling event {event.what!r} without a date",))
    if event.date < ctx.today:
        return Letter(1, (f"compelling event {event.what!r} on {event.date} has passed",))
    facts = (f"compelling event {event.what!r} on {event.date.isoformat()}",)
    close = deal.close_date
    if close is None:
        return Letter(2, (*facts, "no close date to check against it"))
    if close > event.date:
        return Letter(2, (*facts, f"the deal closes after it ({close.isoformat()})"))
    return Letter(3, (*facts, f"the deal closes by then ({close.isoformat()})"))


def _champion(account_map: AccountMap, deal: Opportunity, ctx: Context) -> Letter:
    champions = holders(account_map, deal, "champion")
    if not champions:
        return Letter(0, ("no active champion for this deal",))
    evidence = recent_evidence(deal, ctx)
    buyers = holders(account_map, deal, "economic_buyer")

    def grade(person: Stakeholder) -> Letter:
        facts = [f"champion: {_named(person)}"]
        if not person.friendly:
            return Letter(1, (*facts, f"stance {person.stance}, not advocate or supporter"))
        if not evidence:
            days = ctx.thresholds["stale_days"]
            return Letter(1, (*facts, f"no champion_evidence within {days} days"))
        facts.append(f"champion_evidence on {max(evidence).isoformat()}")
        wanting = []
        if person.influence != "high":
            wanting.append(f"influence {person.influence or 'not recorded'}, not high")
        reached = _warm_reach(account_map, person)
        path_to = [b for b in buyers if b.id in reached]
        if path_to:
            facts.append(f"warm path to the economic buyer {names(path_to)}")
        elif buyers:
            wanting.append(f"no warm path to the economic buyer {names(buyers)}")
        else:
            wanting.append("no economic buyer to reach")
        if wanting:
            return Letter(2, (*facts, *wanting))
        return Letter(3, (*facts, "influence high"))

    return max((grade(p) for p in champions), key=lambda letter: letter.score)


def _named(person: Stakeholder) -> str:
    """ "Mary Lee (CFO)": account-level roles would mislead about a deal with its own committee."""
    if person.title and person.identified:
        return f"{person.display} ({person.title})"
    return person.display


def _warm_reach(account_map: AccountMap, person: Stakeholder) -> dict[str, str]:
    from acmap.graph import neighbours, reach

    return reach(neighbours(account_map, warm=True), [person.id])


def _competition(account_map: AccountMap, deal: Opportunity, ctx: Context) -> Letter:
    rivals = deal.competition
    if not rivals:
        return Letter(0, ('no competition listed (write "status quo" when there is none)',))
    facts = [f"competition: {', '.join(repr(r.name) for r in rivals)}"]
    unknown = [r for r in rivals if r.status is None]
    if unknown:
        listed = ", ".join(repr(r.name) for r in unknown)
        return Letter(1, (*facts, f"status unknown: {listed}"))
    facts.append("each with a status")
    alive = {r.name.casefold() for r in rivals if r.status != "eliminated"}
    leaning = [
        s
        for s in account_map.stakeholders
        if s.active and s.favours and s.favours.casefold() in alive and deal.roles_of(s)
    ]
    if leaning:
        verb = "favours" if len(leaning) == 1 else "favour"
        return Letter(2, (*facts, f"{names(leaning)} {verb} a rival still in the deal"))
    return Letter(3, (*facts, "nobody with a role in the deal favours a rival still in it"))


_Scorer = Callable[[AccountMap, Opportunity, Context], Letter]
_LETTERS: dict[str, _Scorer] = {
    "M": _metrics,
    "E": _economic_buyer,
    "D1": _criteria,
    "D2": _steps("decision process", lambda deal: deal.decision_process),
    "P": _steps("paper process", lambda deal: deal.paper_process),
    "I": _pain,
    "C1": _champion,
    "C2": _competition,
}
