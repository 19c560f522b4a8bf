"""The maps' history: every commit that changed a map file, streamed from one `git log`.

`git log --raw -z --no-abbrev -M --reverse --first-parent` over the maps folder's pathspec, read
as it comes (a repository's whole history is never held as one string). First parent only: on
a trunk that is the line of commits the team lived through, one after another; a merged branch
counts once, as its merge, dated when it landed. `-M` pairs a renamed map file with its old
name, so a renamed account keeps one history. The same safety rules as the rest of acmap.git:
NUL-separated bytes, names kept exactly as git has them, plumbing-safe config.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from acmap.git.raw import absent, meta
from acmap.git.run import GitError, command, last_line

# One commit's header: NUL, id, committer date (strict ISO), author name, subject.
_FORMAT = "--format=%x00%H%x00%cI%x00%an%x00%s"
_CHUNK = 1 << 16
_NOT_FILES = (b"160000", b"120000")  # a gitlink, a symlink


@dataclass(frozen=True, slots=True)
class Commit:
    id: str
    day: date  # the committer's date, in the committer's own time zone
    author: str
    subject: str


@dataclass(frozen=True, slots=True)
class MapChange:
    """One map file a commit changed: `status` is git's letter (A, M, D, R, C, T); `old` is the
    name before a rename or copy; `blob` the new contents' id (None when deleted)."""

    status: str
    path: str
    old: str | None
    blob: str | None


@dataclass(frozen=True, slots=True)
class LogEntry:
    commit: Commit
    changes: tuple[MapChange, ...]


def map_log(top: Path, specs: Sequence[str], tip: str = "HEAD") -> Iterator[LogEntry]:
    """The commits reachable from `tip` (a full commit id, or HEAD) along first parents that
    changed a file under `specs` (pathspecs relative to `top`), oldest first. GitError when git
    fails (an unknown revision, not a repository)."""
    args = [
        "log",
        "--raw",
        "-z",
        "--no-abbrev",
        "-M",
        "--reverse",
        "--first-parent",
        "--diff-merges=first-parent",
        _FORMAT,
        "--end-of-options",
        tip,
        "--",
        *[f":(literal){spec}" for spec in specs],
    ]
    argv, env = command(args)
    errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed by _read, which outlives this call)
    try:
        # Started now, not at the first entry read: git works out the log while the caller
        # does other work (acmap history reads its results cache meanwhile).
        proc = subprocess.Popen(argv, cwd=top, env=env, stdout=subprocess.PIPE, stderr=errors)
    except FileNotFoundError:
        errors.close()
        raise GitError("git is not installed (or not on PATH)") from None
    return _read(proc, errors)


def _read(proc: subprocess.Popen[bytes], errors: IO[bytes]) -> Iterator[LogEntry]:
    assert proc.stdout is not None
    with errors:
        try:
            yield from _entries(_tokens(proc.stdout))
        finally:
            proc.stdout.close()
            code = proc.wait()
        errors.seek(0)
        if code != 0:
            raise GitError(last_line(errors.read()) or "git log failed")


def _tokens(stream: IO[bytes]) -> Iterator[bytes]:
    """The NUL-separated fields of `stream`, read a chunk at a time."""
    rest = b""
    while chunk := stream.read(_CHUNK):
        parts = (rest + chunk).split(b"\0")
        rest = parts.pop()
        yield from parts
    if rest:
        yield rest


def _entries(tokens: Iterator[bytes]) -> Iterator[LogEntry]:
    commit: Commit | None = None
    changes: list[MapChange] = []
    for token in tokens:
        if token == b"":  # a header's leading NUL: a new commit starts
            if commit is not None:
                yield LogEntry(commit, tuple(changes))
            commit, changes = _header(tokens), []
            continue
        entry = meta(token) if commit is not None else None
        if entry is None:
            continue  # nothing else is written between headers; skip what is not understood
        first = os.fsdecode(next(tokens, b""))
        second = os.fsdecode(next(tokens, b"")) if entry.names == 2 else first
        blob = None if absent(entry.new_id) else entry.new_id
        if entry.new_mode in _NOT_FILES:
            # A submodule or a symlink is no map (the work tree refuses links too): gone, and
            # so is what a rename took it from.
            changes.append(MapChange("D", second, None, None))
            if entry.kind == "R":
                changes.append(MapChange("D", first, None, None))
        elif entry.names == 2:
            changes.append(MapChange(entry.kind, second, first, blob))
        else:
            changes.append(MapChange(entry.kind, first, None, None if entry.kind == "D" else blob))
    if commit is not None:
        yield LogEntry(commit, tuple(changes))


def _header(tokens: Iterator[bytes]) -> Commit:
    sha, when, author, subject = (next(tokens, b"") for _ in range(4))
    try:
        day = date.fromisoformat(when[:10].decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        raise GitError(f"git log gave an unreadable date {when[:40]!r}") from None
    return Commit(
        sha.decode("ascii", "replace"),
        day,
        author.decode("utf-8", "replace"),
        subject.decode("utf-8", "replace"),
    )
