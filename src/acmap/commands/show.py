"""`acmap show ID`: one account in the terminal, people in an org tree by unit."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from acmap.commands.options import TodayOption, settings, today_for
from acmap.report.terminal import hanging

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text
    from rich.tree import Tree

    from acmap.analysis.health import AccountReport
    from acmap.model import AccountMap, Stakeholder
    from acmap.rules.base import Context

STANCE_STYLE = {
    "advocate": "bold green",
    "supporter": "green",
    "neutral": "yellow",
    "skeptic": "magenta",
    "blocker": "bold red",
    "unknown": "dim",
}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
STATUS_STYLE = {"red": "bold red", "amber": "bold yellow", "green": "bold green"}


def show(
    account: Annotated[str, typer.Argument(help="An account id, or the path of a map file.")],
    today: TodayOption = None,
) -> None:
    """One account: org tree by unit, roles, stance, links, partners, goals, deals and gaps."""
    from acmap.analysis.health import assess
    from acmap.commands.options import load_account_file
    from acmap.report.terminal import console

    config = settings()
    day = today_for(config, today)
    loaded = load_account_file(account, config)
    out = console()
    if loaded.map is None:
        from acmap.report.findings import print_findings

        print_findings(out, loaded.findings)
        out.print(f"{loaded.file}: not shown, the map has errors (see above)", style="bold red")
        raise typer.Exit(1)
    from acmap.rules.engine import context_for

    account_map = loaded.map
    report = assess(account_map, config.gaps, day)
    ctx = context_for(account_map, config.gaps, day)
    for part in render(account_map, report, ctx, out.width):
        out.print(part)
    sys.stdout.flush()


def render(
    account_map: AccountMap, report: AccountReport, ctx: Context, width: int = 80
) -> list[RenderableType]:
    """The parts of `acmap show`, top to bottom."""
    from rich.text import Text

    return [
        _heading(account_map, report, width),
        Text(""),
        _org_tree(account_map, ctx, width, influence_ranks(account_map)),
        *_links(account_map, ctx, width),
        *_partners(account_map, ctx, width),
        *_goals(account_map, width),
        *_deals(account_map, ctx, width),
        *_gaps(report, width),
    ]


def _heading(account_map: AccountMap, report: AccountReport, width: int) -> Text:
    from rich.text import Text

    account = account_map.account
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
        facts.append(f"reviewed {account.reviewed.isoformat()} ({_ago(report.review_age)})")
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
    return Text("\n").join(lines)


def _ago(days: int | None) -> str:
    if days is None:
        return "never"
    if days == 0:
        return "today"
    if days < 0:
        return f"in {-days} days"
    return f"{days} day{'' if days == 1 else 's'} ago"


TOP_INFLUENCE = 3  # people marked with their rank by computed influence


def influence_ranks(account_map: AccountMap) -> dict[str, int]:
    """The rank of the few most influential people by computed influence (acmap.graph)."""
    from acmap.graph import influence_ranking

    ranked = [(i, score) for i, score in influence_ranking(account_map) if score > 0]
    return {person_id: rank for rank, (person_id, _) in enumerate(ranked[:TOP_INFLUENCE], 1)}


def _org_tree(
    account_map: AccountMap, ctx: Context, width: int, ranks: dict[str, int] | None = None
) -> Tree:
    """Units as branches, people under their unit, and under their manager within the unit."""
    from rich.tree import Tree

    tree = Tree("[bold]Organisation[/bold]", guide_style="dim")
    units = {u.id: u for u in account_map.units}
    children: dict[str | None, list[str]] = {}
    for unit in account_map.units:
        parent = unit.parent if unit.parent in units else None
        children.setdefault(parent, []).append(unit.id)
    people_in: dict[str | None, list[Stakeholder]] = {}
    for person in account_map.stakeholders:
        people_in.setdefault(person.unit if person.unit in units else None, []).append(person)

    placed_units: set[str] = set()

    def add_unit(branch: Tree, unit_id: str, depth: int) -> None:
        if unit_id in placed_units:  # a cycle would be an E008; never loop on one anyway
            return
        placed_units.add(unit_id)
        node = branch.add(f"[bold]{_escape(units[unit_id].name)}[/bold]")
        _add_people(node, people_in.get(unit_id, []), ctx, width, depth + 1, ranks)
        for child in children.get(unit_id, []):
            add_unit(node, child, depth + 1)

    for root in children.get(None, []):
        add_unit(tree, root, 1)
    for unit_id in units:  # units only reachable through a cycle
        if unit_id not in placed_units:
            add_unit(tree, unit_id, 1)
    loose = people_in.get(None, [])
    if loose:
        node = tree.add("[bold]No unit[/bold]" if account_map.units else "[bold]People[/bold]")
        _add_people(node, loose, ctx, width, 2, ranks)
    if not account_map.stakeholders:
        tree.add("[dim]nobody mapped yet[/dim]")
    return tree


def _add_people(
    branch: Tree,
    people: list[Stakeholder],
    ctx: Context,
    width: int,
    depth: int,
    ranks: dict[str, int] | None = None,
) -> None:
    here = {p.id for p in people}
    reports: dict[str, list[Stakeholder]] = {}
    roots = []
    for person in people:
        if person.reports_to in here and person.reports_to != person.id:
            reports.setdefault(person.reports_to or "", []).append(person)
        else:
            roots.append(person)
    placed: set[str] = set()

    def add(node: Tree, person: Stakeholder, level: int) -> None:
        if person.id in placed:
            return
        placed.add(person.id)
        # Each tree level takes 4 columns of guides; wrap the label to what is left.
        rank = (ranks or {}).get(person.id)
        child = node.add(person_label(person, ctx, max(30, width - 4 * level), rank))
        for report in reports.get(person.id, []):
            add(child, report, level + 1)

    for person in roots:
        add(branch, person, depth)
    for person in people:  # people in a reporting cycle inside the unit
        add(branch, person, depth)


def person_label(
    person: Stakeholder, ctx: Context, width: int = 76, rank: int | None = None
) -> Text:
    """Name and title; then roles, stance, influence (and rank by computed influence), contact
    marker and owner."""
    from rich.text import Text

    from acmap.model import ROLE_LABELS

    faded = "" if person.active else "dim"
    head: list[tuple[str, str]] = [(person.display, "bold" if person.active else "dim strike")]
    if person.title and person.identified:
        head.append((f"— {person.title}", "dim"))
    if not person.active:
        head.append(("(left)", "bold red"))
    details: list[tuple[str, str]] = []
    if person.roles:
        details.append((", ".join(ROLE_LABELS.get(r, r) for r in person.roles), faded or "bold"))
    details.append((person.stance, faded or STANCE_STYLE.get(person.stance, "")))
    if person.influence:
        details.append((f"{person.influence} influence", faded))
    if rank is not None:
        details.append((f"#{rank} by computed influence", "magenta"))
    if person.active:
        details.append(_contact_marker(person, ctx))
    details.append((f"owner {ctx.member(person.owner)}" if person.owner else "no owner", "dim"))
    separated: list[tuple[str, str]] = []
    for i, (words, style) in enumerate(details):
        if i:
            separated.append(("·", "dim"))
        separated.append((words, style))
    return Text("\n").join([hanging(head, width, 2), hanging(separated, width, 0)])


def _contact_marker(person: Stakeholder, ctx: Context) -> tuple[str, str]:
    last: date | None = person.last_contact
    if last is None:
        return ("never contacted", "yellow" if person.is_key else "dim")
    days = ctx.days_since(last)
    if ctx.is_engaged(person):
        return (f"engaged, {_ago(days)}", "green")
    if person.is_key and days > ctx.thresholds.stale_days:
        return (f"gone dark, {_ago(days)}", "bold red")
    return (f"last contact {_ago(days)}", "dim")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _section(title: str) -> Text:
    from rich.text import Text

    return Text(f"\n{title}", style="bold")


def _links(account_map: AccountMap, ctx: Context, width: int) -> list[RenderableType]:
    if not account_map.links:
        return []
    parts: list[RenderableType] = [_section("Links")]
    for link in account_map.links:
        source = ctx.people.get(link.source)
        target = ctx.people.get(link.target)
        arrow = "↔" if link.type in ("allies", "conflicts") else "→"
        segments = [
            (source.display if source else link.source, ""),
            (arrow, ""),
            (target.display if target else link.target, ""),
            (
                f"{link.type.replace('_', ' ')} ({link.strength})" + (":" if link.note else ""),
                "red" if link.type == "conflicts" else "cyan",
            ),
        ]
        if link.note:
            segments.append((link.note, "dim"))
        parts.append(hanging(segments, width, 4, first=2))
    return parts


def _partners(account_map: AccountMap, ctx: Context, width: int) -> list[RenderableType]:
    if not account_map.partners:
        return []
    parts: list[RenderableType] = [_section("Partners")]
    for partner in account_map.partners:
        facts = [partner.type or "partner"]
        if partner.owner:
            facts.append(f"owner {ctx.member(partner.owner)}")
        segments = [(partner.name, "bold"), (f"({', '.join(facts)})", "dim")]
        if partner.knows:
            known = []
            for acquaintance in partner.knows:
                person = ctx.people.get(acquaintance.stakeholder)
                name = person.display if person else acquaintance.stakeholder
                known.append(f"{name} ({acquaintance.strength})")
            segments.append((f"knows {', '.join(known)}", ""))
        parts.append(hanging(segments, width, 4, first=2))
    return parts


def _goals(account_map: AccountMap, width: int) -> list[RenderableType]:
    account = account_map.account
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


def _deals(account_map: AccountMap, ctx: Context, width: int) -> list[RenderableType]:
    deals = account_map.account.opportunities
    if not deals:
        return []
    parts: list[RenderableType] = [_section("Opportunities")]
    for deal in deals:
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
            group = [ctx.people[i].display if i in ctx.people else i for i in deal.buying_group]
            parts.append(hanging([(f"buying group: {', '.join(group)}", "dim")], width, 4, first=4))
    return parts


def _gaps(report: AccountReport, width: int) -> list[RenderableType]:
    from rich.text import Text

    from acmap.analysis.health import by_importance

    findings = by_importance(report.findings)
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


def register(app: typer.Typer) -> None:
    app.command()(show)
