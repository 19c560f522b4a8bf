"""Git plumbing for `acmap diff`: which map files changed between two revisions, and their text.

Only what git says changed is read (`git diff --name-status -M`), and every blob comes through one
`git cat-file --batch` process, so the cost grows with the change, not with the repository.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

WORKTREE = None  # a revision of None means the working tree (tracked and untracked files)
MAP_SUFFIXES = (".yaml", ".yml")


class GitError(Exception):
    """Git cannot answer: not a repository, an unknown revision, git missing. Exit 2."""


@dataclass(frozen=True, slots=True)
class Range:
    """What to compare: `base` (a commit) against `head` (a commit, or None: the working tree).

    `label` is how the user wrote it, for report titles.
    """

    base: str
    head: str | None
    label: str


@dataclass(frozen=True, slots=True)
class FileChange:
    """One changed map file. `old` is None for an added file, `new` None for a deleted one;
    both are paths relative to the repository root."""

    status: str  # added | deleted | modified | renamed
    old: str | None
    new: str | None


def _run(args: Sequence[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    env = dict(os.environ)
    env.update(LC_ALL="C", GIT_OPTIONAL_LOCKS="0")
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, env=env, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def toplevel(cwd: Path) -> Path:
    """The root of the repository around cwd, or GitError in plain words."""
    try:
        out = _run(["rev-parse", "--show-toplevel"], cwd)
    except GitError as exc:
        if "not a git repository" in str(exc).lower():
            raise GitError(
                f"{cwd} is not inside a git repository (acmap diff compares git revisions)"
            ) from None
        raise
    return Path(out.decode().strip())


def _commit(rev: str, cwd: Path) -> str:
    """The full commit id a revision names, or GitError naming the revision."""
    if not rev or rev.startswith("-"):
        raise GitError(f"{rev!r} is not a revision")
    try:
        out = _run(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], cwd
        )
    except GitError:
        out = b""
    sha = out.decode().strip()
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
        return Range(_commit("HEAD", cwd), WORKTREE, "HEAD → working tree")
    if head is None and ".." in base:
        three = "..." in base
        left, right = base.split("..." if three else "..", 1)
        left, right = left or "HEAD", right or "HEAD"
        right_sha = _commit(right, cwd)
        left_sha = _commit(left, cwd)
        if three:
            try:
                merge_base = _run(["merge-base", left_sha, right_sha], cwd).decode().strip()
            except GitError:
                raise GitError(f"{left!r} and {right!r} have no common ancestor") from None
            return Range(merge_base, right_sha, f"{left}...{right}")
        return Range(left_sha, right_sha, f"{left}..{right}")
    if head is not None and ".." in (base + head):
        raise GitError("give either BASE HEAD or BASE..HEAD, not both")
    if head is None:
        return Range(_commit(base, cwd), WORKTREE, f"{base} → working tree")
    return Range(_commit(base, cwd), _commit(head, cwd), f"{base}..{head}")


def _is_map(path: str) -> bool:
    return path.endswith(MAP_SUFFIXES) and not Path(path).name.startswith(".")


def changed_maps(span: Range, pathspecs: Iterable[str], cwd: Path) -> list[FileChange]:
    """Map files that differ between the two sides, with renames detected (-M).

    `pathspecs` are as git reads them, relative to cwd. For the working tree, untracked map files
    (not ignored) count as added: a new account is part of the change before `git add`.
    """
    specs = list(pathspecs)
    args = ["diff", "--name-status", "-M", "-z", "--no-ext-diff", "--no-textconv", span.base]
    if span.head is not None:
        args.append(span.head)
    raw = _run([*args, "--", *specs], cwd)
    fields = raw.decode("utf-8", "surrogateescape").split("\0")
    changes: list[FileChange] = []
    i = 0
    while i < len(fields) and fields[i]:
        code = fields[i]
        kind = code[0]
        if kind in "RC":
            old, new = fields[i + 1], fields[i + 2]
            i += 3
        else:
            old = new = fields[i + 1]
            i += 2
        if kind == "R":
            if _is_map(old) and _is_map(new):
                changes.append(FileChange("renamed", old, new))
            elif _is_map(old):
                changes.append(FileChange("deleted", old, None))
            elif _is_map(new):
                changes.append(FileChange("added", None, new))
        elif kind == "C" and _is_map(new):
            changes.append(FileChange("added", None, new))
        elif not _is_map(new):
            continue
        elif kind == "A":
            changes.append(FileChange("added", None, new))
        elif kind == "D":
            changes.append(FileChange("deleted", old, None))
        elif kind in "MTU":
            changes.append(FileChange("modified", old, new))
    if span.head is None:
        seen = {c.new for c in changes}
        untracked = _run(
            ["ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", *specs], cwd
        )
        for name in untracked.decode("utf-8", "surrogateescape").split("\0"):
            if name and _is_map(name) and name not in seen:
                changes.append(FileChange("added", None, name))
    changes.sort(key=lambda c: c.new or c.old or "")
    return changes


def read_blobs(rev: str, paths: Sequence[str], top: Path) -> dict[str, bytes | None]:
    """The contents of `paths` (relative to the repository root) at commit `rev`, through one
    `git cat-file --batch`. A path git does not have maps to None."""
    if not paths:
        return {}
    request = "".join(f"{rev}:{path}\n" for path in paths).encode("utf-8", "surrogateescape")
    out = _run(["cat-file", "--batch"], top, stdin=request)
    blobs: dict[str, bytes | None] = {}
    at = 0
    for path in paths:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3 or not header[2].isdigit():  # "missing" or "ambiguous"
            blobs[path] = None
            continue
        size = int(header[2])
        blobs[path] = out[at : at + size] if header[1] == b"blob" else None
        at += size + 1  # the content is followed by a newline
    return blobs
