"""The hook manifest (.pre-commit-hooks.yaml), run by the real pre-commit against a temp map repo.

pre-commit installs acmap from this checkout into its own environment (`try-repo`), so the test
needs pre-commit (the test extra) and the network or a pip cache for acmap's dependencies.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import GIT_ENV, REPO, commit, map_repo, write_map_file

pytest.importorskip("pre_commit")

GOOD = "acmap: 1\naccount: {id: globex, name: Globex}\n"
MESSY = "account:\n  name: 'Initech'\n  id: initech\nacmap: 1   # format version\n"


def pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), *args, "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the module: acmap's hook environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.mark.timeout(900)
def test_validate_hook_passes_then_catches_a_broken_map(tmp_path: Path, home: Path) -> None:
    repo = map_repo(tmp_path / "maps-repo", {"globex.yaml": GOOD})

    ok = pre_commit(repo, home, "acmap-validate")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "acmap validate" in ok.stdout and "Passed" in ok.stdout

    write_map_file(repo, "broken.yaml", "acmap: 1\naccount: {id: broken, tier: huge}\n")
    commit(repo, "broken")
    bad = pre_commit(repo, home, "acmap-validate")
    assert bad.returncode == 1
    assert "Failed" in bad.stdout
    assert "maps/broken.yaml:2:" in bad.stdout and "E005 invalid-value" in bad.stdout


@pytest.mark.timeout(900)
def test_fmt_hook_formats_maps_and_leaves_other_yaml_alone(tmp_path: Path, home: Path) -> None:
    repo = map_repo(tmp_path / "maps-repo", {"globex.yaml": GOOD, "initech.yaml": MESSY})
    workflow = repo / ".github" / "workflows" / "ci.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("name: 'ci'\non: [push]\n")
    commit(repo, "messy map and a workflow")

    first = pre_commit(repo, home, "acmap-fmt")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert (repo / "maps" / "initech.yaml").read_text() == (
        "acmap: 1   # format version\naccount:\n  id: initech\n  name: Initech\n"
    )
    assert workflow.read_text() == "name: 'ci'\non: [push]\n"

    commit(repo, "formatted")
    assert pre_commit(repo, home, "acmap-fmt").returncode == 0
