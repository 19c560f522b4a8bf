"""`acmap show`'s deals and plan: each opportunity with its buying committee and the MEDDPICC
facts the map holds (SPEC §7), then the engagement plan, overdue actions first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from acmap.report.terminal import hanging
from acmap.words import role_label

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from acmap.analysis.account import AccountView
    from acmap.model import Action, Opportunity, Step

_VERDICT_STYLE = {"ahead": "green", "even": "yellow", "behind": "red", "unknown": "dim"}
_STEP_STYLE = {"done": "green", "slipped": "red", "planned": ""}


def _section(title: str) -> Text:
    from rich.text import Text

    return Text(f"\n{title}", style="bold")


def deals(view: AccountView, width: int) -> list[RenderableType]:
    opportunities = view.map.account.opportunities
    if not opportunities:
        return []
    parts: list[RenderableType] = [_section("Opportunities")]
    for deal in opportunities:
        facts = [deal.stage.replace("_", " ") if deal.stage else "no stage"]
        if deal.amount is not None:
            facts.append(f"{deal.currency + ' ' if deal.currency else ''}{deal.amount:,.0f}")
        if deal.close_date:
            facts.append(f"close {deal.close_date.isoformat()}")
        parts.append(
            hanging(
                [
                    ("•", ""),
                    (deal.name, "bold" if deal.is_open else "dim"),
                    (f"({', '.join(facts)})", "dim"),
                ],
                width,
                4,
                first=2,
            )
        )
        if deal.buying_group:
            group = ", ".join(view.name_of(i) for i in deal.buying_group)
            parts.append(hanging([(f"buying group: {group}", "dim")], width, 4, first=4))
        parts.extend(_facts(view, deal, width))
    return parts


def _line(label: str, segments: list[tuple[str, str]], width: int) -> Text:
    return hanging([(f"{label}:", "dim"), *segments], width, 6, first=4)


def _facts(view: AccountView, deal: Opportunity, width: int) -> list[Text]:
    """One line per MEDDPICC fact the map holds; nothing for what it does not say."""
    lines = []
    if deal.roles is not None:
        members = [
            f"{view.name_of(p)} ({', '.join(role_label(r) for r in roles) or 'no role'})"
            for p, roles in deal.roles.items()
        ]
        lines.append(_line("committee", [(", ".join(members) or "nobody named", "")], width))
    event = deal.compelling_event
    if event is not None:
        when = f" by {event.date.isoformat()}" if event.date else ""
        lines.append(_line("compelling event", [(f"{event.what}{when}", "")], width))
    for metric in deal.metrics:
        words = metric.what
        if metric.baseline is not None or metric.target is not None:
            unit = f" {metric.unit}" if metric.unit else ""
            words += f": {_number(metric.baseline)} → {_number(metric.target)}{unit}"
        confirmed = (
            f"confirmed by {view.name_of(metric.confirmed_by)}"
            if metric.confirmed_by
            else "unconfirmed"
        )
        lines.append(_line("metric", [(words, ""), (f"({confirmed})", "dim")], width))
    for criterion in deal.decision_criteria:
        owner = f"({view.name_of(criterion.owner)})" if criterion.owner else ""
        segments = [(f"{criterion.text}:", ""), (criterion.us, _VERDICT_STYLE[criterion.us])]
        lines.append(_line("criterion", segments + ([(owner, "dim")] if owner else []), width))
    lines += [_step(view, "decision step", s, width) for s in deal.decision_process]
    lines += [_step(view, "paper step", s, width) for s in deal.paper_process]
    if deal.competition:
        rivals = ", ".join(
            f"{r.name} ({r.status})" if r.status else r.name for r in deal.competition
        )
        lines.append(_line("competition", [(rivals, "")], width))
    for evidence in deal.champion_evidence:
        when = evidence.date.isoformat() if evidence.date else "undated"
        lines.append(_line("champion evidence", [(when, "dim"), (evidence.what, "")], width))
    return lines


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _step(view: AccountView, label: str, step: Step, width: int) -> Text:
    segments = [(f"{step.step}:", ""), (step.status, _STEP_STYLE.get(step.status, ""))]
    extra = []
    if step.due:
        extra.append(f"due {step.due.isoformat()}")
    if step.owner:
        extra.append(view.name_of(step.owner))
    if extra:
        segments.append((f"({', '.join(extra)})", "dim"))
    return _line(label, segments, width)


def actions(view: AccountView, width: int) -> list[RenderableType]:
    """The plan: open actions first (overdue, then by due date), then done and dropped."""
    plan = view.map.actions
    if not plan:
        return []

    def order(action: Action) -> tuple[int, str]:
        return (0 if action.is_open else 1, action.due.isoformat() if action.due else "9999")

    parts: list[RenderableType] = [_section(f"Actions ({sum(a.is_open for a in plan)} open)")]
    for action in sorted(plan, key=order):
        overdue = action.is_open and action.due is not None and action.due < view.today
        state = "overdue" if overdue else action.status
        style = "bold red" if overdue else ("" if action.is_open else "dim")
        segments = [("•", ""), (action.what, "bold" if action.is_open else "dim"), (state, style)]
        extra = []
        if action.due:
            extra.append(f"due {action.due.isoformat()}")
        if action.owner:
            extra.append(f"owner {view.member(action.owner)}")
        if action.people:
            extra.append("with " + ", ".join(view.name_of(p) for p in action.people))
        if action.opportunity:
            extra.append(f"for {_deal_name(view, action.opportunity)}")
        if extra:
            segments.append((f"({', '.join(extra)})", "dim"))
        parts.append(hanging(segments, width, 4, first=2))
    return parts


def _deal_name(view: AccountView, opportunity_id: str) -> str:
    for deal in view.map.account.opportunities:
        if deal.id == opportunity_id:
            return deal.name
    return opportunity_id
