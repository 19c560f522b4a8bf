"""How a diff view marks what changed on a Graphviz diagram: new people and lines in the accent
colour, removed ones dashed and grey where they were, changed people with an amber border and a
small badge. Each marked element carries the SVG class acmap-added, acmap-removed or
acmap-changed (Graphviz's `class` attribute), so tools and tests can find it."""

from __future__ import annotations

from acmap.render.canvas import shorten
from acmap.render.safe import Html, Value, tag, text

ADDED_COLOUR = "#1a7f37"
REMOVED_COLOUR = "#9a9a9a"
REMOVED_FILL = "#f6f6f6"
CHANGED_COLOUR = "#bf8700"
BADGE_WIDTH = 48  # characters of "supporter → blocker; influence low → high"


def mark_node(attrs: dict[str, Value], mark: str | None) -> dict[str, Value]:
    """A person's or partner's node attributes with its mark."""
    if mark is None:
        return attrs
    attrs = {**attrs, "class": f"acmap-{mark}"}
    pen = float(attrs.get("penwidth", 1.0))  # type: ignore[arg-type]
    if mark == "added":
        attrs |= {"color": ADDED_COLOUR, "penwidth": max(pen, 3.0)}
    elif mark == "removed":
        attrs |= {
            "color": REMOVED_COLOUR,
            "fillcolor": REMOVED_FILL,
            "style": str(attrs.get("style", "filled")) + ",dashed",
        }
    else:
        attrs |= {"color": CHANGED_COLOUR, "penwidth": max(pen, 3.0)}
    return attrs


def mark_line(attrs: dict[str, Value], mark: str | None) -> dict[str, Value]:
    if mark is None:
        return attrs
    attrs = {**attrs, "class": f"acmap-{mark}"}
    if mark == "added":
        attrs |= {"color": ADDED_COLOUR, "penwidth": 2.6}
    elif mark == "removed":
        attrs |= {"color": REMOVED_COLOUR, "style": "dashed", "penwidth": 1.2}
    return attrs


def badge(words: str) -> Html:
    """The small "supporter → blocker" badge under a changed person's name."""
    return tag(
        "TABLE",
        tag(
            "TR",
            tag(
                "TD",
                tag(
                    "FONT",
                    tag("B", text(shorten(words, BADGE_WIDTH))),
                    color="#ffffff",
                    point_size=8,
                ),
                bgcolor=CHANGED_COLOUR,
                style="rounded",
                cellpadding=2,
            ),
        ),
        border=0,
        cellspacing=0,
        cellpadding=0,
    )
