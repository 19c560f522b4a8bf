"""Our plain-Python Katz centrality (G305, `acmap show`) against networkx's, which it replaces
only to keep networkx out of `acmap gaps`' start-up."""

from __future__ import annotations

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st
from tests.helpers import EXAMPLE_MAPS

from acmap.graph import DAMPING, InfluenceGraph, _katz, influence_graph
from acmap.load import load_file

WEIGHTS = st.sampled_from([0.3, 0.6, 1.0, 1.5])


@st.composite
def influence_graphs(draw: st.DrawFn) -> InfluenceGraph:
    count = draw(st.integers(min_value=1, max_value=25))
    nodes = [f"p{i}" for i in range(count)]
    listens: dict[str, dict[str, float]] = {node: {} for node in nodes}
    for _ in range(draw(st.integers(min_value=1, max_value=count * 3))):
        listener, speaker = draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes))
        if listener != speaker:
            listens[listener][speaker] = draw(WEIGHTS)
    return InfluenceGraph(nodes, listens)


def networkx_katz(graph: InfluenceGraph, alpha: float) -> dict[str, float]:
    digraph = nx.DiGraph()
    digraph.add_nodes_from(graph.nodes)
    for listener, heard in graph.listens.items():
        for speaker, weight in heard.items():
            digraph.add_edge(listener, speaker, weight=weight)  # influence flows to the speaker
    result: dict[str, float] = nx.katz_centrality(
        digraph, alpha=alpha, beta=1.0, normalized=False, weight="weight", max_iter=10_000
    )
    return result


def safe_alpha(graph: InfluenceGraph) -> float:
    out_degree = [sum(heard.values()) for heard in graph.listens.values()] or [0.0]
    in_degree: dict[str, float] = {}
    for heard in graph.listens.values():
        for speaker, weight in heard.items():
            in_degree[speaker] = in_degree.get(speaker, 0.0) + weight
    return DAMPING / max(1.0, min(max(in_degree.values(), default=0.0), max(out_degree)))


def assert_close(ours: dict[str, float], theirs: dict[str, float]) -> None:
    assert ours.keys() == theirs.keys()
    for node, value in theirs.items():
        assert abs(ours[node] - value) < 1e-4 * max(1.0, value), node


@given(influence_graphs())
def test_same_scores_as_networkx_on_random_graphs(graph: InfluenceGraph) -> None:
    alpha = safe_alpha(graph)
    assert_close(_katz(graph, alpha), networkx_katz(graph, alpha))


def test_same_scores_as_networkx_on_the_example_maps() -> None:
    for path in sorted(EXAMPLE_MAPS.glob("*.yaml")):
        account_map = load_file(path).map
        assert account_map is not None
        graph = influence_graph(account_map)
        if graph.edge_count:
            alpha = safe_alpha(graph)
            assert_close(_katz(graph, alpha), networkx_katz(graph, alpha))
