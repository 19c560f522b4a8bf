"""One account's page, made in the worker process that loaded its map (load_selection's
`analyse`): the page is written there, and only its summary (what the portfolio pages and the
search index need) travels back."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acmap.site.names import account_page, anchor, owner_page

if TYPE_CHECKING:
    from acmap.analysis.account import AccountView
    from acmap.analysis.plan import PlannedAction
    from acmap.model import AccountMap
    from acmap.settings import GapSettings

ACTIONS_PER_ACCOUNT = 2  # as many as `acmap gaps`' next actions take from one account


def prepare() -> None:
    """What every worker would otherwise do for itself, done once before they are forked (they
    inherit it): the modules a page needs, its templates compiled, and the question of how
    Graphviz is to run settled (estimate.py: two runs of `dot`)."""
    import acmap.analysis.account
    import acmap.analysis.qualify
    import acmap.render.diagram
    import acmap.render.dot
    import acmap.site.diagram
    import acmap.site.sections  # noqa: F401
    from acmap.render.estimate import environment, latin_1_tables
    from acmap.render.run import find_dot
    from acmap.site.pages import TEMPLATES
    from acmap.site.pages import environment as templates

    for path in sorted(TEMPLATES.rglob("*.html")):
        templates().get_template(path.relative_to(TEMPLATES).as_posix())
    program = find_dot()
    if program is not None:
        environment(program)
        latin_1_tables(program)


def make_page(
    account_map: AccountMap,
    *,
    gaps: GapSettings,
    today: date,
    changes: dict[str, dict[str, Any]],
    history: dict[str, list[list[Any]]],
    folder: Path,
    timeout: float,
) -> tuple[dict[str, Any], bool]:
    """Write the account's page under `folder` (unless it holds these bytes already); return
    its summary and whether the page was written."""
    from acmap.analysis.account import account_view
    from acmap.analysis.plan import planned
    from acmap.analysis.qualify import qualify_map
    from acmap.edit.atomic import same_bytes, write_atomic
    from acmap.site.pages import render
    from acmap.site.portfolio import search_entries
    from acmap.site.sections import PageFacts, page_sections

    view = account_view(account_map, gaps, today)
    svg, problem = _diagram(account_map, gaps, today, timeout)
    account_id = account_map.account.id
    plan = planned(account_map, today)
    facts = PageFacts(
        view,
        svg,
        problem,
        changes.get(account_id),
        deals={d.opportunity: d for d in qualify_map(account_map, gaps, today)},
        plan=plan,
        history=history.get(account_id, []),
    )
    name = account_page(account_map.account.id)
    text = render(
        "account.html",
        root="../",
        title=account_map.account.name,
        account=account_map.account,
        sections=page_sections(facts),
        today=today.isoformat(),
    )
    data = text.encode("utf-8")
    path = folder / name
    written = not same_bytes(path, data)
    if written:
        write_atomic(
            path, data, root=folder, durable=False
        )  # never through a symlink out of the site
    summary = summarise(view, name)
    summary["planned"] = due_soon(plan)
    summary["row"] = render("index_row.html", a=summary)
    people = [(anchor(s.id), s.display, s.title or "", s.active) for s in account_map.stakeholders]
    summary["search"] = search_entries(summary, people)
    return summary, written


def due_soon(plan: list[PlannedAction]) -> list[list[Any]]:
    """The open actions due within SOON_DAYS and not yet overdue (G206 says those), as `acmap
    gaps` adds them to its next actions: [days left, line, words]."""
    from acmap.analysis.plan import SOON_DAYS
    from acmap.analysis.priority import planned_words

    return [
        [a.days_left, a.line, planned_words(a)]
        for a in plan
        if a.status == "open" and a.days_left is not None and 0 <= a.days_left <= SOON_DAYS
    ]


def _diagram(
    account_map: AccountMap, gaps: GapSettings, today: date, timeout: float
) -> tuple[str | None, str | None]:
    """(the SVG, None), or (None, why it is missing): a page without its drawing beats no page."""
    from acmap.render.diagram import DiagramError
    from acmap.site.diagram import Unsafe, draw

    if not account_map.stakeholders:
        return None, None
    try:
        return draw(account_map, gaps, today, timeout), None
    except (DiagramError, Unsafe) as exc:
        return None, f"no diagram: {exc}"


def summarise(view: AccountView, page: str) -> dict[str, Any]:
    """What the index, the owners' and partners' pages and the search index know of the
    account: plain JSON, kept in the manifest so an unchanged map is never read again."""
    from acmap.analysis.health import STATUS_ORDER
    from acmap.analysis.priority import PRIORITY, by_importance
    from acmap.findings import SEVERITY_RANK

    report = view.report
    account_map = view.map
    priority = {code: rank for rank, code in enumerate(PRIORITY)}
    actions = [
        # how next_actions ranks it (severity, rule priority, line), then what the index says
        [
            SEVERITY_RANK[f.severity],
            priority.get(f.code, len(PRIORITY)),
            f.line,
            f.severity,
            f.code,
            f.message,
        ]
        for f in by_importance(report.findings)[:ACTIONS_PER_ACCOUNT]
    ]
    covers: dict[str, int] = {}
    for member in report.people_owners.values():
        covers[member] = covers.get(member, 0) + 1
    return {
        "id": report.id,
        "name": report.name,
        "page": page,
        "file": account_map.path.as_posix(),
        "tier": report.tier,
        "owner": report.owner,
        "owner_name": report.owner_name,
        "owner_page": owner_page(report.owner) if report.owner else None,
        "status": report.status,
        # worst first as text (the table sorts it): status, most errors, most warnings, score
        "order": f"{STATUS_ORDER.get(report.status, 1)}-{9999 - report.counts['error']:04d}-"
        f"{9999 - report.counts['warning']:04d}-{report.score.total:03d}",
        "score": report.score.total,
        "people": report.stakeholders,
        "engaged": report.engaged,
        "gaps": report.counts,
        "reviewed": report.reviewed.isoformat() if report.reviewed else None,
        "team": report.team,
        "covers": covers,
        "actions": actions,
        "partners": [
            {
                "id": p.id,
                "name": p.name,
                "type": p.type,
                "knows": [
                    [anchor(a.stakeholder), view.name_of(a.stakeholder), a.strength]
                    for a in p.knows
                    if a.stakeholder in view.people
                ],
            }
            for p in account_map.partners
        ],
    }
