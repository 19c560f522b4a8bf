"""The one registry of codes (acmap.format.codes) and the texts generated from it: the README's
two tables and `acmap gaps --help`."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from acmap.format.codes import (
    CODES,
    GAP_RULES,
    VALIDATION_CODES,
    UnknownRule,
    finding,
    main,
    rules_help,
    rules_table,
    select_rules,
    validation_table,
    with_tables,
)
from tests.helpers import REPO, Result

Acmap = Callable[..., Result]
README = REPO / "README.md"


def test_every_code_is_registered_once_with_a_kebab_name_severity_and_summary() -> None:
    assert list(CODES) == [*VALIDATION_CODES, *GAP_RULES]
    assert len({c.name for c in CODES.values()}) == len(CODES)
    for code, entry in CODES.items():
        assert entry.code == code
        assert re.fullmatch(r"[EWG]\d{3}", code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", entry.name)
        assert entry.severity in ("error", "warning", "info")
        assert entry.summary and "\n" not in entry.summary
        assert "|" not in entry.summary + entry.fix  # they become Markdown table cells
        assert bool(entry.fix) == code.startswith("G")  # every gap rule says how to fix it
    assert {c.severity for c in VALIDATION_CODES.values() if c.code.startswith("W")} == {"warning"}


def test_validation_findings_take_name_and_severity_from_the_registry() -> None:
    f = finding("maps/a.yaml", 3, 5, "W001", "account.id 'x' differs", account="x")
    assert (f.code, f.name, f.severity, f.line, f.col) == ("W001", "id-mismatch", "warning", 3, 5)


def test_the_readme_tables_are_the_registry_s() -> None:
    text = README.read_text(encoding="utf-8")
    assert with_tables(text) == text, "run: python -m acmap.format.codes README.md"
    assert validation_table() in text and rules_table() in text
    assert f"against {len(GAP_RULES)} rules" in text


def test_the_generator_rewrites_a_stale_table(tmp_path: Path) -> None:
    fresh = README.read_text(encoding="utf-8")
    stale = fresh.replace("| G403 | no-goals | warning |", "| G403 | no-goals | info |")
    assert stale != fresh
    copy = tmp_path / "README.md"
    copy.write_text(stale, encoding="utf-8")
    assert main([str(copy)]) == 0
    assert copy.read_text(encoding="utf-8") == fresh


def test_the_generator_refuses_a_readme_without_markers(tmp_path: Path) -> None:
    copy = tmp_path / "README.md"
    copy.write_text("# no tables here\n", encoding="utf-8")
    assert main([str(copy)]) == 2
    assert copy.read_text(encoding="utf-8") == "# no tables here\n"


def test_the_generator_runs_as_a_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "acmap.format.codes"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO / "src")},
        check=True,
    )
    assert done.stdout == f"{validation_table()}\n\n{rules_table()}\n"


def test_gaps_help_lists_every_rule_in_two_columns(acmap: Acmap) -> None:
    text = rules_help()
    rows = [line for line in text.splitlines() if re.match(r"  G\d{3} ", line)]
    assert len(rows) == (len(GAP_RULES) + 1) // 2
    rules = list(GAP_RULES.values())
    second = rules[len(rows)]  # down the first column, then the second
    assert re.fullmatch(rf"  G101 no-economic-buyer +{second.code} {second.name}", rows[0])
    cells = [re.findall(r"(G\d{3}) ([a-z-]+)", row) for row in rows]
    down_then_across = [row[0] for row in cells] + [row[1] for row in cells if len(row) == 2]
    assert down_then_across == [(c.code, c.name) for c in GAP_RULES.values()]
    shown = acmap("gaps", "--help").out
    assert "G101 no-economic-buyer" in shown and "G502 buying-group-gap" in shown


def test_gaps_help_does_not_import_the_rules() -> None:
    # `acmap gaps --help` must start fast: the registry is enough.
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, acmap.commands.gaps; print('acmap.rules' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO / "src")},
        check=True,
    )
    assert done.stdout.strip() == "False"


def test_select_rules_takes_codes_names_and_families() -> None:
    assert select_rules(["g201", "no-owner"]) == {"G201", "G203"}
    assert select_rules(["G3"]) == {"G301", "G302", "G303", "G304", "G305", "G306"}
    assert select_rules([]) == frozenset()
    with pytest.raises(UnknownRule, match=r"'gone-drak': no such rule \(did you mean 'gone-dark'"):
        select_rules(["gone-drak"])
    with pytest.raises(UnknownRule):
        select_rules(["G9"])
