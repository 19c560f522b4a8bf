"""An account map as DOT text, in acmap's visual language (style.py), escaped by safe.py.

Written as text rather than through a graph library: it is fast for large accounts, and every
piece of user text passes through the one audited escaping function in safe.py.
"""

from __future__ import annotations

import functools
import itertools
import math
import textwrap
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from acmap.model import AccountMap, Partner, Stakeholder, Unit
from acmap.render import style
from acmap.render.safe import BR, EMPTY, Html, Value, attributes, dot_id, join, tag, text

VIEWS = ("full", "org", "influence")
LARGE = 120  # people: beyond this, labels get compact and the layout tighter

NAME_WIDTH = 40
STACK_FROM = 4  # more leaf reports than this under one manager are stacked in columns
TITLE_WIDTH = 30


@dataclass(frozen=True, slots=True)
class RenderOptions:
    today: date
    view: str = "full"
    focus: str | None = None  # a stakeholder id: show only that person's neighbourhood
    depth: int = 1
    stale_days: int = 90
    status: str | None = None  # red | amber | green, when known
    score: int | None = None  # coverage score 0-100, when known
    legend: bool = True


class FocusError(ValueError):
    """--focus names nobody in the map."""


@dataclass(slots=True)
class _Graph:
    """DOT statements being written, with generated ids for everything the map names."""

    lines: list[str] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)
    indent: int = 1

    def emit(self, statement: str) -> None:
        self.lines.append("  " * self.indent + statement)

    def node(self, node_id: str, attrs: dict[str, Value]) -> None:
        self.emit(dot_id(node_id) + attributes(attrs) + ";")

    def edge(self, tail: str, head: str, attrs: dict[str, Value]) -> None:
        self.emit(f"{dot_id(tail)} -> {dot_id(head)}{attributes(attrs)};")

    def open(self, name: str, attrs: dict[str, Value]) -> None:
        self.emit(f"subgraph {dot_id(name)} {{")
        self.indent += 1
        for key, value in attrs.items():
            self.emit(attributes({key: value})[2:-1] + ";")

    def close(self) -> None:
        self.indent -= 1
        self.emit("}")


def build_dot(account_map: AccountMap, options: RenderOptions) -> str:
    """The DOT text of one account's diagram."""
    if options.view not in VIEWS:
        raise ValueError(f"unknown view {options.view!r}")
    people = _people_in_view(account_map, options)
    shown = {p.id for p in people}
    large = len(people) > LARGE
    graph = _Graph()
    ids = graph.ids
    for i, person in enumerate(people, 1):
        ids[person.id] = f"n{i}"

    partners = _partners_in_view(account_map, options, shown)
    for i, partner in enumerate(partners, 1):
        ids["partner:" + partner.id] = f"p{i}"

    out = ["digraph acmap {"]
    graph.lines = out
    _graph_attributes(graph, account_map, options, large)

    graph.open("cluster_account", _account_cluster_attrs(account_map))
    if options.view == "influence":
        for person in people:
            _person(graph, person, account_map, options, large)
    else:
        _units(graph, account_map, people, options, large)
    graph.close()

    if partners:
        _partners(graph, partners, large, stack=options.view != "influence")

    used_links: set[str] = set()
    has_reporting = False
    if options.view in ("full", "org"):
        has_reporting = _reporting_lines(graph, people, shown)
    if options.view in ("full", "influence"):
        used_links = _links(graph, account_map, shown, constraint=options.view == "influence")
        _knows(graph, partners, shown, constraint=options.view == "influence")
    if options.legend:
        _legend(graph, options, has_reporting, used_links, bool(partners))
    out.append("}")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------
# What is shown
# ------------------------------------------------------------------------------------------


def _people_in_view(account_map: AccountMap, options: RenderOptions) -> list[Stakeholder]:
    people = list(account_map.stakeholders)
    if options.focus is not None:
        near = _neighbourhood(account_map, options.focus, options.depth)
        people = [p for p in people if p.id in near]
    if options.view == "influence":
        linked = {e for link in account_map.links for e in (link.source, link.target)}
        linked |= {k.stakeholder for partner in account_map.partners for k in partner.knows}
        people = [
            p
            for p in people
            if p.id in linked or p.is_key or (options.focus is not None and p.id == options.focus)
        ]
    return people


def _neighbourhood(account_map: AccountMap, focus: str, depth: int) -> set[str]:
    """People within `depth` steps of `focus` over reporting lines and links, both ways."""
    known = account_map.people_by_id()
    if focus not in known:
        raise FocusError(focus)
    near: dict[str, set[str]] = {pid: set() for pid in known}

    def connect(a: str, b: str) -> None:
        if a in near and b in near:
            near[a].add(b)
            near[b].add(a)

    for person in account_map.stakeholders:
        if person.reports_to:
            connect(person.id, person.reports_to)
    for link in account_map.links:
        connect(link.source, link.target)
    seen = {focus: 0}
    queue = deque([focus])
    while queue:
        current = queue.popleft()
        if seen[current] >= depth:
            continue
        for other in sorted(near[current]):
            if other not in seen:
                seen[other] = seen[current] + 1
                queue.append(other)
    return set(seen)


def _partners_in_view(
    account_map: AccountMap, options: RenderOptions, shown: set[str]
) -> list[Partner]:
    if options.view == "org":
        return []
    return [p for p in account_map.partners if any(k.stakeholder in shown for k in p.knows)]


# ------------------------------------------------------------------------------------------
# Graph, title and clusters
# ------------------------------------------------------------------------------------------


def _graph_attributes(
    graph: _Graph, account_map: AccountMap, options: RenderOptions, large: bool
) -> None:
    graph_attrs: dict[str, Value] = {
        "label": _title(account_map, options),
        "labelloc": "t",
        "labeljust": "l",
        "fontname": style.FONT,
        "bgcolor": "#ffffff",
        "pad": 0.3,
        "newrank": "true",
        "nodesep": 0.25 if large else 0.35,
        "ranksep": 0.45 if large else 0.6,
        "rankdir": "LR" if options.view == "influence" else "TB",
        "outputorder": "edgesfirst",
        "remincross": "true",
    }
    if large:
        graph_attrs["searchsize"] = 10
    graph.emit("graph" + attributes(graph_attrs) + ";")
    node_attrs: dict[str, Value] = {
        "fontname": style.FONT,
        "fontsize": 11,
        "shape": "box",
        "style": "rounded,filled",
        "margin": "0.08,0.04",
    }
    graph.emit("node" + attributes(node_attrs) + ";")
    graph.emit("edge" + attributes({"fontname": style.FONT, "arrowsize": 0.7}) + ";")


def _title(account_map: AccountMap, options: RenderOptions) -> Html:
    account = account_map.account
    name = tag("FONT", tag("B", text(account.name or account.id)), point_size=20)
    facts: list[Html] = [text(f"{account.tier} account")]
    if account.industry:
        facts.append(text(_shorten(account.industry, 48)))
    summary = join(facts, text("  ·  "))
    cells = [tag("TD", name, align="LEFT"), tag("TD", summary, align="LEFT", valign="BOTTOM")]
    if options.status:
        colour = style.STATUS_COLOURS.get(options.status, style.MUTED)
        badge = tag("FONT", tag("B", text(f" {options.status.upper()} ")), color="#ffffff")
        cells.append(tag("TD", badge, bgcolor=colour, style="rounded", valign="MIDDLE"))
    if options.score is not None:
        cells.append(tag("TD", text(f"coverage {options.score}/100"), valign="BOTTOM"))
    when = f"as of {options.today.isoformat()}"
    if options.focus is not None:
        when = f"around {options.focus}, {options.depth} step(s)  ·  " + when
    if options.view != "full":
        when = f"{options.view} view  ·  " + when
    cells.append(tag("TD", tag("FONT", text(when), color=style.MUTED), valign="BOTTOM"))
    return tag(
        "TABLE",
        tag("TR", *cells),
        border=0,
        cellspacing=6,
        cellpadding=2,
    )


def _account_cluster_attrs(account_map: AccountMap) -> dict[str, Value]:
    name = account_map.account.name or account_map.account.id
    return {
        "label": tag("FONT", tag("B", text(name.upper())), color=style.MUTED, point_size=10),
        "labeljust": "l",
        "style": "rounded,dashed",
        "color": style.ACCOUNT_BORDER,
        "fontname": style.FONT,
        "margin": 12,
    }


def _units(
    graph: _Graph,
    account_map: AccountMap,
    people: list[Stakeholder],
    options: RenderOptions,
    large: bool,
) -> None:
    """Units as nested clusters (only those with someone shown in or below them)."""
    units = account_map.units_by_id()
    children: dict[str | None, list[Unit]] = {}
    for unit in account_map.units:
        parent = unit.parent if unit.parent in units else None
        children.setdefault(parent, []).append(unit)
    members: dict[str | None, list[Stakeholder]] = {}
    for person in people:
        members.setdefault(person.unit if person.unit in units else None, []).append(person)

    occupied: set[str] = set()
    for unit_id in members:
        seen: set[str] = set()
        while unit_id is not None and unit_id not in seen:
            seen.add(unit_id)
            occupied.add(unit_id)
            unit_id = units[unit_id].parent if units[unit_id].parent in units else None

    counter = iter(range(1, len(units) + 1))
    visited: set[str] = set()

    def draw(unit: Unit, depth: int) -> None:
        visited.add(unit.id)
        fill = style.UNIT_FILLS[min(depth, len(style.UNIT_FILLS) - 1)]
        label = tag("FONT", tag("B", text(unit.name or unit.id)), color="#555555", point_size=10)
        graph.open(
            f"cluster_u{next(counter)}",
            {
                "label": label,
                "labeljust": "l",
                "style": "rounded,filled",
                "fillcolor": fill,
                "color": style.UNIT_BORDER,
                "margin": 8,
            },
        )
        for person in members.get(unit.id, []):
            _person(graph, person, account_map, options, large)
        for child in children.get(unit.id, []):
            if child.id in occupied and child.id not in visited:
                draw(child, depth + 1)
        graph.close()

    for person in members.get(None, []):
        _person(graph, person, account_map, options, large)
    for unit in children.get(None, []):
        if unit.id in occupied:
            draw(unit, 0)


# ------------------------------------------------------------------------------------------
# People and partners
# ------------------------------------------------------------------------------------------


def contact_state(person: Stakeholder, today: date, stale_days: int) -> str | None:
    """ "left", "never" (never contacted), "dark" (gone dark) or None (in touch)."""
    if not person.active:
        return "left"
    if person.last_contact is None:
        return "never"
    if (today - person.last_contact).days > stale_days:
        return "dark"
    return None


def _person(
    graph: _Graph,
    person: Stakeholder,
    account_map: AccountMap,
    options: RenderOptions,
    large: bool,
) -> None:
    stance = style.STANCES.get(person.stance, style.STANCES["unknown"])
    state = contact_state(person, options.today, options.stale_days)
    faded = state is not None
    ink = style.FADED_INK if faded else stance.ink
    fill = stance.fill + style.FADED_ALPHA if faded else stance.fill
    if state == "left":
        fill = style.LEFT_FILL

    rows: list[Html] = []
    if person.identified:
        name = text(_shorten(person.name or "", NAME_WIDTH))
    else:
        name = text("?  not yet identified")
    name = tag("B", name)
    if state == "left":
        name = tag("S", name)
    rows.append(tag("FONT", name, point_size=12 if not large else 11, color=ink))
    if person.title:
        title = _wrap(person.title, TITLE_WIDTH, 1 if large else 2)
        rows.append(tag("FONT", title, point_size=10 if not large else 9, color=ink))
    badges = _badges(person.roles, compact=large)
    if badges:
        rows.append(badges)
    note = _status_note(person, state, account_map, options)
    if note:
        rows.append(tag("FONT", tag("I", text(note)), point_size=9, color=ink))

    label = tag(
        "TABLE",
        *(tag("TR", tag("TD", row)) for row in rows),
        border=0,
        cellspacing=1,
        cellpadding=1,
    )
    node_style = "rounded,filled,dashed" if not person.identified else "rounded,filled"
    pen = style.INFLUENCE_PEN.get(person.influence or "", style.UNASSESSED_PEN)
    attrs: dict[str, Value] = {
        "label": label,
        "style": node_style,
        "fillcolor": fill,
        "color": style.FADED_BORDER if faded else style.BORDER,
        "penwidth": pen,
    }
    if options.focus == person.id:
        attrs["peripheries"] = 2
    graph.node(graph.ids[person.id], attrs)


def _status_note(
    person: Stakeholder, state: str | None, account_map: AccountMap, options: RenderOptions
) -> str:
    parts = []
    if state == "left":
        parts.append("left the account")
    elif state == "never":
        parts.append("never contacted")
    elif state == "dark" and person.last_contact is not None:
        parts.append(f"gone dark · {(options.today - person.last_contact).days} days")
    if person.owner and person.active:
        member = account_map.team_by_id().get(person.owner)
        owner = member.name if member and member.name else person.owner
        parts.append(f"owner: {_first_name(owner)}")
    return _shorten("  ·  ".join(parts), 44)


def _badges(roles: Iterable[str], compact: bool) -> Html:
    known = frozenset(r for r in roles if r in style.BADGE_TEXT)
    return _badge_table(known, compact)


@functools.lru_cache(maxsize=256)
def _badge_table(roles: frozenset[str], compact: bool) -> Html:
    """The role badges: the same few combinations recur, so each is built once."""
    ordered = sorted(roles, key=style.BADGE_ORDER.index)
    if not ordered:
        return EMPTY
    cells = []
    for role in ordered:
        background, ink = style.DARK_BADGE if role in style.BADGE_ORDER[:3] else style.LIGHT_BADGE
        words = style.BADGE_TEXT[role]
        if compact:
            words = "".join(w[0] for w in words.replace("$ ", "").replace("★ ", "").split())
        cells.append(
            tag(
                "TD",
                tag("FONT", text(words), color=ink, point_size=7),
                bgcolor=background,
                border=1,
                color="#333333",
                style="rounded",
                cellpadding=2,
            )
        )
    rows = [cells[i : i + 3] for i in range(0, len(cells), 3)]
    return tag(
        "TABLE",
        *(tag("TR", *row) for row in rows),
        border=0,
        cellspacing=2,
        cellpadding=0,
    )


def _partners(graph: _Graph, partners: list[Partner], large: bool, stack: bool) -> None:
    """Partners outside the account, in a column of their own beside it."""
    graph.open(
        "cluster_partners",
        {
            "label": tag("FONT", tag("B", text("PARTNERS")), color=style.MUTED, point_size=10),
            "labeljust": "l",
            "style": "rounded,dashed",
            "color": style.PARTNER_BORDER,
            "margin": 10,
        },
    )
    for partner in partners:
        _partner(graph, partner, large)
    # In a top-down diagram the partners stand in a column beside the account; left to right
    # (influence view) they lead into the people they know.
    for upper, lower in itertools.pairwise(partners if stack else []):
        graph.edge(
            graph.ids["partner:" + upper.id], graph.ids["partner:" + lower.id], {"style": "invis"}
        )
    graph.close()


def _partner(graph: _Graph, partner: Partner, large: bool) -> None:
    kind = style.PARTNER_TYPES.get(partner.type or "", "PARTNER")
    rows = [
        tag("FONT", text(kind), point_size=7, color="#7a5a00"),
        tag(
            "FONT", tag("B", text(_shorten(partner.name or partner.id, NAME_WIDTH))), point_size=11
        ),
    ]
    label = tag(
        "TABLE", *(tag("TR", tag("TD", r)) for r in rows), border=0, cellspacing=1, cellpadding=1
    )
    graph.node(
        graph.ids["partner:" + partner.id],
        {
            "label": label,
            "shape": "box",
            "style": "filled",
            "fillcolor": style.PARTNER_FILL,
            "color": style.PARTNER_BORDER,
            "penwidth": 1.2,
        },
    )


# ------------------------------------------------------------------------------------------
# Edges
# ------------------------------------------------------------------------------------------


def _reporting_lines(graph: _Graph, people: list[Stakeholder], shown: set[str]) -> bool:
    drawn = False
    line = style.REPORTING
    for person in people:
        manager = person.reports_to
        if manager and manager in shown and manager != person.id:
            graph.edge(
                graph.ids[manager],
                graph.ids[person.id],
                {"color": line.color, "style": line.style, "arrowhead": line.arrowhead},
            )
            drawn = True
    _stack_wide_teams(graph, people, shown)
    return drawn


def _stack_wide_teams(graph: _Graph, people: list[Stakeholder], shown: set[str]) -> None:
    """Stack a manager's many direct reports who manage nobody into a few short columns.

    Without this a flat organisation (a VP with 40 reports) becomes one endless row. Invisible
    edges chain each column; the reporting arrows stay as they are.
    """
    managers = {p.reports_to for p in people if p.reports_to in shown}
    teams: dict[tuple[str, str | None], list[Stakeholder]] = {}
    for person in people:
        manager = person.reports_to
        if manager and manager in shown and manager != person.id and person.id not in managers:
            teams.setdefault((manager, person.unit), []).append(person)
    for team in teams.values():
        if len(team) <= STACK_FROM:
            continue
        columns = math.ceil(math.sqrt(len(team) / 2))
        rows = math.ceil(len(team) / columns)
        for start in range(0, len(team), rows):
            column = team[start : start + rows]
            for upper, lower in itertools.pairwise(column):
                graph.edge(graph.ids[upper.id], graph.ids[lower.id], {"style": "invis"})


def _links(graph: _Graph, account_map: AccountMap, shown: set[str], constraint: bool) -> set[str]:
    used = set()
    for link in account_map.links:
        if link.source not in shown or link.target not in shown or link.source == link.target:
            continue
        look = style.LINKS.get(link.type)
        if look is None:
            continue
        used.add(link.type)
        graph.edge(
            graph.ids[link.source],
            graph.ids[link.target],
            _line_attrs(look, link.strength, constraint),
        )
    return used


def _knows(graph: _Graph, partners: list[Partner], shown: set[str], constraint: bool) -> None:
    for partner in partners:
        for acquaintance in partner.knows:
            if acquaintance.stakeholder in shown:
                graph.edge(
                    graph.ids["partner:" + partner.id],
                    graph.ids[acquaintance.stakeholder],
                    _line_attrs(style.KNOWS, acquaintance.strength, constraint),
                )


def _line_attrs(look: style.LinkStyle, strength: str, constraint: bool) -> dict[str, Value]:
    attrs: dict[str, Value] = {
        "color": look.color,
        "style": look.style,
        "arrowhead": look.arrowhead,
        "arrowtail": look.arrowtail,
        "dir": look.dir,
        "penwidth": style.STRENGTH_PEN.get(strength, 1.5),
    }
    if not constraint:
        attrs["constraint"] = "false"
    return attrs


# ------------------------------------------------------------------------------------------
# Legend
# ------------------------------------------------------------------------------------------


def _legend(
    graph: _Graph,
    options: RenderOptions,
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
            graph.edge(tail, head, {**_line_attrs(look, strength, True), "minlen": 2})
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
                _badges(["economic_buyer", "decision_maker", "champion", "coach"], False),
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


# ------------------------------------------------------------------------------------------
# Text helpers
# ------------------------------------------------------------------------------------------


def _shorten(value: str, width: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1].rstrip() + "…"


def _wrap(value: str, width: int, max_lines: int) -> Html:
    lines = textwrap.wrap(" ".join(value.split()), width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _shorten(lines[-1] + " …", width)
    return join((text(line) for line in lines), BR)


def _first_name(full: str) -> str:
    return full.split()[0] if full.split() else full
