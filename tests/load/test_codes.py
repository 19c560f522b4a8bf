"""Every validation code of SPEC §3, each from a fixture that says what it expects, where."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from acmap.format.codes import VALIDATION_CODES
from acmap.load import load_file
from tests.helpers import FIXTURES

INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\w+) (\d+):(\d+)$", re.MULTILINE)


def expectations(path: Path) -> list[tuple[str, int, int]]:
    text = path.read_text(encoding="utf-8")
    return [(code, int(line), int(col)) for code, line, col in EXPECT.findall(text)]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_fixture_reports_its_code_at_its_line_and_column(path: Path) -> None:
    loaded = load_file(path)
    found = [(f.code, f.line, f.col) for f in loaded.findings]
    assert expectations(path), f"{path.name} has no '# expect:' line"
    assert found == expectations(path)


def test_every_code_except_cross_file_ones_has_a_fixture() -> None:
    covered = {code for path in INVALID for code, _, _ in expectations(path)}
    # E010 needs two files: tests/load/test_portfolio.py covers it.
    assert covered | {"E010"} == set(VALIDATION_CODES)


@pytest.mark.parametrize("path", sorted((FIXTURES / "valid").glob("*.yaml")), ids=lambda p: p.stem)
def test_valid_fixtures_load_clean(path: Path) -> None:
    loaded = load_file(path)
    assert loaded.findings == []
    assert loaded.map is not None
