"""What every part of a diagram is drawn with: the options, the DOT statement writer, and the
few text helpers that keep user text short enough for a node."""

from __future__ import annotations

import textwrap
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date

from acmap.model import AccountMap, Acquaintance, Line, Link, Partner, Stakeholder
from acmap.render.safe import BR, Html, Value, attributes, dot_id, join, text

VIEWS = ("full", "org", "influence")
# The page a diagram is laid out for, as width / height; None: no wrapping, one row of units.
SIZES: dict[str, float | None] = {"slide": 16 / 9, "a4": 210 / 297, "poster": None}


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
    title: bool = True  # the account, its status and score above the drawing (a page may say it)
    engaged_days: int = 90
    size: str = "slide"  # a key of SIZES
    deal: str | None = None  # --opportunity: the deal whose buying committee is drawn


@dataclass(frozen=True, slots=True)
class Marks:
    """What changed, for a diff view: a mark (added, removed, changed) per stakeholder id, per
    partner id and per line (kind, from, to; a partner's line starts at its id), and a short
    badge text ("supporter → blocker") per changed person."""

    people: Mapping[str, str] = field(default_factory=dict)
    partners: Mapping[str, str] = field(default_factory=dict)
    lines: Mapping[Line, str] = field(default_factory=dict)
    badges: Mapping[str, str] = field(default_factory=dict)


class FocusError(ValueError):
    """--focus names nobody in the map."""


@dataclass(frozen=True, slots=True)
class Drawing:
    """What a diagram shows of a map, whichever writer draws it (DOT, Mermaid): the people and
    partners that --view and --focus/--depth leave in, and which kinds of line the view draws."""

    people: list[Stakeholder]
    partners: list[Partner]
    view: str

    @property
    def shown(self) -> set[str]:
        return {p.id for p in self.people}

    def reporting_lines(self) -> list[tuple[str, str]]:
        """(manager, report) for every reporting line between two people shown."""
        if self.view == "influence":
            return []
        shown = self.shown
        return [
            (p.reports_to, p.id)
            for p in self.people
            if p.reports_to and p.reports_to in shown and p.reports_to != p.id
        ]

    def links(self, account_map: AccountMap, known: Collection[str]) -> list[Link]:
        """The links between two people shown whose type is in `known`."""
        if self.view == "org":
            return []
        shown = self.shown
        return [
            link
            for link in account_map.links
            if link.source in shown
            and link.target in shown
            and link.source != link.target
            and link.type in known
        ]

    def acquaintances(self) -> list[tuple[Partner, Acquaintance]]:
        shown = self.shown
        return [(p, k) for p in self.partners for k in p.knows if k.stakeholder in shown]


def select(account_map: AccountMap, options: RenderOptions) -> Drawing:
    """The people and partners a diagram shows."""
    if options.view not in VIEWS:
        raise ValueError(f"unknown view {options.view!r}")
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
    shown = {p.id for p in people}
    partners = (
        []
        if options.view == "org"
        else [p for p in account_map.partners if any(k.stakeholder in shown for k in p.knows)]
    )
    return Drawing(people, partners, options.view)


def _neighbourhood(account_map: AccountMap, focus: str, depth: int) -> set[str]:
    """People within `depth` steps of `focus` over reporting lines and links, both ways."""
    from acmap.graph import neighbours, reach

    if account_map.person(focus) is None:
        raise FocusError(focus)
    return set(reach(neighbours(account_map), [focus], depth))


@dataclass(slots=True)
class Graph:
    """DOT statements being written, with generated ids for everything the map names."""

    lines: list[str] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)
    indent: int = 1
    marks: Marks = field(default_factory=Marks)
    # A diff view's fixed layout: pos of a node, bb and lp of a cluster, by generated id.
    pins: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    clusters: dict[str, str] = field(default_factory=dict)  # cluster id → what it holds

    def emit(self, statement: str) -> None:
        self.lines.append("  " * self.indent + statement)

    def node(self, node_id: str, attrs: dict[str, Value]) -> None:
        if node_id in self.pins:
            attrs = {**attrs, **self.pins[node_id]}
        self.emit(dot_id(node_id) + attributes(attrs) + ";")

    def edge(self, tail: str, head: str, attrs: dict[str, Value]) -> None:
        self.emit(f"{dot_id(tail)} -> {dot_id(head)}{attributes(attrs)};")

    def open(self, name: str, attrs: dict[str, Value], holds: str | None = None) -> None:
        """`holds` names what the cluster is for across two versions (unit:ID), default its id."""
        self.clusters[name] = holds or name
        if name in self.pins:
            attrs = {**attrs, **self.pins[name]}
        self.emit(f"subgraph {dot_id(name)} {{")
        self.indent += 1
        for key, value in attrs.items():
            self.emit(attributes({key: value})[2:-1] + ";")

    def close(self) -> None:
        self.indent -= 1
        self.emit("}")


def shorten(value: str, width: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1].rstrip() + "…"


def wrap(value: str, width: int, max_lines: int) -> Html:
    lines = textwrap.wrap(" ".join(value.split()), width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = shorten(lines[-1] + " …", width)
    return join((text(line) for line in lines), BR)


def first_name(full: str) -> str:
    return full.split()[0] if full.split() else full
