"""Mermaid flowchart statements in acmap's visual language: the writer (generated ids, labels
already encoded by mermaid_text), the arrow and line style of each kind of line, the classes
(stance, contact, influence, and the marks a change view puts on), and GitHub's size limits.
Colours are style.py's, so a Mermaid diagram reads like the Graphviz one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from acmap.model import KNOWS, REPORTS
from acmap.render import style
from acmap.render.mermaid_text import quoted

BR = "<br>"  # the writer's own line break inside a label; never from user text

# What each kind of line looks like: Mermaid's arrow, then the line style's extra CSS.
ARROWS = {
    REPORTS: "-->",
    "influences": "-.->",
    "dotted_line": "-.->",
    "mentors": "--o",
    "allies": "===",
    "conflicts": "x==x",
    KNOWS: "-.-o",
}
DASHES = {"influences": "6 4", "dotted_line": "2 3", KNOWS: "4 3"}
LOOKS = {REPORTS: style.REPORTING, KNOWS: style.KNOWS, **style.LINKS}

# The marks a change view puts on people and lines, and how they look.
MARK_STYLES = {
    "added": ("fill:#e6f4ea,stroke:#1a7f37,stroke-width:3px", "stroke:#1a7f37,stroke-width:3px"),
    "removed": (
        "fill:#f6f6f6,stroke:#9a9a9a,stroke-dasharray:5 4,color:#8a8a8a",
        "stroke:#9a9a9a,stroke-width:1.5px,stroke-dasharray:5 4",
    ),
    "changed": ("stroke:#bf8700,stroke-width:3px", "stroke:#bf8700,stroke-width:3px"),
}

# What GitHub's Mermaid draws at most (Mermaid's defaults: maxTextSize, maxEdges).
GITHUB_MAX_TEXT = 50_000
GITHUB_MAX_LINES = 500

_EDGE = re.compile(
    r"^\s*[npk]\d+ (?:" + "|".join(re.escape(a) for a in set(ARROWS.values())) + r")[ |]", re.M
)


@dataclass(slots=True)
class Flowchart:
    """Mermaid statements being written: nodes, subgraphs, lines, and the classes and line
    styles to declare at the end."""

    lines: list[str] = field(default_factory=list)
    indent: int = 1
    classes: dict[str, list[str]] = field(default_factory=dict)  # class → node ids
    edge_styles: dict[str, list[int]] = field(default_factory=dict)  # CSS → line indices
    group_styles: dict[str, str] = field(default_factory=dict)  # subgraph id → CSS
    edges: int = 0

    def emit(self, statement: str) -> None:
        self.lines.append("  " * self.indent + statement)

    def node(self, node_id: str, label: str, *classes: str) -> None:
        """`label` is already encoded (label_text) and may hold the writer's own BR."""
        self.emit(f'{node_id}["{label}"]')
        for name in classes:
            self.classes.setdefault(name, []).append(node_id)

    def edge(self, tail: str, head: str, kind: str, css: str, label: str = "") -> None:
        text = f"|{quoted(label)}|" if label else ""
        self.emit(f"{tail} {ARROWS[kind]}{text} {head}")
        self.edge_styles.setdefault(css, []).append(self.edges)
        self.edges += 1

    def open(self, group_id: str, label: str, css: str = "") -> None:
        self.emit(f"subgraph {group_id}[{quoted(label)}]")
        self.indent += 1
        if css:
            self.group_styles[group_id] = css

    def close(self) -> None:
        self.indent -= 1
        self.emit("end")


# The boxes around people, as in the Graphviz diagram: the account dashed, units shaded by depth.
ACCOUNT_CSS = f"fill:#ffffff,stroke:{style.ACCOUNT_BORDER},stroke-dasharray:6 4"
PARTNERS_CSS = f"fill:#ffffff,stroke:{style.PARTNER_BORDER},stroke-dasharray:6 4"
KEY_CSS = "fill:#ffffff,stroke:#cccccc"


def unit_css(depth: int) -> str:
    return (
        f"fill:{style.UNIT_FILLS[min(depth, len(style.UNIT_FILLS) - 1)]},stroke:{style.UNIT_BORDER}"
    )


def line_css(kind: str, strength: str = "medium") -> str:
    """The line style of a kind of line: the Graphviz diagram's colour, width by strength."""
    look = LOOKS[kind]
    width = style.STRENGTH_PEN.get(strength, 1.5) if kind != REPORTS else 1.5
    css = f"stroke:{look.color.split(':')[0]},stroke-width:{width:g}px"
    if kind in DASHES:
        css += f",stroke-dasharray:{DASHES[kind]}"
    return css


def declare(chart: Flowchart) -> None:
    """The subgraphs' styles, classDef and class statements for the classes used, then the
    line styles."""
    chart.indent = 1
    for group_id, css in chart.group_styles.items():
        chart.emit(f"style {group_id} {css}")
    for name, node_ids in chart.classes.items():
        chart.emit(f"classDef {name} {class_css(name)}")
        chart.emit(f"class {','.join(node_ids)} {name}")
    for css, indices in chart.edge_styles.items():
        chart.emit(f"linkStyle {','.join(map(str, indices))} {css}")


def class_css(name: str) -> str:
    """The CSS of one of the classes a node can have."""
    if name in style.STANCES:
        look = style.STANCES[name]
        return f"fill:{look.fill},color:{look.ink},stroke:{style.BORDER}"
    if name.startswith("influence_"):
        return f"stroke-width:{style.INFLUENCE_PEN[name.removeprefix('influence_')]:g}px"
    if name.startswith("acmap-"):
        return MARK_STYLES[name.removeprefix("acmap-")][0]
    return _OTHER_CLASSES[name]


_OTHER_CLASSES = {
    "faded": f"opacity:0.6,stroke:{style.FADED_BORDER}",
    "gone": f"fill:{style.LEFT_FILL},color:{style.FADED_INK},stroke:{style.FADED_BORDER}",
    "placeholder": "stroke-dasharray:5 3",
    "focus": "stroke-width:5px",
    "partner": f"fill:{style.PARTNER_FILL},stroke:{style.PARTNER_BORDER},color:{style.INK}",
    "keyend": "fill:#ffffff,stroke:#ffffff",
}


def github_limits(text: str) -> str | None:
    """Why GitHub would refuse to draw this flowchart (too long, too many lines), or None."""
    lines = len(_EDGE.findall(text))
    if len(text) <= GITHUB_MAX_TEXT and lines <= GITHUB_MAX_LINES:
        return None
    return (
        f"this flowchart has {len(text):,} characters and {lines:,} lines; GitHub draws at most "
        f"{GITHUB_MAX_TEXT:,} characters and {GITHUB_MAX_LINES} lines: use --focus ID --depth 1 "
        "or --view org for a smaller one"
    )
