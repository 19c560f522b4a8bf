"""The key drawn on a diagram: one compact table under the drawing.

One node rather than a cluster of sample edges: sample edges took ranks of their own, which
`dot` stretched to the height of the ranks of the people beside them (wide empty gaps, a third
of a slide). The table holds the node styles, every role badge, and the line types the diagram
uses, each drawn in characters of its own pattern and colour.
"""

from __future__ import annotations

from acmap.render import style
from acmap.render.canvas import Graph
from acmap.render.people import badges
from acmap.render.safe import EMPTY, Html, tag, text

SMALL = 9  # points
LINES_PER_ROW = 2


def legend(
    graph: Graph,
    has_reporting: bool,
    used_links: set[str],
    has_partners: bool,
    under: list[str],
) -> None:
    """The key, in a cluster of its own under the nodes `under` (the lowest of the drawing)."""
    graph.open(
        "cluster_legend",
        {
            "label": tag("FONT", tag("B", text("LEGEND")), point_size=10, color=style.MUTED),
            "labeljust": "l",
            "style": "rounded",
            "color": "#cccccc",
            "margin": 6,
        },
    )
    samples: list[style.LinkStyle] = []
    if has_reporting:
        samples.append(style.REPORTING)
    samples.extend(look for kind, look in style.LINKS.items() if kind in used_links)
    if has_partners:
        samples.append(style.KNOWS)
    key = tag(
        "TABLE",
        tag(
            "TR",
            tag("TD", _node_styles(), valign="TOP"),
            tag("TD", _roles_and_lines(samples), valign="TOP"),
        ),
        border=0,
        cellspacing=0,
        cellpadding=0,
    )
    graph.node("legend_key", {"label": key, "shape": "plain", "style": "solid"})
    graph.close()
    # Under everything (rank=sink does not reach into clusters): a wide drawing grows a little
    # taller, never wider.
    for node_id in under:
        graph.edge(node_id, "legend_key", {"style": "invis", "weight": 0})


def _heading(words: str, span: int) -> Html:
    return tag(
        "TR",
        tag(
            "TD",
            tag("FONT", tag("B", text(words)), color=style.MUTED, point_size=SMALL),
            colspan=span,
            align="LEFT",
        ),
    )


def _node_styles() -> Html:
    small = {"point_size": SMALL}
    rows: list[Html] = [_heading("Stance (fill)", 3)]
    swatches = [
        tag(
            "TD",
            tag("FONT", text(look.label), color=look.ink, **small),
            bgcolor=look.fill,
            border=1,
            color="#888888",
            style="rounded",
        )
        for look in style.STANCES.values()
    ]
    rows.append(tag("TR", *swatches[:3]))
    rows.append(tag("TR", *swatches[3:]))
    rows.append(_heading("Influence (border)", 3))
    rows.append(
        tag(
            "TR",
            *(
                tag(
                    "TD",
                    tag("FONT", text(level), **small),
                    border=max(1, round(style.INFLUENCE_PEN[level])),
                    color=style.BORDER,
                    style="rounded",
                )
                for level in ("high", "medium", "low")
            ),
        )
    )
    rows.append(_heading("Contact", 3))
    faded = style.STANCES["supporter"].fill + style.FADED_ALPHA
    rows.append(
        tag(
            "TR",
            tag(
                "TD",
                tag("FONT", text("gone dark / never contacted"), color=style.FADED_INK, **small),
                bgcolor=faded,
                border=1,
                color=style.FADED_BORDER,
                style="rounded",
                colspan=2,
            ),
            tag(
                "TD",
                tag("FONT", tag("S", text("left")), color=style.FADED_INK, **small),
                bgcolor=style.LEFT_FILL,
                border=1,
                color=style.FADED_BORDER,
                style="rounded",
            ),
        )
    )
    rows.append(
        tag(
            "TR",
            tag(
                "TD",
                tag("FONT", text("?  placeholder: a known seat, no name yet"), **small),
                border=1,
                color=style.BORDER,
                style="dashed",
                colspan=3,
            ),
        )
    )
    return tag("TABLE", *rows, border=0, cellspacing=3, cellpadding=2)


def _roles_and_lines(samples: list[style.LinkStyle]) -> Html:
    """Every role badge (the dark ones decide the deal), then the line types drawn."""
    span = 2 * LINES_PER_ROW
    rows: list[Html] = [_heading("Roles (badges)", span)]
    rows.append(tag("TR", tag("TD", badges(style.BADGE_ORDER[:4], False), colspan=span)))
    rows.append(tag("TR", tag("TD", badges(style.BADGE_ORDER[4:], False), colspan=span)))
    if samples:
        rows.append(_heading("Lines (thicker = stronger)", span))
    for start in range(0, len(samples), LINES_PER_ROW):
        cells: list[Html] = []
        for look in samples[start : start + LINES_PER_ROW]:
            colour = look.color.split(":")[0]
            cells.append(
                tag("TD", tag("FONT", tag("B", text(look.sample)), color=colour), align="RIGHT")
            )
            cells.append(tag("TD", tag("FONT", text(look.label), point_size=SMALL), align="LEFT"))
        rows.append(tag("TR", *cells) if cells else EMPTY)
    return tag("TABLE", *rows, border=0, cellspacing=3, cellpadding=1)
