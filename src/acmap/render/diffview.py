"""`acmap render ID --diff BASE[..HEAD]`: one diagram of both versions of a map, what changed
marked (render/marks.py), laid out where BASE's diagram has everyone (render/pinning.py), with a
side panel listing the gaps the change opened and closed."""

from __future__ import annotations

from collections.abc import Callable

from acmap.analysis.changes.union import MapUnion
from acmap.model import Stakeholder
from acmap.render.canvas import Graph, Marks, RenderOptions, shorten
from acmap.render.pinning import Newcomer
from acmap.render.safe import Html, Value, attributes, dot_id, tag, text

PANEL_ROWS = 12  # gaps listed in the side panel; the rest as "and N more"
PANEL_WIDTH = 64  # characters per gap
CHAR = 5.6  # points per character of the panel's 9-point text, for its room
OPENED, CLOSED = "#c8402c", "#1a7f37"


def marks_for(union: MapUnion) -> Marks:
    return Marks(union.people, union.partners, union.lines, union.badges)


def diff_dot(
    union: MapUnion, options: RenderOptions, base_options: RenderOptions, timeout: float
) -> str:
    """The union's DOT text with every position fixed, for `neato -n2`."""
    from acmap.render.dot import dot_graph
    from acmap.render.pinning import pins, place, read_layout
    from acmap.render.run import run_dot

    base = dot_graph(union.base, base_options)
    raw = run_dot("\n".join(base.lines) + "\n", "json0", timeout)
    layout = read_layout(raw, base.ids, base.clusters)
    for before, after in union.renamed.items():  # one node: the person under the new id
        for table in (layout.pos, layout.size):
            if before in table:
                table[after] = table.pop(before)

    marks = marks_for(union)
    preview = dot_graph(union.map, options, marks, fixed=True)
    place(layout, _newcomers(union, preview, layout.pos))
    fixed = pins(layout, preview.ids, preview.clusters)
    graph = dot_graph(union.map, options, marks, fixed, fixed=True)
    _panel(graph, union, layout.bb.get("cluster_page") or layout.bb.get("cluster_account"))
    return "\n".join(graph.lines) + "\n"


def diff_diagram(
    union: MapUnion,
    options: RenderOptions,
    base_options: RenderOptions,
    fmt: str,
    timeout: float,
    warn: Callable[[str], object] | None = None,
) -> bytes:
    """The diff diagram in `fmt`: svg, png, pdf, dot (pinned: draw it with `neato -n2`) or
    mermaid (the union with the marks as classes; Mermaid lays it out itself)."""
    if fmt == "mermaid":
        from acmap.render.mermaid import build_mermaid
        from acmap.render.mermaid_chart import github_limits

        chart = build_mermaid(union.map, options, marks_for(union)) + _mermaid_panel(union)
        if warn is not None and (too_big := github_limits(chart)):
            warn(f"acmap: warning: {too_big}\n")
        return chart.encode("utf-8")
    from acmap.render.run import run_dot

    source = diff_dot(union, options, base_options, timeout)
    if fmt == "dot":
        return source.encode("utf-8")
    return run_dot(source, fmt, timeout, layout=("-Kneato", "-n2"))


def _newcomers(
    union: MapUnion, graph: Graph, placed: dict[str, tuple[float, float]]
) -> list[Newcomer]:
    """Everyone the union diagram draws that BASE's did not: new people, new partners."""

    units = union.map.units_by_id()
    linked: dict[str, list[str]] = {}
    for link in union.map.links:
        linked.setdefault(link.source, []).append(link.target)
        linked.setdefault(link.target, []).append(link.source)
    out = []
    for person in union.map.stakeholders:
        if person.id not in graph.ids or person.id in placed:
            continue
        chain, unit_id, seen = [], person.unit, set()
        while unit_id in units and unit_id not in seen:
            seen.add(unit_id)
            chain.append("unit:" + unit_id)
            unit_id = units[unit_id].parent
        anchors = [a for a in [person.reports_to, *linked.get(person.id, [])] if a]
        out.append(Newcomer(person.id, anchors, [*chain, "cluster_account"], _size(person)))
    for partner in union.map.partners:
        key = "partner:" + partner.id
        if key in graph.ids and key not in placed:
            anchors = [k.stakeholder for k in partner.knows]
            out.append(Newcomer(key, anchors, ["cluster_partners"]))
    return out


def _size(person: Stakeholder) -> tuple[float, float]:
    """About the room dot gives a person's box (points): the name at 12 pt bold, the title at
    10 pt in two lines of 30, badges, a note."""
    name = len(person.name or "?  not yet identified") * 7.4
    title = min(len(person.title or ""), 30) * 5.6
    rows = 1 + (2 if len(person.title or "") > 30 else 1 if person.title else 0)
    rows += 1 if person.roles else 0
    rows += 1 if person.owner else 0
    return (max(name, title, 90.0 if person.roles else 0.0, 60.0) + 22, rows * 15.0 + 14)


def _panel(graph: Graph, union: MapUnion, beside: tuple[float, float, float, float] | None) -> None:
    """The side panel: a table node to the right of the page, the gaps opened and closed."""
    rows: list[Html] = [_row(tag("B", text("WHAT THE CHANGE DID TO THE GAPS")), "#666666")]
    if union.since:
        rows.insert(0, _row(text(f"Marked: what changed since {_since(union.since)}"), "#222222"))
    lines = _gap_lines(union)
    for lead, words, colour in lines[:PANEL_ROWS]:
        rows.append(_row(tag("B", text(lead)) + text(shorten(words, PANEL_WIDTH)), colour))
    if len(lines) > PANEL_ROWS:
        rows.append(_row(text(f"and {len(lines) - PANEL_ROWS} more"), "#666666"))
    if not lines:
        rows.append(_row(text("no gaps opened or closed"), "#666666"))
    label = tag(
        "TABLE", *rows, border=1, color="#cccccc", style="rounded", cellborder=0, cellpadding=3
    )
    longest = max(len(lead) + min(len(w), PANEL_WIDTH) for lead, w, _ in lines) if lines else 34
    longest = max(longest, 30 + len(_since(union.since or "")))
    width, height = longest * CHAR + 24, (len(rows) + 1) * 15.0
    attrs: dict[str, Value] = {"label": label, "shape": "plain", "style": "solid"}
    if beside is not None:
        x, y = beside[2] + 24 + width / 2, beside[3] - height / 2
        attrs["pos"] = f"{x:.2f},{y:.2f}"
    graph.lines.insert(len(graph.lines) - 1, "  " + dot_id("gaps") + attributes(attrs) + ";")


def _since(revisions: str) -> str:
    return shorten(revisions.replace("...", " → ").replace("..", " → "), 40)


def _gap_lines(union: MapUnion) -> list[tuple[str, str, str]]:
    lines = [("▲ opened: ", g.text, OPENED) for g in union.opened]
    return lines + [("▼ closed: ", g.text, CLOSED) for g in union.closed]


def _mermaid_panel(union: MapUnion) -> str:
    """The side panel for Mermaid: a subgraph of one note per gap opened or closed."""
    from acmap.render.mermaid_text import label_text, quoted

    lines = _gap_lines(union)
    if not lines:
        return ""
    title = "What the change did to the gaps"
    if union.since:
        title += f" (since {_since(union.since)})"
    out = [f"  subgraph gaps[{quoted(title)}]"]
    for i, (lead, words, _) in enumerate(lines[:PANEL_ROWS], 1):
        out.append(f'    g{i}["{label_text(lead + shorten(words, PANEL_WIDTH))}"]')
    if len(lines) > PANEL_ROWS:
        out.append(f'    g0["and {len(lines) - PANEL_ROWS} more"]')
    out += ["  end", "  style gaps fill:#ffffff,stroke:#cccccc"]
    return "\n".join(out) + "\n"


def _row(content: Html, colour: str) -> Html:
    return tag("TR", tag("TD", tag("FONT", content, color=colour, point_size=9), align="LEFT"))
