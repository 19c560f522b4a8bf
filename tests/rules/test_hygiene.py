"""G4xx hygiene rules."""

from __future__ import annotations

from tests.rules.helpers import check, where

KEY = "stakeholders:\n  - {{id: a, name: Ann Lo, title: CIO, roles: [decision_maker]{extra}}}\n"

# --- G401 unknown-stance -----------------------------------------------------------------------


def test_g401_a_key_person_whose_stance_we_do_not_know() -> None:
    [found] = check("G401", KEY.format(extra=""))  # stance defaults to unknown
    assert found.message.startswith("Ann Lo (CIO, decision maker): stance unknown")
    assert check("G401", KEY.format(extra=", stance: neutral")) == []


def test_g401_not_for_people_without_power() -> None:
    assert check("G401", "stakeholders:\n  - {id: a, name: Ann, roles: [user]}\n") == []


# --- G402 missing-preferences ------------------------------------------------------------------


def test_g402_a_key_person_without_a_preferred_channel() -> None:
    [found] = check("G402", KEY.format(extra=""))
    assert found.severity == "info"
    assert "record prefers.channel" in found.message
    assert len(check("G402", KEY.format(extra=", prefers: {cadence: monthly}"))) == 1
    assert check("G402", KEY.format(extra=", prefers: {channel: email}")) == []


# --- G403 no-goals -----------------------------------------------------------------------------


def test_g403_an_account_without_goals() -> None:
    [found] = check("G403", "stakeholders: []\n")
    assert found.severity == "warning"
    assert found.message.startswith("no account goals")
    with_goals = "acmap: 1\naccount: {id: acme, name: Acme, goals: [Grow 10%]}\n"
    assert check("G403", with_goals) == []


# --- G404 stale-map ----------------------------------------------------------------------------


def _reviewed(day: str) -> str:
    return f"acmap: 1\naccount:\n  id: acme\n  name: Acme\n  reviewed: {day}\n"


def test_g404_edge_of_review_days() -> None:
    assert check("G404", _reviewed("2026-05-26")) == []  # exactly 180 days
    [found] = check("G404", _reviewed("2026-05-25"))  # 181 days
    assert found.message.startswith("last reviewed 2026-05-25, 181 days ago (limit 180)")
    assert where([found]) == [(5, 13)]  # the reviewed value
    assert check("G404", _reviewed("2026-05-25"), review_days=181) == []


def test_g404_a_map_never_reviewed() -> None:
    [found] = check("G404", "stakeholders: []\n")
    assert "never been reviewed" in found.message


# --- G405 unidentified-key-person --------------------------------------------------------------


def test_g405_a_placeholder_in_a_key_role() -> None:
    source = "stakeholders:\n  - {id: vpe, title: VP Engineering, roles: [decision_maker, user]}\n"
    [found] = check("G405", source)
    assert found.message.startswith("[VP Engineering] is decision maker but nobody is named")
    assert found.subject == "vpe"


def test_g405_quiet_for_named_people_and_placeholders_without_key_roles() -> None:
    assert check("G405", KEY.format(extra="")) == []
    assert check("G405", "stakeholders:\n  - {id: p, title: Buyer, roles: [procurement]}\n") == []
