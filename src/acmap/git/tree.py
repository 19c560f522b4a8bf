"""The working tree as git knows it without looking at it, and blob ids computed as git would."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from acmap.git.changes import GITLINK, FileChange, is_map, records, worktree_changes
from acmap.git.run import run, run_all


class Staged(NamedTuple):
    """A tracked file as the index last saw it: its blob id and the stat data git keeps, by
    which a file that did not change is known without reading it (as `git status` knows it)."""

    oid: str
    mtime: tuple[int, int]
    ctime: tuple[int, int]
    size: int
    ino: int

    def unchanged(self, info: os.stat_result, base_oid: str | None, racy_from: int) -> bool:
        """Whether a regular file with stat `info` is still blob `base_oid`: the index has that
        blob and the file's stat data is the index's. A file changed in the second the index
        was written (`racy_from`, as git's racy-clean rule) is read to be sure."""
        bits = 0xFFFFFFFF  # the index keeps 32 bits
        return (
            self.oid == base_oid
            and stat.S_ISREG(info.st_mode)
            and self.mtime[0] < racy_from
            and self.mtime == (info.st_mtime_ns // 10**9 & bits, info.st_mtime_ns % 10**9)
            and self.ctime == (info.st_ctime_ns // 10**9 & bits, info.st_ctime_ns % 10**9)
            and self.size == info.st_size & bits
            and self.ino == info.st_ino & bits
        )


# One entry of `ls-files -z --stage --debug`: mode, id, stage, the name up to its NUL, then the
# stat data (ls-files.c), numbers only: a name (which cannot hold a NUL) cannot forge it.
_STAGED = re.compile(
    rb"(\d+) ([0-9a-f]+) (\d)\t([^\0]*)\0"
    rb"  ctime: (\d+):(\d+)\n  mtime: (\d+):(\d+)\n  dev: \d+\tino: (\d+)\n"
    rb"  uid: \d+\tgid: \d+\n  size: (\d+)\tflags: [0-9a-f]+\n"
)


@dataclass(frozen=True, slots=True)
class Worktree:
    """What git knows of the working tree without looking at it: the base commit and its map
    files (path → blob id), the work tree's map files (tracked ones with their index entry, untracked
    ones None), and when the index was written (for the racy-clean rule; 0: trust no entry)."""

    commit: str
    base: dict[str, str]
    files: dict[str, Staged | None]
    racy_from: int

    def unchanged(self, name: str, info: os.stat_result) -> bool:
        """Whether the file `name` with stat `info` is known unchanged since the base commit."""
        entry = self.files.get(name)
        return entry is not None and entry.unchanged(info, self.base.get(name), self.racy_from)

    def same(self, name: str, data: bytes) -> bool:
        """Whether `data` is the base commit's blob at `name`."""
        return same_blob(self.base.get(name), data)

    def changes(self, found: Mapping[str, object]) -> list[FileChange]:
        """The changes, given what was found in the working tree: for each file there, None when
        unchanged, its bytes, or anything else for a file that could not be read (changed)."""
        present: dict[str, str | None] = {}
        for name, data in found.items():
            if data is None:
                present[name] = self.base[name]
            else:
                present[name] = blob_id(data, self.commit) if isinstance(data, bytes) else None
        return worktree_changes(self.base, present)


def worktree(base: str, pathspecs: Iterable[str], cwd: Path) -> Worktree:
    """The map files of commit `base` and of the working tree the pathspecs select, from four
    git commands run side by side: the base's files as a diff from the empty tree (so pathspecs
    mean what they mean everywhere else), the index with its stat data (`ls-files --debug`),
    the untracked files that are not ignored, and where the index is. Submodules are skipped.
    Only names and the index: nothing here reads a file in the working tree."""
    specs = ["--", *pathspecs]
    empty = hashlib.new(algorithm(base), b"tree 0\0").hexdigest()
    tree, staged, others, index = run_all(
        [
            ["diff-tree", "-r", "-z", "--raw", "--no-abbrev", "--no-renames", empty, base, *specs],
            ["ls-files", "-z", "--stage", "--debug", "--full-name", *specs],
            ["ls-files", "-z", "--others", "--exclude-standard", "--full-name", *specs],
            ["rev-parse", "--git-path", "index"],
        ],
        cwd,
    )
    known = {r.new: r.new_id for r in records(tree) if r.new_mode != GITLINK and is_map(r.new)}
    files = _staged(staged)
    if files is None:  # not the format this reader knows: names only, and every file is read
        files = _names(run(["ls-files", "-z", "--stage", "--full-name", *specs], cwd))
    for raw in others.split(b"\0"):
        if raw and is_map(name := os.fsdecode(raw)):
            files.setdefault(name, None)
    try:
        racy_from = (cwd / os.fsdecode(index.rstrip(b"\n"))).stat().st_mtime_ns // 10**9
    except OSError:
        racy_from = 0
    return Worktree(base, known, dict(sorted(files.items())), racy_from)


def _staged(out: bytes) -> dict[str, Staged | None] | None:
    found: dict[str, Staged | None] = {}
    at = 0
    for m in _STAGED.finditer(out):
        if m.start() != at:
            return None
        at = m.end()
        mode, oid, stage, raw, *numbers = m.groups()
        name = os.fsdecode(raw)
        if mode == GITLINK or not is_map(name):
            continue
        if stage != b"0" or mode == b"120000":
            found[name] = None
            continue
        c, cn, t, tn, ino, size = map(int, numbers)
        found[name] = Staged(oid.decode(), (t, tn), (c, cn), size, ino)
    return found if at == len(out) else None


def _names(out: bytes) -> dict[str, Staged | None]:
    found: dict[str, Staged | None] = {}
    for entry in out.split(b"\0"):
        info, tab, raw = entry.partition(b"\t")
        if tab and not info.startswith(GITLINK) and is_map(name := os.fsdecode(raw)):
            found[name] = None
    return found


def algorithm(oid: str) -> str:
    return "sha256" if len(oid) == 64 else "sha1"


def blob_id(data: bytes, like: str) -> str:
    """The id git gives `data` as a blob, in the hash of the id `like` (sha1 or sha256)."""
    return hashlib.new(algorithm(like), b"blob %d\0" % len(data) + data).hexdigest()


def same_blob(oid: str | None, data: bytes) -> bool:
    """Whether `data` is the blob `oid`: as is, or with CRLF line ends stored as LF (what git's
    own end-of-line conversion does; no filter program is run to find out)."""
    if oid is None:
        return False
    if blob_id(data, oid) == oid:
        return True
    return b"\r\n" in data and blob_id(data.replace(b"\r\n", b"\n"), oid) == oid
