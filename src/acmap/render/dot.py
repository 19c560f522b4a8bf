"""An account map as DOT text, in acmap's visual language (style.py), escaped by safe.py.

Written as text rather than through a graph library: it is fast for large accounts, and every
piece of user text passes through the one audited escaping function in safe.py.
"""

from __future__ import annotations

from acmap.model import AccountMap, Stakeholder, Unit
from acmap.render import style
from acmap.render.canvas import Graph, RenderOptions, select, shorten
from acmap.render.edges import knows, links, reporting_lines
from acmap.render.legend import legend
from acmap.render.people import partner_nodes, person_node
from acmap.render.safe import Html, Value, attributes, join, tag, text

LARGE = 120  # people: beyond this, labels get compact and the layout tighter


def build_dot(account_map: AccountMap, options: RenderOptions) -> str:
    """The DOT text of one account's diagram."""
    drawing = select(account_map, options)
    people = drawing.people
    shown = {p.id for p in people}
    large = len(people) > LARGE
    graph = Graph()
    ids = graph.ids
    for i, person in enumerate(people, 1):
        ids[person.id] = f"n{i}"

    partners = drawing.partners
    for i, partner in enumerate(partners, 1):
        ids["partner:" + partner.id] = f"p{i}"

    out = ["digraph acmap {"]
    graph.lines = out
    _graph_attributes(graph, account_map, options, large)

    graph.open("cluster_account", _account_cluster_attrs(account_map))
    if options.view == "influence":
        for person in people:
            person_node(graph, person, account_map, options, large)
    else:
        _units(graph, account_map, people, options, large)
    graph.close()

    if partners:
        partner_nodes(graph, partners, large, stack=options.view != "influence")

    used_links: set[str] = set()
    has_reporting = False
    if options.view in ("full", "org"):
        has_reporting = reporting_lines(graph, people, shown)
    if options.view in ("full", "influence"):
        used_links = links(graph, account_map, shown, constraint=options.view == "influence")
        knows(graph, partners, shown, constraint=options.view == "influence")
    if options.legend:
        legend(graph, has_reporting, used_links, bool(partners))
    out.append("}")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------
# Graph, title and clusters
# ------------------------------------------------------------------------------------------


def _graph_attributes(
    graph: Graph, account_map: AccountMap, options: RenderOptions, large: bool
) -> None:
    graph_attrs: dict[str, Value] = {
        "label": _title(account_map, options),
        "labelloc": "t",
        "labeljust": "l",
        "fontname": style.FONT,
        "bgcolor": "#ffffff",
        "pad": 0.3,
        "newrank": "true",
        "nodesep": 0.25 if large else 0.35,
        "ranksep": 0.45 if large else 0.6,
        "rankdir": "LR" if options.view == "influence" else "TB",
        "outputorder": "edgesfirst",
        "remincross": "true",
    }
    if large:
        graph_attrs["searchsize"] = 10
    graph.emit("graph" + attributes(graph_attrs) + ";")
    node_attrs: dict[str, Value] = {
        "fontname": style.FONT,
        "fontsize": 11,
        "shape": "box",
        "style": "rounded,filled",
        "margin": "0.08,0.04",
    }
    graph.emit("node" + attributes(node_attrs) + ";")
    graph.emit("edge" + attributes({"fontname": style.FONT, "arrowsize": 0.7}) + ";")


def _title(account_map: AccountMap, options: RenderOptions) -> Html:
    account = account_map.account
    name = tag("FONT", tag("B", text(account.name or account.id)), point_size=20)
    facts: list[Html] = [text(f"{account.tier} account")]
    if account.industry:
        facts.append(text(shorten(account.industry, 48)))
    summary = join(facts, text("  ·  "))
    cells = [tag("TD", name, align="LEFT"), tag("TD", summary, align="LEFT", valign="BOTTOM")]
    if options.status:
        colour = style.STATUS_COLOURS.get(options.status, style.MUTED)
        badge = tag("FONT", tag("B", text(f" {options.status.upper()} ")), color="#ffffff")
        cells.append(tag("TD", badge, bgcolor=colour, style="rounded", valign="MIDDLE"))
    if options.score is not None:
        cells.append(tag("TD", text(f"coverage {options.score}/100"), valign="BOTTOM"))
    when = f"as of {options.today.isoformat()}"
    if options.focus is not None:
        when = f"around {options.focus}, {options.depth} step(s)  ·  " + when
    if options.view != "full":
        when = f"{options.view} view  ·  " + when
    cells.append(tag("TD", tag("FONT", text(when), color=style.MUTED), valign="BOTTOM"))
    return tag(
        "TABLE",
        tag("TR", *cells),
        border=0,
        cellspacing=6,
        cellpadding=2,
    )


def _account_cluster_attrs(account_map: AccountMap) -> dict[str, Value]:
    name = account_map.account.name or account_map.account.id
    return {
        "label": tag("FONT", tag("B", text(name.upper())), color=style.MUTED, point_size=10),
        "labeljust": "l",
        "style": "rounded,dashed",
        "color": style.ACCOUNT_BORDER,
        "fontname": style.FONT,
        "margin": 12,
    }


def _units(
    graph: Graph,
    account_map: AccountMap,
    people: list[Stakeholder],
    options: RenderOptions,
    large: bool,
) -> None:
    """Units as nested clusters (only those with someone shown in or below them)."""
    units = account_map.units_by_id()
    children: dict[str | None, list[Unit]] = {}
    for unit in account_map.units:
        parent = unit.parent if unit.parent in units else None
        children.setdefault(parent, []).append(unit)
    members: dict[str | None, list[Stakeholder]] = {}
    for person in people:
        members.setdefault(person.unit if person.unit in units else None, []).append(person)

    occupied: set[str] = set()
    for unit_id in members:
        seen: set[str] = set()
        while unit_id is not None and unit_id not in seen:
            seen.add(unit_id)
            occupied.add(unit_id)
            unit_id = units[unit_id].parent if units[unit_id].parent in units else None

    counter = iter(range(1, len(units) + 1))
    visited: set[str] = set()

    def draw(unit: Unit, depth: int) -> None:
        visited.add(unit.id)
        fill = style.UNIT_FILLS[min(depth, len(style.UNIT_FILLS) - 1)]
        label = tag("FONT", tag("B", text(unit.name or unit.id)), color="#555555", point_size=10)
        graph.open(
            f"cluster_u{next(counter)}",
            {
                "label": label,
                "labeljust": "l",
                "style": "rounded,filled",
                "fillcolor": fill,
                "color": style.UNIT_BORDER,
                "margin": 8,
            },
        )
        for person in members.get(unit.id, []):
            person_node(graph, person, account_map, options, large)
        for child in children.get(unit.id, []):
            if child.id in occupied and child.id not in visited:
                draw(child, depth + 1)
        graph.close()

    for person in members.get(None, []):
        person_node(graph, person, account_map, options, large)
    for unit in children.get(None, []):
        if unit.id in occupied:
            draw(unit, 0)
