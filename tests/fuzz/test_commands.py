"""Every command that reads maps, on generated maps valid and broken: findings or clean errors,
never an exception, never a hang (each example is bounded by pytest-timeout and a deadline)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from acmap.cli import app
from acmap.load import load_text
from tests.fuzz.strategies import account_maps, mutated_maps, to_yaml

RUNNER = CliRunner()
FUZZ = settings(
    deadline=None,  # each run starts commands; pytest-timeout bounds a hang, not the clock
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# Commands as a rep or CI would run them on the one account "fuzz".
READERS: list[list[str]] = [
    ["validate"],
    ["validate", "--format", "json"],
    ["gaps", "--format", "json"],
    ["gaps"],
    ["list", "--format", "json"],
    ["show", "fuzz"],
    ["render", "fuzz", "--format", "dot"],
    ["export", "--format", "json"],
    ["partners", "--format", "json"],
    ["path", "fuzz", "p0", "p1"],
    ["qualify", "--format", "json"],
    ["actions", "--format", "ics"],
]


@contextmanager
def project(text: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "maps").mkdir()
        (root / "maps" / "fuzz.yaml").write_text(text, encoding="utf-8")
        (root / "acmap.toml").write_text('today = "2026-11-22"\n')
        old = Path.cwd()
        os.chdir(root)
        try:
            yield root
        finally:
            os.chdir(old)


def run_all(text: str) -> None:
    with project(text):
        for argv in READERS:
            result = RUNNER.invoke(app, argv, env={"NO_COLOR": "1", "COLUMNS": "80"})
            assert result.exit_code in (0, 1, 2), (argv, result.output)
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                raise AssertionError(f"{argv} raised {result.exception!r}") from result.exception


@FUZZ
@given(account_maps())
def test_generated_valid_maps_load_clean_and_every_command_copes(document: dict) -> None:  # type: ignore[type-arg]
    text = to_yaml(document)
    loaded = load_text(text, "fuzz.yaml", stem="fuzz")
    assert [f for f in loaded.findings if f.severity == "error"] == []
    run_all(text)


@FUZZ
@given(mutated_maps())
def test_mutated_maps_give_findings_or_clean_errors(text: str) -> None:
    run_all(text)


@settings(deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_crash_validate(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        result = RUNNER.invoke(app, ["validate", str(path)])
        assert result.exit_code in (0, 1), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
