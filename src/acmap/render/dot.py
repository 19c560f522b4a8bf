"""An account map as DOT text, in acmap's visual language (style.py), escaped by safe.py.

Written as text rather than through a graph library: it is fast for large accounts, and every
piece of user text passes through the one audited escaping function in safe.py.
"""

from __future__ import annotations

from collections.abc import Mapping

from acmap.model import AccountMap, Partner, Unit
from acmap.render import style
from acmap.render.canvas import SIZES, Graph, Marks, RenderOptions, select, shorten, wrap
from acmap.render.edges import knows, links, reporting_lines, stacked_columns
from acmap.render.legend import legend
from acmap.render.orgtree import OrgTree, org_tree
from acmap.render.people import partner_nodes, person_node
from acmap.render.safe import Html, Value, attributes, join, tag, text
from acmap.render.shelves import Shelves, gate_edges, gates, plan

LARGE = 120  # people: beyond this, labels get compact and the layout tighter
PARTNERS_WIDTH = 2.5  # inches: the partners' column beside the account
LEGEND_HEIGHT = 2.6  # inches: the legend under the drawing
TITLE_WIDTH = 60  # characters per line of the account's name and of its industry
TITLE_LINES = 5


def build_dot(
    account_map: AccountMap,
    options: RenderOptions,
    marks: Marks | None = None,
    pins: Mapping[str, Mapping[str, str]] | None = None,
) -> str:
    """The DOT text of one account's diagram; a diff view adds its marks, and its fixed layout
    (`pins`: pos, bb, lp by generated id, for `neato -n2`)."""
    graph = dot_graph(account_map, options, marks, pins, fixed=bool(pins))
    return "\n".join(graph.lines) + "\n"


def dot_graph(
    account_map: AccountMap,
    options: RenderOptions,
    marks: Marks | None = None,
    pins: Mapping[str, Mapping[str, str]] | None = None,
    fixed: bool = False,
) -> Graph:
    """build_dot's statements, with the ids it gave people and clusters; `fixed`: for a given
    layout (no rows of units to plan, lines routed around the pinned boxes)."""
    if options.size not in SIZES:
        raise ValueError(f"unknown size {options.size!r}")
    drawing = select(account_map, options)
    people = drawing.people
    shown = {p.id for p in people}
    large = len(people) > LARGE
    graph = Graph(marks=marks or Marks(), pins=pins or {})
    ids = graph.ids
    for i, person in enumerate(people, 1):
        ids[person.id] = f"n{i}"

    partners = drawing.partners
    for i, partner in enumerate(partners, 1):
        ids["partner:" + partner.id] = f"p{i}"

    out = ["digraph acmap {"]
    graph.lines = out
    _graph_attributes(graph, account_map, options, large)
    if "graph" in graph.pins:  # the title where the diff view's first layout put it
        graph.emit("graph" + attributes(dict(graph.pins["graph"])) + ";")

    shelves = Shelves()
    page = len(out)  # the page cluster opens here, once we know what its legend shows
    graph.indent += 1  # inside it
    graph.open("cluster_account", _account_cluster_attrs(account_map))
    if options.view == "influence":
        for person in people:
            person_node(graph, person, account_map, options, large)
    else:
        tree = org_tree(account_map, people)
        aspect = SIZES[options.size]
        # Past LARGE nobody reads the whole account on one page (--focus is the way), and rows
        # cost `dot` dearly there: every link between rows is a long edge (500 people: 20x).
        if aspect is not None and not large and not fixed:
            ties = [(link.source, link.target) for link in account_map.links]
            shelves = plan(
                tree,
                stacked_columns(people, shown),
                ties if options.view == "full" else [],
                aspect,
                extra_width=PARTNERS_WIDTH if partners else 0.0,
                extra_height=LEGEND_HEIGHT if options.legend else 0.0,
            )
        _units(graph, account_map, tree, shelves, options, large)
    graph.close()

    if partners:
        partner_nodes(graph, partners, large, stack=options.view != "influence")

    used_links: set[str] = set()
    has_reporting = False
    if options.view in ("full", "org"):
        has_reporting = reporting_lines(graph, people, shown, shelves)
        gate_edges(graph, shelves)
    if options.view in ("full", "influence"):
        used_links = links(graph, account_map, shown, constraint=options.view == "influence")
        knows(graph, partners, shown, constraint=options.view == "influence")
    graph.close()  # the page
    opening = Graph(indent=1, pins=graph.pins, clusters=graph.clusters)
    if fixed:
        opening.emit("graph" + attributes({"splines": "line" if large else "true"}) + ";")
    elif shelves.rows:
        # Links between rows as straight runs: curves looped around whole rows. Tighter gaps:
        # each link passing a row takes one, and the page is what we are short of.
        tight: dict[str, Value] = {"splines": "polyline", "nodesep": 0.22, "ranksep": 0.4}
        opening.emit("graph" + attributes(tight) + ";")
    opening.open("cluster_page", _page_attrs(options, has_reporting, used_links, partners))
    out[page:page] = opening.lines
    out.append("}")
    return graph


# ------------------------------------------------------------------------------------------
# Graph, title and clusters
# ------------------------------------------------------------------------------------------


def _graph_attributes(
    graph: Graph, account_map: AccountMap, options: RenderOptions, large: bool
) -> None:
    graph_attrs: dict[str, Value] = {
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
    if options.title:
        title: dict[str, Value] = {
            "label": _title(account_map, options),
            "labelloc": "t",
            "labeljust": "l",
        }
        graph_attrs = title | graph_attrs
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
    # Wrapped, never cut: the title is what a slide is about (only absurd lengths are cut).
    name = wrap(account.name or account.id, TITLE_WIDTH, TITLE_LINES)
    name = tag("FONT", tag("B", name), point_size=20)
    summary = text(f"{account.tier} account")
    if account.industry:
        summary = join([summary, wrap(account.industry, TITLE_WIDTH, TITLE_LINES)], text("  ·  "))
    cells = [
        tag("TD", name, align="LEFT", balign="LEFT"),
        tag("TD", summary, align="LEFT", valign="BOTTOM", balign="LEFT"),
    ]
    if options.status:
        colour = style.STATUS_COLOURS.get(options.status, style.MUTED)
        badge = tag("FONT", tag("B", text(f" {options.status.upper()} ")), color="#ffffff")
        cells.append(tag("TD", badge, bgcolor=colour, style="rounded", valign="MIDDLE"))
    if options.score is not None:
        cells.append(tag("TD", text(f"coverage {options.score}/100"), valign="BOTTOM"))
    when = f"as of {options.today.isoformat()}"
    if options.focus is not None:
        when = f"around {options.focus}, {options.depth} step(s)  ·  " + when
    if options.deal is not None:
        when = f"buying committee of {shorten(options.deal, TITLE_WIDTH)}  ·  " + when
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


def _page_attrs(
    options: RenderOptions, has_reporting: bool, used_links: set[str], partners: list[Partner]
) -> dict[str, Value]:
    """The frameless cluster around everything: its bottom label is the legend. Without one its
    label is empty, not the title it would inherit from the graph (drawn twice, then)."""
    attrs: dict[str, Value] = {"color": "#ffffff00", "margin": 4, "label": ""}
    if options.legend:
        attrs |= {
            "label": legend(has_reporting, used_links, bool(partners)),
            "labelloc": "b",
            "labeljust": "l",
        }
    return attrs


def _account_cluster_attrs(account_map: AccountMap) -> dict[str, Value]:
    name = account_map.account.name or account_map.account.id
    return {
        "label": tag("FONT", tag("B", text(name.upper())), color=style.MUTED, point_size=10),
        "labeljust": "l",
        "labelloc": "t",  # not the page's bottom, which every unit inside would inherit
        "style": "rounded,dashed",
        "color": style.ACCOUNT_BORDER,
        "fontname": style.FONT,
        "margin": 12,
    }


def _units(
    graph: Graph,
    account_map: AccountMap,
    tree: OrgTree,
    shelves: Shelves,
    options: RenderOptions,
    large: bool,
) -> None:
    """Units as nested clusters (only those with someone shown in or below them)."""
    counter = iter(range(1, len(tree.units) + 1))
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
            holds="unit:" + unit.id,
        )
        for person in tree.members.get(unit.id, []):
            person_node(graph, person, account_map, options, large)
        for child in tree.occupied_children(unit.id):
            if child.id not in visited:
                draw(child, depth + 1)
        if shelves.container == unit.id:
            gates(graph, shelves)
        graph.close()

    for person in tree.members.get(None, []):
        person_node(graph, person, account_map, options, large)
    for unit in tree.occupied_children(None):
        draw(unit, 0)
    if shelves.container is None:
        gates(graph, shelves)
