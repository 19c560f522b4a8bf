"""One account's page, section by section: each function takes what the page knows about the
account and returns its Section, or None when there is nothing to show (the section is then not
drawn at all). SECTIONS is the page's order; a new section is one more function and one more
template in templates/sections/.

Everything here is plain data; the templates escape it. Links are made only by names.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from acmap.site.names import anchor, owner_page, partner_page

if TYPE_CHECKING:
    from acmap.analysis.account import AccountView
    from acmap.analysis.plan import PlannedAction
    from acmap.analysis.qualify import DealScore
    from acmap.findings import Finding
    from acmap.model import Stakeholder


class Section(NamedTuple):
    """A part of the page: its element id (capitalised: never a person's anchor), heading,
    template under templates/sections/, and the data that template shows."""

    id: str
    title: str
    template: str
    data: Any


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What the sections read: the account as `acmap show` sees it, its diagram (SVG text, or
    why there is none), its latest changes in git (None when not in git), its open deals as
    `acmap qualify` scores them (by opportunity id), its plan as `acmap actions` lists it, and
    its score per commit from `acmap history` ([day, score, status], oldest first)."""

    view: AccountView
    diagram: str | None = None
    diagram_problem: str | None = None
    changes: dict[str, Any] | None = None
    deals: dict[str, DealScore] = field(default_factory=dict)
    plan: list[PlannedAction] = field(default_factory=list)
    history: list[list[Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


# What each MEDDPICC letter of `acmap qualify` stands for (D1/D2 and C1/C2 share a letter).
LETTERS = {
    "M": "metrics",
    "E": "economic buyer",
    "D1": "decision criteria",
    "D2": "decision process",
    "P": "paper process",
    "I": "pain, compelling event",
    "C1": "champion",
    "C2": "competition",
}


def words(value: str) -> str:
    """A field's value as words: economic_buyer → economic buyer."""
    return value.replace("_", " ")


def summary(facts: PageFacts) -> Section:
    view = facts.view
    account = view.map.account
    report = view.report
    score = report.score
    data = {
        "status": report.status,
        "score": score.total,
        "parts": [
            ("roles", round(score.roles), 30),
            ("breadth", round(score.breadth), 25),
            ("recency", round(score.recency), 25),
            ("stance", round(score.stance), 20),
        ],
        "tier": account.tier,
        "owner": view.member(account.owner) if account.owner else None,
        "owner_page": owner_page(account.owner) if account.owner else None,
        "facts": [
            (label, str(value))
            for label, value in (
                ("industry", account.industry),
                ("region", account.region),
                ("website", account.website),  # text, never a link: it is map text
                ("employees", account.employees),
                ("revenue", account.revenue),
                ("reviewed", account.reviewed.isoformat() if account.reviewed else None),
                ("people", f"{report.stakeholders} active, {report.engaged} engaged"),
            )
            if value is not None
        ],
        "lists": [
            (label, values)
            for label, values in (
                ("goals", account.goals),
                ("pains", account.pains),
                ("competitors", account.competitors),
            )
            if values
        ],
        "counts": report.counts,
    }
    return Section("Summary", "Status and score", "summary.html", data)


def diagram(facts: PageFacts) -> Section | None:
    if facts.diagram is None and facts.diagram_problem is None:
        return None
    from acmap.site.legend import legend

    data = {
        "svg": facts.diagram,
        "problem": facts.diagram_problem,
        "legend": legend(facts.view.map) if facts.diagram else None,
    }
    return Section("Diagram", "Diagram", "diagram.html", data)


def gaps(facts: PageFacts) -> Section | None:
    from acmap.analysis.priority import by_importance
    from acmap.findings import SEVERITIES

    findings = by_importance(facts.view.report.findings)
    if not findings:
        return None
    people = facts.view.people
    groups = []
    for severity in SEVERITIES:
        chosen = [_gap(f, people) for f in findings if f.severity == severity]
        if chosen:
            groups.append((severity, chosen))
    return Section("Gaps", "Gaps", "gaps.html", groups)


def _gap(finding: Finding, people: dict[str, Stakeholder]) -> dict[str, Any]:
    problem, _, advice = finding.message.partition(" — ")
    subject = finding.subject if finding.subject in people else None
    return {
        "code": finding.code,
        "name": finding.name,
        "problem": problem,
        "advice": advice,
        "line": finding.line,
        "subject": anchor(subject) if subject else None,
        "subject_name": people[subject].display if subject else None,
    }


def people(facts: PageFacts) -> Section | None:
    view = facts.view
    account_map = view.map
    if not account_map.stakeholders:
        return None
    names = {u.id: u.name for u in account_map.units}
    by_unit: dict[str | None, list[dict[str, Any]]] = {}
    for person in account_map.stakeholders:
        unit = person.unit if person.unit in names else None
        by_unit.setdefault(unit, []).append(_card(person, facts))
    groups = [(names[u.id], by_unit[u.id]) for u in account_map.units if u.id in by_unit]
    if None in by_unit:
        groups.append(("No unit", by_unit[None]))
    return Section("People", "People by unit", "people.html", groups)


def _card(person: Stakeholder, facts: PageFacts) -> dict[str, Any]:
    view = facts.view
    contact = view.contacts.get(person.id)
    boss = view.people.get(person.reports_to) if person.reports_to else None
    details = []
    if person.contact is not None:
        for label, value in (
            ("email", person.contact.email),
            ("phone", person.contact.phone),
            ("linkedin", person.contact.linkedin),  # text, never a link
        ):
            if value:
                details.append((label, value))
    if person.prefers is not None and person.prefers.channel:
        details.append(("prefers", person.prefers.channel))
    if person.favours:
        details.append(("favours", person.favours))
    return {
        "anchor": anchor(person.id),
        "name": person.display,
        "placeholder": not person.identified,
        "title": person.title,
        "roles": [words(r) for r in person.roles],
        "stance": person.stance,
        "influence": person.influence,
        "left": not person.active,
        "contact": contact.words() if contact else None,
        "last_contact": person.last_contact.isoformat() if person.last_contact else None,
        "owner": view.member(person.owner) if person.owner else None,
        "owner_page": owner_page(person.owner) if person.owner else None,
        "reports_to": (anchor(boss.id), boss.display) if boss else None,
        "rank": view.ranks.get(person.id),
        "details": details,
        "priorities": person.priorities,
    }


def links(facts: PageFacts) -> Section | None:
    view = facts.view
    rows = []
    for link in view.map.links:
        rows.append(
            {
                "source": _person(view, link.source),
                "target": _person(view, link.target),
                "type": words(link.type),
                "strength": link.strength,
                "note": link.note,
            }
        )
    return Section("Links", "Who sways whom", "links.html", rows) if rows else None


def _person(view: AccountView, person_id: str) -> tuple[str | None, str]:
    """(anchor, name) of a stakeholder; no anchor for an id the map does not list."""
    if person_id in view.people:
        return anchor(person_id), view.name_of(person_id)
    return None, person_id


def partners(facts: PageFacts) -> Section | None:
    view = facts.view
    rows = []
    for partner in view.map.partners:
        rows.append(
            {
                "page": partner_page(partner.id),
                "name": partner.name,
                "type": partner.type,
                "manager": view.member(partner.owner) if partner.owner else None,
                "knows": [(*_person(view, a.stakeholder), a.strength) for a in partner.knows],
            }
        )
    return Section("Partners", "Partners", "partners.html", rows) if rows else None


def opportunities(facts: PageFacts) -> Section | None:
    from acmap.model import MEDDPICC

    view = facts.view
    rows = []
    for deal in view.map.account.opportunities:
        amount = None
        if deal.amount is not None:
            amount = f"{deal.amount:,.0f} {deal.currency or ''}".strip()
        scored = facts.deals.get(deal.id)
        rows.append(
            {
                "name": deal.name,
                "stage": words(deal.stage) if deal.stage else None,
                "amount": amount,
                "close": deal.close_date.isoformat() if deal.close_date else None,
                "group": [_person(view, p) for p in deal.buying_group],
                # an open deal: its MEDDPICC letters (letter, score, facts) and its gate
                "letters": [
                    (x, LETTERS[x], scored.letters[x].score, list(scored.letters[x].facts))
                    for x in MEDDPICC
                ]
                if scored
                else None,
                "score": scored.score if scored else None,
                "gate": _gate(scored) if scored else None,
            }
        )
    return Section("Opportunities", "Opportunities", "opportunities.html", rows) if rows else None


def _gate(scored: DealScore) -> dict[str, Any]:
    gate = scored.gate
    return {
        "set": bool(gate.least),
        "met": gate.met,
        "stage": words(gate.stage) if gate.stage else None,
        "missing": [(x, scored.letters[x].score, gate.least[x]) for x in gate.missing],
    }


def actions(facts: PageFacts) -> Section | None:
    """The plan: open actions first (overdue first, then by due date), then done and dropped."""
    from acmap.analysis.plan import plan_order

    if not facts.plan:
        return None
    view = facts.view
    # Owners' pages exist for the account's owner and whoever owns someone here (portfolio.py):
    # another team member's name is shown without a link that would lead nowhere.
    paged = {view.map.account.owner, *view.report.people_owners.values()}
    ordered = sorted(facts.plan, key=lambda a: (a.status != "open", plan_order(a)))
    rows = [
        {
            "what": a.what,
            "status": a.status,
            "overdue": a.overdue,
            "days_late": a.days_late,
            "due": a.due.isoformat() if a.due else None,
            "owner": a.owner_name,
            "owner_page": owner_page(a.owner) if a.owner and a.owner in paged else None,
            "with": [_person(view, person) for person, _ in a.people],
            "deal": a.opportunity_name or a.opportunity,
        }
        for a in ordered
    ]
    counts = {
        "open": sum(a.status == "open" for a in facts.plan),
        "overdue": sum(a.overdue for a in facts.plan),
    }
    return Section("Actions", "Actions", "actions.html", {"rows": rows, "counts": counts})


def history(facts: PageFacts) -> Section | None:
    """The score over the commits that changed the map: a sparkline (numbers only) and, beside
    it, the same in words."""
    from acmap.site.sparkline import score_line

    points = facts.history
    if not points:
        return None
    scores = [int(p[1]) for p in points]
    data = {
        "svg": score_line(scores),
        "versions": len(points),
        "first": points[0],
        "last": points[-1],
        "low": min(scores),
        "high": max(scores),
    }
    return Section("History", "History", "history.html", data)


def changes(facts: PageFacts) -> Section | None:
    if not facts.changes:
        return None
    return Section("Changes", "Latest changes", "changes.html", facts.changes)


SECTIONS: tuple[Callable[[PageFacts], Section | None], ...] = (
    summary,
    history,
    diagram,
    gaps,
    actions,
    people,
    links,
    partners,
    opportunities,
    changes,
)


def page_sections(facts: PageFacts) -> list[Section]:
    return [s for make in SECTIONS if (s := make(facts)) is not None]
