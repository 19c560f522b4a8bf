"""`acmap export --actions`: the engagement plan as CSV or JSON, one row per action."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from tests.helpers import run_acmap, write_map_file
from tests.load.test_deals import DEAL

PLAN = DEAL + (
    '  - {what: "Send the ROI model, v2", owner: dana, with: [mlee, jkim], status: done}\n'
)
OTHER = """\
acmap: 1
account: {id: initech, name: Initech}
stakeholders:
  - {id: bill, name: Bill Lumbergh}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_map_file(tmp_path, "acme.yaml", PLAN)
    write_map_file(tmp_path, "initech.yaml", OTHER)
    return tmp_path


def test_csv_has_one_row_per_action(project: Path) -> None:
    result = run_acmap("export", "--actions", cwd=project)
    assert result.code == 0, result.err
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows == [
        [
            "account_id",
            "account_name",
            "what",
            "owner",
            "with",
            "due",
            "status",
            "opportunity_id",
            "opportunity",
        ],
        [
            "acme",
            "Acme",
            "Executive briefing on freight TCO",
            "Dana Ruiz",
            "Mary Lee",
            "2026-12-10",
            "open",
            "tms",
            "TMS rollout",
        ],
        [
            "acme",
            "Acme",
            "Send the ROI model, v2",
            "Dana Ruiz",
            "Mary Lee;Jin Kim",
            "",
            "done",
            "",
            "",
        ],
    ]


def test_json_keeps_ids_and_names(project: Path) -> None:
    doc = json.loads(run_acmap("export", "--actions", "-f", "json", cwd=project).out)
    assert doc["version"] == 1
    assert [a["id"] for a in doc["accounts"]] == ["acme", "initech"]
    first, second = doc["accounts"][0]["actions"]
    assert first == {
        "what": "Executive briefing on freight TCO",
        "owner": {"id": "dana", "name": "Dana Ruiz"},
        "with": [{"id": "mlee", "name": "Mary Lee"}],
        "due": "2026-12-10",
        "status": "open",
        "opportunity": {"id": "tms", "name": "TMS rollout"},
    }
    assert second["opportunity"] is None and second["due"] is None
    assert doc["accounts"][1]["actions"] == []


def test_to_a_file_says_how_many(project: Path) -> None:
    result = run_acmap("export", "--actions", "-o", "plan.csv", cwd=project)
    assert result.code == 0, result.err
    assert result.err == "acmap: 2 actions of 2 accounts written to plan.csv\n"
    assert (project / "plan.csv").read_text(encoding="utf-8").count("\n") == 3


def test_without_the_flag_stakeholders_as_before(project: Path) -> None:
    out = run_acmap("export", cwd=project).out
    assert out.splitlines()[0].startswith("account_id,account_name,id,name,title")


def test_a_formula_in_an_action_is_not_run_by_a_spreadsheet(project: Path) -> None:
    write_map_file(
        project,
        "acme.yaml",
        PLAN.replace("what: Executive", 'what: "=HYPERLINK(1)"\n    x-was: Executive'),
    )
    rows = list(csv.reader(io.StringIO(run_acmap("export", "--actions", cwd=project).out)))
    assert not rows[1][2].startswith("=")


def test_help_documents_it() -> None:
    out = run_acmap("export", "--help", env={"COLUMNS": "120"}).out
    assert "--actions" in out and "one row per action" in out
