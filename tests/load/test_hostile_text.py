"""Hostile text the loader must refuse (issue 12): Unicode line breaks before sigils, numbers too
large to compute with, negative counts."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from acmap.load import load_text
from tests.helpers import run_acmap, write_map_file

BREAKS = ["\u2028", "\u2029", "\x85"]


def hostile_map(brk: str) -> str:
    """A small map (the red team's was 1.7 kB): a python/object/apply tag and a billion-laughs
    bomb, every sigil right after a line break that libyaml knows and ASCII does not."""
    lines = [f'a0: [{brk}&a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]]']
    for i in range(1, 10):
        items = ",".join(f"{brk}*a{i - 1}" for _ in range(9))
        lines.append(f"a{i}: [{brk}&a{i} [{items}]]")
    bomb = "\n    ".join(lines)
    return (
        "acmap: 1\naccount:\n  id: acme\n  name: Acme\n"
        f"  x-run: [{brk}!!python/object/apply:os.system [echo pwned]]\n"
        f"  x-bomb:\n    {bomb}\n"
    )


@pytest.mark.parametrize("brk", BREAKS, ids=["U+2028", "U+2029", "U+0085"])
def test_a_tag_and_an_alias_bomb_after_a_unicode_line_break_are_e011(brk: str) -> None:
    text = hostile_map(brk)
    assert len(text.encode()) < 2000
    started = time.perf_counter()
    loaded = load_text(text, "acme.yaml", stem="acme")
    assert time.perf_counter() - started < 1.0
    assert loaded.map is None
    assert "E011" in {f.code for f in loaded.findings}


@pytest.mark.parametrize(
    "value",
    [
        "[\u2028\ufeff!!python/object:os.system []]",  # libyaml skips a BOM at a line start
        "[\u2029!!python/object:os.system []]",
        "[1,\x85!!python/object:os.system []]",
        "{a: 1,\u2028!!python/name:os.system x}",
    ],
)
def test_a_tag_after_any_break_is_e011(value: str) -> None:
    text = f"acmap: 1\naccount:\n  id: acme\n  name: Acme\n  x-a: {value}\n"
    loaded = load_text(text, "acme.yaml", stem="acme")
    assert [f.code for f in loaded.findings] == ["E011"], repr(value)


def test_validate_and_fmt_refuse_the_hostile_map_fast(tmp_path: Path) -> None:
    write_map_file(tmp_path, "acme.yaml", "")
    (tmp_path / "maps" / "acme.yaml").write_text(hostile_map("\u2028"), encoding="utf-8")
    started = time.perf_counter()
    result = run_acmap("validate", "--no-cache", cwd=tmp_path, timeout=20)
    assert result.code == 1 and "E011" in result.out, result.out + result.err
    result = run_acmap("fmt", "--check", cwd=tmp_path, timeout=20)
    assert result.code != 0 and "Traceback" not in result.err
    assert "E011" in result.out + result.err
    assert time.perf_counter() - started < 20


def amount_map(amount: str, employees: str = "10") -> str:
    return (
        "acmap: 1\naccount:\n  id: acme\n  name: Acme\n"
        f"  employees: {employees}\n  revenue: 1000\n"
        f"  opportunities:\n    - {{id: big, name: Big, amount: {amount}}}\n"
    )


@pytest.mark.parametrize(
    ("amount", "employees", "words"),
    [
        ("9" * 401, "10", "too large"),
        ("1e400", "10", "too large"),
        (".inf", "10", "too large"),
        ("1000000000000001", "10", "too large"),
        ("10", "9" * 5000, "too large"),
        ("-5", "10", "negative"),
        ("10", "-1", "negative"),
    ],
)
def test_numbers_too_large_or_negative_are_e005(amount: str, employees: str, words: str) -> None:
    loaded = load_text(amount_map(amount, employees), "acme.yaml", stem="acme")
    assert loaded.map is None
    assert [f.code for f in loaded.findings] == ["E005"]
    assert words in loaded.findings[0].message
    assert len(loaded.findings[0].message) < 200


def test_large_but_real_numbers_are_kept() -> None:
    loaded = load_text(amount_map("999999999999999.5", "2000000"), "acme.yaml", stem="acme")
    assert loaded.map is not None and loaded.findings == []


@pytest.mark.parametrize("command", [["show", "acme"], ["partners", "acme"], ["validate"]])
def test_a_401_digit_amount_is_a_finding_not_an_internal_error(
    tmp_path: Path, command: list[str]
) -> None:
    write_map_file(tmp_path, "acme.yaml", amount_map("9" * 401))
    result = run_acmap(*command, cwd=tmp_path)
    assert "Traceback" not in result.err and "internal error" not in result.err.lower()
    if command[0] == "partners":  # a portfolio command: the map is left out, and says so
        assert "errors left out" in result.err
    else:
        assert result.code in (1, 2)
        assert "E005" in result.out + result.err and "too large" in result.out + result.err
