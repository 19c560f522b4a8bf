"""`acmap export` end to end: one row per stakeholder as CSV, nested JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from tests.helpers import Result

Acmap = Callable[..., Result]

MAP = """\
acmap: 1
account:
  id: acme
  name: Acme Corp
  team: [{id: dana, name: Dana Ruiz}]
units:
  - {id: fin, name: Finance}
stakeholders:
  - id: mlee
    name: Mary Lee
    title: CFO
    unit: fin
    roles: [economic_buyer, decision_maker]
    stance: supporter
    influence: high
    owner: dana
    last_contact: 2026-09-14
    contact: {email: mary.lee@acme.example, phone: "+1 555 0100"}
  - {id: jkim, name: Jin Kim, reports_to: mlee}
"""


def test_csv_has_one_row_per_stakeholder(
    acmap: Acmap, write_map: Callable[[str, str], Path]
) -> None:
    root = write_map("acme.yaml", MAP).parent.parent
    result = acmap("export", cwd=root)
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert list(rows[0]) == [
        "account_id",
        "account_name",
        "id",
        "name",
        "title",
        "unit",
        "reports_to",
        "roles",
        "stance",
        "influence",
        "status",
        "owner",
        "last_contact",
        "email",
        "phone",
    ]
    assert rows[0] == {
        "account_id": "acme",
        "account_name": "Acme Corp",
        "id": "mlee",
        "name": "Mary Lee",
        "title": "CFO",
        "unit": "Finance",
        "reports_to": "",
        "roles": "economic_buyer;decision_maker",
        "stance": "supporter",
        "influence": "high",
        "status": "active",
        "owner": "Dana Ruiz",
        "last_contact": "2026-09-14",
        "email": "mary.lee@acme.example",
        "phone": "+1 555 0100",
    }
    assert rows[1]["reports_to"] == "Mary Lee"
    assert rows[1]["stance"] == "unknown"


def test_json_keeps_the_nesting(acmap: Acmap, write_map: Callable[[str, str], Path]) -> None:
    root = write_map("acme.yaml", MAP).parent.parent
    document = json.loads(acmap("export", "-f", "json", cwd=root).out)
    [account] = document["accounts"]
    mary, jin = account["stakeholders"]
    assert mary["unit"] == {"id": "fin", "name": "Finance"}
    assert mary["owner"] == {"id": "dana", "name": "Dana Ruiz"}
    assert mary["contact"] == {"email": "mary.lee@acme.example", "phone": "+1 555 0100"}
    assert mary["roles"] == ["economic_buyer", "decision_maker"]
    assert jin["reports_to"] == {"id": "mlee", "name": "Mary Lee"}


def test_the_example_portfolio(acmap: Acmap, tmp_path: Path) -> None:
    out = tmp_path / "people.csv"
    result = acmap("export", "-o", str(out))
    assert result.code == 0, result.err
    assert result.out == ""
    assert "56 stakeholders of 4 accounts written" in result.err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 56
    assert {r["account_id"] for r in rows} == {
        "brightwater-foods",
        "halcyon-bank",
        "lumen-robotics",
        "meridian-health",
    }
    ravi = next(r for r in rows if r["name"] == "Ravi Menon")
    assert ravi["reports_to"] == "[VP Engineering]"  # a placeholder, by its title
    assert ravi["unit"] == "Platform Engineering"


def test_bad_format_and_unknown_account(acmap: Acmap) -> None:
    assert acmap("export", "-f", "xml").code == 2
    result = acmap("export", "lumen-robotic")
    assert result.code == 2
    assert "did you mean" in result.err


def test_output_file_is_never_replaced_without_force(acmap: Acmap, tmp_path: Path) -> None:
    out = tmp_path / "contacts.csv"
    out.write_text("my CRM export\n", encoding="utf-8")
    refused = acmap("export", "-o", str(out))
    assert refused.code == 2
    assert f"{out} exists; add --force to replace it" in refused.err
    assert out.read_text(encoding="utf-8") == "my CRM export\n"
    forced = acmap("export", "-o", str(out), "--force")
    assert forced.code == 0, forced.err
    assert out.read_text(encoding="utf-8").startswith("account_id,account_name,id,")
