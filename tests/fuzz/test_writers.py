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
    deadline=None,  # each run starts commands; pytest-timeout bounds a hang, not the clock
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


# Text that breaks CSV: formula starts (OWASP), a start export must quote twice, and every
# kind of line break (CR alone, CRLF, U+2028) inside a cell.
CSV_HOSTILE = st.builds(
    lambda head, body, tail: head + body + tail,
    st.sampled_from(["", "=", "+", "-", "@", "\t", "\r", "'=", "''-", " @", "'"]),
    st.sampled_from(["Ana", "1+1", 'HYPERLINK("http://x")', "SUM(A1)", "a,b", 'q"q']),
    st.sampled_from(["", "\r", "\r\n", "\n", "\u2028", "\rx", "\r\ny", "\u2028z"]),
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@st.composite
def csv_hostile_maps(draw: st.DrawFn) -> dict[str, Any]:
    """A valid map whose names and titles (people, units, the account) are CSV_HOSTILE."""
    document = draw(account_maps(max_people=6))
    for person in document["stakeholders"]:
        for key in ("name", "title"):
            if key in person and draw(st.booleans()):
                person[key] = draw(CSV_HOSTILE)
    for unit in document["units"][1:]:
        unit["name"] = draw(CSV_HOSTILE)
    document["account"]["name"] = draw(CSV_HOSTILE)
    return document


@settings(WRITERS, max_examples=25)  # two CLI runs an example: keep CI fast
@given(csv_hostile_maps())
def test_export_of_hostile_text_is_safe_and_reads_back(document: dict[str, Any]) -> None:
    import csv
    import io

    from acmap.crm.contacts import read_contacts

    text = to_yaml(document)
    with project(text) as root:
        exported = RUNNER.invoke(app, ["export", "-o", "people.csv"])
        assert exported.exit_code == 0, exported.output
        data = (root / "people.csv").read_bytes()
        for row in csv.reader(io.StringIO(data.decode("utf-8"), newline="")):
            assert not any(cell.startswith(FORMULA_STARTS) for cell in row), row
        # acmap's own reader gets every name and title back as the map has it.
        rows = read_contacts(data, "people.csv").rows
        people = document["stakeholders"]
        assert [r.values.get("id") for r in rows] == [p["id"] for p in people]
        for row, person in zip(rows, people, strict=True):
            for key in ("name", "title"):
                # (a cell import would strip keeps its spaces when export quoted it: '\tAna)
                assert row.values.get(key, "").strip() == (person.get(key) or "").strip()
        before = (root / "maps" / "fuzz.yaml").read_bytes()
        imported = RUNNER.invoke(app, ["import", "people.csv", "--account", "fuzz"])
        assert imported.exit_code == 0, imported.output
        assert (root / "maps" / "fuzz.yaml").read_bytes() == before


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
