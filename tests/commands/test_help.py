"""--help: every command says what each option's value is (never Typer's `<str>`) and ends
with examples, real command lines."""

from __future__ import annotations

import re

import pytest
from tests.helpers import run_acmap

from acmap.cli import COMMANDS

NAMES = [name.rstrip("_") for name in COMMANDS]


@pytest.mark.parametrize("command", NAMES)
def test_help_has_examples_and_meaningful_metavars(command: str) -> None:
    result = run_acmap(command, "--help")
    assert result.code == 0, result.err
    assert not re.search(r"<[a-z ]+>", result.out), result.out
    assert result.out.startswith(f"Usage: acmap {command} ")
    examples = result.out.split("Examples:\n", 1)[1].splitlines()
    assert examples and all(line.startswith(f"    acmap {command}") for line in examples)


def test_metavars_say_what_the_value_is() -> None:
    out = run_acmap("gaps", "--help").out
    for option in ("--today DATE", "--rule CODE", "--severity LEVEL", "--format FORMAT"):
        assert option in out
    assert "Usage: acmap gaps [OPTIONS] [PATH]..." in out
    assert "--output PATH" in run_acmap("render", "--help").out


@pytest.mark.parametrize("command", ["gaps", "list", "show", "path"])
def test_the_examples_run(command: str) -> None:
    """The first example of each reading command works on the example maps."""
    first = run_acmap(command, "--help").out.split("Examples:\n", 1)[1].splitlines()[0]
    words = first.split()[1:]
    result = run_acmap(*words, "--today", "2026-11-22")
    assert result.code in (0, 1), result.err
    assert result.out
