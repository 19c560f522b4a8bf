"""Hostile text never reaches the terminal raw: every text report makes control characters
in map text visible (report/layout.visible); acmap's own colours are the only escapes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from acmap.report.terminal import data, hanging, visible
from tests.helpers import in_pty, lumen_project, run_acmap

TODAY = ("--today", "2026-11-22")
# ESC[31m colour, an OSC window title ended by BEL, BEL, the one-byte CSI U+009B, DEL.
HOSTILE = r"\e[31mEVIL \e]0;pwned\a \u009b2J \x7fX"
SHOWN = "\\x1b[31mEVIL \\x1b]0;pwned\\x07 \\x9b2J \\x7fX"
_OWN_COLOURS = re.compile("\x1b\\[[0-9;]*m")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _hostile_project(root: Path) -> Path:
    names = (
        "name: Lumen Robotics",
        "name: Aditya Raman",
        "title: Co-founder & CTO",
        "name: Engineering,",
        "name: Stratus Cloud",
        "note: Johanna signs off nothing technical without Ravi",
    )
    lumen_project(root, names, HOSTILE, today="2026-11-22")
    (root / "maps" / "broken.yaml").write_text(
        f'acmap: 1\naccount: {{id: broken, name: Broken, tier: "{HOSTILE}"}}\n', encoding="utf-8"
    )
    # A file name is map text too: an invalid map named with escapes, in every finding line.
    (root / "maps" / "x\x1b]0;pwned\x07\x1b[31mEVIL.yaml").write_text(
        "acmap: 1\naccount: {id: x, name: X, tier: gold}\n", encoding="utf-8"
    )
    return root


COMMANDS = [
    ("show", "lumen-robotics"),
    ("show", "maps/x\x1b]0;pwned\x07\x1b[31mEVIL.yaml"),
    ("gaps",),
    ("path", "lumen-robotics", "ceo", "cto"),
    ("partners",),
    ("validate",),
    ("list",),
    ("render", "--all", "-o", "diagrams"),
]


def assert_no_raw_controls(text: str) -> None:
    """Once acmap's own colour codes are taken out, no control character is left but newline
    and tab; the hostile text is there, visibly."""
    assert "\x1b]0;" not in text and "\x1b[31mEVIL" not in text
    leftover = _CONTROL.findall(_OWN_COLOURS.sub("", text))
    assert not leftover, leftover


@pytest.mark.parametrize("colour", [{"FORCE_COLOR": "1", "NO_COLOR": ""}, {}])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_hostile_text_is_made_visible(
    tmp_path: Path, args: tuple[str, ...], colour: dict[str, str]
) -> None:
    root = _hostile_project(tmp_path)
    result = run_acmap(*args, *TODAY, cwd=root, env=colour)
    assert "internal error" not in result.err
    assert_no_raw_controls(result.out + result.err)
    assert "\\x1b[31mEVIL" in result.out + result.err


def test_export_keeps_data_exact_when_piped(tmp_path: Path) -> None:
    root = _hostile_project(tmp_path)
    result = run_acmap("export", cwd=root)
    assert "\x1b[31mEVIL" in result.out  # data for a program: the bytes the map holds


def test_export_to_a_terminal_makes_them_visible(tmp_path: Path) -> None:
    root = _hostile_project(tmp_path)
    out = in_pty(["export"], root)
    assert_no_raw_controls(out)
    assert "\\x1b[31mEVIL" in out


def test_visible_escapes_controls_and_keeps_layout() -> None:
    assert visible("a\x1b[31mb\x07\x9b\x7f\rc\n\td é") == "a\\x1b[31mb\\x07\\x9b\\x7f\\x0dc\n\td é"
    plain = "nothing to escape"
    assert visible(plain) is plain
    assert visible(visible("\x1b")) == "\\x1b"


def test_data_is_exact_unless_it_goes_to_a_terminal(tmp_path: Path) -> None:
    with open(tmp_path / "out.csv", "w", encoding="utf-8") as stream:
        assert data("a\x1bb", stream) == "a\x1bb"


def test_hanging_makes_words_visible_and_keeps_spans() -> None:
    text = hanging([("Acme\x1b]0;x\x07", "bold"), ("(acme)", "")], 80, 2)
    assert text.plain == "Acme\\x1b]0;x\\x07 (acme)"
    assert [(s.start, s.end, s.style) for s in text.spans] == [(0, 16, "bold")]


@pytest.mark.parametrize("colour", [{"FORCE_COLOR": "1", "NO_COLOR": ""}, {}])
def test_diff_makes_hostile_text_visible(tmp_path: Path, colour: dict[str, str]) -> None:
    from tests.helpers import commit, git

    root = _hostile_project(tmp_path)
    git(root, "init", "-q")
    commit(root, "hostile maps")
    path = root / "maps" / "lumen-robotics.yaml"
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace("stance: advocate", "stance: blocker", 1), encoding="utf-8")
    result = run_acmap("diff", *TODAY, cwd=root, env=colour)
    assert "internal error" not in result.err
    assert "EVIL" in result.out
    assert_no_raw_controls(result.out + result.err)
