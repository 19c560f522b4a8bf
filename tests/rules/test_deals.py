"""G601–G604, and G101–G103/G502 reading a deal's own roles (SPEC §8)."""

from __future__ import annotations

from datetime import date

from acmap.model import CompellingEvent, Rival
from acmap.settings import GapSettings
from tests.rules.deal_story import action, deal, evidence, gates, run, story

# --- G601 qualification-gate ---------------------------------------------------------------------


def test_g601_a_deal_below_its_stage_gate() -> None:
    account_map = story()
    account_map.stakeholders[0].stance = "neutral"  # E falls from 3 to 2
    [found] = run("G601", account_map, gates(proposal={"E": 3}))
    assert found.message.startswith(
        "deal 'TMS rollout' is at proposal but misses its gate: E 2 < 3 (stance neutral, not "
        "advocate or supporter)"
    )
    assert (found.subject, found.severity) == ("tms", "warning")


def test_g601_silent_when_the_gate_is_met_unset_or_the_deal_closed() -> None:
    account_map = story()
    assert run("G601", account_map, gates(proposal={"E": 3})) == []
    assert run("G601", account_map) == []  # no [qualify.gates]
    assert run("G601", account_map, gates(negotiation={"E": 3, "M": 1})) == []
    deal(account_map).stage = "closed_won"
    assert run("G601", account_map, gates(closed_won={"M": 3})) == []


# --- G602 no-compelling-event --------------------------------------------------------------------


def test_g602_a_late_deal_with_deal_facts_and_no_compelling_event() -> None:
    account_map = story()
    deal(account_map).competition = [Rival(name="Initrode", status="evaluating")]
    [found] = run("G602", account_map)
    assert "TMS rollout' is at proposal with no compelling event" in found.message
    assert found.subject == "tms"


def test_g602_silent_with_an_event_early_or_without_deal_facts() -> None:
    account_map = story()
    assert run("G602", account_map) == []  # part one's deal: no deal facts at all
    deal(account_map).competition = [Rival(name="Initrode")]
    deal(account_map).stage = "discovery"
    assert run("G602", account_map) == []
    deal(account_map).stage = "negotiation"
    deal(account_map).compelling_event = CompellingEvent(date=date(2027, 1, 31), what="Renewal")
    assert run("G602", account_map) == []


# --- G603 unproven-champion ----------------------------------------------------------------------


def test_g603_a_champion_without_recent_evidence() -> None:
    account_map = story()
    deal(account_map).champion_evidence = [evidence(date(2026, 7, 1))]
    [found] = run("G603", account_map)
    assert found.message.startswith(
        "deal 'TMS rollout': Jin Kim, its champion, has done nothing for us in 90 days on record "
        "(the last is from 2026-07-01)"
    )
    assert found.subject == "jkim"
    assert run("G603", account_map, GapSettings(base={"stale_days": 200})) == []


def test_g603_silent_with_recent_evidence_no_champion_or_no_deal_facts() -> None:
    account_map = story()
    assert run("G603", account_map) == []  # no deal facts
    deal(account_map).champion_evidence = [evidence(date(2026, 10, 20))]
    assert run("G603", account_map) == []
    deal(account_map).champion_evidence = [evidence(date(2026, 1, 1))]
    deal(account_map).roles = {"mlee": ["economic_buyer"]}  # this deal names no champion
    assert run("G603", account_map) == []


# --- G604 favours-competitor ---------------------------------------------------------------------


def test_g604_a_key_person_leaning_to_a_competitor_nobody_works_on() -> None:
    account_map = story()
    ciso = account_map.stakeholders[2]
    ciso.favours = "initrode"  # matched case-insensitively to account.competitors
    [found] = run("G604", account_map)
    assert found.message.startswith("Sam Ray (CISO, high influence) favours Initrode, and nobody")
    assert found.subject == "ciso"


def test_g604_the_deal_s_competition_counts_too() -> None:
    account_map = story()
    account_map.stakeholders[2].favours = "Globex"
    assert run("G604", account_map) == []  # Globex is nobody's competitor here
    deal(account_map).competition = [Rival(name="Globex", status="evaluating")]
    assert len(run("G604", account_map)) == 1


def test_g604_silent_when_someone_owns_them_or_plans_to_meet_them() -> None:
    account_map = story()
    ciso = account_map.stakeholders[2]
    ciso.favours = "Initrode"
    account_map.actions = [action(people=["ciso"])]
    assert run("G604", account_map) == []
    account_map.actions = [action(people=["ciso"], status="done")]
    assert len(run("G604", account_map)) == 1  # a done action plans nothing
    ciso.owner = "tomas"
    assert run("G604", account_map) == []


# --- G101–G103 and G502 with a deal's own roles ------------------------------------------------


def test_g101_a_deal_whose_own_roles_name_no_economic_buyer() -> None:
    account_map = story()
    deal(account_map).roles = {"jkim": ["champion"]}
    [found] = run("G101", account_map)
    assert found.message == (
        "deal 'TMS rollout' has no economic buyer in its roles (the account has Mary Lee) — find "
        "who holds it for this deal and add them to its roles"
    )
    assert found.subject == "tms"
    assert run("G103", account_map) == []  # its champion is named


def test_g101_g102_a_role_held_only_in_a_deal_s_committee_counts_for_the_account() -> None:
    account_map = story()
    for person in account_map.stakeholders:
        person.roles = []
    deal(account_map).roles = {"mlee": ["economic_buyer"], "ciso": ["decision_maker"]}
    assert run("G101", account_map) == []
    assert run("G102", account_map) == []
    [champion] = run("G103", account_map)
    assert champion.message.startswith("no champion identified")


def test_g103_a_deal_s_committee_overrides_the_account_roles() -> None:
    account_map = story()
    deal(account_map).roles = {"mlee": ["economic_buyer", "champion"]}
    assert run("G103", account_map) == []
    deal(account_map).roles = {"mlee": ["economic_buyer"]}
    [found] = run("G103", account_map)
    assert "deal 'TMS rollout' has no champion in its roles (the account has Jin Kim)" in (
        found.message
    )
    deal(account_map).stage = "closed_lost"
    assert run("G103", account_map) == []


def test_g502_reads_the_deal_s_own_roles() -> None:
    account_map = story()
    deal(account_map).buying_group = ["mlee", "ciso"]
    account_map.stakeholders[2].roles = ["decision_maker"]
    assert run("G502", account_map) == []
    deal(account_map).roles = {"ciso": ["decision_maker"]}  # mlee is not its economic buyer
    [found] = run("G502", account_map)
    assert found.message.startswith(
        "open deal 'TMS rollout' has no economic buyer in its buying group (by the deal's own roles)"
    )
