"""G206 overdue-action and G207 no-plan."""

from __future__ import annotations

from datetime import date

from tests.rules.deal_story import action, run, story


def test_g206_an_open_action_past_its_due_date() -> None:
    account_map = story()
    account_map.actions = [action(people=["mlee"], due=date(2026, 11, 20))]
    [found] = run("G206", account_map)
    assert found.message == (
        "action 'Executive briefing' with Mary Lee (Dana Ruiz) was due 2026-11-20, 2 days ago — "
        "do it and mark it done, move its due date, or drop it"
    )
    assert (found.subject, found.severity) == ("mlee", "warning")


def test_g206_silent_when_due_today_later_done_dropped_or_undated() -> None:
    account_map = story()
    account_map.actions = [
        action(due=date(2026, 11, 22)),
        action(due=date(2026, 12, 1)),
        action(due=date(2026, 1, 1), status="done"),
        action(due=date(2026, 1, 1), status="dropped"),
        action(),
    ]
    assert run("G206", account_map) == []


def test_g207_a_key_person_out_of_touch_with_no_open_action() -> None:
    account_map = story()
    account_map.stakeholders[2].last_contact = date(2026, 3, 1)
    account_map.actions = [action(people=["mlee"])]
    [found] = run("G207", account_map)
    assert found.subject == "ciso"
    assert found.message.startswith(
        "Sam Ray (CISO, high influence) is not engaged (gone dark, 266 days ago) and no open "
        "action is with them"
    )
    assert found.severity == "info"


def test_g207_silent_with_an_open_action_when_engaged_or_without_a_plan() -> None:
    account_map = story()
    ciso = account_map.stakeholders[2]
    ciso.last_contact = date(2026, 3, 1)
    assert run("G207", account_map) == []  # a map without actions is not asked for a plan
    account_map.actions = [action(people=["ciso"])]
    assert run("G207", account_map) == []
    account_map.actions = [action(people=["ciso"], status="dropped")]
    assert len(run("G207", account_map)) == 1
    ciso.last_contact = date(2026, 11, 1)
    assert run("G207", account_map) == []
