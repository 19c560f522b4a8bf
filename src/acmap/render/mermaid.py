"""An account map as a Mermaid flowchart, the diagram GitHub draws inside markdown.

It draws the same Drawing as the Graphviz diagram (canvas.select: --view, --focus/--depth) in the
same visual language (style.py): units as nested subgraphs, stance as classes, roles in the
labels, each kind of line with its own arrow and colour, and a small "Key" subgraph. Every id
is generated (n1, p1, u1, k1); user text only ever appears inside a quoted label, encoded by
mermaid_text.label_text. A later view can mark people and lines (Marks: added, removed,
changed) as classes and line styles without another writer.
"""

from __future__ import annotations

from dataclasses import dataclass

from acmap.contact import LEFT, contact_state
from acmap.model import KNOWS, REPORTS, AccountMap, Line, Partner, Stakeholder, Unit
from acmap.render import style
from acmap.render.canvas import Drawing, Marks, RenderOptions, first_name, select, shorten
from acmap.render.mermaid_chart import (
    ACCOUNT_CSS,
    ARROWS,
    BR,
    KEY_CSS,
    LOOKS,
    MARK_STYLES,
    PARTNERS_CSS,
    Flowchart,
    declare,
    line_css,
    unit_css,
)
from acmap.render.mermaid_text import label_text
from acmap.render.orgtree import OrgTree, org_tree

__all__ = ["Marks", "build_mermaid"]

NAME_WIDTH = 40
TITLE_WIDTH = 60


def build_mermaid(
    account_map: AccountMap, options: RenderOptions, marks: Marks | None = None
) -> str:
    """The Mermaid text of one account's diagram."""
    marks = marks or Marks()
    drawing = select(account_map, options)
    ids = {p.id: f"n{i}" for i, p in enumerate(drawing.people, 1)}
    ids |= {"partner:" + p.id: f"p{i}" for i, p in enumerate(drawing.partners, 1)}
    chart = Flowchart(lines=["flowchart " + ("LR" if options.view == "influence" else "TB")])

    chart.open("acct", _title(account_map, options), ACCOUNT_CSS)
    labels = {p.id: _person_label(p, account_map, options) for p in drawing.people}
    for person_id, badge in marks.badges.items():  # a diff view's "supporter → blocker"
        if person_id in labels:
            labels[person_id] += f"{BR}<i>{label_text(shorten(badge, 60))}</i>"
    nodes = _Nodes(chart, ids, labels, options, marks)
    if options.view == "influence":
        for person in drawing.people:
            nodes.person(person)
    else:
        _units(nodes, org_tree(account_map, drawing.people))
    chart.close()
    if drawing.partners:
        chart.open("partners", "PARTNERS", PARTNERS_CSS)
        for partner in drawing.partners:
            mark = marks.partners.get(partner.id)
            classes = ["partner", *([f"acmap-{mark}"] if mark else [])]
            chart.node(ids["partner:" + partner.id], _partner_label(partner), *classes)
        chart.close()

    used = _lines(chart, account_map, drawing, ids, marks)
    if options.legend:
        _key(chart, drawing, used)
    declare(chart)
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
    if options.deal is not None:
        facts.append(f"buying committee of {shorten(options.deal, 48)}")
    facts.append(f"as of {options.today.isoformat()}")
    return "  ·  ".join(facts)


def _person_label(person: Stakeholder, account_map: AccountMap, options: RenderOptions) -> str:
    """Name (bold), title, role badges, and the contact and owner note, as one encoded label."""
    name = shorten(person.name, NAME_WIDTH) if person.name else "?  not yet identified"
    rows = [f"<b>{label_text(name)}</b>" if person.active else f"<s>{label_text(name)}</s>"]
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


@dataclass(frozen=True, slots=True)
class _Nodes:
    """What drawing a person takes: the chart, the generated ids, the encoded labels, the
    options (contact state, focus) and the marks."""

    chart: Flowchart
    ids: dict[str, str]
    labels: dict[str, str]
    options: RenderOptions
    marks: Marks

    def person(self, person: Stakeholder) -> None:
        """One node, with its classes: stance, then how it is drawn (faded, placeholder,
        focus, influence), then its mark."""
        options = self.options
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
        if mark := self.marks.people.get(person.id):
            classes.append("acmap-" + mark)
        self.chart.node(self.ids[person.id], self.labels[person.id], *classes)


def _units(nodes: _Nodes, tree: OrgTree) -> None:
    """Units as nested subgraphs (only those with someone shown in or below them), as dot.py
    nests its clusters."""
    counter = iter(range(1, len(tree.units) + 1))
    visited: set[str] = set()  # a parent cycle is E008; never loop on one

    def draw(unit: Unit, depth: int) -> None:
        visited.add(unit.id)
        nodes.chart.open(f"u{next(counter)}", unit.name or unit.id, unit_css(depth))
        for person in tree.members.get(unit.id, []):
            nodes.person(person)
        for child in tree.occupied_children(unit.id):
            if child.id not in visited:
                draw(child, depth + 1)
        nodes.chart.close()

    for person in tree.members.get(None, []):
        nodes.person(person)
    for unit in tree.occupied_children(None):
        if unit.id not in visited:
            draw(unit, 0)


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


def _key(chart: Flowchart, drawing: Drawing, used: list[str]) -> None:
    """The Key: one sample node per stance on the diagram, one sample line per kind drawn."""
    chart.open("key", "Key", KEY_CSS)
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
