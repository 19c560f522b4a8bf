"""The graph model: warm paths (conflicts never carry one) and computed influence."""

from __future__ import annotations

from tests.helpers import EXAMPLE_MAPS
from tests.rules.helpers import load

from acmap.graph import (
    add_partner,
    add_team_member,
    influence_ranking,
    influence_scores,
    warm_graph,
    warmest_paths,
)

CHAIN = """
stakeholders:
  - {id: ines, name: Ines Roth}
  - {id: paul, name: Paul Wendt, reports_to: mark}
  - {id: mark, name: Mark Otto}
links:
  - {from: ines, to: paul, type: influences, strength: strong}
"""


def words(account_map_source: str, source: str, target: str, top: int = 3) -> list[str]:
    account_map = load(account_map_source)
    graph = warm_graph(account_map)
    labels = {s.id: s.display for s in account_map.stakeholders}
    found = warmest_paths(graph, source, target, top)
    return [
        " ".join(
            [labels[p.hops[0].source]] + [f"—{hop.words}→ {labels[hop.target]}" for hop in p.hops]
        )
        for p in found
    ]


def test_each_hop_is_worded_in_the_direction_walked() -> None:
    assert words(CHAIN, "ines", "mark") == [
        "Ines Roth —influences (strong)→ Paul Wendt —reports to→ Mark Otto"
    ]
    assert words(CHAIN, "mark", "ines") == [
        "Mark Otto —manages→ Paul Wendt —is influenced by (strong)→ Ines Roth"
    ]


def test_a_conflict_never_carries_a_path() -> None:
    source = """
    stakeholders:
      - {id: a, name: Ann}
      - {id: b, name: Bob, reports_to: a}
    links:
      - {from: a, to: b, type: conflicts, strength: strong}
    """
    # Not even the reporting line: people in conflict do not introduce each other.
    assert words(source, "a", "b") == []


def test_warmer_paths_come_first_and_top_limits_them() -> None:
    source = """
    stakeholders:
      - {id: a, name: Ann}
      - {id: b, name: Bob}
      - {id: c, name: Cy}
      - {id: d, name: Dee}
    links:
      - {from: a, to: d, type: allies, strength: weak}
      - {from: a, to: b, type: allies, strength: strong}
      - {from: b, to: d, type: allies, strength: strong}
      - {from: a, to: c, type: allies, strength: medium}
      - {from: c, to: d, type: allies, strength: medium}
    """
    found = words(source, "a", "d")
    assert found[0] == "Ann —is allied with (strong)→ Bob —is allied with (strong)→ Dee"
    assert len(found) == 3
    assert len(words(source, "a", "d", top=1)) == 1


def test_people_who_left_are_not_in_the_graph() -> None:
    source = CHAIN.replace(
        "{id: paul, name: Paul Wendt,", "{id: paul, name: Paul Wendt, status: left,"
    )
    assert words(source, "ines", "mark") == []


def test_a_team_member_starts_through_the_people_they_own() -> None:
    account_map = load(
        """
        acmap: 1
        account: {id: acme, name: Acme, team: [{id: dana, name: Dana Ruiz}]}
        stakeholders:
          - {id: ines, name: Ines Roth, owner: dana, last_contact: 2026-11-01}
          - {id: mark, name: Mark Otto}
        links:
          - {from: ines, to: mark, type: influences, strength: strong}
        """
    )
    graph = warm_graph(account_map)
    node = add_team_member(graph, account_map, account_map.account.team[0], frozenset({"ines"}))
    [found] = warmest_paths(graph, node, "mark")
    assert [hop.words for hop in found.hops] == ["covers", "influences (strong)"]
    assert found.cost == 2.0


def test_a_partner_starts_through_the_people_they_know() -> None:
    account_map = load(
        """
        stakeholders:
          - {id: cto, name: Jo Lind}
          - {id: ceo, name: Adi Raman}
        links:
          - {from: cto, to: ceo, type: allies, strength: strong}
        partners:
          - {id: stratus, name: Stratus Cloud, knows: [{stakeholder: cto, strength: strong}]}
        """
    )
    graph = warm_graph(account_map)
    node = add_partner(graph, account_map.partners[0])
    [found] = warmest_paths(graph, node, "ceo")
    assert [hop.words for hop in found.hops] == ["knows (strong)", "is allied with (strong)"]


def test_influence_flows_to_whom_people_listen() -> None:
    account_map = load(
        """
        stakeholders:
          - {id: boss, name: Boss}
          - {id: a, name: Ann, reports_to: boss}
          - {id: b, name: Bob, reports_to: boss}
          - {id: lone, name: Lone Wolf}
        """
    )
    scores = influence_scores(account_map)
    assert scores == {"boss": 100, "a": 0, "b": 0, "lone": 0}


def test_influence_ranks_whom_the_powerful_listen_to() -> None:
    # Everyone reports to the CEO, but the CEO listens to the advisor: the advisor ranks high.
    account_map = load(
        """
        stakeholders:
          - {id: ceo, name: Ceo}
          - {id: a, name: Ann, reports_to: ceo}
          - {id: b, name: Bob, reports_to: ceo}
          - {id: c, name: Cy, reports_to: ceo}
          - {id: advisor, name: Ada Visor}
        links:
          - {from: advisor, to: ceo, type: influences, strength: strong}
        """
    )
    ranking = dict(influence_ranking(account_map)[:2])
    assert set(ranking) == {"ceo", "advisor"}
    assert min(ranking.values()) > 50


def test_no_relationships_no_influence() -> None:
    account_map = load("stakeholders:\n  - {id: a, name: Ann}\n  - {id: b, name: Bob}\n")
    assert influence_scores(account_map) == {"a": 0, "b": 0}


def test_ravi_menon_is_the_most_influential_at_lumen_robotics() -> None:
    from acmap.load import load_file

    loaded = load_file(EXAMPLE_MAPS / "lumen-robotics.yaml")
    assert loaded.map is not None
    assert influence_ranking(loaded.map)[0] == ("architect", 100)
