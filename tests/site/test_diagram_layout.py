"""The site's drawing: dot's own layout (no slide-shaped rows), and the slide's rows when that
layout fails or takes too long (Graphviz 2.43 aborts or loops on a few). Real `dot`."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from acmap.commands.options import settings
from acmap.load.single import open_account, require_map
from acmap.model import AccountMap
from acmap.render.diagram import options_for
from acmap.site import diagram
from tests.helpers import fake_dot

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 12, 1)


@pytest.fixture
def meridian(monkeypatch: pytest.MonkeyPatch) -> AccountMap:
    """The example with departments enough for the slide's rows to differ from dot's layout."""
    monkeypatch.chdir(REPO)
    return require_map(open_account("meridian-health", settings()))


def drawn_as(account_map: AccountMap, size: str) -> str:
    options = options_for(account_map, settings().gaps, TODAY, "full", legend=False)
    raw, graph = diagram._svg(account_map, replace(options, size=size, title=False), 60)
    return diagram.finish(raw, graph, account_map)


def test_the_page_draws_dots_own_layout(meridian: AccountMap) -> None:
    drawn = diagram.draw(meridian, settings().gaps, TODAY, 60)
    assert drawn == drawn_as(meridian, "poster")
    assert drawn != drawn_as(meridian, "slide")  # else the next test proves nothing


def slow_dot(root: Path, monkeypatch: pytest.MonkeyPatch, *, rows_too: bool) -> None:
    """A `dot` first on PATH that never finishes dot's own layout (the site's first try) and,
    unless `rows_too`, hands the slide's rows (polyline splines) to the real one. A timeout
    proven by a layout that never ends, not by racing a real one against the clock."""
    real = shutil.which("dot")
    assert real is not None
    rows = "" if rows_too else f'  *polyline*) printf "%s" "$input" | exec {real} "$@" ;;\n'
    script = f'input=$(cat)\ncase "$input" in\n{rows}  *) exec sleep 60 ;;\nesac\n'
    monkeypatch.setenv("PATH", fake_dot(root, script)["PATH"])
    monkeypatch.setattr(diagram, "NATURAL_BUDGET", 0.3)


def test_a_layout_that_takes_too_long_is_drawn_again_in_rows(
    meridian: AccountMap, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    slow_dot(tmp_path, monkeypatch, rows_too=False)
    assert diagram.draw(meridian, settings().gaps, TODAY, 60) == drawn_as(meridian, "slide")


def test_when_both_layouts_fail_the_reason_is_given(
    meridian: AccountMap, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from acmap.render.diagram import DiagramError

    slow_dot(tmp_path, monkeypatch, rows_too=True)
    with pytest.raises(DiagramError, match=r"did not finish within 0\.6 s"):
        diagram.draw(meridian, settings().gaps, TODAY, 0.6)
