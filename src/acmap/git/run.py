"""Running git for acmap: plumbing only, with no program a repository's config names."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

# Config for every git acmap runs: no hook or program a repository's config names.
SAFE_CONFIG = (
    "core.fsmonitor=false",
    "core.untrackedCache=false",
    "diff.external=",
    "protocol.allow=never",
)


class GitError(Exception):
    """Git cannot answer: not a repository, an unknown revision, git missing. Exit 2."""


def command(args: Sequence[str]) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ)
    env.update(LC_ALL="C", GIT_OPTIONAL_LOCKS="0", GIT_NO_LAZY_FETCH="1", GIT_TERMINAL_PROMPT="0")
    config = [part for setting in SAFE_CONFIG for part in ("-c", setting)]
    return ["git", "--no-pager", *config, *args], env


def run(args: Sequence[str], cwd: Path) -> bytes:
    return run_all([args], cwd)[0]


def run_all(commands: Sequence[Sequence[str]], cwd: Path) -> list[bytes]:
    """Run the git commands side by side; their outputs, or GitError for the first that fails."""
    procs: list[tuple[Sequence[str], subprocess.Popen[bytes]]] = []
    try:
        for args in commands:
            argv, env = command(args)
            pipe = subprocess.PIPE
            procs.append((args, subprocess.Popen(argv, cwd=cwd, env=env, stdout=pipe, stderr=pipe)))
    except FileNotFoundError:
        for _, proc in procs:
            proc.kill()
            proc.communicate()
        raise GitError("git is not installed (or not on PATH)") from None
    done = [(args, *proc.communicate(), proc.returncode) for args, proc in procs]
    for args, _, err, code in done:
        if code != 0:
            raise GitError(last_line(err) or f"git {args[0]} failed")
    return [out for _, out, _, _ in done]


def last_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else ""


def toplevel(cwd: Path, why: str = "acmap diff compares git revisions") -> Path:
    """The root of the repository around cwd, or GitError in plain words: `why` says what the
    command needed git for ("--at reads the maps from git")."""
    try:
        out = run(["rev-parse", "--show-toplevel"], cwd)
    except GitError as exc:
        if "not a git repository" in str(exc).lower():
            raise GitError(f"{cwd} is not inside a git repository ({why})") from None
        raise
    return Path(os.fsdecode(out.rstrip(b"\n")))
