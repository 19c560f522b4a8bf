"""The history of one map file, renames followed: every commit that changed it, newest first,
with the blob it left there (`git log --follow -z --raw`, one process).

The output is read as NUL-separated tokens by position: a commit id, then its author date,
author name and subject (none of which can hold a NUL), then the raw lines of the
file's change. Nothing a name or a subject says can shift that, and the path is given as a
literal pathspec, so no file name is read as a pattern or an option.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from acmap.git.raw import absent, meta
from acmap.git.run import GitError, run, toplevel

_OID = re.compile(rb"[0-9a-f]{40}|[0-9a-f]{64}")
# id, author date (strict ISO 8601), author name, subject
_FORMAT = "--format=%H%x00%aI%x00%an%x00%s"
_FIELDS = 4
SHORT = 7  # how reports abbreviate a commit id, as GitHub does


@dataclass(frozen=True, slots=True)
class Revision:
    """One commit that changed the map file. `blob` is the file's blob id at that commit, None
    where the commit deleted it; `path` is its path in the repository then (renames)."""

    commit: str
    date: str  # the author date, strict ISO 8601
    author: str
    subject: str
    blob: str | None
    path: str

    @property
    def short(self) -> str:
        return self.commit[:SHORT]


@dataclass(frozen=True, slots=True)
class FileHistory:
    """`path` (relative to the repository root `top`) and its revisions, newest first."""

    top: Path
    path: str
    revisions: list[Revision]


def follow(file: Path) -> FileHistory:
    """The commits that changed `file` (a file in a git work tree), renames followed, newest
    first. GitError in plain words when `file` is not in a git repository; an empty history
    when the repository has no commits yet or the file was never committed."""
    real = file.resolve()
    top = toplevel(real.parent, "acmap why reads the map's history from git").resolve()
    try:
        path = real.relative_to(top).as_posix()
    except ValueError:  # git answered for another tree (a symlinked folder): no history to read
        raise GitError(f"{real} is not in the git repository at {top}") from None
    # Whatever the repository's config says: the first commit's file as an addition (--root,
    # against log.showRoot=false), names and subjects in UTF-8 (i18n.logOutputEncoding), no
    # signature checks (log.showSignature runs gpg), full blob ids.
    args = ["log", "--follow", "--root", "-z", "--raw", "--no-abbrev", "--encoding=UTF-8"]
    args += ["--no-color", "--no-show-signature", "--no-ext-diff", "--no-textconv"]
    try:
        out = run([*args, _FORMAT, "--", f":(literal){path}"], top)
    except GitError as exc:
        if "does not have any commits" in str(exc):
            return FileHistory(top, path, [])
        raise
    return FileHistory(top, path, parse_log(out))


def parse_log(out: bytes) -> list[Revision]:
    """`git log -z --raw` with _FORMAT, as revisions: a commit with no raw line for the file
    (a merge) is left out, as it set nothing of its own."""
    tokens = out.split(b"\0")
    revisions: list[Revision] = []
    at = 0
    while at + _FIELDS <= len(tokens):
        head = tokens[at].lstrip(b"\n")
        if not _OID.fullmatch(head):
            at += 1  # the empty token at the end, or between commits
            continue
        commit, date, author, subject = (head, *tokens[at + 1 : at + _FIELDS])
        at += _FIELDS
        blob, path, changed = None, "", False
        while at < len(tokens) and (entry := meta(tokens[at])) is not None:
            # The path the file had at this commit: a rename's second name.
            path = os.fsdecode(tokens[at + entry.names]) if at + entry.names < len(tokens) else ""
            blob = None if absent(entry.new_id) else entry.new_id
            at += 1 + entry.names
            changed = True
        if changed:
            revisions.append(
                Revision(
                    commit.decode("ascii"),
                    date.decode("ascii", "replace"),
                    author.decode("utf-8", "replace"),
                    subject.decode("utf-8", "replace"),
                    blob,
                    path,
                )
            )
    return revisions
