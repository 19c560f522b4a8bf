"""The commands that write, on generated maps: fmt is idempotent and keeps the data; export →
import changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from typer.testing import CliRunner

from acmap.cli import app
from acmap.edit.fmt import FormatError, comments, format_text
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


@st.composite
def commented_maps(draw: st.DrawFn) -> tuple[str, str]:
    """A valid map as (plain text, the same with comments on their own lines and at line
    ends). The dumper writes keys in alphabetical order, far from the format's: fmt must
    reorder nearly everything."""
    lines = to_yaml(draw(account_maps(max_people=6))).splitlines()
    out: list[str] = []
    for number, line in enumerate(lines):
        if number and draw(st.integers(0, 3)) == 0:
            indent = len(line) - len(line.lstrip(" "))
            out.append(" " * draw(st.sampled_from([0, indent])) + f"# above {number}")
        if draw(st.integers(0, 5)) == 0:
            line += f"  # after {number}"
        out.append(line)
    return "\n".join(lines) + "\n", "\n".join(out) + "\n"


@WRITERS
@given(commented_maps())
def test_fmt_reorders_without_losing_or_duplicating_a_comment(texts: tuple[str, str]) -> None:
    plain, text = texts
    assume(data(text) == data(plain))  # a "comment" drawn inside a multi-line scalar is data
    try:
        once = format_text(text, "fuzz.yaml")
    except FormatError as refused:
        # The safety net: a layout that would lose, move into data or break a comment is
        # refused and the file left as it is. Rare, and never silent.
        assert "file left as it is" in str(refused)
        return
    assert comments(once) == comments(text)
    assert data(once) == data(text)
    assert format_text(once, "fuzz.yaml") == once
