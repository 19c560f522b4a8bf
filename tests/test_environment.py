"""A hostile or odd environment changes nothing essential: COLUMNS=0 or nonsense, an ASCII
stdout, a HOME that does not exist. Run as a user would, also on a real pseudo-terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import in_pty, run_acmap

TODAY = ("--today", "2026-11-22")
INVALID = "acmap: 1\naccount: {id: bad, name: Bad, tier: gold}\n"


def _project(root: Path) -> Path:
    (root / "maps").mkdir(parents=True)
    (root / "maps" / "bad.yaml").write_text(INVALID, encoding="utf-8")
    return root


@pytest.mark.parametrize("columns", ["0", "-5", "abc", ""])
def test_a_nonsense_width_still_shows_the_findings(tmp_path: Path, columns: str) -> None:
    root = _project(tmp_path)
    for args in (("validate",), ("show", "maps/bad.yaml")):
        result = run_acmap(*args, cwd=root, env={"COLUMNS": columns, "FORCE_COLOR": "1"})
        assert result.code == 1, result.err
        assert "E005" in result.out


@pytest.mark.parametrize("columns", ["0", "-5", "abc"])
def test_a_nonsense_width_on_a_real_terminal(tmp_path: Path, columns: str) -> None:
    root = _project(tmp_path)
    out = in_pty(["validate"], root, {"COLUMNS": columns})
    assert "E005" in out and "1 file, 1 error" in out
    shown = in_pty(["show", "lumen-robotics", *TODAY], Path.cwd(), {"COLUMNS": columns})
    assert "Organisation" in shown and "Gaps" in shown


TEXT_COMMANDS = [
    ("validate",),
    ("gaps", *TODAY),
    ("list", *TODAY),
    ("show", "lumen-robotics", *TODAY),
    ("path", "lumen-robotics", "ceo", "cto", *TODAY),
    ("partners", *TODAY),
    ("export",),
]


@pytest.mark.parametrize("args", TEXT_COMMANDS, ids=" ".join)
def test_an_ascii_stdout_never_crashes(args: tuple[str, ...]) -> None:
    """Characters ASCII lacks (—, →, ·, é) come out as backslash escapes, never a crash."""
    result = run_acmap(*args, env={"PYTHONIOENCODING": "ascii"})
    assert "internal error" not in result.err and "Traceback" not in result.err
    assert result.code in (0, 1), result.err
    assert result.out


@pytest.mark.parametrize("args", [("validate",), ("show", "lumen-robotics", *TODAY), ("gaps",)])
def test_a_missing_home_changes_nothing(args: tuple[str, ...], tmp_path: Path) -> None:
    home = tmp_path / "nonexistent"
    result = run_acmap(*args, env={"HOME": str(home)})
    assert "internal error" not in result.err and "Traceback" not in result.err
    assert result.code in (0, 1) and result.out
