"""The `actions` subject: the engagement plan as text, JSON, CSV or an iCalendar file.

ics: one all-day VEVENT per open action on its `due` date (an action without a due date has no
day to sit on and is left out, counted on stderr). The UID is the action's stable uid
(acmap.analysis.plan), so importing the file again updates the events. Map text goes only into
SUMMARY and DESCRIPTION, escaped by the icalendar library; DTSTAMP is the report's today, so the
same plan on the same day gives the same bytes.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from acmap.report.layout import Segment
from acmap.report.terminal import Lines, width
from acmap.words import plural

if TYPE_CHECKING:
    from acmap.analysis.plan import PlannedAction, PlanResult

CSV_COLUMNS = (
    "account",
    "what",
    "owner",
    "with",
    "due",
    "status",
    "opportunity",
    "overdue",
    "file",
    "line",
)


def _when(action: PlannedAction) -> Segment:
    if action.due is None:
        return ("no due date", "dim")
    if action.overdue:
        return (f"{action.due.isoformat()} overdue {plural(action.days_late or 0, 'day')}", "red")
    return (action.due.isoformat(), "")


def to_text(result: PlanResult) -> None:
    total = width()
    out = Lines()
    for action in result.actions:
        out.hanging(
            [
                _when(action),
                ("·", "dim"),
                (action.account, "bold"),
                ("·", "dim"),
                (action.what, ""),
            ],
            total,
            4,
        )
        facts = [action.owner_name or "no owner"]
        if action.people:
            facts.append(f"with {action.with_names}")
        if action.opportunity:
            facts.append(f"for {action.opportunity_name or action.opportunity}")
        if action.status != "open":
            facts.append(action.status)
        facts.append(f"{action.file}:{action.line}")
        out.hanging([(" · ".join(facts), "dim")], total, 4, first=2)
    overdue = sum(1 for a in result.actions if a.overdue)
    summary = plural(len(result.actions), "action")
    if overdue:
        summary += f", {overdue} overdue"
    if result.actions:
        out.add()
    out.hanging([(summary, "bold")], total, 2)
    out.write()


def to_json(result: PlanResult) -> None:
    from acmap.report.json import JSON_VERSION, write_json

    write_json(
        sys.stdout,
        {
            "version": JSON_VERSION,
            "today": result.today.isoformat(),
            "actions": [a.as_json() for a in result.actions],
        },
    )


def to_csv(result: PlanResult) -> None:
    from acmap.crm.cells import csv_writer

    writer = csv_writer(sys.stdout)
    writer.writerow(CSV_COLUMNS)
    for a in result.actions:
        writer.writerow(
            [
                a.account,
                a.what,
                a.owner or "",
                ";".join(person for person, _ in a.people),
                a.due.isoformat() if a.due else "",
                a.status,
                a.opportunity or "",
                "yes" if a.overdue else "no",
                a.file,
                a.line,
            ]
        )


def calendar(result: PlanResult) -> bytes:
    """The open actions with a due date as an iCalendar file (RFC 5545)."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//acmap//engagement plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "acmap engagement plan")
    stamp = datetime.combine(result.today, time(0, 0), tzinfo=UTC)
    for action in result.actions:
        if action.status != "open" or action.due is None:
            continue
        event = icalendar.Event()
        event.add("uid", action.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", action.due)
        event.add("dtend", action.due + timedelta(days=1))
        event.add("summary", f"{action.what} ({action.account_name})")
        event.add("description", _description(action))
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def _description(action: PlannedAction) -> str:
    lines = [f"Account: {action.account_name} ({action.account})"]
    if action.owner_name:
        lines.append(f"Owner: {action.owner_name}")
    if action.people:
        lines.append(f"With: {action.with_names}")
    if action.opportunity:
        lines.append(f"Deal: {action.opportunity_name or action.opportunity}")
    lines.append(f"Map: {action.file}:{action.line}")
    return "\n".join(lines)


def to_ics(result: PlanResult) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(calendar(result))
    sys.stdout.buffer.flush()
    undated = sum(1 for a in result.actions if a.status == "open" and a.due is None)
    if undated:
        sys.stderr.write(
            f"acmap: {plural(undated, 'open action')} without a due date left out of the calendar\n"
        )


REPORTERS = {"text": to_text, "json": to_json, "csv": to_csv, "ics": to_ics}
