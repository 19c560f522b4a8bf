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
    people = {node: p for p, node in graph.ids.items() if not p.startswith("partner:")}
    names = {s.id: s.display for s in account_map.stakeholders}
    return diagram.inline(raw, people, names, account_map.account.name)


def test_the_page_draws_dots_own_layout(meridian: AccountMap) -> None:
    drawn = diagram.draw(meridian, settings().gaps, TODAY, 60)
    assert drawn == drawn_as(meridian, "poster")
    assert drawn != drawn_as(meridian, "slide")  # else the next test proves nothing


def test_a_layout_that_takes_too_long_is_drawn_again_in_rows(
    meridian: AccountMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(diagram, "NATURAL_BUDGET", 1e-6)  # no dot finishes in a microsecond
    assert diagram.draw(meridian, settings().gaps, TODAY, 60) == drawn_as(meridian, "slide")


def test_when_both_layouts_fail_the_reason_is_given(
    meridian: AccountMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    from acmap.render.diagram import DiagramError

    monkeypatch.setattr(diagram, "NATURAL_BUDGET", 1e-6)
    with pytest.raises(DiagramError, match="did not finish within"):
        diagram.draw(meridian, settings().gaps, TODAY, 1e-6)
