"""Wrapping a wide organisation into rows, so a 40–80-person account fits a slide.

Left alone, `dot` puts every department side by side under the CEO: a 60-person account comes
out eight times wider than high. Here the departments (the units under the one unit that holds
everyone, or the top units of the account) are packed, in map order, into rows ("shelves")
whose width makes the whole drawing about as wide as the page asks for. Each row is held below
the one above by an invisible gate node: the lowest people of a row point at it and it points
at the highest people of the next row. Reporting arrows are untouched; one that would have to
point up to an earlier row stops pulling on the layout.

The sizes below are estimates in inches of what `dot` draws, good enough to choose the number of
rows; the real drawing is measured by the tests.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from acmap.model import Stakeholder, Unit
from acmap.render.canvas import Graph
from acmap.render.orgtree import OrgTree

PERSON_WIDTH = 2.25  # a person's box and the gap beside it
RANK_HEIGHT = 1.35  # a row of boxes and the gap under it
CLUSTER_PAD = 0.35  # a unit's frame and label, per level of nesting
LINK_WIDTH = 0.3  # the gap a link passing through a row of boxes takes in it
WIDTH_STEPS = 48
ONE_ROW_SLACK = 1.4  # one row stays when its estimate is within this factor of the page  # row widths tried between the widest department and one single row


@dataclass(frozen=True, slots=True)
class Block:
    """A department to place: its people, how big it will be, and who stands at its top."""

    unit: Unit
    people: list[Stakeholder]
    width: float
    height: float
    tops: list[str]  # person ids at the block's first rank
    bottoms: list[str]  # person ids nobody in the block hangs under


@dataclass(slots=True)
class Shelves:
    """The rows of departments; empty when one row is best (small maps stay as they were)."""

    container: str | None = None  # the unit whose departments are wrapped; None: the account
    rows: list[list[Block]] = field(default_factory=list)
    row_of: dict[str, int] = field(default_factory=dict)  # person id -> row; -1 above the rows

    def level(self, person_id: str) -> int:
        return self.row_of.get(person_id, -1)

    def upward(self, manager: str, report: str) -> bool:
        """A reporting line from a later row up to an earlier one (it must not constrain)."""
        return bool(self.rows) and self.level(manager) > self.level(report)


def plan(
    tree: OrgTree,
    columns: list[list[Stakeholder]],
    ties: list[tuple[str, str]],
    aspect: float,
    extra_width: float = 0.0,
    extra_height: float = 0.0,
) -> Shelves:
    """The rows that bring the drawing closest to `aspect` (width / height); `ties` are the
    links drawn between people, which widen every row they pass through."""
    container = _container(tree)
    departments = tree.occupied_children(container)
    if len(departments) < 2:
        return Shelves()
    above_after = _after(columns)
    blocks = [_block(tree, unit, above_after) for unit in departments]
    top_people = _above(tree, container)
    top_height = RANK_HEIGHT * len({_depth(p, top_people) for p in top_people})
    top_width = PERSON_WIDTH * max(1, len(top_people) // 2)

    widest = max(b.width for b in blocks)
    total = sum(b.width for b in blocks)

    block_of = {p.id: id(b) for b in blocks for p in b.people}
    tied = [(block_of[a], block_of[b]) for a, b in ties if a in block_of and b in block_of]

    def misfit(rows: list[list[Block]]) -> float:
        width = max(top_width, *_row_widths(rows, tied)) + extra_width
        height = top_height + sum(max(b.height for b in row) for row in rows) + extra_height
        return abs(math.log(width / height / aspect))

    if misfit([blocks]) <= math.log(ONE_ROW_SLACK):
        return Shelves()  # close enough as it is: a small map keeps its familiar layout
    best: list[list[Block]] | None = None
    best_score = math.inf
    for step in range(WIDTH_STEPS + 1):
        rows = _fill(blocks, widest + (total - widest) * step / WIDTH_STEPS)
        score = misfit(rows)
        if score < best_score - 1e-9:
            best, best_score = rows, score
    if best is None or len(best) < 2:
        return Shelves()
    shelves = Shelves(container, best)
    for index, row in enumerate(best):
        for block in row:
            for person in block.people:
                shelves.row_of[person.id] = index
    return shelves


def gates(graph: Graph, shelves: Shelves) -> None:
    """The invisible nodes between rows, drawn inside the container's cluster."""
    for index in range(1, len(shelves.rows)):
        graph.node(f"gate{index}", {"label": "", "shape": "point", "width": 0.01, "style": "invis"})


def gate_edges(graph: Graph, shelves: Shelves) -> None:
    """Each row's lowest people above its gate, the next row's highest people below it."""
    hold: dict[str, str | int] = {"style": "invis"}  # weight 1: rows centred under each other
    for index in range(1, len(shelves.rows)):
        gate = f"gate{index}"
        for block in shelves.rows[index - 1]:
            for person_id in block.bottoms:
                graph.edge(graph.ids[person_id], gate, dict(hold))
        for block in shelves.rows[index]:
            for person_id in block.tops:
                graph.edge(gate, graph.ids[person_id], dict(hold))


# ------------------------------------------------------------------------------------------
# Estimates
# ------------------------------------------------------------------------------------------


def longest_paths(parents: dict[str, list[str]]) -> dict[str, int]:
    """Each node's rank as `dot` starts it: one below its lowest parent (0 without parents).
    Iterative, so a long chain of reports cannot exhaust the stack; a cycle (E008 stops it
    earlier) is cut where it closes."""
    rank: dict[str, int] = {}
    for start in parents:
        stack = [(start, iter(parents[start]))]
        on_path = {start}
        while stack:
            node, ups = stack[-1]
            up = next(ups, None)
            if up is None:
                stack.pop()
                on_path.discard(node)
                rank[node] = 1 + max((rank[u] for u in parents[node] if u in rank), default=-1)
            elif up not in rank and up not in on_path and up in parents:
                on_path.add(up)
                stack.append((up, iter(parents[up])))
    return rank


def lowest(
    people: list[Stakeholder], shown: set[str], columns: list[list[Stakeholder]], shelves: Shelves
) -> list[str]:
    """The people nobody is drawn under (no report, not above anyone in a column), in the last
    row when there are rows: the legend goes under all of them, so under the whole drawing.
    (`dot` may put anyone lower than the longest chain of reports says, so all of them.)"""
    last = len(shelves.rows) - 1
    above = {upper for upper in _after(columns).values()}
    for person in people:
        manager = person.reports_to
        if manager in shown and manager != person.id and not shelves.upward(manager, person.id):
            above.add(manager)
    return [
        p.id
        for p in people
        if p.id not in above and (last < 0 or shelves.level(p.id) in (-1, last))
    ]


def _fill(blocks: list[Block], limit: float) -> list[list[Block]]:
    """Blocks in map order, a new row whenever the next one would pass `limit`."""
    rows: list[list[Block]] = [[]]
    width = 0.0
    for block in blocks:
        if rows[-1] and width + block.width > limit + 1e-9:
            rows.append([])
            width = 0.0
        rows[-1].append(block)
        width += block.width
    return rows


def _row_widths(rows: list[list[Block]], ties: list[tuple[int, int]]) -> list[float]:
    """Each row's departments side by side, plus the room `dot` leaves for every link that
    passes through the row on its way to another department (`ties`: pairs of blocks, by
    their id(), one pair per link: the people are placed once, not once per try)."""
    where = {id(b): (i, j) for i, row in enumerate(rows) for j, b in enumerate(row)}
    passing = [0.0] * len(rows)
    for one, other in ties:
        (row_a, block_a), (row_b, block_b) = where[one], where[other]
        if row_a != row_b:
            for row in range(min(row_a, row_b), max(row_a, row_b) + 1):
                passing[row] += 1
        elif block_a != block_b:
            passing[row_a] += 0.5
    return [sum(b.width for b in row) + LINK_WIDTH * passing[i] for i, row in enumerate(rows)]


def _container(tree: OrgTree) -> str | None:
    """The unit whose departments spread the drawing: go down while only one unit holds all."""
    container: str | None = None
    seen: set[str] = set()
    while True:
        below = tree.occupied_children(container)
        if len(below) != 1 or below[0].id in seen:
            return container
        container = below[0].id
        seen.add(container)


def _above(tree: OrgTree, container: str | None) -> list[Stakeholder]:
    """The people drawn above the rows: in the container and the units that hold it."""
    people = list(tree.members.get(None, []))
    cursor, seen = container, set()
    while cursor is not None and cursor not in seen:
        seen.add(cursor)
        people.extend(tree.members.get(cursor, []))
        parent = tree.units[cursor].parent
        cursor = parent if parent in tree.units else None
    return people


def _depth(person: Stakeholder, group: list[Stakeholder]) -> int:
    ids = {p.id: p for p in group}
    depth, cursor, seen = 0, person, {person.id}
    while cursor.reports_to in ids and cursor.reports_to not in seen:
        seen.add(cursor.reports_to)
        cursor = ids[cursor.reports_to]
        depth += 1
    return depth


def _after(columns: list[list[Stakeholder]]) -> dict[str, str]:
    """Who stands right above whom in a stacked column."""
    return {lower.id: upper.id for column in columns for upper, lower in itertools.pairwise(column)}


def _block(tree: OrgTree, unit: Unit, above_after: dict[str, str]) -> Block:
    people = tree.people_below(unit.id)
    inside = {p.id: p for p in people}
    parents: dict[str, list[str]] = {p.id: [] for p in people}
    for person in people:
        if person.reports_to in inside and person.reports_to != person.id:
            parents[person.id].append(person.reports_to)
        if above_after.get(person.id) in inside:
            parents[person.id].append(above_after[person.id])
    rank = longest_paths(parents)
    has_below = {u for ups in parents.values() for u in ups}
    width, nesting = _width(tree, unit.id, rank)
    return Block(
        unit=unit,
        people=people,
        width=width,
        height=(max(rank.values()) + 1) * RANK_HEIGHT + CLUSTER_PAD * nesting,
        tops=[p.id for p in people if rank[p.id] == 0],
        bottoms=[p.id for p in people if p.id not in has_below],
    )


def _width(
    tree: OrgTree, unit_id: str, rank: dict[str, int], seen: frozenset[str] = frozenset()
) -> tuple[float, int]:
    """A unit's width and levels of nesting: its sub-units stand side by side, beside the
    widest row of its own people below its top."""
    own: dict[int, int] = {}
    for person in tree.members.get(unit_id, []):
        own[rank[person.id]] = own.get(rank[person.id], 0) + 1
    inner = [u for u in tree.occupied_children(unit_id) if u.id not in seen]
    below = [_width(tree, u.id, rank, seen | {unit_id}) for u in inner]
    if not below:
        return max(own.values(), default=0) * PERSON_WIDTH + CLUSTER_PAD, 1
    top = min(own, default=0)
    beside = max((n for r, n in own.items() if r != top), default=0) * PERSON_WIDTH
    children = sum(w for w, _ in below)
    width = max(max(own.values(), default=0) * PERSON_WIDTH, children + beside)
    return width + CLUSTER_PAD, 1 + max(n for _, n in below)
