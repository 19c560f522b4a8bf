"""One commit's files without a checkout, for `--at REV`: which commit a revision or a date
names, the files of its tree (`ls-tree -r -z`), and their blobs (`cat-file --batch`, blobs.py).

The same safety as every git acmap runs (see acmap.git): plumbing only, NUL-separated names read
as bytes, blobs asked for by id. Nothing here looks at the work tree, and a symlink in the tree
is never followed out of it: its blob is a path, resolved inside the commit's own tree or
refused (E011 for the loader, as the work tree's guard refuses a symlink out of the project).
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from acmap.git.blobs import read_blobs
from acmap.git.names import shown
from acmap.git.rev import commit
from acmap.git.run import GitError, run, toplevel

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# `<mode> <type> <id>\t<path>`: the path is last, so nothing in it can forge the rest.
_ENTRY = re.compile(rb"(\d+) (\w+) ([0-9a-f]+)\t(.*)", re.DOTALL)
_LINK = b"120000"
_HOPS = 8  # symlinks to symlinks followed at most this deep (a loop ends too)
# The words of the work tree's guard (acmap.load.read.OUTSIDE): the same map, the same finding.
OUTSIDE = "symlink to a file outside the project is not followed (acmap reads only files in it)"
SHALLOW = (
    "this shallow clone's history is cut off: fetch the whole history (git fetch --unshallow; "
    "in GitHub Actions, actions/checkout with fetch-depth: 0)"
)


@dataclass(frozen=True, slots=True)
class Tree:
    """The files of one commit: `files` maps each path (relative to `top`, as git has it) to a
    blob id, a symlink that stays inside the tree to its target's; `refused` maps the paths
    that must not be read to why (a symlink out of the repository, or to nothing)."""

    commit: str
    label: str
    top: Path
    files: dict[str, str] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)


def commit_at(rev: str, cwd: Path) -> str:
    """The full id of the commit `rev` names: a revision, or a date YYYY-MM-DD for the last
    commit of HEAD's history on or before the end of that day (in local time, as git reads
    dates). GitError naming the revision when there is none; a shallow clone says so."""
    if "\0" in rev:  # no argument can hold one (argv cannot either: only a caller in-process)
        raise GitError(f"{rev!r} is not a revision")
    if _DAY.fullmatch(rev):
        return _last_commit_by(rev, cwd)
    try:
        return commit(rev, cwd)
    except GitError as exc:
        if rev and not rev.startswith("-") and _shallow(cwd):
            raise GitError(f"{exc}: {SHALLOW}") from None
        raise


def _last_commit_by(day: str, cwd: Path) -> str:
    try:
        date.fromisoformat(day)
    except ValueError:
        raise GitError(f"{day!r} is not a date (expected YYYY-MM-DD)") from None
    commit("HEAD", cwd)  # an empty repository says so
    out = run(["rev-list", "-1", f"--before={day} 23:59:59", "HEAD", "--"], cwd)
    sha = out.decode("ascii", "replace").strip()
    if sha:
        return sha
    # rev-list, not log: log would honour a repository's log.showSignature and run gpg.
    out = run(["rev-list", "--max-parents=0", "--format=%cs", "HEAD", "--"], cwd)
    roots = [line for line in out.split(b"\n") if line and not line.startswith(b"commit ")]
    first = min(roots).decode("ascii", "replace") if roots else "?"
    hint = f"; {SHALLOW}" if _shallow(cwd) else ""
    raise GitError(
        f"no commit on or before {day} in HEAD's history (the first is from {first}){hint}"
    )


def _shallow(cwd: Path) -> bool:
    try:
        return run(["rev-parse", "--is-shallow-repository"], cwd).strip() == b"true"
    except GitError:
        return False


def tree_at(rev: str, cwd: Path) -> Tree:
    """The files of the commit `rev` names (see commit_at), submodules left out. Symlinks are
    read (their blobs are their targets) and followed only inside the tree."""
    top = toplevel(cwd, "--at reads the maps from git")
    commit = commit_at(rev, cwd)
    out = run(["ls-tree", "-r", "-z", "--full-tree", "--no-abbrev", commit], top)
    tree = Tree(commit, shown(rev), top)
    links: dict[str, str] = {}
    for raw in out.split(b"\0"):
        entry = _ENTRY.fullmatch(raw)
        if entry is None or entry[2] != b"blob":
            continue  # a submodule (a commit in the tree), or nothing
        name = os.fsdecode(entry[4])
        oid = entry[3].decode("ascii")
        if entry[1] == _LINK:
            links[name] = oid
        else:
            tree.files[name] = oid
    if links:
        _follow(tree, links)
    return tree


def _follow(tree: Tree, links: dict[str, str]) -> None:
    """Each symlink to a file of the tree becomes that file's blob; any other is refused."""
    targets = read_blobs(links.values(), tree.top, 4096)
    for name in links:
        at, why = name, ""
        for _ in range(_HOPS):
            target = targets.get(links[at])
            if not isinstance(target, bytes):
                why = "symlink that git cannot read"
                break
            path = os.fsdecode(target)
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(at), path))
            if path.startswith("/") or joined == ".." or joined.startswith("../"):
                why = OUTSIDE
                break
            if joined in tree.files:
                tree.files[name] = tree.files[joined]
                break
            if joined not in links:
                why = f"symlink to {shown(path)}, which is not a file at {tree.label}"
                break
            at = joined
        else:
            why = "symlink loop"
        if why:
            tree.refused[name] = why
