"""The composite Action (action.yml), run step by step the way the runner runs it
(tests/ci/runner.py): annotations, the job summary, the pull request's diff and the exit code."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.ci.runner import INSTALL, run_action
from tests.helpers import commit, git, map_repo

GLOBEX = """\
acmap: 1
account:
  id: globex
  name: Globex Corporation
  tier: growth
  reviewed: 2026-10-02
  goals: [Cut freight cost 10%]
  team: [{id: dana, name: Dana Ruiz}]
stakeholders:
  - {id: ceo, name: Hank Scorpio, roles: [economic_buyer], stance: neutral, owner: dana, last_contact: 2026-11-01}
  - {id: mlee, name: Mary Lee, reports_to: ceo, roles: [decision_maker], stance: supporter, influence: high, owner: dana, last_contact: 2026-11-14}
  - {id: jkim, name: Jin Kim, reports_to: mlee, roles: [champion], stance: advocate, owner: dana, last_contact: 2026-11-10}
"""


def test_install_step_puts_acmap_on_the_path(acmap_bin: Path) -> None:
    done = subprocess.run([str(acmap_bin / "acmap"), "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("acmap ")


def test_push_validates_and_writes_the_gaps_summary(tmp_path: Path, acmap_bin: Path) -> None:
    repo = map_repo(tmp_path / "ws", {"globex.yaml": GLOBEX})
    runner = tmp_path / "runner"
    runner.mkdir()

    done = run_action(repo, runner, skip=INSTALL, path=(str(acmap_bin),))

    assert done.code == 0, done.out
    assert done.outputs["valid"] == "true"
    assert "## acmap gaps" in done.summary
    assert "Globex Corporation" in done.summary
    assert "acmap diff" not in done.summary  # not a pull request
    assert "<details>" not in done.summary  # the gaps report is the whole summary: shown open


def test_a_broken_map_is_annotated_and_fails_the_job(tmp_path: Path, acmap_bin: Path) -> None:
    repo = map_repo(
        tmp_path / "ws",
        {
            "globex.yaml": GLOBEX,
            "broken.yaml": "acmap: 1\naccount: {id: broken, name: B, tier: huge}\n",
        },
    )
    runner = tmp_path / "runner"
    runner.mkdir()

    done = run_action(repo, runner, skip=INSTALL, path=(str(acmap_bin),))

    assert done.code == 1
    assert "::error file=maps/broken.yaml,line=2,col=" in done.out
    assert "E005 invalid-value" in done.out
    assert done.outputs["valid"] == "false"
    assert "## acmap gaps" in done.summary  # the summary is still written
    assert "::error::acmap validate found invalid maps" in done.out


def test_pull_request_writes_the_diff_and_fails_on_new_gaps(
    tmp_path: Path, acmap_bin: Path
) -> None:
    origin = tmp_path / "origin.git"
    seed = map_repo(tmp_path / "seed", {"globex.yaml": GLOBEX})
    git(tmp_path, "clone", "-q", "--bare", str(seed), str(origin))
    repo = tmp_path / "ws"
    git(tmp_path, "clone", "-q", str(origin), str(repo))
    git(repo, "checkout", "-q", "-b", "feature")
    path = repo / "maps" / "globex.yaml"
    path.write_text(
        path.read_text().replace(
            "stance: supporter, influence: high, owner: dana", "stance: blocker, influence: high"
        )
    )
    commit(repo, "Mary Lee turned")
    git(repo, "update-ref", "-d", "refs/remotes/origin/main")  # as a fresh checkout: no base yet
    runner = tmp_path / "runner"
    runner.mkdir()

    done = run_action(
        repo,
        runner,
        inputs={"fail-on-new": "warning"},
        event="pull_request",
        base_ref="main",
        skip=INSTALL,
        path=(str(acmap_bin),),
    )

    assert "## acmap diff — `origin/main...HEAD`" in done.summary, done.out
    assert "- Mary Lee: supporter → blocker" in done.summary
    assert "status green → amber" in done.summary
    assert "`G301` unaddressed-blocker" in done.summary
    # The diff first; the (long) gaps report after it, folded, its totals as the fold's title.
    diff_at = done.summary.index("## acmap diff")
    fold_at = done.summary.index("<details><summary>acmap gaps: 1 account (1 amber)")
    assert (
        diff_at < fold_at < done.summary.index("## acmap gaps") < done.summary.index("</details>")
    )
    assert done.code == 1
    assert "::error::acmap diff: the change opens gaps" in done.out

    relaxed = run_action(
        repo, runner, event="pull_request", base_ref="main", skip=INSTALL, path=(str(acmap_bin),)
    )
    assert relaxed.code == 0, relaxed.out


UPLOAD = "actions/upload-pages-artifact@v3"


def test_site_builds_the_portfolio_website_and_uploads_it_for_pages(
    tmp_path: Path, acmap_bin: Path
) -> None:
    workspace = tmp_path / "ws"
    repo = map_repo(workspace / "sales", {"globex.yaml": GLOBEX})  # the maps in a sub-folder
    runner = tmp_path / "runner"
    runner.mkdir()

    done = run_action(
        workspace,
        runner,
        inputs={"site": "true", "site-dir": "public", "working-directory": "sales"},
        skip=INSTALL,
        path=(str(acmap_bin),),
    )

    assert done.code == 0, done.out
    site = (repo / "public").resolve()
    assert done.used == {UPLOAD: {"path": str(site)}}  # absolute: not the workspace's public/
    assert done.outputs["dir"] == str(site)
    assert "Globex Corporation" in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "accounts" / "globex.html").is_file()
    assert "acmap site: the portfolio website is built" in done.summary

    plain = run_action(repo, runner, skip=INSTALL, path=(str(acmap_bin),))
    assert plain.code == 0 and plain.used == {}, plain.out  # site is off by default
    assert not (repo / "_site").exists()


def test_a_site_that_cannot_be_built_fails_the_job_and_uploads_nothing(
    tmp_path: Path, acmap_bin: Path
) -> None:
    repo = map_repo(tmp_path / "ws", {"globex.yaml": GLOBEX})
    (repo / "docs").mkdir()
    (repo / "docs" / "notes.md").write_text("not a site\n", encoding="utf-8")
    runner = tmp_path / "runner"
    runner.mkdir()

    done = run_action(
        repo, runner, inputs={"site": "true", "site-dir": "docs"}, skip=INSTALL,
        path=(str(acmap_bin),),
    )  # fmt: skip

    assert done.code == 1 and done.used == {}, done.out
    assert "is not an acmap site" in done.out
    assert "::error::acmap site could not build the site (exit 2)" in done.out
    assert (repo / "docs" / "notes.md").read_text(encoding="utf-8") == "not a site\n"
