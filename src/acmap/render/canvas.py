"""What every part of a diagram is drawn with: the options, the DOT statement writer, and the
few text helpers that keep user text short enough for a node."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import date

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
    engaged_days: int = 90
    size: str = "slide"  # a key of SIZES


class FocusError(ValueError):
    """--focus names nobody in the map."""


@dataclass(slots=True)
class Graph:
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
