"""G3xx dynamics rules."""

from __future__ import annotations

from tests.rules.helpers import check, where

# --- G301 unaddressed-blocker ------------------------------------------------------------------


def test_g301_a_blocker_nobody_owns_or_works_on() -> None:
    source = (
        "stakeholders:\n  - {id: dale, name: Dale Pruitt, title: IT Director, stance: blocker}\n"
    )
    [found] = check("G301", source)
    assert found.message.startswith(
        "Dale Pruitt (IT Director) is a blocker and nobody works on them"
    )
    assert found.subject == "dale"


def test_g301_a_skeptic_counts_only_with_high_influence() -> None:
    high = "stakeholders:\n  - {id: v, name: Vic, stance: skeptic, influence: high}\n"
    assert "skeptic with high influence" in check("G301", high)[0].message
    medium = "stakeholders:\n  - {id: v, name: Vic, stance: skeptic, influence: medium}\n"
    assert check("G301", medium) == []


def test_g301_an_owner_addresses_the_blocker() -> None:
    source = """
    acmap: 1
    account: {id: acme, name: Acme, team: [{id: dana, name: Dana}]}
    stakeholders:
      - {id: dale, name: Dale, stance: blocker, owner: dana}
    """
    assert check("G301", source) == []


def test_g301_a_link_from_a_supporter_addresses_the_blocker() -> None:
    people = (
        "stakeholders:\n"
        "  - {id: dale, name: Dale, stance: blocker}\n"
        "  - {id: sam, name: Sam, stance: supporter}\n"
        "links:\n"
    )
    assert check("G301", people + "  - {from: sam, to: dale, type: influences}\n") == []
    assert check("G301", people + "  - {from: dale, to: sam, type: allies}\n") == []  # mutual
    # The wrong direction, or a conflict, does not count.
    assert len(check("G301", people + "  - {from: dale, to: sam, type: influences}\n")) == 1
    assert len(check("G301", people + "  - {from: sam, to: dale, type: conflicts}\n")) == 1


def test_g301_a_link_from_a_neutral_person_does_not_count() -> None:
    source = (
        "stakeholders:\n"
        "  - {id: dale, name: Dale, stance: blocker}\n"
        "  - {id: ned, name: Ned, stance: neutral}\n"
        "links:\n  - {from: ned, to: dale, type: influences}\n"
    )
    assert len(check("G301", source)) == 1


# --- G302 no-path-to-power ---------------------------------------------------------------------

POWER = """
stakeholders:
  - {id: ceo, name: Ada Chen, title: CEO, roles: [economic_buyer]}
  - {id: vp, name: Ben Ode, title: VP Ops, influence: high, stance: neutral}
  - {id: mgr, name: Cat Li, title: Ops Manager, reports_to: vp, stance: supporter}
  - {id: fan, name: Dan Wu, reports_to: mgr, stance: advocate}
"""


def test_g302_reports_the_best_partial_path() -> None:
    [found] = check("G302", POWER)
    assert found.severity == "info"
    assert "no path from our supporters to Ada Chen (CEO, economic buyer)" in found.message
    assert "best partial path Cat Li → Ben Ode" in found.message
    assert "find who connects Ben Ode to Ada Chen" in found.message


def test_g302_a_reporting_line_is_a_path() -> None:
    source = POWER.replace("influence: high, stance: neutral}", "reports_to: ceo}")
    assert check("G302", source) == []


def test_g302_a_warm_link_in_either_direction_is_a_path_a_conflict_is_not() -> None:
    assert check("G302", POWER + "links:\n  - {from: ceo, to: vp, type: mentors}\n") == []
    assert check("G302", POWER + "links:\n  - {from: vp, to: ceo, type: influences}\n") == []
    conflict = POWER + "links:\n  - {from: vp, to: ceo, type: conflicts}\n"
    assert len(check("G302", conflict)) == 1


def test_g302_a_friendly_power_holder_is_already_there() -> None:
    source = "stakeholders:\n  - {id: ceo, name: Ada, roles: [economic_buyer], stance: supporter}\n"
    assert check("G302", source) == []


def test_g302_a_champion_counts_as_a_starting_point_whatever_the_stance() -> None:
    source = (
        "stakeholders:\n"
        "  - {id: ceo, name: Ada, roles: [decision_maker]}\n"
        "  - {id: c, name: Cy, roles: [champion], stance: neutral, reports_to: ceo}\n"
    )
    assert check("G302", source) == []


def test_g302_people_who_left_carry_no_path() -> None:
    source = POWER.replace(
        "influence: high, stance: neutral}", "influence: high, reports_to: ceo, status: left}"
    )
    assert len(check("G302", source)) == 1


def test_g302_without_friends() -> None:
    source = "stakeholders:\n  - {id: ceo, name: Ada, roles: [economic_buyer]}\n"
    [found] = check("G302", source)
    assert "nobody is an advocate, supporter or champion yet" in found.message


def test_g302_quiet_when_nobody_holds_power_g101_g102_say_so() -> None:
    assert check("G302", "stakeholders:\n  - {id: a, name: Ann, stance: advocate}\n") == []


# --- G303 isolated-stakeholder -----------------------------------------------------------------


def test_g303_someone_with_no_lines_at_all() -> None:
    source = (
        "stakeholders:\n"
        "  - {id: a, name: Ann, title: Buyer}\n"
        "  - {id: b, name: Bo}\n"
        "  - {id: c, name: Cy, reports_to: b}\n"
    )
    found = check("G303", source)
    assert [f.subject for f in found] == ["a"]
    assert where(found) == [(4, 5)]
    assert "Ann (Buyer) is not connected to anyone" in found[0].message


def test_g303_a_link_at_either_end_connects() -> None:
    source = (
        "stakeholders:\n  - {id: a, name: Ann}\n  - {id: b, name: Bo}\n"
        "links:\n  - {from: a, to: b, type: conflicts}\n"
    )
    assert check("G303", source) == []


def test_g303_ignores_people_who_left() -> None:
    assert check("G303", "stakeholders:\n  - {id: a, name: Ann, status: left}\n") == []


# --- G304 rose-tinted --------------------------------------------------------------------------


def _stances(*stances: str) -> str:
    lines = [f"  - {{id: p{i}, name: P{i}, stance: {s}}}" for i, s in enumerate(stances)]
    return "stakeholders:\n" + "\n".join(lines) + "\n"


def test_g304_edge_of_five_known_stances() -> None:
    [found] = check("G304", _stances("advocate", "supporter", "neutral", "neutral", "supporter"))
    assert found.message.startswith("5 stances known and not one skeptic or blocker")
    four = _stances("advocate", "supporter", "neutral", "neutral", "unknown", "unknown")
    assert check("G304", four) == []


def test_g304_one_skeptic_or_blocker_makes_the_picture_credible() -> None:
    for sceptic in ("skeptic", "blocker"):
        source = _stances("advocate", "supporter", "neutral", "neutral", "supporter", sceptic)
        assert check("G304", source) == []


def test_g304_asks_the_coach() -> None:
    source = _stances("advocate", "supporter", "neutral", "neutral") + (
        "  - {id: co, name: Coco, roles: [coach], stance: supporter}\n"
    )
    assert "ask Coco who prefers the status quo" in check("G304", source)[0].message


# --- G305 hidden-influencer --------------------------------------------------------------------

# Everyone reports up to the CEO; the architect is only "medium", yet the CTO and the CEO listen.
HIDDEN = """
stakeholders:
  - {id: ceo, name: Ada Chen, title: CEO, influence: high}
  - {id: cto, name: Jo Lind, title: CTO, reports_to: ceo, influence: high}
  - {id: arch, name: Ravi Menon, title: Architect, reports_to: cto, influence: medium}
  - {id: dev1, name: Dev One, reports_to: arch, influence: low}
  - {id: dev2, name: Dev Two, reports_to: arch, influence: low}
links:
  - {from: arch, to: cto, type: influences, strength: strong}
  - {from: arch, to: ceo, type: influences, strength: medium}
"""


def test_g305_a_medium_person_everyone_listens_to() -> None:
    [found] = check("G305", HIDDEN)
    assert found.severity == "info"
    assert found.subject == "arch"
    assert where([found]) == [(7, 80)]  # at their `influence`
    assert found.message.startswith("Ravi Menon (Architect) ranks #1 of 5 by computed influence")
    assert "but the map marks them medium" in found.message
    assert "set influence: high if they do" in found.message


def test_g305_quiet_once_the_map_says_high() -> None:
    assert check("G305", HIDDEN.replace("influence: medium", "influence: high")) == []


def test_g305_an_unassessed_influence_counts_as_not_high() -> None:
    [found] = check("G305", HIDDEN.replace(", influence: medium}", "}"))
    assert "but the map does not assess them" in found.message


def test_g305_outside_the_top_three_is_quiet() -> None:
    # Three high-influence executives with teams; the architect leads one person: rank 4.
    source = """
    stakeholders:
      - {id: ceo, name: Ada Chen, influence: high}
      - {id: cto, name: Jo Lind, reports_to: ceo, influence: high}
      - {id: cfo, name: Cy Fo, reports_to: ceo, influence: high}
      - {id: arch, name: Ravi Menon, reports_to: cto, influence: medium}
      - {id: dev, name: Dev One, reports_to: arch}
      - {id: acct, name: Al Count, reports_to: cfo}
    """
    assert check("G305", source) == []


def test_g305_needs_five_active_people() -> None:
    small = HIDDEN.replace("  - {id: dev2, name: Dev Two, reports_to: arch, influence: low}\n", "")
    assert check("G305", small) == []
    left = HIDDEN.replace("name: Dev Two,", "name: Dev Two, status: left,")
    assert check("G305", left) == []


def test_g305_ignores_people_who_left() -> None:
    source = HIDDEN.replace("name: Ravi Menon,", "name: Ravi Menon, status: left,")
    assert "arch" not in [f.subject for f in check("G305", source)]


def test_g305_fires_for_ravi_menon_in_the_example_map() -> None:
    from acmap.load import load_file
    from acmap.rules.engine import check_map
    from acmap.settings import GapSettings
    from tests.helpers import EXAMPLE_MAPS
    from tests.rules.helpers import TODAY

    loaded = load_file(EXAMPLE_MAPS / "lumen-robotics.yaml")
    assert loaded.map is not None
    [found] = check_map(loaded.map, GapSettings(), TODAY, only={"G305"})
    assert found.subject == "architect"
    assert "Ravi Menon (Head of Platform Architecture) ranks #1 of 14" in found.message
