"""`acmap render` with the real `dot`: formats, views, focus, --all, and bad usage."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from acmap.load import load_file
from tests.helpers import EXAMPLE_MAPS, REPO, run_acmap

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
SVG = "{http://www.w3.org/2000/svg}"


def svg_text(path: Path) -> str:
    """Every piece of text drawn in an SVG file, one per line (the file must parse)."""
    root = ET.parse(path).getroot()
    return "\n".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def people_of(account: str) -> list[str]:
    loaded = load_file(EXAMPLE_MAPS / f"{account}.yaml")
    assert loaded.map is not None
    return [p.name for p in loaded.map.stakeholders if p.name]


@needs_dot
@pytest.mark.parametrize("account", ["halcyon-bank", "meridian-health"])
def test_svg_shows_every_person_of_an_example_map(account: str, tmp_path: Path) -> None:
    out = tmp_path / f"{account}.svg"
    result = run_acmap("render", account, "-o", str(out))
    assert result.code == 0, result.err
    drawn = svg_text(out)
    for name in people_of(account):
        assert name in drawn
    assert "LEGEND" in drawn


@needs_dot
def test_title_has_account_name_status_and_score(tmp_path: Path) -> None:
    out = tmp_path / "h.svg"
    assert run_acmap("render", "halcyon-bank", "-o", str(out)).code == 0
    drawn = svg_text(out)
    assert "Halcyon Bank" in drawn
    assert any(s in drawn for s in ("RED", "AMBER", "GREEN"))
    assert "coverage " in drawn and "/100" in drawn


@needs_dot
def test_people_who_left_are_struck_through(tmp_path: Path) -> None:
    out = tmp_path / "m.svg"
    assert run_acmap("render", "meridian-health", "-o", str(out)).code == 0
    root = ET.parse(out).getroot()
    struck = [
        "".join(t.itertext())
        for t in root.iter(f"{SVG}text")
        if t.get("text-decoration") == "line-through"
    ]
    assert "Bharat Patel" in struck


@needs_dot
@pytest.mark.parametrize(
    ("suffix", "signature"), [("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-")]
)
def test_png_and_pdf_have_their_signatures(suffix: str, signature: bytes, tmp_path: Path) -> None:
    out = tmp_path / f"h.{suffix}"
    result = run_acmap("render", "halcyon-bank", "-o", str(out))
    assert result.code == 0, result.err
    assert out.read_bytes().startswith(signature)


@needs_dot
def test_without_o_svg_goes_to_stdout() -> None:
    result = run_acmap("render", "lumen-robotics")
    assert result.code == 0, result.err
    assert ET.fromstring(result.out.encode()).tag == f"{SVG}svg"


def test_dot_text_needs_no_graphviz() -> None:
    result = run_acmap("render", str(EXAMPLE_MAPS / "halcyon-bank.yaml"), "--format", "dot")
    assert result.code == 0, result.err
    assert result.out.startswith("digraph acmap {")
    assert "Rosa Delgado" in result.out


@needs_dot
def test_focus_shows_a_neighbourhood(tmp_path: Path) -> None:
    out = tmp_path / "f.svg"
    result = run_acmap("render", "halcyon-bank", "--focus", "cdo", "--depth", "1", "-o", str(out))
    assert result.code == 0, result.err
    drawn = svg_text(out)
    assert "Ethan Brooks" in drawn  # the focus
    assert "Rosa Delgado" in drawn  # his manager
    assert "Samir Qureshi" in drawn  # an ally
    assert "Nikhil Rao" not in drawn  # two steps away


@needs_dot
def test_org_view_leaves_out_partners_and_influence_view_keeps_them(tmp_path: Path) -> None:
    org, influence = tmp_path / "o.svg", tmp_path / "i.svg"
    assert run_acmap("render", "halcyon-bank", "--view", "org", "-o", str(org)).code == 0
    assert (
        run_acmap("render", "halcyon-bank", "--view", "influence", "-o", str(influence)).code == 0
    )
    assert "Northwind Consulting" not in svg_text(org)
    assert "Northwind Consulting" in svg_text(influence)


@needs_dot
def test_all_renders_every_account_into_a_folder(tmp_path: Path) -> None:
    result = run_acmap("render", "--all", "-o", str(tmp_path / "out"))
    assert result.code == 0, result.err
    made = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert made == sorted(f"{p.stem}.svg" for p in EXAMPLE_MAPS.glob("*.yaml"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["halcyon-bank", "-o", "x.jpg"], "cannot tell the format"),
        (["halcyon-bank", "-o", "x.png", "--format", "svg"], "does not match"),
        (["halcyon-bank", "--view", "sideways"], "--view 'sideways'"),
        (["halcyon-bank", "--size", "tabloid"], "--size 'tabloid': expected one of slide, a4"),
        (["halcyon-bank", "--focus", "nobody", "--format", "dot"], "no such stakeholder"),
        (["no-such-account"], "no map file, folder or account id"),
        (["--all"], "give a folder with -o DIR"),
        ([], "render one account"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    result = run_acmap("render", *args, cwd=REPO)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_a_map_with_errors_is_not_rendered(
    write_map: Callable[[str, str], Path], tmp_path: Path
) -> None:
    path = write_map("acme.yaml", "acmap: 1\naccount: {id: acme}\n")
    result = run_acmap("render", str(path), "--format", "dot", cwd=tmp_path)
    assert result.code == 1
    assert "E004" in result.err
    assert "Traceback" not in result.err


@needs_dot
def test_output_is_never_replaced_without_force(tmp_path: Path) -> None:
    out = tmp_path / "h.svg"
    out.write_text("hand-drawn\n", encoding="utf-8")
    refused = run_acmap("render", "halcyon-bank", "-o", str(out))
    assert refused.code == 2
    assert f"{out} exists; add --force to replace it" in refused.err
    assert out.read_text(encoding="utf-8") == "hand-drawn\n"
    assert run_acmap("render", "halcyon-bank", "-o", str(out), "--force").code == 0
    assert "Halcyon Bank" in svg_text(out)


@needs_dot
def test_all_checks_every_target_before_drawing_any(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "lumen-robotics.svg").write_text("keep\n", encoding="utf-8")
    refused = run_acmap("render", "--all", "-o", str(folder))
    assert refused.code == 2
    assert sorted(p.name for p in folder.iterdir()) == ["lumen-robotics.svg"]
    assert run_acmap("render", "--all", "-o", str(folder), "--force").code == 0
    assert len(list(folder.glob("*.svg"))) == 4


@needs_dot
def test_all_renders_the_valid_maps_and_reports_the_broken_one(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    for name in ("halcyon-bank", "lumen-robotics"):
        shutil.copy(EXAMPLE_MAPS / f"{name}.yaml", tmp_path / "maps")
    (tmp_path / "maps" / "broken.yaml").write_text("acmap: 1\naccount: {id: broken}\n")
    result = run_acmap("render", "--all", "-o", "out", cwd=tmp_path)
    assert result.code == 1
    assert "maps/broken.yaml:2:10: E004 account: missing required field 'name'" in result.err
    assert "maps with errors were skipped" in result.err
    drawn = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert drawn == ["halcyon-bank.svg", "lumen-robotics.svg"]
    assert "Halcyon Bank" in svg_text(tmp_path / "out" / "halcyon-bank.svg")


@needs_dot
def test_all_with_every_map_broken_renders_nothing(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "broken.yaml").write_text("acmap: 1\naccount: {id: broken}\n")
    result = run_acmap("render", "--all", "-o", "out", cwd=tmp_path)
    assert result.code == 1
    assert "every map has errors" in result.err
    assert not (tmp_path / "out").exists()
