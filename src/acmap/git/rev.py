"""Revisions: what the user's BASE and HEAD name, as commits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from acmap.git.names import shown
from acmap.git.run import GitError, run

WORKTREE = None  # a revision of None means the working tree (tracked and untracked files)


@dataclass(frozen=True, slots=True)
class Range:
    """What to compare: `base` (a commit) against `head` (a commit, or None: the working tree).

    `label` is how the user wrote it, for report titles.
    """

    base: str
    head: str | None
    label: str


def commit(rev: str, cwd: Path) -> str:
    """The full commit id a revision names, or GitError naming the revision."""
    if not rev or rev.startswith("-"):
        raise GitError(f"{rev!r} is not a revision")
    try:
        out = run(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], cwd
        )
    except GitError:
        out = b""
    sha = out.decode("ascii", "replace").strip()
    if not sha:
        hint = " (the repository has no commits yet)" if rev == "HEAD" else ""
        raise GitError(f"unknown revision {rev!r}{hint}")
    return sha


def resolve(base: str | None, head: str | None, cwd: Path) -> Range:
    """Turn the command's BASE and HEAD (either may be `A..B` or `A...B`) into two commits.

    - nothing: HEAD against the working tree
    - `A`: A against the working tree;  `A B` or `A..B`: A against B
    - `A...B`: the merge base of A and B against B (what a pull request shows)
    """
    if base is None:
        return Range(commit("HEAD", cwd), WORKTREE, "HEAD → working tree")
    if head is None and ".." in base:
        three = "..." in base
        left, right = base.split("..." if three else "..", 1)
        left, right = left or "HEAD", right or "HEAD"
        right_sha = commit(right, cwd)
        left_sha = commit(left, cwd)
        if three:
            label = shown(f"{left}...{right}")
            return Range(_merge_base(left, right, left_sha, right_sha, cwd), right_sha, label)
        return Range(left_sha, right_sha, shown(f"{left}..{right}"))
    if head is not None and ".." in (base + head):
        raise GitError("give either BASE HEAD or BASE..HEAD, not both")
    if head is None:
        return Range(commit(base, cwd), WORKTREE, f"{shown(base)} → working tree")
    return Range(commit(base, cwd), commit(head, cwd), f"{shown(base)}..{shown(head)}")


def _merge_base(left: str, right: str, left_sha: str, right_sha: str, cwd: Path) -> str:
    try:
        return run(["merge-base", left_sha, right_sha], cwd).decode("ascii").strip()
    except GitError:
        pass
    if run(["rev-parse", "--is-shallow-repository"], cwd).strip() == b"true":
        raise GitError(
            f"{left!r} and {right!r} have no common ancestor in this shallow clone (its history "
            "is cut off): fetch the whole history (git fetch --unshallow; in GitHub Actions, "
            "actions/checkout with fetch-depth: 0)"
        )
    raise GitError(f"{left!r} and {right!r} have no common ancestor")
