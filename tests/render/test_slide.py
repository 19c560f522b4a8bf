"""Slide-ready diagrams, measured from the real Graphviz output: 40-80-person accounts fit a
16:9 slide, the legend is small and under the drawing, the title is whole."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from acmap.render import style
from tests.helpers import EXAMPLE_MAPS, REPO, run_acmap

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
SVG = "{http://www.w3.org/2000/svg}"
SIZES = (40, 60, 80)
GENERATE = str(REPO / "benchmarks" / "generate.py")
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def svg_size(root: ET.Element) -> tuple[float, float]:
    return float(root.get("width", "").removesuffix("pt")), float(
        root.get("height", "").removesuffix("pt")
    )


def cluster_box(root: ET.Element, name: str, label: bool = False) -> Box:
    """The bounding box of the frame Graphviz drew for cluster `name`, or (label) of what it
    drew for the cluster's label: everything after the frame."""
    for group in root.iter(f"{SVG}g"):
        title = group.find(f"{SVG}title")
        if group.get("class") == "cluster" and title is not None and title.text == name:
            shapes = [c for c in group if c.tag in (f"{SVG}path", f"{SVG}polygon")]
            numbers = [
                float(n)
                for shape in (shapes[1:] if label else shapes[:1])
                for n in re.findall(r"-?\d+(?:\.\d+)?", shape.get("d") or shape.get("points") or "")
            ]
            assert numbers, f"nothing drawn for {name}"
            xs, ys = numbers[0::2], numbers[1::2]
            return min(xs), min(ys), max(xs), max(ys)
    raise AssertionError(f"no cluster {name} in the SVG")


def area(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def drawn_text(root: ET.Element) -> str:
    return "\n".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """One generated account of each size (benchmarks/generate.py, seed 1)."""
    maps = {}
    for people in SIZES:
        folder = tmp_path_factory.mktemp(f"g{people}")
        subprocess.run(
            [sys.executable, GENERATE, str(folder), "--single", str(people)],
            check=True,
            capture_output=True,
        )
        maps[people] = next((folder / "maps").glob("*.yaml"))
    return maps


@pytest.fixture(scope="module")
def drawn(generated: dict[int, Path]) -> dict[int, tuple[Path, Path]]:
    """Each generated account rendered once as PNG and as SVG, by the real command."""
    out = {}
    for people, path in generated.items():
        png, svg = path.with_suffix(".png"), path.with_suffix(".svg")
        for target in (png, svg):
            result = run_acmap("render", str(path), "-o", str(target), cwd=path.parent.parent)
            assert result.code == 0, result.err
            assert result.err == f"wrote {target}\n"  # no warnings from dot either
        out[people] = (png, svg)
    return out


@pytest.mark.parametrize("people", SIZES)
def test_a_40_to_80_person_account_fits_a_slide(
    people: int, drawn: dict[int, tuple[Path, Path]]
) -> None:
    width, height = png_size(drawn[people][0])
    assert width / height <= 2.0, f"{width}x{height}"
    assert width / height >= 0.9, f"{width}x{height}: too tall for a slide"


@pytest.mark.parametrize("people", SIZES)
def test_the_legend_is_small_and_under_the_drawing(
    people: int, drawn: dict[int, tuple[Path, Path]]
) -> None:
    root = ET.parse(drawn[people][1]).getroot()
    width, height = svg_size(root)
    legend = cluster_box(root, "cluster_page", label=True)  # the legend is the page's label
    assert area(legend) <= 0.15 * width * height
    assert legend[1] >= cluster_box(root, "cluster_account")[3]  # below it, not beside it


@pytest.mark.parametrize("people", SIZES)
def test_wrapping_loses_nobody(
    people: int, generated: dict[int, Path], drawn: dict[int, tuple[Path, Path]]
) -> None:
    from acmap.load import load_file

    account_map = load_file(generated[people]).map
    assert account_map is not None
    text = drawn_text(ET.parse(drawn[people][1]).getroot())
    for person in account_map.stakeholders:
        assert (person.name or "not yet identified")[:20] in text


def test_a_wide_account_is_wrapped_into_rows(generated: dict[int, Path]) -> None:
    result = run_acmap("render", str(generated[60]), "--format", "dot")
    assert result.code == 0, result.err
    assert "gate1 [" in result.out  # the second row hangs under the first
    assert 'splines="polyline"' in result.out


def test_size_a4_stands_upright_and_poster_keeps_one_row(
    generated: dict[int, Path], tmp_path: Path
) -> None:
    a4, poster = tmp_path / "a4.png", tmp_path / "poster.png"
    assert run_acmap("render", str(generated[60]), "--size", "a4", "-o", str(a4)).code == 0
    assert run_acmap("render", str(generated[60]), "--size", "poster", "-o", str(poster)).code == 0
    width, height = png_size(a4)
    assert width < height, f"{width}x{height}"
    width, height = png_size(poster)
    assert width > 3 * height, f"{width}x{height}: one row of units, as wide as the company"
    source = run_acmap("render", str(generated[60]), "--size", "poster", "--format", "dot")
    assert "gate" not in source.out


def test_past_120_people_the_layout_stays_one_row(tmp_path: Path) -> None:
    """Nobody reads 130 people on one page (--focus does that), and rows would cost dot dearly."""
    subprocess.run(
        [sys.executable, GENERATE, str(tmp_path), "--single", "130"],
        check=True,
        capture_output=True,
    )
    account = next((tmp_path / "maps").glob("*.yaml"))
    source = run_acmap("render", str(account), "--format", "dot", cwd=tmp_path)
    assert source.code == 0, source.err
    assert "gate" not in source.out


@pytest.mark.parametrize("account", sorted(p.stem for p in EXAMPLE_MAPS.glob("*.yaml")))
def test_example_maps_stay_one_row_and_fit_a_slide(account: str, tmp_path: Path) -> None:
    source = run_acmap("render", account, "--format", "dot")
    assert source.code == 0, source.err
    assert "gate" not in source.out  # small maps keep the layout they had
    png = tmp_path / f"{account}.png"
    assert run_acmap("render", account, "-o", str(png)).code == 0
    width, height = png_size(png)
    assert width / height <= 2.0, f"{width}x{height}"


def test_the_legend_shows_every_role_badge(tmp_path: Path) -> None:
    out = tmp_path / "l.svg"
    assert run_acmap("render", "lumen-robotics", "-o", str(out)).code == 0
    text = drawn_text(ET.parse(out).getroot())
    for badge in style.BADGE_TEXT.values():
        assert badge in text
    assert style.REPORTING.label in text
    assert "LEGEND" in text


def test_the_title_is_never_cut(tmp_path: Path) -> None:
    industry = "Consumer packaged goods (frozen, chilled and ambient foods for retail and catering)"
    name = "The Very Long Name of a Regional Consumer Goods Cooperative Holding"
    path = tmp_path / "maps" / "coop.yaml"
    path.parent.mkdir()
    path.write_text(
        "acmap: 1\n"
        f"account: {{id: coop, name: {name}, industry: '{industry}'}}\n"
        "stakeholders:\n  - {id: ann, name: Ann Lee, title: CFO}\n",
        encoding="utf-8",
    )
    out = tmp_path / "coop.svg"
    result = run_acmap("render", str(path), "-o", str(out), cwd=tmp_path)
    assert result.code == 0, result.err
    words = " ".join(drawn_text(ET.parse(out).getroot()).split())
    assert name in words
    assert industry in words
    assert "…" not in words


def test_the_example_with_the_longest_industry_shows_all_of_it(tmp_path: Path) -> None:
    out = tmp_path / "b.svg"
    assert run_acmap("render", "brightwater-foods", "-o", str(out)).code == 0
    words = " ".join(drawn_text(ET.parse(out).getroot()).split())
    assert "Consumer packaged goods (frozen and chilled foods)" in words


WORD = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S")), min_size=1, max_size=12
)
# Up to 14 words of up to 12 characters: longer than one line of the title, at most four.
TITLE_TEXT = st.lists(WORD, min_size=3, max_size=14).map(" ".join)


@given(name=TITLE_TEXT, industry=TITLE_TEXT)
def test_the_title_keeps_every_character_of_name_and_industry(name: str, industry: str) -> None:
    """Wrapped into lines, escaped, but nothing dropped: what was cut before was the industry."""
    from datetime import date

    from acmap.load import load_text
    from acmap.render import RenderOptions, build_dot
    from acmap.render.safe import text

    source = (
        f"acmap: 1\naccount: {{id: t, name: {json.dumps(name, ensure_ascii=False)}, "
        f"industry: {json.dumps(industry, ensure_ascii=False)}}}\n"
        "stakeholders:\n  - {id: ann, name: Ann Lee}\n"
    )
    loaded = load_text(source, "maps/t.yaml")
    assume(loaded.map is not None)
    assert loaded.map is not None
    dot = build_dot(loaded.map, RenderOptions(today=date(2026, 11, 22)))
    title = next(line for line in dot.splitlines() if line.startswith("  graph [label=<"))
    squeezed = "".join(title.replace("<BR/>", "").split())
    for value in (name, industry):
        assert text("".join(value.split())).markup in squeezed
