"""Which map files changed: between two commits (`git diff-tree --raw -z`), or from a commit's
files to the working tree's (tree.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from acmap.git.raw import meta
from acmap.git.rev import Range
from acmap.git.run import run

MAP_SUFFIXES = (".yaml", ".yml")


GITLINK = b"160000"  # a submodule: a commit inside the tree, never a map file


@dataclass(frozen=True, slots=True)
class FileChange:
    """One changed map file. `old` is None for an added file, `new` None for a deleted one;
    both are paths relative to the repository root, as git has them (see `shown`).
    `old_id`/`new_id` are the blob ids of the two sides; a `new_id` of None with a `new` path
    means the file in the working tree."""

    status: str  # added | deleted | modified | renamed
    old: str | None
    new: str | None
    old_id: str | None = None
    new_id: str | None = None


def is_map(path: str) -> bool:
    return path.endswith(MAP_SUFFIXES) and not path.rpartition("/")[2].startswith(".")


class Record(NamedTuple):
    """One line of `git diff-tree --raw -z`: modes and blob ids of both sides, the status
    letter, and the paths (the same path unless renamed or copied)."""

    old_mode: bytes
    new_mode: bytes
    old_id: str
    new_id: str
    kind: str
    old: str
    new: str


def records(raw: bytes) -> Iterator[Record]:
    fields = raw.split(b"\0")
    i = 0
    while i + 1 < len(fields) and (entry := meta(fields[i])) is not None:
        old = os.fsdecode(fields[i + 1])
        new = os.fsdecode(fields[i + 2]) if entry.names == 2 else old
        i += 1 + entry.names
        yield Record(*entry[:4], entry.kind, old, new)


def changed_maps(span: Range, pathspecs: Iterable[str], cwd: Path) -> list[FileChange]:
    """Map files that differ between two commits, with renames detected (-M); submodules are
    skipped. `pathspecs` are as git reads them, relative to cwd."""
    if span.head is None:
        raise ValueError("changed_maps compares two commits; see worktree() for the work tree")
    args = ["diff-tree", "-r", "-z", "--raw", "--no-abbrev", "-M", "--no-ext-diff"]
    out = run([*args, "--no-textconv", span.base, span.head, "--", *pathspecs], cwd)
    changes: list[FileChange] = []
    for r in records(out):
        had = r.kind not in "AC" and r.old_mode != GITLINK and is_map(r.old)
        has = r.kind != "D" and r.new_mode != GITLINK and is_map(r.new)
        old_id, new_id = (r.old_id if had else None), (r.new_id if has else None)
        if had and has:
            status = "modified" if r.old == r.new else "renamed"
            changes.append(FileChange(status, r.old, r.new, old_id, new_id))
        elif had:
            changes.append(FileChange("deleted", r.old, None, old_id))
        elif has:
            changes.append(FileChange("added", None, r.new, None, new_id))
    changes.sort(key=lambda c: c.new or c.old or "")
    return changes


def worktree_changes(
    base: Mapping[str, str], present: Mapping[str, str | None]
) -> list[FileChange]:
    """What changed from a commit's map files (`base`: path → blob id) to the working tree's
    (`present`: path → blob id of the file; None when it could not be hashed, so it counts as
    changed). A deleted and an added file with the same contents are a rename."""
    gone: dict[str, list[str]] = {}
    for name in sorted(base):
        if name not in present:
            gone.setdefault(base[name], []).append(name)
    changes: list[FileChange] = []
    for name in sorted(present):
        oid = present[name]
        if name in base:
            if oid != base[name]:
                changes.append(FileChange("modified", name, name, base[name]))
        elif oid is not None and gone.get(oid):
            changes.append(FileChange("renamed", gone[oid].pop(0), name, oid))
        else:
            changes.append(FileChange("added", None, name))
    changes += [FileChange("deleted", n, None, oid) for oid, ns in gone.items() for n in ns]
    changes.sort(key=lambda c: c.new or c.old or "")
    return changes
