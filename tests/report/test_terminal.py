"""report/terminal.py: the one colour decision, the width, and the wrapping every reporter uses."""

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

from acmap.report.terminal import indented, use_colour, width


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
