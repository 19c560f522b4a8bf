"""`acmap show`: one account in the terminal — heading, org tree, links, partners, goals, deals,
actions and gaps. The people of the org tree are in account_people.py, the deals and the plan
in account_deals.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from acmap.contact import ago
from acmap.model import MUTUAL_LINK_TYPES
from acmap.report.account_deals import actions, deals
from acmap.report.account_people import org_tree
from acmap.report.terminal import SEVERITY_STYLE, STATUS_STYLE, hanging, joined

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from acmap.analysis.account import AccountView


def text(view: AccountView, console: Console) -> None:
    for part in parts(view, console.width):
        console.print(part, crop=False)  # every line fits already: see terminal.hanging


def parts(view: AccountView, width: int = 80) -> list[RenderableType]:
    """The parts of `acmap show`, top to bottom."""
    from rich.text import Text

    return [
        _heading(view, width),
        Text(""),
        org_tree(view, width),
        *_links(view, width),
        *_partners(view, width),
        *_goals(view, width),
        *deals(view, width),
        *actions(view, width),
        *_gaps(view, width),
    ]


def _heading(view: AccountView, width: int) -> Text:

    account = view.map.account
    report = view.report
    score = report.score
    lines = [
        hanging(
            [
                (account.name, "bold"),
                (f"({account.id})", ""),
                (report.status.upper(), STATUS_STYLE.get(report.status, "")),
                (f"score {score.total}/100", "bold"),
            ],
            width,
            2,
        ),
        hanging(
            [
                (
                    f"score parts: roles {score.roles:.0f}/30, breadth {score.breadth:.0f}/25, "
                    f"recency {score.recency:.0f}/25, stance {score.stance:.0f}/20",
                    "dim",
                )
            ],
            width,
            2,
        ),
    ]
    facts = [f"{account.tier} account", f"owner {report.owner_name or 'none'}"]
    if account.reviewed:
        facts.append(f"reviewed {account.reviewed.isoformat()} ({ago(report.review_age)})")
    else:
        facts.append("never reviewed")
    lines.append(hanging([(" · ".join(facts), "dim")], width, 2))
    about = [v for v in (account.industry, account.region) if v]
    if about:
        lines.append(hanging([(" · ".join(about), "dim")], width, 2))
    if account.team:
        team = ", ".join(
            f"{m.name} ({m.role.replace('_', ' ')})" if m.role else m.name for m in account.team
        )
        lines.append(hanging([(f"team: {team}", "dim")], width, 2))
    return joined(lines)


def _section(title: str) -> Text:
    from rich.text import Text

    return Text(f"\n{title}", style="bold")


def _links(view: AccountView, width: int) -> list[RenderableType]:
    if not view.map.links:
        return []
    parts: list[RenderableType] = [_section("Links")]
    for link in view.map.links:
        segments = [
            (view.name_of(link.source), ""),
            ("↔" if link.type in MUTUAL_LINK_TYPES else "→", ""),
            (view.name_of(link.target), ""),
            (
                f"{link.type.replace('_', ' ')} ({link.strength})" + (":" if link.note else ""),
                "red" if link.type == "conflicts" else "cyan",
            ),
        ]
        if link.note:
            segments.append((link.note, "dim"))
        parts.append(hanging(segments, width, 4, first=2))
    return parts


def _partners(view: AccountView, width: int) -> list[RenderableType]:
    if not view.map.partners:
        return []
    parts: list[RenderableType] = [_section("Partners")]
    for partner in view.map.partners:
        facts = [partner.type or "partner"]
        if partner.owner:
            facts.append(f"owner {view.member(partner.owner)}")
        segments = [(partner.name, "bold"), (f"({', '.join(facts)})", "dim")]
        if partner.knows:
            known = [f"{view.name_of(k.stakeholder)} ({k.strength})" for k in partner.knows]
            segments.append((f"knows {', '.join(known)}", ""))
        parts.append(hanging(segments, width, 4, first=2))
    return parts


def _goals(view: AccountView, width: int) -> list[RenderableType]:
    account = view.map.account
    parts: list[RenderableType] = []
    for title, items in (
        ("Goals", account.goals),
        ("Pains", account.pains),
        ("Competitors", account.competitors),
    ):
        if items:
            parts.append(_section(title))
            parts.extend(hanging([(f"• {item}", "")], width, 4, first=2) for item in items)
    return parts


def _gaps(view: AccountView, width: int) -> list[RenderableType]:
    from rich.text import Text

    from acmap.analysis.priority import by_importance

    findings = by_importance(view.report.findings)
    if not findings:
        return [_section("Gaps"), Text("  none", style="green")]
    parts: list[RenderableType] = [_section(f"Gaps ({len(findings)})")]
    for f in findings:
        parts.append(
            hanging(
                [
                    (f"{f.severity:<7}", SEVERITY_STYLE[f.severity]),
                    (f.code, "bold"),
                    (f"{f.message} (line {f.line})", ""),
                ],
                width,
                15,
                first=2,
            )
        )
    return parts


REPORTERS = {"text": text}
