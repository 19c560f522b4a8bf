"""Shared by the CI tests: acmap installed once by the Action's own install step."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ci.runner import action, run_action


@pytest.fixture(scope="session")
def acmap_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Action's own install step, run once: a venv with acmap from this checkout."""
    runner = tmp_path_factory.mktemp("runner")
    workspace = tmp_path_factory.mktemp("workspace")
    only_install = tuple(
        s["name"] for s in action()["runs"]["steps"] if s["name"] != "Install acmap"
    )
    done = run_action(workspace, runner, skip=only_install)
    assert done.code == 0, done.out
    venv_bin = runner / "acmap-venv" / "bin"
    assert (venv_bin / "acmap").exists()
    assert "acmap 0." in done.out
    return venv_bin
