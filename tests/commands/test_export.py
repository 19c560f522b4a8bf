"""`acmap export` end to end: one row per stakeholder as CSV, nested JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from tests.helpers import Result

from acmap.load import load_file

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
        "phone": "'+1 555 0100",  # OWASP: a leading + is a formula; import takes the ' off
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
    assert "57 stakeholders of 4 accounts written" in result.err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 57
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


# Formula starts (OWASP), line breaks a spreadsheet or a CSV reader trips on, and a cell that
# already starts with the quote export adds.
HOSTILE = [
    '=HYPERLINK("http://x")',
    "+1+1",
    "-2",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "'=quoted",
    "Pat\rO",
    "CR\r\nLF",
    "u\u2028v",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _hostile_map(people: bool = True) -> str:
    team = ", ".join(f"{{id: t{i}, name: {json.dumps(v)}}}" for i, v in enumerate(HOSTILE))
    units = "".join(f"  - {{id: u{i}, name: {json.dumps(v)}}}\n" for i, v in enumerate(HOSTILE))
    lines = [
        "acmap: 1",
        "account:",
        "  id: acme",
        '  name: "@SUM(A1)"',
        f"  team: [{team}]",
        "units:",
        units.rstrip("\n"),
        "stakeholders:" if people else "stakeholders: []",
    ]
    for i, value in enumerate(HOSTILE if people else []):
        title, email = json.dumps(HOSTILE[-1 - i]), f"-p{i}@acme.example"
        lines.append(
            f"  - {{id: p{i}, name: {json.dumps(value)}, title: {title}, unit: u{i}, "
            f'owner: t{i}, notes: {json.dumps(value)}, contact: {{email: "{email}", '
            'phone: "+1 555 0100"}}'
        )
    if people:
        lines += [
            "partners:",
            "  - {id: northwind, name: \"=cmd|' /C calc'!A0\", owner: t0, knows: [{stakeholder: p0}]}",
        ]
    return "\n".join(lines) + "\n"


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _no_formula(text: str) -> None:
    rows = _cells(text)
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), (cell, row)


def test_no_csv_cell_starts_a_formula(acmap: Acmap, write_map: Callable[[str, str], Path]) -> None:
    root = write_map("acme.yaml", _hostile_map()).parent.parent
    exported = acmap("export", cwd=root)
    assert exported.code == 0, exported.err
    _no_formula(exported.out)
    for argv in (["partners", "-f", "csv"], ["list", "-f", "csv"]):
        result = acmap(*argv, cwd=root)
        assert result.code in (0, 1), result.err
        _no_formula(result.out)
    assert "'=cmd|' /C calc'!A0" in acmap("partners", "-f", "csv", cwd=root).out
    assert ",'@SUM(A1)," in acmap("list", "-f", "csv", cwd=root).out


def test_import_reads_the_export_back_to_the_same_values(
    acmap: Acmap, write_map: Callable[[str, str], Path]
) -> None:
    root = write_map("acme.yaml", _hostile_map()).parent.parent
    exported = acmap("export", "-o", "people.csv", cwd=root)
    assert exported.code == 0, exported.err
    data = (root / "people.csv").read_bytes()
    assert b'"Pat\rO"' in data and b'"CR\r\nLF"' in data  # every line break quoted
    write_map("acme.yaml", _hostile_map(people=False))
    imported = acmap("import", "people.csv", "-a", "acme", cwd=root)
    assert imported.code == 0, imported.err
    assert f"{len(HOSTILE)} people added" in imported.out
    loaded = load_file(root / "maps" / "acme.yaml")
    assert loaded.map is not None, loaded.findings
    people = loaded.map.stakeholders
    assert [p.name for p in people] == HOSTILE
    assert [p.title for p in people] == HOSTILE[::-1]
    assert [p.contact.email if p.contact else None for p in people] == [
        f"-p{i}@acme.example" for i in range(len(HOSTILE))
    ]
    assert {p.contact.phone if p.contact else None for p in people} == {"+1 555 0100"}
    units = loaded.map.units_by_id()
    assert [units[p.unit].name if p.unit else None for p in people] == HOSTILE
    assert [p.owner for p in people] == [f"t{i}" for i in range(len(HOSTILE))]
    again = acmap("export", "-o", "again.csv", cwd=root)
    assert again.code == 0, again.err
    assert (root / "again.csv").read_bytes() == data
