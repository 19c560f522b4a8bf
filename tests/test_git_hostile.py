"""`acmap diff` on hostile git repositories: file names that try to split git's requests, a
repository config that runs programs, FIFOs, non-UTF-8 names, submodules and shallow clones.

Every test builds a real repository in tmp_path and runs the real CLI.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import GIT_ENV, REPO, commit, git, map_repo, run_acmap

ZULU = """\
acmap: 1
account: {id: zulu, name: Zulu Freight, goals: [Ship faster]}
stakeholders:
  - {id: zed, name: Zed Zulu, roles: [economic_buyer], stance: supporter, influence: high}
"""
# The same account after a change that opens a warning: its economic buyer turns against us.
ZULU_TURNED = ZULU.replace("stance: supporter", "stance: blocker")
ALPHA = """\
acmap: 1
account: {id: alpha, name: Alpha Inc, goals: [Grow]}
stakeholders:
  - {id: ann, name: Ann Alpha, roles: [economic_buyer], stance: neutral}
"""


def _write(repo: Path, name: str, text: str) -> None:
    """Write a file whose repository path may hold any byte but NUL (undecodable bytes as
    surrogates, as os.fsdecode gives them)."""
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def test_a_name_with_a_newline_cannot_split_the_blob_requests(tmp_path: Path) -> None:
    repo = map_repo(tmp_path / "r", {"zulu.yaml": ZULU})
    base = git(repo, "rev-parse", "HEAD").strip()
    _write(repo, "maps/zulu.yaml", ZULU_TURNED)
    # Read as `<rev>:<path>` lines, this name asks for zulu's *old* blob as the next answer.
    _write(repo, f"maps/x\n{base}:maps/zulu.yaml", ALPHA)
    commit(repo, "zulu turns; a file with a newline in its name")

    result = run_acmap("diff", base, "HEAD", "--fail-on-new", "warning", "-f", "json", cwd=repo)

    assert result.code == 1, result.out + result.err  # the opened gap is not hidden
    doc = json.loads(result.out)
    by_id = {a["account"]: a for a in doc["accounts"]}
    assert by_id["zulu"]["new_file"] == "maps/zulu.yaml"
    assert any(c["text"] == "Zed Zulu: supporter → blocker" for c in by_id["zulu"]["changes"])
    assert by_id["alpha"]["kind"] == "added"
    assert by_id["alpha"]["new_file"] == f'"maps/x\\n{base}:maps/zulu.yaml"'  # as git quotes it


def test_a_name_with_a_newline_in_the_work_tree(tmp_path: Path) -> None:
    repo = map_repo(tmp_path / "r", {"zulu.yaml": ZULU, "x\nHEAD:maps/zulu.yaml": ALPHA})
    _write(repo, "maps/zulu.yaml", ZULU_TURNED)
    _write(repo, "maps/x\nHEAD:maps/zulu.yaml", ALPHA.replace("stance: neutral", "stance: blocker"))

    result = run_acmap("diff", "-f", "json", cwd=repo)

    assert result.code == 0, result.err
    by_id = {a["account"]: a for a in json.loads(result.out)["accounts"]}
    assert [c["text"] for c in by_id["zulu"]["changes"]] == ["Zed Zulu: supporter → blocker"]
    assert [c["text"] for c in by_id["alpha"]["changes"]] == ["Ann Alpha: neutral → blocker"]


def _evil_config(repo: Path, markers: Path) -> tuple[Path, Path]:
    """A repository config that runs a program from git's fsmonitor hook and from a clean
    filter, each leaving a marker file when run."""
    markers.mkdir()
    fsmonitor, clean = markers / "fsmonitor-ran", markers / "clean-filter-ran"
    hook = markers / "fsmonitor.sh"
    hook.write_text(f"#!/bin/sh\ntouch '{fsmonitor}'\nexit 1\n", encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    git(repo, "config", "core.fsmonitor", str(hook))
    git(repo, "config", "filter.evil.clean", f"touch '{clean}'; cat")
    return fsmonitor, clean


def test_acmap_runs_no_fsmonitor_hook_and_no_clean_filter(tmp_path: Path) -> None:
    repo = map_repo(tmp_path / "r", {"zulu.yaml": ZULU, "alpha.yaml": ALPHA})
    (repo / ".gitattributes").write_text("*.yaml filter=evil\n", encoding="utf-8")
    commit(repo, "attributes")
    fsmonitor, clean = _evil_config(repo, tmp_path / "markers")
    _write(repo, "maps/zulu.yaml", ZULU_TURNED)
    _write(repo, "maps/new.yaml", ALPHA.replace("id: alpha", "id: new"))

    result = run_acmap("diff", cwd=repo)

    assert result.code == 0, result.err
    assert "Zed Zulu: supporter → blocker" in result.out
    assert "maps/new.yaml): new account map" in result.out
    assert "alpha" not in result.out  # unchanged, and known so without git's clean filter
    assert not fsmonitor.exists(), "acmap's git ran the repository's fsmonitor hook"
    assert not clean.exists(), "acmap's git ran the repository's clean filter"
    # Plain `git diff` runs both (git's documented behaviour): the trap was armed.
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "diff", "HEAD"], cwd=repo, env=env, capture_output=True, check=True)
    assert fsmonitor.exists(), "git did not run the fsmonitor hook"
    assert clean.exists(), "git did not run the clean filter"


def test_a_fifo_at_a_tracked_map_path_is_reported_not_waited_for(tmp_path: Path) -> None:
    repo = map_repo(tmp_path / "r", {"zulu.yaml": ZULU, "alpha.yaml": ALPHA})
    (repo / "maps" / "zulu.yaml").unlink()
    os.mkfifo(repo / "maps" / "zulu.yaml")
    _write(repo, "maps/alpha.yaml", ALPHA.replace("stance: neutral", "stance: blocker"))

    result = run_acmap("diff", "--fail-on-new", "error", cwd=repo, timeout=20)

    assert result.code == 1, result.out + result.err  # a map replaced by a FIFO breaks the gate
    assert "maps/zulu.yaml:1:1: E011 unsafe-yaml not a regular file (a FIFO)" in result.out
    assert "Ann Alpha: neutral → blocker" in result.out  # and the rest goes on


def _run_bytes(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env.update(NO_COLOR="1", COLUMNS="100", PYTHONPATH=str(REPO / "src"))
    return subprocess.run(
        [sys.executable, "-m", "acmap", *args], cwd=cwd, env=env, capture_output=True, timeout=60
    )


def test_a_non_utf8_file_name_gives_valid_utf8_json_and_text(tmp_path: Path) -> None:
    repo = map_repo(tmp_path / "r", {"zulu.yaml": ZULU})
    name = os.fsdecode(b"maps/caf\xe9.yaml")
    _write(repo, name, ALPHA)
    commit(repo, "a Latin-1 file name")

    as_json = _run_bytes("diff", "HEAD~1", "HEAD", "-f", "json", cwd=repo)
    as_text = _run_bytes("diff", "HEAD~1", "HEAD", cwd=repo)

    assert as_json.returncode == 0, as_json.stderr
    (account,) = json.loads(as_json.stdout.decode("utf-8"))["accounts"]  # strict UTF-8
    assert account["new_file"] == '"maps/caf\\351.yaml"'  # the byte as git quotes it
    assert as_text.returncode == 0, as_text.stderr
    assert '"maps/caf\\351.yaml"): new account map' in as_text.stdout.decode("utf-8")


def test_a_submodule_named_like_a_map_is_not_an_account(tmp_path: Path) -> None:
    inner = map_repo(tmp_path / "inner", {"zulu.yaml": ZULU})
    repo = map_repo(tmp_path / "r", {"alpha.yaml": ALPHA})
    git(
        repo,
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        str(inner),
        "maps/sub.yaml",
    )
    commit(repo, "a submodule")

    between = run_acmap("diff", "HEAD~1", "HEAD", cwd=repo)
    worktree = run_acmap("diff", "HEAD~1", cwd=repo)

    assert between.code == 0, between.err
    assert "No account map changed" in between.out, between.out
    assert "No account map changed" in worktree.out, worktree.out


def test_a_shallow_clone_points_at_fetch_depth_0(tmp_path: Path) -> None:
    repo = map_repo(tmp_path / "r", {"zulu.yaml": ZULU})
    git(repo, "checkout", "-q", "-b", "feature")
    _write(repo, "maps/zulu.yaml", ZULU_TURNED)
    commit(repo, "feature")
    git(repo, "checkout", "-q", "main")
    _write(repo, "maps/alpha.yaml", ALPHA)
    commit(repo, "main moves on")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", "--no-single-branch", f"file://{repo}", str(clone))

    result = run_acmap("diff", "origin/main...origin/feature", cwd=clone)

    assert result.code == 2
    assert "shallow" in result.err and "fetch-depth: 0" in result.err, result.err
    assert "Traceback" not in result.err and len(result.err.strip().splitlines()) == 1


@pytest.mark.parametrize("name", ["-rf.yaml", "tab\there.yaml", 'quo"te.yaml', "a..b.yaml"])
def test_odd_names_are_diffed_as_themselves(tmp_path: Path, name: str) -> None:
    repo = map_repo(tmp_path / "r", {"zulu.yaml": ZULU, name: ALPHA})
    _write(repo, f"maps/{name}", ALPHA.replace("stance: neutral", "stance: blocker"))
    commit(repo, "odd")

    for args in (("HEAD~1", "HEAD"), ("HEAD~1",)):
        result = run_acmap("diff", *args, "-f", "json", cwd=repo)
        assert result.code == 0, result.err
        (account,) = json.loads(result.out)["accounts"]
        assert account["account"] == "alpha"
        assert [c["text"] for c in account["changes"]] == ["Ann Alpha: neutral → blocker"]
