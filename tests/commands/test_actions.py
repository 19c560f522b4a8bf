"""`acmap actions` end to end, on maps with an `actions` list: filters, order, exit codes, and the
calendar file parsed back by icalendar, with the same UIDs when run again."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import icalendar
from tests.helpers import Result, write_map_file

Acmap = Callable[..., Result]

PLAN = """\
acmap: 1
account:
  id: {id}
  name: {name}
  team: [{{id: dana, name: Dana Ruiz}}, {{id: tomas, name: Tomás Reyes}}]
  opportunities:
    - {{id: tms, name: TMS rollout, stage: proposal}}
stakeholders:
  - {{id: mlee, name: Mary Lee, title: CFO, owner: dana}}
  - {{id: ciso, name: Sam Ray, title: CISO, owner: tomas}}
actions:
  - {{what: Executive briefing, owner: dana, with: [mlee], due: 2026-12-10, opportunity: tms}}
  - {{what: Security workshop, owner: tomas, with: [ciso], due: 2026-11-01}}
  - {{what: Send the ROI model, owner: dana, with: [mlee]}}
  - {{what: Kick-off, owner: dana, due: 2026-10-01, status: done}}
"""


def project(root: Path) -> Path:
    (root / "acmap.toml").write_text('today = "2026-11-22"\n', encoding="utf-8")
    write_map_file(root, "acme.yaml", PLAN.format(id="acme", name="Acme Corp"))
    write_map_file(root, "globex.yaml", PLAN.format(id="globex", name="Globex"))
    return root


def test_json_overdue_first_with_filters(acmap: Acmap, tmp_path: Path) -> None:
    root = project(tmp_path)
    document = json.loads(acmap("actions", "-f", "json", cwd=root).out)
    assert document["version"] == 1 and document["today"] == "2026-11-22"
    assert [(a["account"], a["what"], a["overdue"]) for a in document["actions"]] == [
        ("acme", "Security workshop", True),
        ("globex", "Security workshop", True),
        ("acme", "Executive briefing", False),
        ("globex", "Executive briefing", False),
        ("acme", "Send the ROI model", False),
        ("globex", "Send the ROI model", False),
    ]
    mine = json.loads(acmap("actions", "acme", "--owner", "dana", "-f", "json", cwd=root).out)
    assert [a["what"] for a in mine["actions"]] == ["Executive briefing", "Send the ROI model"]
    done = json.loads(acmap("actions", "--status", "done", "-f", "json", cwd=root).out)
    assert [a["what"] for a in done["actions"]] == ["Kick-off", "Kick-off"]
    soon = acmap("actions", "--due-before", "2026-12-01", "-f", "json", cwd=root)
    assert {a["what"] for a in json.loads(soon.out)["actions"]} == {"Security workshop"}


def test_usage_mistakes_are_exit_2_with_a_reason(acmap: Acmap, tmp_path: Path) -> None:
    root = project(tmp_path)
    owner = acmap("actions", "--owner", "dan", cwd=root)
    assert owner.code == 2
    assert "--owner 'dan': no such team member in the selected maps (did you mean 'dana'?)" in (
        owner.err
    )
    day = acmap("actions", "--due-before", "soon", cwd=root)
    assert (day.code, day.err) == (
        2,
        "acmap: --due-before: 'soon' is not a date (expected YYYY-MM-DD)\n",
    )
    status = acmap("actions", "--status", "opne", cwd=root)
    assert status.code == 2 and "did you mean 'open'" in status.err


def test_ics_parses_back_and_a_rerun_keeps_every_uid(acmap: Acmap, tmp_path: Path) -> None:
    root = project(tmp_path)
    first = acmap("actions", "-f", "ics", cwd=root)
    assert first.code == 0
    assert first.err == "acmap: 2 open actions without a due date left out of the calendar\n"
    events = icalendar.Calendar.from_ical(first.out).walk("VEVENT")
    assert sorted(str(e["summary"]) for e in events) == [
        "Executive briefing (Acme Corp)",
        "Executive briefing (Globex)",
        "Security workshop (Acme Corp)",
        "Security workshop (Globex)",
    ]
    uids = {str(e["summary"]): str(e["uid"]) for e in events}
    assert len(set(uids.values())) == 4
    # Move a due date and reorder the plan: the same events, updated.
    path = root / "maps" / "acme.yaml"
    text = path.read_text(encoding="utf-8").replace("due: 2026-12-10", "due: 2026-12-17")
    head, _, plan = text.partition("actions:\n")
    lines = plan.splitlines(keepends=True)
    path.write_text(head + "actions:\n" + "".join(reversed(lines)), encoding="utf-8")
    again = icalendar.Calendar.from_ical(acmap("actions", "-f", "ics", cwd=root).out)
    assert {str(e["summary"]): str(e["uid"]) for e in again.walk("VEVENT")} == uids
    moved = [
        e for e in again.walk("VEVENT") if str(e["summary"]) == "Executive briefing (Acme Corp)"
    ]
    assert moved[0].decoded("dtstart").isoformat() == "2026-12-17"


def test_text_and_csv(acmap: Acmap, tmp_path: Path) -> None:
    root = project(tmp_path)
    text = acmap("actions", "acme", cwd=root).out.splitlines()
    assert text[0] == "2026-11-01 overdue 21 days · acme · Security workshop"
    assert text[-1] == "3 actions, 1 overdue"
    rows = acmap("actions", "acme", "-f", "csv", cwd=root).out.splitlines()
    assert rows[0] == "account,what,owner,with,due,status,opportunity,overdue,file,line"
    assert rows[2] == "acme,Executive briefing,dana,mlee,2026-12-10,open,tms,no,maps/acme.yaml,12"


def test_gaps_lists_the_plan_and_g206(acmap: Acmap, tmp_path: Path) -> None:
    root = project(tmp_path)
    out = acmap("gaps", "acme", "--today", "2026-11-28", cwd=root).out
    assert "planned: Executive briefing with Mary Lee (Dana Ruiz, due 2026-12-10) [plan]" in out
    assert "action 'Security workshop' with Sam Ray (Tomás Reyes) was due 2026-11-01" in out


def test_gaps_owner_lists_only_their_own_planned_actions(acmap: Acmap, tmp_path: Path) -> None:
    root = project(tmp_path)
    mine = acmap("gaps", "acme", "--owner", "dana", "--today", "2026-11-28", cwd=root).out
    assert "planned: Executive briefing" in mine
    theirs = acmap("gaps", "acme", "--owner", "tomas", "--today", "2026-11-28", cwd=root).out
    assert "acme — Acme Corp" in theirs  # tomas covers Sam Ray there
    assert "planned: Executive briefing" not in theirs
