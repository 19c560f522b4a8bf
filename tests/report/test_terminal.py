"""report/terminal.py and report/layout.py: the one colour decision, the width, and the
measuring and wrapping every reporter uses."""

from __future__ import annotations

import os
import string
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import pytest
from hypothesis import given
from hypothesis import strategies as st

from acmap.report.layout import indented
from acmap.report.terminal import Lines, hanging, use_colour, width


@pytest.fixture
def tty() -> Iterator[TextIO]:
    """A real pseudo-terminal, as a rep's shell would give acmap."""
    leader, follower = os.openpty()
    stream = os.fdopen(follower, "w")
    try:
        yield stream
    finally:
        stream.close()
        os.close(leader)


def test_colour_on_a_terminal_unless_told_otherwise(
    tty: TextIO, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert use_colour(tty)
    monkeypatch.setenv("TERM", "dumb")  # a terminal that cannot show colour: plain, no rich
    assert not use_colour(tty)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(tty)
    monkeypatch.delenv("NO_COLOR")
    with (tmp_path / "out.txt").open("w") as piped:
        assert not use_colour(piped)
        monkeypatch.setenv("FORCE_COLOR", "1")
        assert use_colour(piped)
        monkeypatch.setenv("NO_COLOR", "1")  # NO_COLOR wins
        assert not use_colour(piped)


def test_width_is_columns_with_a_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "132")
    assert width() == 132
    monkeypatch.setenv("COLUMNS", "30")
    assert width() == 60
    assert width(minimum=40) == 40


_WORDS = st.text(alphabet=string.ascii_letters + "·—,()'", min_size=1, max_size=12)


@given(
    words=st.lists(_WORDS, min_size=1, max_size=40),
    total=st.integers(min_value=40, max_value=120),
    indent=st.sampled_from([0, 2, 4, 6]),
)
def test_indented_wraps_as_textwrap_does(words: list[str], total: int, indent: int) -> None:
    """partners' text was wrapped by textwrap; the shared wrap must give the same lines."""
    text = " ".join(words)
    expected = textwrap.wrap(
        text,
        width=total,
        initial_indent=" " * indent,
        subsequent_indent=" " * (indent + 2),
        break_on_hyphens=False,
    )
    assert indented(text, total, indent) == expected


_STYLED = st.lists(
    st.tuples(
        st.text(alphabet=string.ascii_letters + " ·—\x1b", min_size=0, max_size=30),
        st.sampled_from(["", "bold", "dim"]),
    ),
    min_size=1,
    max_size=8,
)


@given(segments=_STYLED, total=st.integers(min_value=20, max_value=120), first=st.integers(0, 4))
def test_lines_hanging_prints_what_hanging_prints(
    segments: list[tuple[str, str]], total: int, first: int
) -> None:
    """Lines.hanging (plain output, no rich) wraps exactly as terminal.hanging (rich Text)
    does, keeps the styles on the same characters, and makes the words visible."""
    out = Lines()
    out.hanging(segments, total, 4, first)
    plain = ["".join(text for text, _ in line) for line in out.lines]
    rich_text = hanging(segments, total, 4, first)
    assert "\n".join(plain) == rich_text.plain
    assert "\x1b" not in "".join(plain)
    styled = [(line, text) for line, segs in enumerate(out.lines) for text, style in segs if style]
    rich_styled = [
        (line, row.plain[span.start : span.end])
        for line, row in enumerate(rich_text.lines)
        for span in row.spans
    ]
    assert [t for _, t in styled if t] == [t for _, t in rich_styled if t]


@given(
    columns=st.integers(min_value=1, max_value=200),
    widths=st.lists(st.integers(min_value=1, max_value=40), min_size=9, max_size=9),
)
def test_a_list_table_fits_once_it_can(columns: int, widths: list[int]) -> None:
    """Narrowed step by step, the table fits COLUMNS unless the columns that always stay
    (account, status, gaps) are wider than the terminal themselves; the id is never cut."""
    from acmap.report.layout import table_width as _table_width
    from acmap.report.portfolio import _fitted

    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(columns)
    try:
        fitted = _fitted(widths)
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
    assert fitted[0] == widths[0] and fitted[5] == widths[5] and fitted[7] == widths[7]
    kept = widths[0] + widths[5] + widths[7] + 4  # and two gaps of two spaces
    assert _table_width(fitted) <= columns or _table_width(fitted) == kept > columns
    if _table_width(widths) <= columns:
        assert fitted == widths  # nothing left out that fits


_MIXED = st.lists(
    st.text(alphabet="abcé王小明株😀", min_size=1, max_size=6), min_size=1, max_size=30
)


@given(words=_MIXED, total=st.integers(min_value=20, max_value=80), indent=st.integers(0, 6))
def test_wide_characters_wrap_by_columns(words: list[str], total: int, indent: int) -> None:
    """Wrapped text with wide characters (CJK, emoji) fits `total` columns, and no word is
    cut: each line is whole words; measured as rich measures a terminal's columns."""
    from rich.cells import cell_len

    from acmap.report.layout import cells, wrap

    text = " ".join(words)
    for line in indented(text, total, indent):
        assert cell_len(line) <= total
    assert " ".join(wrap(text, total, total)) == text
    out = Lines()
    out.hanging([(text, "bold")], total, indent)
    for line in out.lines:
        assert cell_len("".join(t for t, _ in line)) <= total
    assert all(cells(w) == cell_len(w) for w in words)


def test_the_characters_measured_by_len_each_take_one_column() -> None:
    """layout.ONE_CELL, the fast path of cells and wrap, holds no wide character and no
    combining mark (as unicodedata, and so cells' slow path, sees them)."""
    import re
    import sys

    from acmap.report.layout import ONE_CELL, _char_cells

    one = re.compile(f"[{ONE_CELL}]")
    from acmap.report.layout import cells as cells_of

    found = [c for c in map(chr, range(sys.maxunicode + 1)) if one.match(c) and _char_cells(c) != 1]
    assert found == []
    assert cells_of("Ивана Łukasz Müller — “x” …") == len("Ивана Łukasz Müller — “x” …")
    assert cells_of("王小明") == 6 and cells_of("e\u0301") == 1  # wide; a combining accent
