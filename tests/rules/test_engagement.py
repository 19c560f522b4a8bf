"""G2xx engagement rules."""

from __future__ import annotations

from acmap.contact import GONE_DARK, NEVER_CONTACTED
from acmap.rules.engine import check_map, context_for
from acmap.settings import GapSettings
from tests.rules.helpers import TODAY, check, load, subjects, where

# --- G201 gone-dark ---------------------------------------------------------------------------

CFO = """
stakeholders:
  - id: mlee
    name: Mary Lee
    title: CFO
    roles: [economic_buyer]
    last_contact: {day}
  - {{id: jkim, name: Jin Kim, stance: supporter, last_contact: 2026-11-20}}
links:
  - {{from: jkim, to: mlee, type: influences}}
"""


def test_g201_names_the_person_the_age_and_a_warm_route() -> None:
    [found] = check("G201", CFO.format(day="2026-06-01"))
    assert found.message == (
        "Mary Lee (CFO, economic buyer): last contact 2026-06-01, 174 days ago — re-engage; "
        "Jin Kim influences Mary Lee"
    )
    assert where([found]) == [(9, 19)]  # the last_contact value
    assert found.subject == "mlee"
    assert found.severity == "warning"


def test_g201_edge_of_stale_days() -> None:
    assert check("G201", CFO.format(day="2026-08-24")) == []  # exactly 90 days
    assert len(check("G201", CFO.format(day="2026-08-23"))) == 1  # 91 days
    assert check("G201", CFO.format(day="2026-08-23"), stale_days=91) == []


def test_g201_and_g202_say_what_the_contact_state_says() -> None:
    # One definition (acmap.contact): a key person is flagged gone dark or never contacted by
    # the rules exactly when their contact state says so, which is what show and render print.
    source = """
    stakeholders:
      - {id: a, name: Ann, influence: high, last_contact: 2026-11-01}
      - {id: b, name: Bo, influence: high, last_contact: 2026-06-01}
      - {id: c, name: Cy, influence: high, last_contact: 2026-01-01}
      - {id: d, name: Di, influence: high}
      - {id: e, name: Ed, influence: high, last_contact: 2027-01-01}
    """
    for knobs in ({}, {"stale_days": 30}, {"engaged_days": 10}, {"stale_days": 300}):
        gaps = GapSettings(base=knobs)
        account_map = load(source)
        ctx = context_for(account_map, gaps, TODAY)
        states = {s.id: ctx.contact(s).state for s in account_map.stakeholders}
        found = check_map(account_map, gaps, TODAY, only={"G201", "G202"})
        assert {f.subject for f in found if f.code == "G201"} == {
            i for i, state in states.items() if state == GONE_DARK
        }, knobs
        assert {f.subject for f in found if f.code == "G202"} == {
            i for i, state in states.items() if state == NEVER_CONTACTED
        }, knobs
    # The last run (stale_days = 300) shows every state but "left".
    assert states == {
        "a": "engaged",
        "b": "quiet",
        "c": "gone dark",
        "d": "never contacted",
        "e": "engaged",
    }


def test_g201_only_key_stakeholders_go_dark() -> None:
    source = "stakeholders:\n  - {id: a, name: Ann, roles: [user], last_contact: 2020-01-01}\n"
    assert check("G201", source) == []
    left = "stakeholders:\n  - {id: a, name: Ann, influence: high, status: left, last_contact: 2020-01-01}\n"
    assert check("G201", left) == []


def test_g201_never_contacted_is_g202_not_g201() -> None:
    assert check("G201", "stakeholders:\n  - {id: a, name: Ann, influence: high}\n") == []


# --- G202 never-contacted ----------------------------------------------------------------------


def test_g202_fires_for_a_key_person_without_last_contact() -> None:
    source = """
    stakeholders:
      - {id: cfo, name: Linda Marsh, title: CFO, influence: high}
    partners:
      - id: pine
        name: Pinecrest
        knows: [{stakeholder: cfo, strength: strong}]
    """
    [found] = check("G202", source)
    assert found.message == (
        "Linda Marsh (CFO, high influence): never contacted — ask for an introduction: "
        "partner Pinecrest knows them, then record last_contact"
    )
    assert where([found]) == [(5, 5)]


def test_g202_quiet_once_contacted_or_for_people_without_power() -> None:
    assert (
        check(
            "G202", "stakeholders:\n  - {id: a, name: A, influence: high, last_contact: 2020-01-01}"
        )
        == []
    )
    assert check("G202", "stakeholders:\n  - {id: a, name: A, influence: medium}") == []


# --- G203 no-owner -----------------------------------------------------------------------------

TEAM = """
acmap: 1
account:
  id: acme
  name: Acme
  owner: dana
  team: [{id: dana, name: Dana Ruiz}]
stakeholders:
"""


def test_g203_fires_for_a_key_person_nobody_covers() -> None:
    [found] = check("G203", TEAM + "  - {id: a, name: Ann, roles: [champion]}\n")
    assert "Ann (champion): nobody on our team covers them" in found.message
    assert "the account owner is Dana Ruiz" in found.message


def test_g203_quiet_when_owned() -> None:
    assert check("G203", TEAM + "  - {id: a, name: Ann, roles: [champion], owner: dana}\n") == []


# --- G204 weak-champion ------------------------------------------------------------------------


def test_g204_a_champion_must_be_on_our_side() -> None:
    for stance in ("neutral", "skeptic", "blocker", "unknown"):
        source = f"stakeholders:\n  - {{id: a, name: Ann, roles: [champion], stance: {stance}}}\n"
        [found] = check("G204", source)
        assert f"their stance is {stance}" in found.message
    for stance in ("advocate", "supporter"):
        source = f"stakeholders:\n  - {{id: a, name: Ann, roles: [champion], stance: {stance}}}\n"
        assert check("G204", source) == []


def test_g204_points_at_the_stance() -> None:
    source = "stakeholders:\n  - id: a\n    name: Ann\n    roles: [champion]\n    stance: neutral\n"
    assert where(check("G204", source)) == [(7, 13)]


# --- G205 left-key-role ------------------------------------------------------------------------


def test_g205_a_leaver_still_holding_a_key_role_and_managing_people() -> None:
    source = """
    stakeholders:
      - id: greg
        name: Greg Hollis
        roles: [decision_maker, user]
        status: left
      - {id: karen, name: Karen Wu, reports_to: greg}
    """
    [found] = check("G205", source)
    assert found.severity == "error"
    assert found.message == (
        "Greg Hollis has left but is still listed as decision maker and the manager of "
        "Karen Wu — find who took over the role and update reports_to"
    )
    assert where([found]) == [(8, 13)]  # the status value


def test_g205_a_leaver_with_only_reports() -> None:
    source = "stakeholders:\n  - {id: g, name: Greg, status: left}\n  - {id: k, name: Kim, reports_to: g}\n"
    [found] = check("G205", source)
    assert "still the manager of Kim — update reports_to" in found.message


def test_g205_quiet_for_leavers_without_key_roles_or_reports() -> None:
    source = "stakeholders:\n  - {id: g, name: Greg, roles: [coach], status: left}\n"
    assert check("G205", source) == []
    active = "stakeholders:\n  - {id: g, name: Greg, roles: [champion]}\n"
    assert check("G205", active) == []
    assert subjects(check("G205", active)) == []
