"""The composite Action (action.yml): its shell steps, run here the way the runner runs them.

Each step's `run` goes to `bash --noprofile --norc -eo pipefail` with the variables GitHub sets
(GITHUB_STEP_SUMMARY, GITHUB_ENV, GITHUB_OUTPUT, GITHUB_PATH, GITHUB_EVENT_NAME, GITHUB_BASE_REF,
RUNNER_TEMP, ...) and its `env:` and `working-directory:` with the `${{ }}` expressions filled in.
What a step appends to GITHUB_ENV and GITHUB_PATH reaches the later steps, as on a runner, and
what a step with an `id` writes to GITHUB_OUTPUT is `steps.<id>.outputs.<name>`. A step that
`uses:` another action (actions/upload-pages-artifact) is not run: whether its `if:` holds and
its `with:` as filled in are recorded in Run.used, for the test to check what it would be given.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.helpers import GIT_ENV, REPO

EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


@dataclass
class Run:
    code: int
    out: str
    summary: str
    outputs: dict[str, str]
    used: dict[str, dict[str, str]] = field(default_factory=dict)  # `uses:` → its `with:`


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
    used: dict[str, dict[str, str]] = {}
    for step in definition["runs"]["steps"]:
        if step["name"] in skip:
            continue
        if "if" in step and not condition(step["if"], context):
            continue
        if "uses" in step:
            used[step["uses"]] = {k: fill(str(v), context) for k, v in step["with"].items()}
            continue
        assert step["shell"] == "bash"
        before = len(files["GITHUB_OUTPUT"].read_text().splitlines())
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
        for line in files["GITHUB_OUTPUT"].read_text().splitlines()[before:]:
            key, _, value = line.partition("=")
            context[f"steps.{step.get('id')}.outputs.{key}"] = value
        if done.returncode != 0:
            code = done.returncode
            break
    outputs = dict(
        line.partition("=")[::2] for line in files["GITHUB_OUTPUT"].read_text().splitlines()
    )
    return Run(code, "".join(out), files["GITHUB_STEP_SUMMARY"].read_text(), outputs, used)


def fill(text: str, context: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        assert name in context, f"action.yml uses ${{{{ {name} }}}}, which the test cannot fill"
        return context[name]

    return EXPRESSION.sub(value, text)


COMPARISON = re.compile(r"^\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*$")


def condition(text: str, context: dict[str, str]) -> bool:
    """An `if:` of the form `name == 'text' && name != ''` (all action.yml uses); a missing
    step output is "", as on a runner."""
    result = True
    for part in str(text).split("&&"):
        match = COMPARISON.match(part)
        assert match, f"action.yml's if: {text!r} is more than the test can evaluate"
        name, operator, literal = match.groups()
        value = context.get(name, "")
        result = result and ((value == literal) == (operator == "=="))
    return result


INSTALL = ("Install Graphviz", "Install acmap")
