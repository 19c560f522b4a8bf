"""`acmap partners` end to end: partner overlap across the portfolio."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from tests.helpers import Result
from tests.snapshots import assert_snapshot

Acmap = Callable[..., Result]
TODAY = ("--today", "2026-11-22")


def _account(account_id: str, known: str) -> str:
    return f"""\
acmap: 1
account:
  id: {account_id}
  name: {account_id.title()} Inc
  team: [{{id: omar, name: Omar Haddad}}]
  opportunities:
    - {{id: deal, name: Deal, stage: proposal, amount: 1000, currency: EUR, buying_group: [cfo]}}
stakeholders:
  - {{id: cfo, name: Cat Fox, title: CFO, roles: [economic_buyer]}}
  - {{id: dev, name: Dev Null, title: Developer}}
partners:
  - id: northwind
    name: Northwind Consulting
    type: si
    owner: omar
    knows: [{{stakeholder: {known}, strength: strong}}]
"""


def _portfolio(write_map: Callable[[str, str], Path]) -> Path:
    write_map("alpha.yaml", _account("alpha", "cfo"))
    return write_map("beta.yaml", _account("beta", "dev")).parent.parent


def test_which_partner_knows_whom_where(
    acmap: Acmap, write_map: Callable[[str, str], Path]
) -> None:
    root = _portfolio(write_map)
    result = acmap("partners", *TODAY, cwd=root, env={"COLUMNS": "200"})
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("Northwind Consulting (northwind, si) — 2 accounts")
    assert "knows 2 people, 1 key" in out
    assert "open deals reached EUR 1,000" in out
    assert "• Cat Fox, CFO — economic buyer · stance unknown · knows them well" in out
    assert (
        "key, not engaged (never contacted) — ask Omar Haddad to request an introduction (G501)"
        in out
    )
    assert out.index("alpha — Alpha Inc") < out.index("beta — Beta Inc")  # power first


def test_json_and_csv(acmap: Acmap, write_map: Callable[[str, str], Path]) -> None:
    root = _portfolio(write_map)
    document = json.loads(acmap("partners", "-f", "json", *TODAY, cwd=root).out)
    [northwind] = document["partners"]
    assert northwind["totals"] == {
        "accounts": 2,
        "people": 2,
        "key_stakeholders": 1,
        "open_opportunities": {"EUR": 1000},
        "introductions": 1,
    }
    rows = list(csv.DictReader(io.StringIO(acmap("partners", "-f", "csv", *TODAY, cwd=root).out)))
    assert [(r["account_id"], r["stakeholder_id"], r["key"]) for r in rows] == [
        ("alpha", "cfo", "yes"),
        ("beta", "dev", "no"),
    ]
    assert rows[0]["introduction"].startswith("Northwind Consulting knows Cat Fox")


def test_one_partner_and_a_typo(acmap: Acmap) -> None:
    result = acmap("partners", "--partner", "stratus-cloud", *TODAY)
    assert result.code == 0, result.err
    assert result.out.startswith("Stratus Cloud (stratus-cloud, technology) — 3 accounts")
    assert "Johanna Lindberg, Co-founder & CTO" in result.out
    typo = acmap("partners", "--partner", "stratus", *TODAY)
    assert typo.code == 2
    assert "did you mean stratus-cloud (Stratus Cloud)?" in typo.err


def test_example_maps_summary(acmap: Acmap) -> None:
    result = acmap("partners", *TODAY)
    assert result.code == 0, result.err
    assert_snapshot("partners", result.out)
    assert result.out.rstrip().endswith(
        "7 partners at 4 of 4 accounts; they know 18 people, 10 of them key; "
        "7 introductions to ask for"
    )


def test_no_partners_and_a_broken_map(acmap: Acmap, write_map: Callable[[str, str], Path]) -> None:
    write_map("plain.yaml", "acmap: 1\naccount: {id: plain, name: Plain}\n")
    root = write_map("broken.yaml", "acmap: 1\naccount: {id: broken}\n").parent.parent
    result = acmap("partners", cwd=root)
    assert result.code == 0
    assert result.out == "No partners in 1 account.\n"
    assert "1 map file with errors left out" in result.err


def test_long_lines_wrap_with_a_hanging_indent(acmap: Acmap) -> None:
    result = acmap("partners", *TODAY, env={"COLUMNS": "60"})
    lines = result.out.splitlines()[:-1]  # the closing summary is one line, as a total reads
    assert max(len(line) for line in lines) <= 60
    # A wrapped line carries on two columns further in than the line it continues.
    assert (
        "    • Rosa Delgado, Chief Information Officer — decision\n"
        "      maker · neutral · knows them well\n"
        "      key, not engaged (last contact 2026-06-18) — ask Tomás\n"
        "        Reyes to request an introduction (G501)\n"
    ) in result.out
