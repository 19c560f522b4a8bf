"""The edges of a diagram: reporting lines (with wide teams stacked), links and what partners
know."""

from __future__ import annotations

import itertools
import math

from acmap.model import AccountMap, Partner, Stakeholder
from acmap.render import style
from acmap.render.canvas import Graph
from acmap.render.marks import mark_line
from acmap.render.safe import Value
from acmap.render.shelves import Shelves

STACK_FROM = 4  # more leaf reports than this under one manager are stacked in columns


def reporting_lines(
    graph: Graph, people: list[Stakeholder], shown: set[str], shelves: Shelves
) -> bool:
    drawn = False
    line = style.REPORTING
    for person in people:
        manager = person.reports_to
        if manager and manager in shown and manager != person.id:
            attrs: dict[str, Value] = {
                "color": line.color,
                "style": line.style,
                "arrowhead": line.arrowhead,
            }
            if shelves.upward(manager, person.id):
                attrs["constraint"] = "false"
            mark = graph.marks.lines.get(("reports_to", manager, person.id))
            graph.edge(graph.ids[manager], graph.ids[person.id], mark_line(attrs, mark))
            drawn = True
    _stack_wide_teams(graph, people, shown)
    return drawn


def stacked_columns(people: list[Stakeholder], shown: set[str]) -> list[list[Stakeholder]]:
    """A manager's many direct reports who manage nobody, in a few short columns (top to bottom).

    Without this a flat organisation (a VP with 40 reports) becomes one endless row.
    """
    managers = {p.reports_to for p in people if p.reports_to in shown}
    teams: dict[tuple[str, str | None], list[Stakeholder]] = {}
    for person in people:
        manager = person.reports_to
        if manager and manager in shown and manager != person.id and person.id not in managers:
            teams.setdefault((manager, person.unit), []).append(person)
    stacks: list[list[Stakeholder]] = []
    for team in teams.values():
        if len(team) <= STACK_FROM:
            continue
        columns = math.ceil(math.sqrt(len(team) / 2))
        rows = math.ceil(len(team) / columns)
        stacks.extend(team[start : start + rows] for start in range(0, len(team), rows))
    return stacks


def _stack_wide_teams(graph: Graph, people: list[Stakeholder], shown: set[str]) -> None:
    """Invisible edges chain each column of stacked_columns; the reporting arrows stay."""
    for column in stacked_columns(people, shown):
        for upper, lower in itertools.pairwise(column):
            graph.edge(graph.ids[upper.id], graph.ids[lower.id], {"style": "invis"})


def links(graph: Graph, account_map: AccountMap, shown: set[str], constraint: bool) -> set[str]:
    used = set()
    for link in account_map.links:
        if link.source not in shown or link.target not in shown or link.source == link.target:
            continue
        look = style.LINKS.get(link.type)
        if look is None:
            continue
        used.add(link.type)
        mark = graph.marks.lines.get((link.type, link.source, link.target))
        graph.edge(
            graph.ids[link.source],
            graph.ids[link.target],
            mark_line(line_attrs(look, link.strength, constraint), mark),
        )
    return used


def knows(graph: Graph, partners: list[Partner], shown: set[str], constraint: bool) -> None:
    for partner in partners:
        for acquaintance in partner.knows:
            if acquaintance.stakeholder in shown:
                mark = graph.marks.lines.get(("knows", partner.id, acquaintance.stakeholder))
                graph.edge(
                    graph.ids["partner:" + partner.id],
                    graph.ids[acquaintance.stakeholder],
                    mark_line(line_attrs(style.KNOWS, acquaintance.strength, constraint), mark),
                )


def line_attrs(look: style.LinkStyle, strength: str, constraint: bool) -> dict[str, Value]:
    attrs: dict[str, Value] = {
        "color": look.color,
        "style": look.style,
        "arrowhead": look.arrowhead,
        "arrowtail": look.arrowtail,
        "dir": look.dir,
        "penwidth": style.STRENGTH_PEN.get(strength, 1.5),
    }
    if not constraint:
        attrs["constraint"] = "false"
    return attrs
