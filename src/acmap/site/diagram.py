"""An account's diagram as SVG inside its page: Graphviz's drawing (render/, whose safe.py lets
no user text become markup, a link or a file read), each person's box a link to their card.

The SVG is checked once more before it is trusted as markup: anything that could run or lead
somewhere (a script, a link, an image, a foreign object, an event handler) means the drawing
is left out, never shown.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from acmap.model import AccountMap
    from acmap.render.canvas import Graph, RenderOptions
    from acmap.settings import GapSettings

# Graphviz writes each node as a <g> holding its <title> (our generated id) and shapes, never a
# nested <g> (no URL is ever set): the node ends at the next </g>.
_NODE = re.compile(r'<g id="[^"]*" class="node">\n<title>(n\d+)</title>\n')
# What Graphviz draws our diagrams with; any other element (script, a, image, foreignObject,
# use, style …) or attribute (on*, href, style …) means the SVG is not what render/ makes.
_ELEMENTS = frozenset(
    {"svg", "g", "title", "path", "polygon", "polyline", "ellipse", "text", "tspan", "desc"}
)
_ATTRIBUTES = frozenset(
    {
        "width",
        "height",
        "viewBox",
        "id",
        "class",
        "transform",
        "fill",
        "fill-opacity",
        "stroke",
        "stroke-width",
        "stroke-dasharray",
        "stroke-opacity",
        "points",
        "d",
        "cx",
        "cy",
        "rx",
        "ry",
        "x",
        "y",
        "text-anchor",
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "text-decoration",
        "baseline-shift",
    }
)
_SVG_NS = "http://www.w3.org/2000/svg"
# As expat names them with namespace_separator " ": any element or attribute in another
# namespace (xlink:href …) is not in these sets.
_QUALIFIED = frozenset(f"{_SVG_NS} {name}" for name in _ELEMENTS)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# A line's or a unit's <title> is Graphviz's name for it (n3->n7, cluster_u2): a tooltip and a
# screen reader would say that. People keep theirs (their names, set below).
_GENERATED_TITLE = re.compile(r'(class="(?:edge|cluster)">\n)<title>[^<]*</title>\n')
_SIZE = re.compile(r'^<svg width="[^"]*" height="[^"]*"')


NATURAL_BUDGET = 1.0  # seconds: 5-10x what dot takes on a 120-person account laid out its way


class Unsafe(Exception):
    """Graphviz's SVG holds something no diagram of ours may hold."""


def draw(account_map: AccountMap, gaps: GapSettings, today: date, timeout: float) -> str:
    """The account's full diagram, SVG text ready to be inlined; raises DiagramError when
    Graphviz fails, Unsafe when the SVG holds what no diagram of ours may.

    No title or key in the drawing: the page says both in HTML (sections.py, legend.py). The
    layout is dot's own (a page scrolls; no rows shaped for a slide), which is also a third
    faster to lay out. Graphviz 2.43 crashes (merge_chain) or never ends on a few such layouts
    (8 of the 2,000 benchmark accounts), so one that fails, or takes longer than
    NATURAL_BUDGET, is drawn again in the slide's rows, a different layout, with the time left.
    """
    from acmap.render.diagram import DiagramError, options_for
    from acmap.render.run import RenderError

    options = replace(options_for(account_map, gaps, today, "full", legend=False), title=False)
    try:
        raw, graph = _svg(
            account_map, replace(options, size="poster"), min(timeout, NATURAL_BUDGET)
        )
    except RenderError:
        try:
            raw, graph = _svg(account_map, replace(options, size="slide"), timeout)
        except RenderError as exc:
            raise DiagramError(str(exc)) from None
    return finish(raw, graph, account_map)


def finish(raw: str, graph: Graph, account_map: AccountMap) -> str:
    """Graphviz's SVG of `graph` (the drawing of `account_map`) made ready for the page."""
    people = {
        node: person for person, node in graph.ids.items() if not person.startswith("partner:")
    }
    names = {s.id: s.display for s in account_map.stakeholders}
    partners = {p.id: p.name or p.id for p in account_map.partners}
    labels = {
        node: partners[key.removeprefix("partner:")]
        for key, node in graph.ids.items()
        if key.startswith("partner:") and key.removeprefix("partner:") in partners
    }
    return inline(raw, people, names, account_map.account.name, labels)


def _svg(account_map: AccountMap, options: RenderOptions, timeout: float) -> tuple[str, Graph]:
    from acmap.render.dot import dot_graph
    from acmap.render.run import run_dot

    graph = dot_graph(account_map, options)
    source = "\n".join(graph.lines) + "\n"
    # Lines in straight runs with bends, as the slide's rows draw them: 12-15% less of dot's
    # time than curves (routing is its largest part), and as easy to follow.
    svg = run_dot(source, "svg", timeout, layout=("-Gsplines=polyline",), estimate=True)
    return svg.decode("utf-8"), graph


def inline(
    raw: str,
    people: dict[str, str],
    names: dict[str, str],
    title: str,
    labels: dict[str, str] | None = None,
) -> str:
    """Graphviz's SVG document as an element of a page: no prolog or comments, sized by the
    stylesheet, ids that cannot meet a person's anchor, and each person's box a link to
    `#<person id>` named by the person (their tooltip, and what a screen reader says); other
    nodes (partners) titled by `labels` (node id → name), lines and units not at all."""
    check(raw)
    start = raw.find("<svg")
    if start < 0:
        raise Unsafe("no <svg> element")
    svg = _GENERATED_TITLE.sub(r"\1", _COMMENT.sub("", raw[start:]))
    # Graphviz's node1, clust2 … never collide with a person's anchor. Every id Graphviz writes
    # follows a space inside a tag (text has its quotes escaped): a plain replace, 30x a regex.
    svg = svg.replace(' id="', ' id="Dg-')
    svg = _SIZE.sub('<svg class="diagram" focusable="false"', svg, count=1)
    svg = svg.replace("<title>acmap</title>", f"<title>{html.escape(title)}</title>", 1)
    for node, label in (labels or {}).items():
        svg = svg.replace(f"<title>{node}</title>", f"<title>{html.escape(label)}</title>", 1)

    return _link_people(svg, people, names).strip() + "\n"


def _link_people(svg: str, people: dict[str, str], names: dict[str, str]) -> str:
    """Each person's node wrapped in a link to their card, titled with their name."""
    from acmap.site.names import anchor

    out: list[str] = []
    done = 0
    for match in _NODE.finditer(svg):
        person = people.get(match.group(1))
        if person is None or match.start() < done:
            continue
        end = svg.find("</g>", match.end())
        if end < 0:
            break
        name = html.escape(names.get(person, person))
        head = svg[match.start() : match.start(1) - len("<title>")]
        out.append(svg[done : match.start()])
        out.append(f'{head}<a href="#{anchor(person)}"><title>{name}</title>\n')
        out.append(svg[match.end() : end])
        out.append("</a></g>")
        done = end + len("</g>")
    out.append(svg[done:])
    return "".join(out)


def check(raw: str) -> None:
    """Unsafe unless every element and attribute is one Graphviz draws our diagrams with (read
    by expat as it goes: no tree is built), with no processing instruction or CDATA section."""
    import xml.parsers.expat as expat

    problems: list[str] = []

    def element(name: str, attributes: dict[str, str]) -> None:
        if name not in _QUALIFIED:
            problems.append(f"the diagram holds a <{name.removeprefix(_SVG_NS + ' ')}> element")
        elif not _ATTRIBUTES.issuperset(attributes):
            odd = sorted(set(attributes) - _ATTRIBUTES)[0]
            problems.append(f"the diagram holds a {odd} attribute")

    def instruction(target: str, data: str) -> None:
        problems.append(f"the diagram holds a processing instruction ({target})")

    def cdata() -> None:
        problems.append("the diagram holds a CDATA section")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = element
    parser.ProcessingInstructionHandler = instruction
    parser.StartCdataSectionHandler = cdata
    try:
        parser.Parse(raw.encode("utf-8"), True)
    except expat.ExpatError as exc:
        raise Unsafe(f"not well-formed SVG: {exc}") from None
    if problems:
        raise Unsafe(problems[0])
