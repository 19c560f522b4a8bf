"""`render -o` says what it wrote (on stderr: stdout is the diagram's without -o), and a
refusal to overwrite names the file, how many more, and how to overwrite."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.helpers import EXAMPLE_MAPS, run_acmap

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
TODAY = ("--today", "2026-11-22")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE_MAPS, tmp_path / "maps")
    return tmp_path


def test_render_o_says_what_it_wrote(project: Path) -> None:
    done = run_acmap("render", "halcyon-bank", "-o", "diagrams/halcyon.svg", *TODAY, cwd=project)
    assert done.code == 0, done.err
    assert done.err == "wrote diagrams/halcyon.svg\n"
    assert done.out == ""
    assert (project / "diagrams" / "halcyon.svg").is_file()


def test_render_all_says_how_many_and_where(project: Path) -> None:
    done = run_acmap("render", "--all", "-o", "diagrams", *TODAY, cwd=project)
    assert done.code == 0, done.err
    assert done.err == "wrote 4 diagrams to diagrams\n"


def test_refusals_are_grammatical_and_say_how_to_overwrite(project: Path) -> None:
    run_acmap("render", "--all", "-o", "diagrams", *TODAY, cwd=project)
    refused = run_acmap("render", "--all", "-o", "diagrams", *TODAY, cwd=project)
    assert refused.code == 2
    assert refused.err == (
        "acmap: diagrams/brightwater-foods.svg and 3 other files exist; "
        "add --force to replace them\n"
    )
    (project / "diagrams" / "halcyon-bank.svg").unlink()
    (project / "diagrams" / "lumen-robotics.svg").unlink()
    refused = run_acmap("render", "--all", "-o", "diagrams", *TODAY, cwd=project)
    assert "brightwater-foods.svg and 1 other file exist;" in refused.err
    single = run_acmap(
        "render", "meridian-health", "-o", "diagrams/meridian-health.svg", cwd=project
    )
    assert single.err == "acmap: diagrams/meridian-health.svg exists; add --force to replace it\n"
    forced = run_acmap("render", "--all", "-o", "diagrams", "--force", *TODAY, cwd=project)
    assert forced.code == 0 and forced.err == "wrote 4 diagrams to diagrams\n"
