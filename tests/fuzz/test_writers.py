"""The commands that write, on generated maps: fmt is idempotent and keeps the data; export →
import changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from ruamel.yaml import YAML
from typer.testing import CliRunner

from acmap.cli import app
from acmap.edit.fmt import format_text
from tests.fuzz.strategies import account_maps, to_yaml
from tests.fuzz.test_commands import project

RUNNER = CliRunner()
WRITERS = settings(
    deadline=10_000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def data(text: str) -> Any:
    return YAML(typ="safe").load(text)


@WRITERS
@given(account_maps())
def test_fmt_is_idempotent_and_keeps_every_value(document: dict[str, Any]) -> None:
    text = to_yaml(document)
    once = format_text(text, "fuzz.yaml")
    assert format_text(once, "fuzz.yaml") == once
    assert data(once) == data(text)


@WRITERS
@given(account_maps())
def test_export_then_import_changes_nothing(document: dict[str, Any]) -> None:
    text = to_yaml(document)
    with project(text) as root:
        exported = RUNNER.invoke(app, ["export", "-o", "people.csv"])
        assert exported.exit_code == 0, exported.output
        before = (root / "maps" / "fuzz.yaml").read_bytes()
        imported = RUNNER.invoke(app, ["import", "people.csv", "--account", "fuzz"])
        assert imported.exit_code == 0, imported.output
        assert Path(root / "maps" / "fuzz.yaml").read_bytes() == before
