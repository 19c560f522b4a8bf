"""The composite Action (action.yml): its shell steps, run here the way the runner runs them.

Each step's `run` goes to `bash --noprofile --norc -eo pipefail` with the variables GitHub sets
(GITHUB_STEP_SUMMARY, GITHUB_ENV, GITHUB_OUTPUT, GITHUB_PATH, GITHUB_EVENT_NAME, GITHUB_BASE_REF,
RUNNER_TEMP, ...) and its `env:` and `working-directory:` with the `${{ }}` expressions filled in.
What a step appends to GITHUB_ENV and GITHUB_PATH reaches the later steps, as on a runner.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import GIT_ENV, REPO, commit, git, map_repo

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

EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


@dataclass
class Run:
    code: int
    out: str
    summary: str
    outputs: dict[str, str]


def action() -> dict[str, Any]:
    from ruamel.yaml import YAML

    loaded: dict[str, Any] = YAML(typ="safe").load((REPO / "action.yml").read_text())
    return loaded


def run_action(
    workspace: Path,
    runner: Path,
    *,
    inputs: dict[str, str] | None = None,
    event: str = "push",
    base_ref: str = "",
    skip: tuple[str, ...] = (),
    path: tuple[str, ...] = (),
) -> Run:
    """Run the Action's steps in order, as the runner would; stop at the first failing step."""
    definition = action()
    values = {name: spec.get("default", "") for name, spec in definition["inputs"].items()}
    values.update(inputs or {})
    files = {
        name: runner / f"{name.lower()}.txt"
        for name in ("GITHUB_STEP_SUMMARY", "GITHUB_ENV", "GITHUB_OUTPUT", "GITHUB_PATH")
    }
    for file in files.values():
        file.write_text("")
    context = {f"inputs.{k}": v for k, v in values.items()}
    context["github.action_path"] = str(REPO)
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "ACMAP_"))}
    base_env.update(GIT_ENV)
    base_env.update({name: str(file) for name, file in files.items()})
    base_env.update(
        GITHUB_ACTIONS="true",
        CI="true",
        GITHUB_EVENT_NAME=event,
        GITHUB_BASE_REF=base_ref,
        GITHUB_HEAD_REF="feature" if base_ref else "",
        GITHUB_WORKSPACE=str(workspace),
        GITHUB_ACTION_PATH=str(REPO),
        RUNNER_TEMP=str(runner),
        NO_COLOR="1",
        COLUMNS="100",
    )
    extra_path = list(path)
    out = []
    code = 0
    for step in definition["runs"]["steps"]:
        if step["name"] in skip:
            continue
        assert step["shell"] == "bash"
        env = dict(base_env)
        for line in files["GITHUB_ENV"].read_text().splitlines():
            key, _, value = line.partition("=")
            env[key] = value
        extra_path = [*extra_path, *files["GITHUB_PATH"].read_text().split()]
        files["GITHUB_PATH"].write_text("")
        env["PATH"] = os.pathsep.join([*reversed(extra_path), base_env["PATH"]])
        for key, value in (step.get("env") or {}).items():
            env[key] = fill(str(value), context)
        cwd = workspace / fill(step.get("working-directory", "."), context)
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        out.append(f"## {step['name']}\n{done.stdout}{done.stderr}")
        if done.returncode != 0:
            code = done.returncode
            break
    outputs = dict(
        line.partition("=")[::2] for line in files["GITHUB_OUTPUT"].read_text().splitlines()
    )
    return Run(code, "".join(out), files["GITHUB_STEP_SUMMARY"].read_text(), outputs)


def fill(text: str, context: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        assert name in context, f"action.yml uses ${{{{ {name} }}}}, which the test cannot fill"
        return context[name]

    return EXPRESSION.sub(value, text)


@pytest.fixture(scope="module")
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


INSTALL = ("Install Graphviz", "Install acmap")


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
