"""The diagram's title: drawn once, with or without the legend (the page cluster used to inherit
the graph's label and draw it a second time), and left out for a page that says it itself."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from acmap.load import load_text
from acmap.model import AccountMap
from acmap.render.diagram import options_for
from acmap.render.dot import dot_graph
from acmap.render.run import run_dot
from acmap.settings import GapSettings
from tests.helpers import EXAMPLE_MAPS, run_acmap

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")

SVG = "{http://www.w3.org/2000/svg}"
TITLE_SIZE = "20.00"  # the account's name in the title (render/dot.py, _title)
TODAY = date(2026, 12, 1)


def example(name: str) -> AccountMap:
    path = EXAMPLE_MAPS / f"{name}.yaml"
    loaded = load_text(path.read_text(encoding="utf-8"), str(path), stem=path.stem)
    assert loaded.map is not None
    return loaded.map


def texts(svg: bytes) -> list[ET.Element]:
    return list(ET.fromstring(svg).iter(f"{SVG}text"))


def words(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def titles(svg: bytes, name: str) -> int:
    """How many times the account's name is drawn in the title's big type."""
    return sum(1 for t in texts(svg) if t.get("font-size") == TITLE_SIZE and words(t) == name)


@pytest.mark.parametrize("legend", [["--no-legend"], []], ids=["no-legend", "legend"])
def test_render_draws_the_title_once(tmp_path: Path, legend: list[str]) -> None:
    out = tmp_path / "halcyon.svg"
    result = run_acmap("render", "halcyon-bank", *legend, "-o", str(out))
    assert result.code == 0, result.err
    svg = out.read_bytes()
    name = example("halcyon-bank").account.name
    assert titles(svg, name) == 1
    assert sum(1 for t in texts(svg) if words(t).startswith("coverage ")) == 1
    assert (b"LEGEND" in svg) == (not legend)  # the key's heading, only with a legend


def drawn(account_map: AccountMap, title: bool) -> tuple[bytes, dict[str, str]]:
    options = options_for(account_map, GapSettings(), TODAY, "full", legend=False)
    assert options.status is not None and options.score is not None  # a title would say both
    graph = dot_graph(account_map, replace(options, title=title))
    return run_dot("\n".join(graph.lines) + "\n", "svg"), graph.ids


def test_title_false_draws_no_title_but_every_person() -> None:
    account_map = example("halcyon-bank")
    name = account_map.account.name
    options = options_for(account_map, GapSettings(), TODAY, "full")
    assert options.status is not None
    badge = options.status.upper()

    with_title, _ = drawn(account_map, title=True)
    assert titles(with_title, name) == 1
    assert any(words(t) == badge for t in texts(with_title))

    svg, ids = drawn(account_map, title=False)
    shown = [words(t) for t in texts(svg)]
    assert titles(svg, name) == 0
    assert not [t for t in texts(svg) if t.get("font-size") == TITLE_SIZE]
    assert not [w for w in shown if "coverage" in w or w == badge or w.startswith("as of ")]
    nodes = {
        g.findtext(f"{SVG}title")
        for g in ET.fromstring(svg).iter(f"{SVG}g")
        if g.get("class") == "node"
    }
    everyone = " ".join(shown)
    for person in account_map.stakeholders:
        assert ids[person.id] in nodes, person.id
        assert person.name is not None  # no placeholders in this example
        assert " ".join(person.name.split()) in everyone, person.name
