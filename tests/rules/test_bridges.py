"""G306 single-point-of-failure: the one person every warm path to power goes through."""

from __future__ import annotations

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from acmap.graph import sole_bridges
from tests.rules.helpers import check, subjects

TEAM = "account: {id: acme, name: Acme Corp, team: [{id: dana, name: Dana Ruiz}]}\n"


def g306(body: str) -> list[str]:
    return [f.message for f in check("G306", "acmap: 1\n" + TEAM + body)]


def test_the_one_bridge_to_the_economic_buyer_is_named_with_what_breaks() -> None:
    found = check(
        "G306",
        "acmap: 1\n"
        + TEAM
        + """\
stakeholders:
  - {id: naomi, name: Naomi Park, stance: supporter, owner: dana}
  - {id: mlee, name: Mary Lee, roles: [economic_buyer]}
links:
  - {from: naomi, to: mlee, type: influences}
""",
    )
    assert subjects(found) == ["naomi"]
    assert found[0].severity == "warning"
    assert found[0].message.startswith(
        "if Naomi Park leaves, no warm path from our team or our friends to Mary Lee remains"
    )
    assert (found[0].line, found[0].col) == (4, 5)


def test_a_second_path_removes_the_single_point_of_failure() -> None:
    assert (
        g306("""\
stakeholders:
  - {id: naomi, name: Naomi Park, owner: dana}
  - {id: raj, name: Raj Patel, stance: advocate}
  - {id: mlee, name: Mary Lee, roles: [economic_buyer]}
links:
  - {from: naomi, to: mlee, type: influences}
  - {from: raj, to: mlee, type: allies}
""")
        == []
    )


def test_a_team_member_can_be_the_single_point_of_failure() -> None:
    found = check(
        "G306",
        "acmap: 1\n"
        "account: {id: acme, name: Acme Corp, team: [{id: dana, name: Dana Ruiz}, {id: omar, name: Omar}]}\n"
        "stakeholders:\n"
        "  - {id: jo, name: Jo Bloggs, owner: dana}\n"
        "  - {id: mlee, name: Mary Lee, roles: [decision_maker], reports_to: jo}\n",
    )
    # Dana owns Jo, Jo leads to Mary: both are the bridge.
    assert subjects(found) == ["dana", "jo"]
    assert found[0].message.startswith("if Dana Ruiz leaves")


def test_a_conflict_carries_no_path_and_people_who_left_are_gone() -> None:
    assert (
        g306("""\
stakeholders:
  - {id: naomi, name: Naomi Park, stance: supporter}
  - {id: mlee, name: Mary Lee, roles: [economic_buyer]}
links:
  - {from: naomi, to: mlee, type: conflicts}
""")
        == []
    )  # no warm path today: nothing to lose (G302's business)
    assert g306("""\
stakeholders:
  - {id: naomi, name: Naomi Park, stance: supporter}
  - {id: gone, name: Old Friend, stance: supporter, status: left}
  - {id: mlee, name: Mary Lee, roles: [economic_buyer]}
links:
  - {from: naomi, to: mlee, type: influences}
  - {from: gone, to: mlee, type: influences}
""") == [
        "if Naomi Park leaves, no warm path from our team or our friends to Mary Lee remains "
        "— build a second relationship to power that does not go through Naomi Park"
    ]


def test_a_friendly_economic_buyer_is_no_path_problem() -> None:
    assert (
        g306("""\
stakeholders:
  - {id: mlee, name: Mary Lee, stance: advocate, roles: [economic_buyer], owner: dana}
""")
        == []
    )


def test_power_behind_power_names_the_one_in_between() -> None:
    messages = g306("""\
stakeholders:
  - {id: naomi, name: Naomi Park, stance: supporter, roles: [decision_maker]}
  - {id: mlee, name: Mary Lee, roles: [economic_buyer], reports_to: naomi}
""")
    assert messages == [
        "if Naomi Park leaves, no warm path from our team or our friends to Mary Lee remains "
        "— build a second relationship to power that does not go through Naomi Park"
    ]


# --- The walk against networkx ----------------------------------------------------------------


@st.composite
def graphs(draw: st.DrawFn) -> tuple[dict[str, list[str]], str, str]:
    count = draw(st.integers(2, 9))
    nodes = [f"n{i}" for i in range(count)]
    pairs = [(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1 :]]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    adjacent: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in edges:
        adjacent[a].append(b)
        adjacent[b].append(a)
    start, end = draw(st.permutations(nodes))[:2]
    return adjacent, start, end


@given(graphs())
def test_the_bridges_between_one_start_and_one_end_are_networkx_articulation_points(
    case: tuple[dict[str, list[str]], str, str],
) -> None:
    adjacent, start, end = case
    graph = nx.Graph()
    graph.add_nodes_from(adjacent)
    graph.add_edges_from((a, b) for a, near in adjacent.items() for b in near)
    found = set(sole_bridges(adjacent, [start], [end]))
    if not nx.has_path(graph, start, end):
        assert found == set()
        return
    component = graph.subgraph(nx.node_connected_component(graph, start))
    separating = {
        node
        for node in nx.articulation_points(component)
        if node not in (start, end)
        and not nx.has_path(graph.subgraph(set(component) - {node}), start, end)
    }
    # Besides those, the start itself: when it goes there is nobody left to walk from.
    assert found == separating | {start}


@given(graphs(), st.data())
def test_with_many_starts_and_ends_a_bridge_is_exactly_what_networkx_says_disconnects(
    case: tuple[dict[str, list[str]], str, str], data: st.DataObject
) -> None:
    adjacent, _, _ = case
    nodes = sorted(adjacent)
    starts = data.draw(st.sets(st.sampled_from(nodes), min_size=1))
    ends = data.draw(st.sets(st.sampled_from(nodes), min_size=1))
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((a, b) for a, near in adjacent.items() for b in near)

    def connected(g: nx.Graph, sources: set[str], targets: set[str]) -> bool:
        return any(s in g and t in g and nx.has_path(g, s, t) for s in sources for t in targets)

    expected = {
        node
        for node in nodes
        if connected(graph, starts, ends - {node})
        and not connected(graph.subgraph(set(nodes) - {node}), starts - {node}, ends - {node})
    }
    assert set(sole_bridges(adjacent, starts, ends)) == expected
