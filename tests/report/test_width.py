"""`list`, `path`, `gaps` and `show` fit the terminal: no line wider than it, on a real
pseudo-terminal (its window size, no COLUMNS) and piped (COLUMNS); words are not cut, ids never."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.helpers import EXAMPLE_MAPS, REPO, in_pty, lumen_project, run_acmap

TODAY = ("--today", "2026-11-22")
WIDTHS = (60, 80, 120)
_ESCAPES = re.compile("\x1b\\[[0-9;]*m")

EXAMPLES = [
    ("list",),
    ("gaps",),
    *(("show", p.stem) for p in sorted(EXAMPLE_MAPS.glob("*.yaml"))),
    ("path", "halcyon-bank", "ceo", "cio"),
    ("path", "lumen-robotics", "dana", "ceo"),
]

LONG = "Extraordinarily Long Name With Many Words"
HOSTILE = r"\e[31mEVIL \e]0;pwned\a"  # YAML escapes: ESC colour, window title


def too_wide(text: str, columns: int) -> list[str]:
    return [line for line in _ESCAPES.sub("", text).splitlines() if cell_len(line) > columns]


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("args", EXAMPLES, ids=" ".join)
def test_example_maps_fit_when_piped(args: tuple[str, ...], columns: int) -> None:
    result = run_acmap(*args, *TODAY, env={"COLUMNS": str(columns)})
    assert result.code in (0, 1), result.err
    assert result.out.strip()
    assert too_wide(result.out, columns) == []


@pytest.mark.parametrize("columns", (60, 120))
@pytest.mark.parametrize("args", EXAMPLES, ids=" ".join)
def test_example_maps_fit_a_terminal(args: tuple[str, ...], columns: int) -> None:
    out = in_pty((*args, *TODAY), REPO, columns=columns)
    assert "\x1b[" in out  # coloured: it did see a terminal
    assert too_wide(out, columns) == []


def _long_project(root: Path) -> Path:
    """Lumen Robotics with long, hostile names everywhere a name is shown."""
    names = (
        "name: Lumen Robotics",
        "name: Dana Ruiz",
        "name: Aditya Raman",
        "title: Co-founder & CTO",
        "name: Engineering,",
        "name: Stratus Cloud",
        "name: Fleet telemetry analytics",
        "note: Johanna signs off nothing technical without Ravi",
    )
    return lumen_project(root, names, f"{LONG} {HOSTILE} {LONG}")


LONG_COMMANDS = [
    ("list",),
    ("gaps",),
    ("show", "lumen-robotics"),
    ("path", "lumen-robotics", "dana", "ceo"),
    ("path", "lumen-robotics", "ceo", "cto"),
]


@pytest.mark.parametrize("args", LONG_COMMANDS, ids=" ".join)
def test_long_hostile_names_fit(tmp_path: Path, args: tuple[str, ...]) -> None:
    root = _long_project(tmp_path)
    piped = run_acmap(*args, *TODAY, cwd=root, env={"COLUMNS": "60"})
    assert piped.code in (0, 1), piped.err
    assert piped.out.strip()
    assert too_wide(piped.out, 60) == []
    assert too_wide(in_pty((*args, *TODAY), root, columns=60), 60) == []


def test_a_narrow_list_leaves_columns_out_instead_of_cutting_words() -> None:
    result = run_acmap("list", *TODAY, env={"COLUMNS": "60"})
    lines = result.out.splitlines()
    assert lines[0].split() == ["ACCOUNT", "OWNER", "STATUS", "SCORE", "GAPS", "E/W/I"]
    ids = [line.split()[0] for line in lines[1:5]]
    assert ids == ["brightwater-foods", "halcyon-bank", "lumen-robotics", "meridian-health"]
    assert "Priya Natar…" in result.out  # a name too long for its column says it is shortened


def test_piped_without_columns_keeps_the_whole_table() -> None:
    result = run_acmap("list", *TODAY, env={"COLUMNS": ""})
    assert result.out.splitlines()[0].split()[:5] == [
        "ACCOUNT",
        "TIER",
        "OWNER",
        "PEOPLE",
        "ENGAGED",
    ]
    assert max(len(line) for line in result.out.splitlines()) > 90


def test_gaps_header_wraps_on_words_with_a_hanging_indent() -> None:
    lines = run_acmap("gaps", *TODAY, env={"COLUMNS": "60"}).out.splitlines()
    at = lines.index("  key · Dana Ruiz · maps/brightwater-foods.yaml · 4 errors,")
    assert lines[at + 1] == "    19 warnings, 2 info"


def test_path_is_coloured_on_a_terminal_only() -> None:
    args = ("path", "halcyon-bank", "ceo", "cio", *TODAY)
    coloured = in_pty(args, REPO, columns=100)
    assert "\x1b[" in coloured
    assert "Catherine Voss" in _ESCAPES.sub("", coloured)
    assert "\x1b[" not in in_pty(args, REPO, {"NO_COLOR": "1"}, columns=100)
    piped = run_acmap(*args, env={"NO_COLOR": ""})
    assert "\x1b[" not in piped.out and "Catherine Voss" in piped.out


def test_the_render_safety_map_fits(tmp_path: Path) -> None:
    """The hostile map of the render safety tests: markup, DOT, escapes, a line break in a
    title, right-to-left and CJK text (two columns a character)."""
    from tests.render.test_safety import hostile_map

    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "evil.yaml").write_text(hostile_map(), encoding="utf-8")
    for args in (("show", "evil"), ("gaps",), ("list",), ("path", "evil", "a", "c")):
        piped = run_acmap(*args, *TODAY, cwd=tmp_path, env={"COLUMNS": "60"})
        assert "internal error" not in piped.err
        assert too_wide(piped.out, 60) == [], args
        assert too_wide(in_pty((*args, *TODAY), tmp_path, columns=60), 60) == [], args


CJK = " ".join(["王小明株式会社"] * 8)  # each character two columns wide


def test_wide_characters_are_measured_in_columns(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "cjk.yaml").write_text(
        f"""acmap: 1
account:
  id: cjk
  name: "{CJK}"
  tier: key
  owner: dana
  team:
    - {{id: dana, name: "{CJK}"}}
stakeholders:
  - {{id: a, name: "{CJK}", title: "{CJK}", roles: [champion], stance: advocate}}
  - {{id: c, name: "{CJK}", reports_to: a}}
""",
        encoding="utf-8",
    )
    for args in (("show", "cjk"), ("gaps",), ("list",), ("path", "cjk", "a", "c")):
        piped = run_acmap(*args, *TODAY, cwd=tmp_path, env={"COLUMNS": "60"})
        assert "王小明" in piped.out, args
        assert too_wide(piped.out, 60) == [], args
        assert too_wide(in_pty((*args, *TODAY), tmp_path, columns=60), 60) == [], args
