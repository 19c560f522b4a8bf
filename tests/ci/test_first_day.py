"""A new team's first day, end to end (issue 13): an empty git repository, `acmap init`,
`acmap new`, a commit, then the workflow `init` generated, run as GitHub would run it (its
inputs read from .github/workflows/acmap.yml, action.yml's steps run with bash).

A map that `acmap new` writes has gaps by design (no one engaged yet: G104 single-threaded is an
error). It must pass CI as committed: the portfolio's gaps are a report (`fail-on: never`), and
the gate is the pull request's diff (`fail-on-new: warning`), where an account new in the change
is listed but judged from its next change on. A change that makes an existing account worse
still fails the check.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from acmap import __version__
from tests.ci.runner import INSTALL, Run, run_action
from tests.helpers import commit, git, run_acmap


def generated_inputs(repo: Path) -> dict[str, str]:
    """The `with:` of the acmap step in the workflow `acmap init` wrote: the inputs GitHub
    passes to the Action, after checking the workflow runs where and how they are meant."""
    from ruamel.yaml import YAML

    workflow: dict[Any, Any] = YAML(typ="safe").load(
        (repo / ".github" / "workflows" / "acmap.yml").read_text()
    )
    # ruamel reads the bare key `on` as YAML 1.2 does: the string "on".
    assert set(workflow["on"]) == {"push", "pull_request"}
    checkout, acmap_step = workflow["jobs"]["maps"]["steps"]
    assert checkout["uses"] == "actions/checkout@v4"
    assert checkout["with"]["fetch-depth"] == 0  # the diff needs the base branch's history
    assert acmap_step["uses"] == f"acmap/acmap@v{__version__}"  # this action.yml
    return {key: str(value) for key, value in acmap_step["with"].items()}


def ci(repo: Path, runner: Path, acmap_bin: Path, event: str, inputs: dict[str, str]) -> Run:
    runner.mkdir(exist_ok=True)
    base = "main" if event == "pull_request" else ""
    return run_action(
        repo,
        runner,
        inputs=inputs,
        event=event,
        base_ref=base,
        skip=INSTALL,
        path=(str(acmap_bin),),
    )


def test_init_new_commit_passes_ci_and_a_worse_account_fails_it(
    tmp_path: Path, acmap_bin: Path
) -> None:
    # Day one on main: an empty repository, `acmap init`, committed and pushed.
    repo = tmp_path / "sales-maps"
    repo.mkdir()
    git(repo, "init", "-q")
    assert run_acmap("init", cwd=repo).code == 0
    commit(repo, "acmap init")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(repo), str(origin))
    git(repo, "remote", "add", "origin", str(origin))
    inputs = generated_inputs(repo)

    # The first account, the way the README says, on a branch for its pull request.
    git(repo, "checkout", "-q", "-b", "add-acme")
    new = run_acmap("new", "acme", "--name", "Acme", "--owner", "dana", cwd=repo)
    assert new.code == 0, new.err
    commit(repo, "Acme: a new account")
    gaps = run_acmap("gaps", "acme", "--format", "json", cwd=repo)
    assert '"code": "G104"' in gaps.out and '"severity": "error"' in gaps.out  # gaps by design

    push = ci(repo, tmp_path / "runner-push", acmap_bin, "push", inputs)
    assert push.code == 0, push.out
    assert push.outputs["valid"] == "true"
    assert "## acmap gaps" in push.summary and "acme — Acme" in push.summary  # still reported

    pull = ci(repo, tmp_path / "runner-pr", acmap_bin, "pull_request", inputs)
    assert "## acmap diff" in pull.summary, pull.out
    assert (
        "Acme" in pull.summary[: pull.summary.index("<details><summary>acmap gaps")]
    )  # the new account is listed
    # Waits for h-diff (DiffResult.opens): an account with no map at the base does not count
    # for --fail-on-new.
    assert pull.code == 0, pull.out + pull.summary
    assert "::error::" not in pull.out

    # Then, in the same pull request, the example's economic buyer turns against us: our
    # only friendly power holder gone, the account falls from green to amber. No new gap says
    # so (Hank Scorpio has an owner: not an unaddressed blocker), the worse status does.
    example = repo / "maps" / "globex.yaml"
    before = example.read_text()
    turned = before.replace(
        "    roles: [economic_buyer]\n    stance: supporter\n",
        "    roles: [economic_buyer]\n    stance: blocker\n",
    )
    assert turned != before
    example.write_text(turned)
    commit(repo, "Globex: Hank Scorpio is against the TMS rollout")

    worse = ci(repo, tmp_path / "runner-worse", acmap_bin, "pull_request", inputs)

    assert "Hank Scorpio: supporter → blocker" in worse.summary
    assert "green → amber" in worse.summary
    # Waits for h-diff too: a worse status counts as opening a gap at warning level.
    assert worse.code == 1, worse.out
    assert "::error::acmap diff:" in worse.out
    # Only the gate failed: the maps are valid, and the gaps report is not a gate.
    assert worse.outputs["valid"] == "true"
    assert "::error::acmap validate" not in worse.out and "::error::acmap gaps" not in worse.out


def test_the_readme_shows_the_workflow_init_writes(tmp_path: Path) -> None:
    from ruamel.yaml import YAML

    from tests.helpers import REPO

    assert run_acmap("init", cwd=tmp_path).code == 0
    readme = (REPO / "README.md").read_text()
    section = readme[readme.index("### GitHub Actions") :]
    start = section.index("```yaml\n") + len("```yaml\n")
    block = section[start : section.index("\n```", start)]
    shown = YAML(typ="safe").load(block)
    written = YAML(typ="safe").load((tmp_path / ".github/workflows/acmap.yml").read_text())
    assert shown == written  # the same workflow, comments aside
