"""report/: each subject's REPORTERS table serves every format its command offers, and a finding
reads the same wherever it is written."""

from __future__ import annotations

import importlib

import pytest

from acmap.findings import Finding
from acmap.report import reporter
from acmap.report.findings import finding_line, finding_segments, tally

SUBJECTS = {"validate": "findings", "gaps": "gaps", "list": "portfolio", "partners": "partners"}


@pytest.mark.parametrize("command", sorted(SUBJECTS))
def test_every_format_of_a_command_has_a_reporter(command: str) -> None:
    formats = importlib.import_module(f"acmap.commands.{command}").FORMATS
    table = importlib.import_module(f"acmap.report.{SUBJECTS[command]}").REPORTERS
    assert set(table) == set(formats)
    for output_format in formats:
        assert callable(reporter(SUBJECTS[command], output_format))


def test_one_finding_line() -> None:
    f = Finding("maps/acme.yaml", 7, 3, "G101", "no-economic-buyer", "error", "no buyer")
    assert finding_line(f) == "maps/acme.yaml:7:3: G101 no-economic-buyer no buyer"
    assert "".join(text for text, _ in finding_segments(f)) == finding_line(f)
    assert dict(finding_segments(f))["G101"] == "bold red"


def test_tally() -> None:
    assert tally({"error": 1, "warning": 2, "info": 3}) == "1 error, 2 warnings, 3 info"
    assert tally({"error": 0, "warning": 1, "info": 0}) == "1 warning"
    assert (
        tally({"error": 0, "warning": 0, "info": 0}, zeros=True) == "0 errors, 0 warnings, 0 info"
    )
