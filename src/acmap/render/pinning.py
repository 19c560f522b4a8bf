"""A diff view's fixed layout: the BASE diagram's positions, kept, with room made for the new.

`dot` lays out the whole graph again when one node is added, so two versions of a map drawn
separately shuffle everyone ("find the difference"). Instead BASE is laid out once, exactly as
plain `acmap render` lays it out, and its positions are read back (`dot -Tjson`); the union is
then drawn with every one of them pinned (`neato -n2`). Only people new in HEAD need a place:
each goes into the first free spot under its manager (or someone it is linked to, or its unit),
and the boxes around it (its units, the account, the page) grow to hold it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

POINTS = 72.0  # per inch: Graphviz gives node sizes in inches, positions in points
NEW_SIZE = (150.0, 64.0)  # points: room kept for a new person's box, whose size dot decides
GAP = 12.0  # points between a new box and anything else
STEP_DOWN = 96.0  # a rank below its anchor
MARGIN = 10.0  # points a box grows by around what it holds
LABEL_ROOM = 16.0  # points over a new unit's people for its name

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 (Graphviz's y grows upwards)


@dataclass(slots=True)
class Layout:
    """Positions read back from `dot -Tjson`, by what they are (a person's or partner's key as
    Graph.ids has it, a cluster's `holds`, "graph")."""

    pos: dict[str, tuple[float, float]] = field(default_factory=dict)
    size: dict[str, tuple[float, float]] = field(default_factory=dict)  # points
    bb: dict[str, Box] = field(default_factory=dict)
    lp: dict[str, tuple[float, float]] = field(default_factory=dict)
    label: dict[str, tuple[float, float]] = field(default_factory=dict)  # a cluster label's size


def read_layout(raw: bytes, ids: Mapping[str, str], clusters: Mapping[str, str]) -> Layout:
    """`dot -Tjson` output, keyed back to what the generated ids stand for."""
    data = json.loads(raw)
    keys = {v: k for k, v in ids.items()}
    layout = Layout()
    if "lp" in data:
        layout.lp["graph"] = _point(data["lp"])
    for item in data.get("objects", []):
        name = item.get("name", "")
        if name in keys and "pos" in item:
            key = keys[name]
            layout.pos[key] = _point(item["pos"])
            layout.size[key] = (float(item["width"]) * POINTS, float(item["height"]) * POINTS)
        elif name in clusters and "bb" in item:
            key = clusters[name]
            x0, y0, x1, y1 = (float(v) for v in item["bb"].split(","))
            layout.bb[key] = (x0, y0, x1, y1)
            if "lp" in item:
                layout.lp[key] = _point(item["lp"])
                size = (float(item.get("lwidth", 0)), float(item.get("lheight", 0)))
                layout.label[key] = (size[0] * POINTS, size[1] * POINTS)
    return layout


def _point(raw: str) -> tuple[float, float]:
    x, y = raw.split(",")[:2]
    return float(x), float(y.rstrip("!"))


@dataclass(slots=True)
class Newcomer:
    """Someone (or a partner) to place: its key, who it hangs under, the clusters it is in
    (innermost first, as `holds` names them)."""

    key: str
    anchors: list[str]
    clusters: list[str]
    size: tuple[float, float] = NEW_SIZE  # points: an estimate (dot decides the real one)


def place(layout: Layout, newcomers: list[Newcomer], page: str = "cluster_page") -> None:
    """Give every newcomer a free spot and grow the clusters around it (in place)."""
    taken = [_box(layout.pos[k], layout.size[k]) for k in layout.pos]
    lowest = min((box[1] for box in taken), default=0.0)
    legend = _legend_box(layout, page)
    if legend is not None:
        taken.append(legend)
    for newcomer in newcomers:
        spot = _spot(layout, newcomer, taken)
        layout.pos[newcomer.key] = spot
        layout.size[newcomer.key] = newcomer.size
        box = _box(spot, newcomer.size)
        taken.append(box)
        lowest = min(lowest, box[1])
        for cluster in [*newcomer.clusters, page]:
            if cluster not in layout.bb:  # a unit new in HEAD: a box of its own, label on top
                x0, y0, x1, y1 = _grow(box, MARGIN)
                layout.bb[cluster] = (x0, y0, x1, y1 + LABEL_ROOM)
                layout.lp[cluster] = (x0 + newcomer.size[0] / 3, y1 + LABEL_ROOM / 2)
            box = _union(layout.bb[cluster], _grow(box, MARGIN))
            layout.bb[cluster] = box
            if cluster != page:
                lowest = min(lowest, box[1])
    if legend is not None and newcomers:
        _keep_legend_under(layout, page, legend, lowest)


def _spot(layout: Layout, newcomer: Newcomer, taken: list[Box]) -> tuple[float, float]:
    anchor = next((layout.pos[a] for a in newcomer.anchors if a in layout.pos), None)
    if anchor is None:
        home = next((layout.bb[c] for c in newcomer.clusters if c in layout.bb), None)
        if home is None:
            home = _all(taken) if taken else (0.0, 0.0, 0.0, 0.0)
        anchor = (home[0] + newcomer.size[0] / 2 + MARGIN, home[1] + STEP_DOWN)
    x, y = anchor
    size = newcomer.size
    for row in range(1, 8):
        for offset in _offsets():
            point = (x + offset * (size[0] + GAP), y - row * STEP_DOWN)
            if not any(_overlaps(_grow(_box(point, size), GAP / 2), t) for t in taken):
                return point
    bottom = _all(taken)[1]
    return (x, bottom - size[1] / 2 - GAP)


def _offsets() -> Iterator[int]:
    yield 0
    for step in range(1, 7):
        yield step
        yield -step


def _legend_box(layout: Layout, page: str) -> Box | None:
    if page not in layout.lp or page not in layout.label:
        return None
    return _box(layout.lp[page], layout.label[page])


def _keep_legend_under(layout: Layout, page: str, legend: Box, lowest: float) -> None:
    """The legend stays the page's bottom line: under the lowest box, when one has grown lower."""
    if lowest >= legend[3]:
        return
    drop = legend[3] - lowest + GAP
    x, y = layout.lp[page]
    layout.lp[page] = (x, y - drop)
    x0, y0, x1, y1 = layout.bb[page]
    layout.bb[page] = (x0, min(y0, legend[1] - drop - 4.0), x1, y1)


def _box(centre: tuple[float, float], size: tuple[float, float]) -> Box:
    (x, y), (w, h) = centre, size
    return (x - w / 2, y - h / 2, x + w / 2, y + h / 2)


def _grow(box: Box, by: float) -> Box:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def _union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _all(boxes: list[Box]) -> Box:
    box = boxes[0]
    for other in boxes[1:]:
        box = _union(box, other)
    return box


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def pins(
    layout: Layout, ids: Mapping[str, str], clusters: Mapping[str, str]
) -> dict[str, dict[str, str]]:
    """The fixed layout as DOT attributes by the union diagram's generated ids."""
    out: dict[str, dict[str, str]] = {}
    for key, node_id in ids.items():
        if key in layout.pos:
            out[node_id] = {"pos": _number(*layout.pos[key])}
    for cluster_id, holds in clusters.items():
        if holds in layout.bb:
            out[cluster_id] = {"bb": _number(*layout.bb[holds])}
            if holds in layout.lp:
                out[cluster_id]["lp"] = _number(*layout.lp[holds])
    if "graph" in layout.lp:
        out["graph"] = {"lp": _number(*layout.lp["graph"])}
    return out


def _number(*values: float) -> str:
    return ",".join(f"{v:.2f}" for v in values)
