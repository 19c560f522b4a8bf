"""Annotations name files from the repository root, whatever the working directory: GitHub
places `file=` relative to the root, and the Action may run in `working-directory: sales`."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from tests.helpers import git, run_acmap

BROKEN = "acmap: 1\naccount: {id: broken, name: B, tier: huge}\n"
THIN = """\
acmap: 1
account: {id: globex, name: Globex, tier: key, reviewed: 2026-11-01}
stakeholders:
  - {id: ceo, name: Hank Scorpio, roles: [economic_buyer], stance: neutral}
  - {id: cfo, name: Mary Lee, roles: [decision_maker]}
"""


def sales_repo(root: Path) -> Path:
    """A git repository whose map repository is the subfolder sales/ (acmap.toml, maps/)."""
    root.mkdir()
    git(root, "init", "-q")
    (root / "sales" / "maps").mkdir(parents=True)
    (root / "sales" / "acmap.toml").write_text('maps = "maps"\ntoday = "2026-11-22"\n')
    (root / "sales" / "maps" / "broken.yaml").write_text(BROKEN)
    (root / "sales" / "maps" / "globex.yaml").write_text(THIN)
    return root / "sales"


def files_named(out: str) -> set[str]:
    return {line.split("file=")[1].split(",")[0] for line in out.splitlines() if "file=" in line}


def test_validate_names_files_from_the_git_top_level(tmp_path: Path) -> None:
    sales = sales_repo(tmp_path / "repo")
    result = run_acmap("validate", "--format", "github", cwd=sales, env=_no_workspace())
    assert result.code == 1, result.err
    assert "::error file=sales/maps/broken.yaml,line=2,col=38,title=E005" in result.out
    assert files_named(result.out) == {"sales/maps/broken.yaml"}


def test_gaps_names_files_from_github_workspace(tmp_path: Path) -> None:
    sales = sales_repo(tmp_path / "repo")
    env = {"GITHUB_WORKSPACE": str(tmp_path / "repo")}
    result = run_acmap("gaps", "--format", "github", cwd=sales, env=env)
    assert files_named(result.out) == {"sales/maps/broken.yaml", "sales/maps/globex.yaml"}
    assert "::warning file=sales/maps/globex.yaml,line=" in result.out


def test_github_workspace_wins_over_the_git_top_level(tmp_path: Path) -> None:
    # A checkout into a subfolder of the workspace (actions/checkout `path: crm`): GitHub
    # still names files from the workspace, not from the repository inside it.
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    sales = sales_repo(workspace / "crm")
    env = {"GITHUB_WORKSPACE": str(workspace)}
    result = run_acmap("validate", "--format", "github", "maps/broken.yaml", cwd=sales, env=env)
    assert files_named(result.out) == {"crm/sales/maps/broken.yaml"}


def test_outside_git_and_actions_paths_stay_as_they_were(tmp_path: Path) -> None:
    sales = sales_repo(tmp_path / "repo")
    shutil.rmtree(tmp_path / "repo" / ".git")
    result = run_acmap("validate", "--format", "github", cwd=sales, env=_no_workspace())
    assert files_named(result.out) == {"maps/broken.yaml"}
    assert "Traceback" not in result.err


def test_a_file_named_from_outside_the_working_directory(tmp_path: Path) -> None:
    sales = sales_repo(tmp_path / "repo")
    other = tmp_path / "repo" / "other"
    other.mkdir()
    result = run_acmap(
        "validate", "--format", "github", str(sales / "maps" / "broken.yaml"), cwd=other,
        env=_no_workspace(),
    )  # fmt: skip
    assert files_named(result.out) == {"sales/maps/broken.yaml"}


def test_git_runs_once_per_run_not_once_per_finding(tmp_path: Path) -> None:
    sales = sales_repo(tmp_path / "repo")
    for n in range(5):
        (sales / "maps" / f"broken{n}.yaml").write_text(BROKEN.replace("broken", f"broken{n}"))
    real_git = shutil.which("git")
    assert real_git is not None
    # The real git, behind a script that counts how often it is started.
    shims = tmp_path / "bin"
    shims.mkdir()
    log = tmp_path / "git-calls.log"
    shim = shims / "git"
    shim.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real_git}" "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    env = {**_no_workspace(), "PATH": f"{shims}{os.pathsep}{os.environ['PATH']}"}

    result = run_acmap("validate", "--format", "github", cwd=sales, env=env)

    assert len(files_named(result.out)) == 6
    assert all(name.startswith("sales/maps/broken") for name in files_named(result.out))
    assert log.read_text().count("rev-parse --show-toplevel") == 1


def _no_workspace() -> dict[str, str]:
    # The test suite itself may run in GitHub Actions, where GITHUB_WORKSPACE is set.
    return {"GITHUB_WORKSPACE": ""}
