"""The key drawn on a diagram: one compact table under the drawing.

A label rather than nodes and sample edges: those took ranks of their own, which `dot`
stretched to the height of the ranks of the people beside them (wide empty gaps, a third of a
slide), and nodes pinned under the drawing bent its layout. As the bottom label of the cluster
that holds everything, `dot` just keeps room for it. The table holds the node styles, every
role badge, and the line types the diagram uses, each drawn in characters of its own pattern
and colour.
"""

from __future__ import annotations

from collections.abc import Collection

from acmap.render import style
from acmap.render.people import badges
from acmap.render.safe import EMPTY, Html, tag, text

SMALL = 9  # points
LINES_PER_ROW = 2


def line_kinds(
    has_reporting: bool, used_links: Collection[str], has_partners: bool
) -> list[tuple[str, style.LinkStyle]]:
    """The kinds of line a key shows, in its order: reporting lines, the link types used, and a
    partner knowing someone (this key and the site's, site/legend.py)."""
    kinds: list[tuple[str, style.LinkStyle]] = []
    if has_reporting:
        kinds.append(("reporting", style.REPORTING))
    kinds.extend((kind, look) for kind, look in style.LINKS.items() if kind in used_links)
    if has_partners:
        kinds.append(("knows", style.KNOWS))
    return kinds


def legend(has_reporting: bool, used_links: set[str], has_partners: bool) -> Html:
    """The key: a framed table, drawn as the bottom label of the page cluster (dot.py)."""
    samples = [look for _, look in line_kinds(has_reporting, used_links, has_partners)]
    title = tag("FONT", tag("B", text("LEGEND")), point_size=10, color=style.MUTED)
    return tag(
        "TABLE",
        tag("TR", tag("TD", title, colspan=2, align="LEFT")),
        tag(
            "TR",
            tag("TD", _node_styles(), valign="TOP"),
            tag("TD", _roles_and_lines(samples), valign="TOP"),
        ),
        border=1,
        color="#cccccc",
        style="rounded",
        cellspacing=0,
        cellpadding=4,
        cellborder=0,
    )


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
    dark, light = style.BADGE_ORDER[:3], style.BADGE_ORDER[3:]
    rows.append(tag("TR", tag("TD", badges(dark, False), colspan=span, align="LEFT")))
    rows.append(tag("TR", tag("TD", badges(light, False, per_row=4), colspan=span, align="LEFT")))
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
