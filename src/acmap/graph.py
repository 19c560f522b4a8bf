"""People and their relationships as a graph, the one people graph of acmap: who is next to whom,
the warmest ways from one person to another, and who carries influence whatever the map says.

Every walk over people goes through here: `ties` lists the relationships (the warm ones, or all),
`neighbours` turns them into adjacency, `reach` walks it breadth-first (from several people at
once, as far as a depth) and `route` reads a path back out of the walk. On top of those, two
views of one map whose nodes are the ids of active stakeholders:

* the **warm graph** (`warm_graph`): who can bring us to whom. Each reporting line and link is
  an edge both ways, worded for the direction it is walked ("reports to" / "manages"), with a
  cost from its strength: strong 1, medium 2, weak 4, a reporting line 2, and one more for walking
  an influence or mentorship against its direction. A conflict never carries a path: two people in
  conflict get no edge between them at all, whatever else connects them.
* the **influence graph** (`influence_graph`): who listens to whom. An edge points from a person
  to someone whose word counts for them (a report to their manager, the swayed to who sways them),
  weighted by strength. `influence_scores` ranks people on it by Katz centrality: a person is
  influential when people listen to them, more so when those people are listened to in turn
  (Katz, "A new status index derived from sociometric analysis", 1953).

People who have left are not in either graph: they can no longer introduce anyone.
The warm graph is a networkx graph (k shortest simple paths are networkx's job), imported inside
the functions that need it; the influence graph is plain dicts, so `acmap gaps` never imports
networkx: start-up time is a feature.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from acmap.model import WARM_LINKS, AccountMap, Link, Partner, TeamMember
from acmap.words import link_verb

if TYPE_CHECKING:
    import networkx as nx

# How warm a relationship is, as the cost of one hop over it (lower is warmer).
STRENGTH_COST = {"strong": 1.0, "medium": 2.0, "weak": 4.0}
REPORTING_COST = 2.0
AGAINST_DIRECTION = 1.0  # extra cost for walking an influence or mentorship backwards
COLD_OWNER_COST = 2.0  # extra cost for a team member's first hop to someone not engaged

# How much one person listens to another, for the influence ranking.
STRENGTH_WEIGHT = {"strong": 1.0, "medium": 0.6, "weak": 0.3}
REPORTING_WEIGHT = 0.6
ALLY_SHARE = 0.5  # a mutual alliance counts half each way
DAMPING = 0.85  # Katz attenuation, as a share of the largest safe value

_DIRECTED = frozenset({"influences", "mentors"})

TEAM_PREFIX = "team:"
PARTNER_PREFIX = "partner:"


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a path: from one node to the next, over one relationship."""

    source: str
    target: str
    relation: str  # reports_to, manages, a link type, covers, knows
    strength: str | None  # of the link or acquaintance; None for a reporting line
    forward: bool  # walked in the direction the map states it
    words: str  # "influences (strong)", "reports to"
    cost: float


@dataclass(frozen=True, slots=True)
class Path:
    hops: tuple[Hop, ...]

    @property
    def cost(self) -> float:
        return sum(hop.cost for hop in self.hops)

    @property
    def nodes(self) -> list[str]:
        return [self.hops[0].source, *(hop.target for hop in self.hops)] if self.hops else []


def team_node(member: TeamMember) -> str:
    return TEAM_PREFIX + member.id


def partner_node(partner: Partner) -> str:
    return PARTNER_PREFIX + partner.id


def _offer(graph: nx.DiGraph, hop: Hop) -> None:
    """Add the hop, unless a warmer relationship already joins the two in this direction."""
    known = graph.get_edge_data(hop.source, hop.target)
    if known is None or hop.cost < known["cost"]:
        graph.add_edge(hop.source, hop.target, cost=hop.cost, hop=hop)


# --- Who is next to whom -------------------------------------------------------------------------

Tie = tuple[str, str, Link | None]  # (person, manager, None) or (from, to, link)


def ties(account_map: AccountMap, *, warm: bool = False) -> Iterator[Tie]:
    """Every relationship between two people on the map, in map order: each reporting line as
    (person, manager, None), then each link as (from, to, link).

    warm: only those that can carry an introduction: between two active people, never a
    conflict, and nothing at all between two people in conflict, whatever else joins them.
    Every walk over the people graph starts here, so they all agree on who is next to whom.
    """
    if warm:
        present = {s.id for s in account_map.stakeholders if s.active}
        enemies = {
            frozenset((link.source, link.target))
            for link in account_map.links
            if link.type == "conflicts"
        }
    else:
        present = {s.id for s in account_map.stakeholders}
        enemies = set()

    def joinable(a: str, b: str) -> bool:
        return a != b and a in present and b in present and frozenset((a, b)) not in enemies

    for person in account_map.stakeholders:
        manager = person.reports_to
        if manager is not None and joinable(person.id, manager):
            yield person.id, manager, None
    for link in account_map.links:
        if (not warm or link.type in WARM_LINKS) and joinable(link.source, link.target):
            yield link.source, link.target, link


def neighbours(account_map: AccountMap, *, warm: bool = False) -> dict[str, list[str]]:
    """Each person's id → the people one step away over reporting lines and links, both ways,
    in map order. Every person is a key; with `warm`, only the active ones, joined only by what
    can carry an introduction (see `ties`)."""
    adjacent: dict[str, list[str]] = {
        s.id: [] for s in account_map.stakeholders if s.active or not warm
    }
    for a, b, _ in ties(account_map, warm=warm):
        if b not in adjacent[a]:
            adjacent[a].append(b)
        if a not in adjacent[b]:
            adjacent[b].append(a)
    return adjacent


def reach(
    adjacent: Mapping[str, Sequence[str]],
    starts: Iterable[str],
    depth: int | None = None,
    *,
    without: str | None = None,
) -> dict[str, str]:
    """Breadth-first from all of `starts` at once: each id reached → the id it was reached from
    (a start → itself), in the order reached, so the first of equals is the nearest. No farther
    than `depth` steps when given; never through `without` (as if they had gone). Starts that
    are not in `adjacent` are skipped."""
    parent: dict[str, str] = {}
    if without is not None:
        parent[without] = without  # seen: never entered; removed before returning
    steps: dict[str, int] = {}
    queue: deque[str] = deque()
    for start in starts:
        if start in adjacent and start not in parent:
            parent[start] = start
            steps[start] = 0
            queue.append(start)
    while queue:
        current = queue.popleft()
        if depth is not None and steps[current] >= depth:
            continue
        for following in adjacent.get(current, ()):
            if following not in parent:
                parent[following] = current
                steps[following] = steps[current] + 1
                queue.append(following)
    if without is not None:
        del parent[without]
    return parent


def route(parent: Mapping[str, str], end: str) -> list[str]:
    """The ids from a start to `end` along what `reach` returned (`end` must have been reached)."""
    path = [end]
    while parent[path[-1]] != path[-1]:
        path.append(parent[path[-1]])
    path.reverse()
    return path


# --- Single points of failure ---------------------------------------------------------------------


def sole_bridges(
    adjacent: Mapping[str, Sequence[str]], starts: Collection[str], ends: Collection[str]
) -> dict[str, list[str]]:
    """Each node whose loss would leave no path from the other starts to the other ends → the
    ends (but itself) that some start reaches today, nearest first. Nothing when no start
    reaches an end today.

    Such a node lies on every path to power, so on the nearest one: only that path's nodes are
    candidates, each tested by one walk without it (O(path · graph), not O(nodes · graph)).
    With one start and one end these are the articulation points that separate the two, which
    is what the property test checks against networkx.
    """
    ends = set(ends)
    parent = reach(adjacent, starts)
    reached = [node for node in parent if node in ends]
    if not reached:
        return {}
    found: dict[str, list[str]] = {}
    for node in route(parent, reached[0]):
        before = [end for end in reached if end != node]
        if not before:
            continue
        after = reach(adjacent, [start for start in starts if start != node], without=node)
        if not any(end in after for end in before):
            found[node] = before
    return found


# --- Warm paths -----------------------------------------------------------------------------------


def warm_graph(account_map: AccountMap) -> nx.DiGraph:
    """Active stakeholders joined by every relationship that can carry an introduction."""
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(s.id for s in account_map.stakeholders if s.active)
    for source, target, link in ties(account_map, warm=True):
        if link is None:
            _offer(
                graph, Hop(source, target, "reports_to", None, True, "reports to", REPORTING_COST)
            )
            _offer(graph, Hop(target, source, "manages", None, False, "manages", REPORTING_COST))
            continue
        cost = STRENGTH_COST.get(link.strength, 2.0)
        back = cost + (AGAINST_DIRECTION if link.type in _DIRECTED else 0.0)
        strength = f" ({link.strength})"
        forward = link_verb(link.type) + strength
        backward = link_verb(link.type, forward=False) + strength
        _offer(graph, Hop(source, target, link.type, link.strength, True, forward, cost))
        _offer(graph, Hop(target, source, link.type, link.strength, False, backward, back))
    return graph


def add_team_member(
    graph: nx.DiGraph, account_map: AccountMap, member: TeamMember, engaged: frozenset[str]
) -> str:
    """A team member as a start: one hop to each active person they own. Returns the node."""
    node = team_node(member)
    graph.add_node(node)
    for person in account_map.stakeholders:
        if person.owner != member.id or person.id not in graph or not person.active:
            continue
        warm = person.id in engaged
        words = "covers" if warm else "covers (not engaged)"
        cost = 1.0 if warm else 1.0 + COLD_OWNER_COST
        graph.add_edge(
            node, person.id, cost=cost, hop=Hop(node, person.id, "covers", None, True, words, cost)
        )
    return node


def add_partner(graph: nx.DiGraph, partner: Partner) -> str:
    """A partner as a start: one hop to each active person they know. Returns the node."""
    node = partner_node(partner)
    graph.add_node(node)
    for acquaintance in partner.knows:
        if acquaintance.stakeholder not in graph:
            continue
        cost = STRENGTH_COST.get(acquaintance.strength, 2.0)
        hop = Hop(
            node,
            acquaintance.stakeholder,
            "knows",
            acquaintance.strength,
            True,
            f"knows ({acquaintance.strength})",
            cost,
        )
        _offer(graph, hop)
    return node


def warmest_paths(graph: nx.DiGraph, source: str, target: str, top: int = 3) -> list[Path]:
    """Up to `top` simple paths from source to target, warmest (cheapest) first."""
    import networkx as nx

    if source not in graph or target not in graph or source == target:
        return []
    found: list[Path] = []
    try:
        for nodes in nx.shortest_simple_paths(graph, source, target, weight="cost"):
            found.append(Path(tuple(_hops(graph, nodes))))
            if len(found) >= top:
                break
    except nx.NetworkXNoPath:
        return []
    return found


def _hops(graph: nx.DiGraph, nodes: list[str]) -> Iterator[Hop]:
    for a, b in itertools.pairwise(nodes):
        hop: Hop = graph.edges[a, b]["hop"]
        yield hop


# --- Influence ------------------------------------------------------------------------------------


@dataclass(slots=True)
class InfluenceGraph:
    """Who listens to whom: `listens[a][b]` is how much a's opinion follows b's.

    Plain dicts rather than networkx: Katz centrality on a few hundred people is a short loop,
    and `acmap gaps` (G305) runs it on every account — importing networkx would double the
    start-up of a one-file report.
    """

    nodes: list[str]
    listens: dict[str, dict[str, float]]

    def listeners_of(self, speaker: str) -> list[str]:
        return [listener for listener, heard in self.listens.items() if speaker in heard]

    @property
    def edge_count(self) -> int:
        return sum(len(heard) for heard in self.listens.values())


def influence_graph(account_map: AccountMap) -> InfluenceGraph:
    """Who listens to whom: an edge from a person to someone whose word counts for them."""
    active = [s.id for s in account_map.stakeholders if s.active]
    present = set(active)
    listens: dict[str, dict[str, float]] = {person: {} for person in active}

    def listen(listener: str, speaker: str, weight: float) -> None:
        if listener == speaker or listener not in present or speaker not in present:
            return
        heard = listens[listener]
        heard[speaker] = heard.get(speaker, 0.0) + weight

    for person in account_map.stakeholders:
        if person.reports_to:
            listen(person.id, person.reports_to, REPORTING_WEIGHT)
    for link in account_map.links:
        weight = STRENGTH_WEIGHT.get(link.strength, 0.6)
        if link.type in ("influences", "mentors"):
            listen(link.target, link.source, weight)
        elif link.type == "dotted_line":
            listen(link.source, link.target, weight)
        elif link.type == "allies":
            listen(link.source, link.target, weight * ALLY_SHARE)
            listen(link.target, link.source, weight * ALLY_SHARE)
    return InfluenceGraph(active, listens)


def _katz(graph: InfluenceGraph, alpha: float, tolerance: float = 1e-6) -> dict[str, float]:
    """Katz centrality by power iteration: x = alpha · (what listeners give) + 1.

    The same iteration as networkx.katz_centrality (beta 1, unnormalised, start at 0), on
    index lists: it runs for every account of every `acmap gaps`."""
    index = {node: i for i, node in enumerate(graph.nodes)}
    edges = [
        (index[listener], index[speaker], weight)
        for listener, speakers in graph.listens.items()
        for speaker, weight in speakers.items()
    ]
    count = len(graph.nodes)
    scores = [0.0] * count
    for _ in range(10_000):
        heard = [0.0] * count
        for listener, speaker, weight in edges:
            heard[speaker] += scores[listener] * weight
        fresh = [alpha * value + 1.0 for value in heard]
        change = sum(abs(new - old) for new, old in zip(fresh, scores, strict=True))
        scores = fresh
        if change < count * tolerance:
            break
    return dict(zip(graph.nodes, scores, strict=True))


def influence_scores(
    account_map: AccountMap, graph: InfluenceGraph | None = None
) -> dict[str, int]:
    """Computed influence of each active stakeholder, 0–100 (100 = the most influential).

    Katz centrality over the influence graph, less the base every person gets, scaled to the
    account's highest. Someone nobody listens to scores 0.
    """
    if graph is None:
        graph = influence_graph(account_map)
    if graph.edge_count == 0:
        return dict.fromkeys(graph.nodes, 0)
    # The attenuation must stay below 1/λmax; λmax is at most the largest weighted in- or
    # out-degree (whichever is smaller), so a share of its inverse always converges.
    out_degree = [sum(heard.values()) for heard in graph.listens.values()]
    in_degree: dict[str, float] = {}
    for heard in graph.listens.values():
        for speaker, weight in heard.items():
            in_degree[speaker] = in_degree.get(speaker, 0.0) + weight
    alpha = DAMPING / max(1.0, min(max(in_degree.values()), max(out_degree)))
    raw = _katz(graph, alpha)
    gained = {node: max(0.0, value - 1.0) for node, value in raw.items()}
    top = max(gained.values())
    if top <= 1e-9:
        return dict.fromkeys(graph.nodes, 0)
    return {node: round(100 * value / top) for node, value in gained.items()}


def influence_ranking(account_map: AccountMap) -> list[tuple[str, int]]:
    """(stakeholder id, score) from the most influential down; ties in map order."""
    scores = influence_scores(account_map)
    order = {s.id: i for i, s in enumerate(account_map.stakeholders)}
    return sorted(scores.items(), key=lambda item: (-item[1], order.get(item[0], 0)))
