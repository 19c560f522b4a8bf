"""Account status (red/amber/green) and the coverage score."""

from __future__ import annotations

from acmap.analysis.health import Score, assess, coverage_score, status
from acmap.analysis.priority import next_actions, worst_first
from acmap.rules.engine import context_for
from acmap.settings import GapSettings
from tests.rules.helpers import TODAY, load


def _status(people: str) -> str:
    return status(load("stakeholders:\n" + people))


def test_red_when_no_key_stakeholder_is_on_our_side() -> None:
    assert _status("  - {id: a, name: A, roles: [economic_buyer], stance: neutral}\n") == "red"
    # A friendly person without power is not a key stakeholder.
    assert _status("  - {id: a, name: A, roles: [user], stance: advocate}\n") == "red"
    # A friendly key person who left does not count.
    assert (
        _status("  - {id: a, name: A, influence: high, stance: advocate, status: left}\n") == "red"
    )


def test_green_when_a_friend_holds_economic_buyer_or_decision_maker() -> None:
    for role in ("economic_buyer", "decision_maker"):
        assert _status(f"  - {{id: a, name: A, roles: [{role}], stance: supporter}}\n") == "green"


def test_amber_when_friendly_key_people_have_no_power_role() -> None:
    assert _status("  - {id: a, name: A, roles: [champion], stance: advocate}\n") == "amber"
    assert _status("  - {id: a, name: A, influence: high, stance: supporter}\n") == "amber"


def _score(source: str, **kw: int) -> Score:
    account_map = load(source)
    return coverage_score(account_map, context_for(account_map, GapSettings(), TODAY))


def test_score_of_an_empty_map_is_zero() -> None:
    assert _score("stakeholders: []\n").total == 0


def test_score_of_a_complete_map_is_100() -> None:
    source = """
    stakeholders:
      - {id: a, name: A, roles: [economic_buyer, decision_maker, champion], stance: advocate, last_contact: 2026-11-01}
      - {id: b, name: B, last_contact: 2026-11-01}
      - {id: c, name: C, last_contact: 2026-11-01}
    """
    assert _score(source) == Score(30.0, 25.0, 25.0, 20.0)
    assert _score(source).total == 100


def test_score_parts() -> None:
    source = """
    stakeholders:
      - {id: a, name: A, roles: [economic_buyer], stance: supporter, last_contact: 2026-11-01}
      - {id: b, name: B, influence: high, stance: skeptic, last_contact: 2026-01-01}
      - {id: c, title: CIO, roles: [decision_maker]}
    """
    score = _score(source)
    assert score.roles == 10.0  # the placeholder earns nothing for decision maker
    assert round(score.breadth, 2) == round(25 / 3, 2)  # 1 engaged of 3
    assert round(score.recency, 2) == round(25 / 3, 2)  # 1 of 3 key people recent
    assert round(score.stance, 2) == round(20 * (0.75 + 0 + 0.25) / 3, 2)
    assert score.total == 10 + 8 + 8 + 7  # 33.3… rounds to 33


def test_assess_summarises_one_account() -> None:
    report = assess(load("stakeholders: []\n"), GapSettings(), TODAY)
    assert (report.id, report.status, report.score.total) == ("acme", "red", 0)
    assert report.counts["warning"] > 0
    assert report.review_age is None


def test_worst_first_and_next_actions() -> None:
    bad = assess(load("stakeholders: []\n"), GapSettings(), TODAY)
    good_source = """
    acmap: 1
    account: {id: good, name: Good, goals: [Grow], reviewed: 2026-11-01}
    stakeholders:
      - {id: a, name: A, roles: [economic_buyer, decision_maker, champion], stance: advocate, last_contact: 2026-11-01, prefers: {channel: email}}
      - {id: b, name: B, last_contact: 2026-11-01, reports_to: a}
      - {id: c, name: C, last_contact: 2026-11-01, reports_to: a}
    """
    good = assess(load(good_source), GapSettings(), TODAY)
    assert [r.id for r in worst_first([good, bad])] == ["acme", "good"]
    actions = next_actions([good, bad], limit=5, per_account=2)
    # Most important first (an error before warnings), never more than two from one account.
    assert [(a.report.id, a.code) for a in actions][:2] == [("acme", "G104"), ("acme", "G101")]
    assert [a.report.id for a in actions].count("acme") == 2
    assert len(next_actions([good, bad], limit=1)) == 1
