"""The key drawn on a diagram: node styles in a table, and real sample edges of the line types
the diagram uses."""

from __future__ import annotations

from acmap.render import style
from acmap.render.canvas import Graph
from acmap.render.edges import line_attrs
from acmap.render.people import badges
from acmap.render.safe import Html, tag, text


def legend(
    graph: Graph,
    has_reporting: bool,
    used_links: set[str],
    has_partners: bool,
) -> None:
    """The key, drawn on the diagram: a table of node styles and real sample edges."""
    graph.open(
        "cluster_legend",
        {
            "label": tag("FONT", tag("B", text("LEGEND")), point_size=10, color=style.MUTED),
            "labeljust": "l",
            "style": "rounded",
            "color": "#cccccc",
            "margin": 8,
        },
    )
    graph.node("legend_key", {"label": _legend_table(), "shape": "plain", "style": "solid"})
    samples: list[tuple[str, style.LinkStyle, str]] = []
    if has_reporting:
        samples.append(("reporting", style.REPORTING, "medium"))
    for kind, look in style.LINKS.items():
        if kind in used_links:
            samples.append((kind, look, "medium"))
    if has_partners:
        samples.append(("knows", style.KNOWS, "medium"))
    # Sample edges in rows of three under the key, so the legend stays short and wide.
    previous = "legend_key"
    for start in range(0, len(samples), 3):
        row = samples[start : start + 3]
        graph.emit("{ rank=same;")
        first = ""
        last = ""
        for i, (_kind, look, strength) in enumerate(row, start + 1):
            tail, head = f"legend_a{i}", f"legend_b{i}"
            graph.node(tail, {"label": "", "shape": "point", "width": 0.05, "color": "#ffffff"})
            graph.node(
                head,
                {
                    "label": tag("FONT", text(look.label), point_size=9, color=style.INK),
                    "shape": "plaintext",
                    "style": "solid",
                    "margin": "0.1,0",
                    "height": 0.2,
                },
            )
            graph.edge(tail, head, {**line_attrs(look, strength, True), "minlen": 2})
            if last:
                graph.edge(last, tail, {"style": "invis"})
            first = first or tail
            last = head
        graph.emit("}")
        graph.edge(previous, first, {"style": "invis"})
        previous = first
    graph.close()


def _legend_table() -> Html:
    rows: list[Html] = []
    small = {"point_size": 9}

    def heading(words: str) -> Html:
        return tag(
            "TR",
            tag(
                "TD",
                tag("FONT", tag("B", text(words)), color=style.MUTED, **small),
                colspan=3,
                align="LEFT",
            ),
        )

    rows.append(heading("Stance (fill)"))
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

    rows.append(heading("Influence (border)"))
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

    rows.append(heading("Roles (badges)"))
    rows.append(
        tag(
            "TR",
            tag(
                "TD",
                badges(["economic_buyer", "decision_maker", "champion", "coach"], False),
                colspan=3,
            ),
        )
    )

    rows.append(heading("Contact"))
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
    return tag("TABLE", *rows, border=0, cellspacing=3, cellpadding=3)
