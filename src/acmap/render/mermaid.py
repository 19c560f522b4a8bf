"""An account map as a Mermaid flowchart, the diagram GitHub draws inside markdown.

It draws the same Drawing as the Graphviz diagram (canvas.select: --view, --focus/--depth) in the
same visual language (style.py): units as nested subgraphs, stance as classes, roles in the
labels, each kind of line with its own arrow and colour, and a small "Key" subgraph. Every id
is generated (n1, p1, u1, k1); user text only ever appears inside a quoted label, encoded by
mermaid_text.label_text. A later view can mark people and lines (Marks: added, removed,
changed) as classes and line styles without another writer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from acmap.contact import LEFT, contact_state
from acmap.model import AccountMap, Partner, Stakeholder, Unit
from acmap.render import style
from acmap.render.canvas import Drawing, RenderOptions, first_name, select, shorten
from acmap.render.mermaid_text import label_text, quoted

NAME_WIDTH = 40
TITLE_WIDTH = 60
BR = "<br>"  # the writer's own line break inside a label; never from user text

# What each kind of line looks like: Mermaid's arrow, then the line style's extra CSS.
REPORTS = "reports_to"
KNOWS = "knows"
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

Line = tuple[str, str, str]  # (kind, from id, to id): REPORTS, a link type or KNOWS


@dataclass(frozen=True, slots=True)
class Marks:
    """What changed, for a diff view: a mark (a key of MARK_STYLES) per stakeholder id, per
    partner id and per line (kind, from, to; a partner's line starts at its id)."""

    people: Mapping[str, str] = field(default_factory=dict)
    partners: Mapping[str, str] = field(default_factory=dict)
    lines: Mapping[Line, str] = field(default_factory=dict)


@dataclass(slots=True)
class Flowchart:
    """Mermaid statements being written: nodes, subgraphs, lines, and the classes and line
    styles to declare at the end."""

    lines: list[str] = field(default_factory=list)
    indent: int = 1
    classes: dict[str, list[str]] = field(default_factory=dict)  # class → node ids
    edge_styles: dict[str, list[int]] = field(default_factory=dict)  # CSS → line indices
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

    def open(self, group_id: str, label: str) -> None:
        self.emit(f"subgraph {group_id}[{quoted(label)}]")
        self.indent += 1

    def close(self) -> None:
        self.indent -= 1
        self.emit("end")


def build_mermaid(
    account_map: AccountMap, options: RenderOptions, marks: Marks | None = None
) -> str:
    """The Mermaid text of one account's diagram."""
    marks = marks or Marks()
    drawing = select(account_map, options)
    ids = {p.id: f"n{i}" for i, p in enumerate(drawing.people, 1)}
    ids |= {"partner:" + p.id: f"p{i}" for i, p in enumerate(drawing.partners, 1)}
    chart = Flowchart(lines=["flowchart " + ("LR" if options.view == "influence" else "TB")])

    chart.open("acct", _title(account_map, options))
    people = {p.id: _person_label(p, account_map, options) for p in drawing.people}
    if options.view == "influence":
        for person in drawing.people:
            _person(chart, person, ids, people, options, marks)
    else:
        _units(chart, account_map, drawing, ids, people, options, marks)
    chart.close()
    if drawing.partners:
        chart.open("partners", "PARTNERS")
        for partner in drawing.partners:
            mark = marks.partners.get(partner.id)
            chart.node(ids["partner:" + partner.id], _partner_label(partner), "partner")
            if mark:
                chart.classes.setdefault("acmap-" + mark, []).append(ids["partner:" + partner.id])
        chart.close()

    used = _lines(chart, account_map, drawing, ids, marks)
    if options.legend:
        _key(chart, drawing, used)
    _declarations(chart)
    return "\n".join(chart.lines) + "\n"


def _title(account_map: AccountMap, options: RenderOptions) -> str:
    account = account_map.account
    facts = [account.name or account.id, f"{account.tier} account"]
    if account.industry:
        facts.append(shorten(account.industry, 48))
    if options.status:
        facts.append(options.status.upper())
    if options.score is not None:
        facts.append(f"coverage {options.score}/100")
    if options.view != "full":
        facts.append(f"{options.view} view")
    if options.focus is not None:
        facts.append(f"around {options.focus}, {options.depth} step(s)")
    facts.append(f"as of {options.today.isoformat()}")
    return "  ·  ".join(facts)


def _person_label(person: Stakeholder, account_map: AccountMap, options: RenderOptions) -> str:
    """Name (bold), title, role badges, and the contact and owner note, as one encoded label."""
    name = shorten(person.name, NAME_WIDTH) if person.name else "?  not yet identified"
    rows = [f"<b>{label_text(name)}</b>"]
    if person.title:
        rows.append(label_text(shorten(person.title, TITLE_WIDTH)))
    roles = sorted((r for r in person.roles if r in style.BADGE_TEXT), key=style.BADGE_ORDER.index)
    if roles:
        rows.append(label_text("  ·  ".join(style.BADGE_TEXT[r] for r in roles)))
    contact = contact_state(person, options.today, options.engaged_days, options.stale_days)
    parts = [] if contact.in_touch else [contact.short()]
    if person.owner and person.active:
        member = account_map.team_by_id().get(person.owner)
        parts.append(
            f"owner: {first_name(member.name if member and member.name else person.owner)}"
        )
    if parts:
        rows.append(f"<i>{label_text(shorten('  ·  '.join(parts), 44))}</i>")
    return BR.join(rows)


def _partner_label(partner: Partner) -> str:
    kind = style.PARTNER_TYPES.get(partner.type or "", "PARTNER")
    name = shorten(partner.name or partner.id, NAME_WIDTH)
    return f"{label_text(kind)}{BR}<b>{label_text(name)}</b>"


def _person(
    chart: Flowchart,
    person: Stakeholder,
    ids: dict[str, str],
    labels: dict[str, str],
    options: RenderOptions,
    marks: Marks,
) -> None:
    """One node, with its classes: stance, then how it is drawn (faded, placeholder, focus,
    influence), then its mark."""
    classes = [person.stance if person.stance in style.STANCES else "unknown"]
    contact = contact_state(person, options.today, options.engaged_days, options.stale_days)
    if contact.state == LEFT:
        classes.append("gone")
    elif not contact.in_touch:
        classes.append("faded")
    if not person.identified:
        classes.append("placeholder")
    if person.influence in style.INFLUENCE_PEN:
        classes.append(f"influence_{person.influence}")
    if options.focus == person.id:
        classes.append("focus")
    if mark := marks.people.get(person.id):
        classes.append("acmap-" + mark)
    chart.node(ids[person.id], labels[person.id], *classes)


def _units(
    chart: Flowchart,
    account_map: AccountMap,
    drawing: Drawing,
    ids: dict[str, str],
    labels: dict[str, str],
    options: RenderOptions,
    marks: Marks,
) -> None:
    """Units as nested subgraphs (only those with someone shown in or below them)."""
    units = account_map.units_by_id()
    children: dict[str | None, list[Unit]] = {}
    for unit in account_map.units:
        children.setdefault(unit.parent if unit.parent in units else None, []).append(unit)
    members: dict[str | None, list[Stakeholder]] = {}
    for person in drawing.people:
        members.setdefault(person.unit if person.unit in units else None, []).append(person)
    occupied: set[str] = set()
    for start in members:
        unit_id = start
        while unit_id is not None and unit_id not in occupied:
            occupied.add(unit_id)
            unit_id = units[unit_id].parent if units[unit_id].parent in units else None
    counter = iter(range(1, len(units) + 1))
    visited: set[str] = set()

    def draw(unit: Unit) -> None:
        visited.add(unit.id)
        chart.open(f"u{next(counter)}", unit.name or unit.id)
        for person in members.get(unit.id, []):
            _person(chart, person, ids, labels, options, marks)
        for child in children.get(unit.id, []):
            if child.id in occupied and child.id not in visited:
                draw(child)
        chart.close()

    for person in members.get(None, []):
        _person(chart, person, ids, labels, options, marks)
    for unit in children.get(None, []):
        if unit.id in occupied and unit.id not in visited:
            draw(unit)


def _lines(
    chart: Flowchart, account_map: AccountMap, drawing: Drawing, ids: dict[str, str], marks: Marks
) -> list[str]:
    """Reporting lines, links and what partners know; returns the kinds drawn, in key order."""
    used: dict[str, None] = {}
    for manager, report in drawing.reporting_lines():
        _line(chart, (REPORTS, manager, report), ids[manager], ids[report], "medium", marks)
        used[REPORTS] = None
    for link in drawing.links(account_map, style.LINKS):
        line = (link.type, link.source, link.target)
        _line(chart, line, ids[link.source], ids[link.target], link.strength, marks)
        used[link.type] = None
    for partner, acquaintance in drawing.acquaintances():
        line = (KNOWS, partner.id, acquaintance.stakeholder)
        tail, head = ids["partner:" + partner.id], ids[acquaintance.stakeholder]
        _line(chart, line, tail, head, acquaintance.strength, marks)
        used[KNOWS] = None
    return [kind for kind in ARROWS if kind in used]


def _line(chart: Flowchart, line: Line, tail: str, head: str, strength: str, marks: Marks) -> None:
    mark = marks.lines.get(line)
    css = MARK_STYLES[mark][1] if mark in MARK_STYLES else line_css(line[0], strength)
    chart.edge(tail, head, line[0], css)


def line_css(kind: str, strength: str = "medium") -> str:
    """The line style of a kind of line: the Graphviz diagram's colour, width by strength."""
    look = LOOKS[kind]
    width = style.STRENGTH_PEN.get(strength, 1.5) if kind != REPORTS else 1.5
    css = f"stroke:{look.color.split(':')[0]},stroke-width:{width:g}px"
    if kind in DASHES:
        css += f",stroke-dasharray:{DASHES[kind]}"
    return css


def _key(chart: Flowchart, drawing: Drawing, used: list[str]) -> None:
    """The Key: one sample node per stance on the diagram, one sample line per kind drawn."""
    chart.open("key", "Key")
    counter = iter(range(1, 100))
    present = {p.stance if p.stance in style.STANCES else "unknown" for p in drawing.people}
    for stance, look in style.STANCES.items():
        if stance in present:
            chart.node(f"k{next(counter)}", label_text(look.label), stance)
    for kind in used:
        tail, head = f"k{next(counter)}", f"k{next(counter)}"
        chart.node(tail, " ", "keyend")
        chart.node(head, " ", "keyend")
        chart.edge(tail, head, kind, line_css(kind), LOOKS[kind].label)
    chart.close()


def _declarations(chart: Flowchart) -> None:
    """classDef and class statements for the classes used, then the line styles."""
    chart.indent = 1
    for name, node_ids in chart.classes.items():
        chart.emit(f"classDef {name} {_class_css(name)}")
        chart.emit(f"class {','.join(node_ids)} {name}")
    for css, indices in chart.edge_styles.items():
        chart.emit(f"linkStyle {','.join(map(str, indices))} {css}")


def _class_css(name: str) -> str:
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
