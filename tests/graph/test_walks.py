"""Walks over the people graph: who is next to whom (all ties, or only the warm ones), breadth-first
reach from several people at once, as far as a depth, and the route back out of it."""

from __future__ import annotations

from tests.rules.helpers import load

from acmap.graph import neighbours, reach, route, ties, warm_graph

ORG = """
stakeholders:
  - {id: ceo, name: Adi Raman}
  - {id: cfo, name: Mary Lee, reports_to: ceo}
  - {id: cto, name: Jo Lind, reports_to: ceo}
  - {id: ctl, name: Jin Kim, reports_to: cfo}
  - {id: gone, name: Greg Hollis, reports_to: cto, status: left}
  - {id: eng, name: Eve Ng, reports_to: cto}
links:
  - {from: ctl, to: cto, type: allies, strength: strong}
  - {from: eng, to: cto, type: conflicts, strength: strong}
  - {from: gone, to: ctl, type: mentors, strength: weak}
  - {from: ctl, to: cfo, type: influences, strength: strong}
"""


def test_all_ties_join_everyone_both_ways_in_map_order() -> None:
    adjacent = neighbours(load(ORG))
    assert list(adjacent) == ["ceo", "cfo", "cto", "ctl", "gone", "eng"]
    assert adjacent["ceo"] == ["cfo", "cto"]
    # Reporting lines first, then links in map order; the influence joins two already joined.
    assert adjacent["ctl"] == ["cfo", "cto", "gone"]
    assert adjacent["cto"] == ["ceo", "gone", "eng", "ctl"]
    assert "eng" in adjacent["cto"]  # a conflict is still a tie: they know each other


def test_warm_ties_leave_out_who_left_and_anyone_in_conflict() -> None:
    adjacent = neighbours(load(ORG), warm=True)
    assert "gone" not in adjacent
    assert adjacent["eng"] == []  # not even the reporting line: they are in conflict
    assert adjacent["cto"] == ["ceo", "ctl"]
    assert [(a, b, link.type if link else None) for a, b, link in ties(load(ORG), warm=True)] == [
        ("cfo", "ceo", None),
        ("cto", "ceo", None),
        ("ctl", "cfo", None),
        ("ctl", "cto", "allies"),
        ("ctl", "cfo", "influences"),
    ]


def test_the_warm_graph_walks_the_same_warm_ties() -> None:
    account_map = load(ORG)
    graph = warm_graph(account_map)
    adjacent = neighbours(account_map, warm=True)
    assert {(a, b) for a, b in graph.edges} == {
        (a, b) for a, near in adjacent.items() for b in near
    }


def test_reach_from_several_people_records_who_reached_whom_nearest_first() -> None:
    adjacent = neighbours(load(ORG), warm=True)
    parent = reach(adjacent, ["ctl", "eng", "nobody"])
    assert list(parent) == ["ctl", "eng", "cfo", "cto", "ceo"]
    assert parent["ctl"] == "ctl" and parent["eng"] == "eng"
    assert parent["ceo"] == "cfo"  # through the first neighbour that got there
    assert route(parent, "ceo") == ["ctl", "cfo", "ceo"]
    assert route(parent, "eng") == ["eng"]


def test_reach_stops_at_a_depth() -> None:
    adjacent = neighbours(load(ORG))
    assert set(reach(adjacent, ["gone"], depth=0)) == {"gone"}
    assert set(reach(adjacent, ["gone"], depth=1)) == {"gone", "cto", "ctl"}
    assert set(reach(adjacent, ["gone"], depth=2)) == {"gone", "cto", "ctl", "ceo", "eng", "cfo"}
