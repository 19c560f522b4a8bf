"""The engagement plan (`acmap actions`): filters, overdue first, CSV, and the calendar parsed
back by icalendar with the same UIDs on every run.

The maps are part one's YAML with `actions` set on the model (the loader of SPEC §7 reads them
into the same types); the reporters write to the real stdout, captured.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acmap.analysis.plan import PlannedAction, PlanResult, choose, due_soon, planned
from acmap.model import AccountMap
from acmap.report.actions import calendar, to_csv, to_text
from tests.rules.deal_story import action, story

TODAY = date(2026, 11, 22)


def plan_map() -> AccountMap:
    account_map = story()
    account_map.actions = [
        action("Executive briefing", people=["mlee"], due=date(2026, 12, 10), opportunity="tms"),
        action("Security workshop", owner="tomas", people=["ciso"], due=date(2026, 11, 1)),
        action("Reference call", people=["jkim"], due=date(2026, 11, 15)),
        action("Send the ROI model", people=["mlee"]),
        action("Kick-off", people=["jkim"], due=date(2026, 10, 1), status="done"),
        action("Golf day", owner="tomas", due=date(2026, 12, 1), status="dropped"),
    ]
    return account_map


def whats(actions: list[PlannedAction]) -> list[str]:
    return [a.what for a in actions]


def result(actions: list[PlannedAction]) -> PlanResult:
    return PlanResult(actions, TODAY, [], [])


def test_overdue_first_the_longest_overdue_first_then_by_due_undated_last() -> None:
    chosen = choose(planned(plan_map(), TODAY))
    assert whats(chosen) == [
        "Security workshop",
        "Reference call",
        "Executive briefing",
        "Send the ROI model",
    ]
    assert [a.overdue for a in chosen] == [True, True, False, False]
    assert chosen[0].days_late == 21


def test_filters_owner_due_before_and_status() -> None:
    everything = planned(plan_map(), TODAY)
    assert whats(choose(everything, owner="tomas")) == ["Security workshop"]
    assert whats(choose(everything, owner="tomas", status="all")) == [
        "Security workshop",
        "Golf day",
    ]
    assert whats(choose(everything, due_before=date(2026, 11, 15))) == ["Security workshop"]
    assert whats(choose(everything, status="done")) == ["Kick-off"]
    assert whats(choose(everything, status="dropped")) == ["Golf day"]
    assert len(choose(everything, status="all")) == 6


def test_due_soon_is_open_overdue_or_within_14_days() -> None:
    soon = due_soon(planned(plan_map(), TODAY), TODAY)
    assert whats(soon) == ["Security workshop", "Reference call"]  # the briefing is 18 days out
    later = date(2026, 11, 26)  # the briefing 14 days out; the dropped golf day never counts
    assert whats(due_soon(planned(plan_map(), later), later)) == [
        "Security workshop",
        "Reference call",
        "Executive briefing",
    ]


def test_the_calendar_parses_back_one_all_day_event_per_dated_open_action() -> None:
    chosen = choose(planned(plan_map(), TODAY), status="all")
    parsed = icalendar.Calendar.from_ical(calendar(result(chosen)))
    events = parsed.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [
        "Security workshop (Acme Corp)",
        "Reference call (Acme Corp)",
        "Executive briefing (Acme Corp)",
    ]
    briefing = events[2]
    assert briefing.decoded("dtstart") == date(2026, 12, 10)
    assert briefing.decoded("dtend") == date(2026, 12, 11)
    assert str(briefing["description"]).splitlines() == [
        "Account: Acme Corp (acme)",
        "Owner: Dana Ruiz",
        "With: Mary Lee",
        "Deal: TMS rollout",
        f"Map: maps/acme.yaml:{chosen[2].line}",
    ]


def test_uids_are_the_same_on_every_run_and_survive_a_new_date_and_a_new_order() -> None:
    first = icalendar.Calendar.from_ical(calendar(result(choose(planned(plan_map(), TODAY)))))
    again = plan_map()
    again.actions.reverse()
    again.actions[-1].due = date(2026, 12, 20)  # "Executive briefing" moved
    second = icalendar.Calendar.from_ical(calendar(result(choose(planned(again, TODAY)))))
    by_summary = {str(e["summary"]): str(e["uid"]) for e in first.walk("VEVENT")}
    assert by_summary == {str(e["summary"]): str(e["uid"]) for e in second.walk("VEVENT")}
    assert len(set(by_summary.values())) == 3
    assert calendar(result(choose(planned(plan_map(), TODAY)))) == calendar(
        result(choose(planned(plan_map(), TODAY)))
    )


def test_two_identical_actions_get_two_uids() -> None:
    account_map = story()
    account_map.actions = [action(due=date(2026, 12, 1)), action(due=date(2026, 12, 8))]
    uids = [a.uid for a in planned(account_map, TODAY)]
    assert len(set(uids)) == 2


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=80))
def test_any_action_text_stays_text_in_the_calendar(what: str) -> None:
    account_map = story()
    account_map.actions = [action(what, due=date(2026, 12, 1))]
    account_map.account.name = what
    [event] = icalendar.Calendar.from_ical(calendar(result(planned(account_map, TODAY)))).walk(
        "VEVENT"
    )
    # One event with exactly our properties: no text became a property or a component.
    assert set(event) == {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "TRANSP"}
    lines = what.replace("\r\n", "\n").replace("\r", "\n")  # iCalendar text has one line break
    assert str(event["summary"]) == f"{lines} ({lines})"
    assert str(event["description"]).startswith(f"Account: {lines} (acme)")


def test_csv_has_a_row_per_action_with_formulas_neutralised(
    capsys: pytest.CaptureFixture[str],
) -> None:
    account_map = plan_map()
    account_map.actions[0].what = '=HYPERLINK("http://x")'
    to_csv(result(choose(planned(account_map, TODAY))))
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["account", "what", "owner", "with", "due", "status", "opportunity",
                       "overdue", "file", "line"]  # fmt: skip
    assert rows[1][:8] == [
        "acme",
        "Security workshop",
        "tomas",
        "ciso",
        "2026-11-01",
        "open",
        "",
        "yes",
    ]
    assert rows[3][1] == '\'=HYPERLINK("http://x")'
    assert len(rows) == 5


def test_text_says_what_is_overdue(capsys: pytest.CaptureFixture[str]) -> None:
    to_text(result(choose(planned(plan_map(), TODAY))))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "2026-11-01 overdue 21 days · acme · Security workshop"
    assert lines[1] == "  Tomás Reyes · with Sam Ray · maps/acme.yaml:" + lines[1].rsplit(":", 1)[1]
    assert lines[-1] == "4 actions, 2 overdue"
