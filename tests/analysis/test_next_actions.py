"""`acmap gaps`' next actions and the plan: actions due soon are listed, and a gap about someone an
open action is `with` says what is planned instead of repeating its advice."""

from __future__ import annotations

from datetime import date

from acmap.analysis.health import assess
from acmap.analysis.priority import next_actions
from acmap.model import AccountMap
from acmap.settings import GapSettings
from tests.rules.deal_story import action, story

TODAY = date(2026, 11, 22)


def gone_dark_ciso() -> AccountMap:
    account_map = story()
    account_map.stakeholders[2].last_contact = date(2026, 3, 1)  # G201 about ciso
    return account_map


def texts(account_map: AccountMap) -> list[tuple[str, str | None]]:
    report = assess(account_map, GapSettings(), TODAY)
    return [(a.text, a.code) for a in next_actions([report], limit=5, per_account=5)]


def test_a_gap_an_open_action_answers_says_planned() -> None:
    account_map = gone_dark_ciso()
    before = {code: text for text, code in texts(account_map)}
    assert before["G201"].startswith("Sam Ray (CISO, high influence): last contact 2026-03-01")
    assert " — re-engage" in before["G201"]
    account_map.actions = [
        action("Security workshop", owner="tomas", people=["ciso"], due=date(2026, 12, 20))
    ]
    after = {code: text for text, code in texts(account_map)}
    assert after["G201"] == (
        "Sam Ray (CISO, high influence): last contact 2026-03-01, 266 days ago — planned: "
        "Security workshop with Sam Ray (Tomás Reyes, due 2026-12-20)"
    )


def test_actions_due_within_14_days_follow_the_gaps() -> None:
    account_map = story()
    account_map.actions = [
        action("Executive briefing", people=["mlee"], due=date(2026, 12, 6)),  # 14 days
        action("Far off", due=date(2026, 12, 7)),  # 15 days: not yet
        action("Done already", due=date(2026, 11, 30), status="done"),
        action("Late", due=date(2026, 11, 20)),  # overdue: G206 says so
    ]
    listed = texts(account_map)
    planned = [text for text, code in listed if code is None]
    assert planned == ["planned: Executive briefing with Mary Lee (Dana Ruiz, due 2026-12-06)"]
    assert ("G206" in {code for _, code in listed}) and listed[-1][1] is None
    assert not any("Far off" in text or "Done already" in text for text, _ in listed)


def test_without_a_plan_the_next_actions_are_the_gaps_as_before() -> None:
    account_map = gone_dark_ciso()
    report = assess(account_map, GapSettings(), TODAY)
    listed = next_actions([report])
    assert all(a.code is not None for a in listed)
    by_code = {f.code: f.message for f in report.findings}
    assert all(a.text == by_code[a.code] for a in listed if a.code)
