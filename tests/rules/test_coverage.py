"""G1xx coverage rules."""

from __future__ import annotations

from tests.rules.helpers import check, subjects, where

# --- G101 no-economic-buyer -------------------------------------------------------------------


def test_g101_fires_without_an_economic_buyer() -> None:
    [found] = check("G101", "stakeholders:\n  - {id: jkim, name: Jin Kim, roles: [champion]}\n")
    assert found.severity == "warning"  # a standard account
    assert (found.line, found.col) == (2, 10)  # the account mapping
    assert "no economic buyer identified" in found.message
    assert "roles: [economic_buyer]" in found.message


def test_g101_is_an_error_on_strategic_and_key_accounts() -> None:
    for tier in ("strategic", "key"):
        source = f"acmap: 1\naccount: {{id: acme, name: Acme, tier: {tier}}}\n"
        assert [f.severity for f in check("G101", source)] == ["error"]
    source = "acmap: 1\naccount: {id: acme, name: Acme, tier: growth}\n"
    assert [f.severity for f in check("G101", source)] == ["warning"]


def test_g101_quiet_when_an_active_person_releases_the_money() -> None:
    assert (
        check("G101", "stakeholders:\n  - {id: mlee, name: Mary Lee, roles: [economic_buyer]}")
        == []
    )


def test_g101_a_buyer_who_left_does_not_count_and_is_named() -> None:
    [found] = check(
        "G101",
        "stakeholders:\n  - {id: mlee, name: Mary Lee, roles: [economic_buyer], status: left}\n",
    )
    assert "Mary Lee held the role and has left" in found.message


def test_g101_a_placeholder_holding_the_role_counts_here_g405_asks_for_the_name() -> None:
    assert check("G101", "stakeholders:\n  - {id: cfo, title: CFO, roles: [economic_buyer]}") == []


# --- G102 no-decision-maker, G103 no-champion ---------------------------------------------------


def test_g102_fires_and_stays_a_warning_on_strategic_accounts() -> None:
    source = "acmap: 1\naccount: {id: acme, name: Acme, tier: strategic}\n"
    [found] = check("G102", source)
    assert found.severity == "warning"
    assert "decision maker" in found.message


def test_g102_quiet_with_a_decision_maker() -> None:
    assert check("G102", "stakeholders:\n  - {id: a, name: Ann, roles: [decision_maker]}") == []


def test_g103_suggests_engaged_friends_as_champions() -> None:
    source = """
    stakeholders:
      - {id: a, name: Ann Lo, stance: advocate, influence: high, last_contact: 2026-11-01}
      - {id: b, name: Bo Chen, stance: supporter, last_contact: 2026-11-01}
      - {id: c, name: Cy Diaz, stance: advocate, last_contact: 2025-01-01}
    """
    [found] = check("G103", source)
    assert "test whether Ann Lo and Bo Chen will sell for us" in found.message


def test_g103_quiet_with_an_active_champion_even_a_weak_one() -> None:
    assert (
        check("G103", "stakeholders:\n  - {id: a, name: Ann, roles: [champion], stance: skeptic}")
        == []
    )


# --- G104 single-threaded ----------------------------------------------------------------------

THREE_PEOPLE = """
stakeholders:
  - {id: a, name: Ann Lo, last_contact: 2026-11-20}
  - {id: b, name: Bo Chen, last_contact: 2026-08-24}
  - {id: c, name: Cy Diaz, last_contact: 2026-08-23}
"""


def test_g104_edge_of_engaged_days() -> None:
    # 2026-08-24 is exactly 90 days before today: still engaged; 2026-08-23 is 91: not.
    [found] = check("G104", THREE_PEOPLE)
    assert "only 2 engaged stakeholders (Ann Lo and Bo Chen), 3 wanted" in found.message
    assert "engage Cy Diaz" in found.message
    assert found.severity == "warning"
    assert check("G104", THREE_PEOPLE, engaged_days=91) == []


def test_g104_edge_of_min_engaged() -> None:
    assert check("G104", THREE_PEOPLE, min_engaged=2) == []
    assert len(check("G104", THREE_PEOPLE, min_engaged=3)) == 1


def test_g104_is_an_error_with_one_or_no_engaged_person() -> None:
    [one] = check("G104", THREE_PEOPLE, engaged_days=10)
    assert one.severity == "error"
    assert "only 1 engaged stakeholder (Ann Lo)" in one.message
    [none] = check("G104", "stakeholders: []\n")
    assert none.severity == "error"
    assert "no engaged stakeholder" in none.message


def test_g104_people_who_left_are_not_engaged() -> None:
    source = """
    stakeholders:
      - {id: a, name: Ann Lo, last_contact: 2026-11-20}
      - {id: b, name: Bo Chen, last_contact: 2026-11-20, status: left}
    """
    assert "only 1 engaged" in check("G104", source, min_engaged=2)[0].message


def test_g104_never_fires_when_min_engaged_is_zero() -> None:
    assert check("G104", "stakeholders: []\n", min_engaged=0) == []


# --- G105 uncovered-unit -----------------------------------------------------------------------

UNITS = """
units:
  - {id: exec, name: Executive}
  - {id: finance, name: Finance, parent: exec}
  - {id: ap, name: Payables, parent: finance}
  - {id: it, name: IT, parent: exec}
"""


def test_g105_a_person_covers_their_unit_and_every_unit_above() -> None:
    found = check("G105", UNITS + "stakeholders:\n  - {id: a, name: Ann, unit: ap}\n")
    assert subjects(found) == ["it"]
    assert where(found) == [(8, 5)]  # the IT unit entry
    assert "unit IT has nobody mapped there" in found[0].message
    assert found[0].severity == "info"


def test_g105_placeholders_and_leavers_do_not_cover_a_unit() -> None:
    source = UNITS + (
        "stakeholders:\n"
        "  - {id: a, name: Ann, unit: exec}\n"
        "  - {id: b, name: Bo, unit: finance, status: left}\n"
        "  - {id: cio, title: CIO, unit: it}\n"
    )
    found = check("G105", source)
    assert subjects(found) == ["finance", "ap", "it"]
    assert "only [CIO], not yet named" in found[2].message


def test_g105_quiet_when_every_unit_has_someone() -> None:
    source = UNITS + (
        "stakeholders:\n  - {id: a, name: Ann, unit: ap}\n  - {id: b, name: Bo, unit: it}\n"
    )
    assert check("G105", source) == []


# --- G106 no-power-access ----------------------------------------------------------------------


def test_g106_fires_when_only_people_without_power_are_engaged() -> None:
    source = """
    stakeholders:
      - {id: a, name: Ann Lo, influence: medium, last_contact: 2026-11-20}
      - {id: cfo, name: Mary Lee, title: CFO, roles: [economic_buyer], last_contact: 2026-01-02}
    """
    [found] = check("G106", source)
    assert "Mary Lee (CFO, economic buyer) is not engaged — get a meeting" in found.message


def test_g106_quiet_when_an_engaged_person_has_high_influence_or_a_power_role() -> None:
    high = "stakeholders:\n  - {id: a, name: Ann, influence: high, last_contact: 2026-11-20}\n"
    assert check("G106", high) == []
    buyer = (
        "stakeholders:\n  - {id: a, name: Ann, roles: [decision_maker], last_contact: 2026-11-20}\n"
    )
    assert check("G106", buyer) == []


def test_g106_edge_of_engaged_days() -> None:
    source = "stakeholders:\n  - {id: a, name: Ann, influence: high, last_contact: 2026-08-24}\n"
    assert check("G106", source) == []  # 90 days ago
    assert len(check("G106", source, engaged_days=89)) == 1


def test_g106_with_nobody_powerful_mapped() -> None:
    [found] = check("G106", "stakeholders:\n  - {id: a, name: Ann}\n")
    assert "nobody with power is mapped" in found.message
