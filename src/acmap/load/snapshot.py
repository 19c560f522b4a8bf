"""The maps of one commit (`--at REV`, settings.snapshot): which of its files a path on the
command line names, and their blobs loaded as maps. Nothing here touches the work tree.

A path means what it means without --at (relative to the working directory) and is looked up,
lexically, in the commit's tree; the file keeps the name it is given, so reports name it as
they would name the work tree's. Folders are walked as the work tree's are (hidden names left
out, each folder's files before its subfolders), so the same commit gives the same report.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from acmap.load.build import Loaded, rejected
from acmap.load.parse import load_text
from acmap.load.read import too_big, visible
from acmap.settings import Snapshot

# bytes; the size of a blob over the limit; why it is refused (E011); None: not in this clone
Contents = bytes | int | str | None


class Blob(NamedTuple):
    """A map file of the commit, named as the command line names it, and its contents."""

    path: Path
    data: Contents


def repository_path(path: Path, snapshot: Snapshot) -> str | None:
    """`path` (relative to the working directory, or absolute) as a path of the repository
    ("" for its root); None when it lies outside the repository."""
    full = os.path.normpath(os.path.join(os.getcwd(), path))
    rel = os.path.relpath(full, snapshot.top)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return None
    return "" if rel == os.curdir else PurePosixPath(Path(rel)).as_posix()


class CommitFiles:
    """The files of a snapshot as folders and files, for finding the maps a command means."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.folders = {""}
        for name in (*snapshot.files, *snapshot.refused):
            parent = name.rpartition("/")[0]
            while parent not in self.folders:
                self.folders.add(parent)
                parent = parent.rpartition("/")[0]

    def where(self, path: Path) -> str | None:
        return repository_path(path, self.snapshot)

    def is_file(self, name: str) -> bool:
        return name in self.snapshot.files or name in self.snapshot.refused

    def walk(self, folder: Path, name: str, suffixes: tuple[str, ...]) -> list[Path]:
        """The map files under the repository folder `name`, as paths under `folder` (how the
        command line named it), in the order the work tree's walk gives."""
        prefix = f"{name}/" if name else ""
        found: list[tuple[tuple[tuple[int, str], ...], list[str]]] = []
        for file in (*self.snapshot.files, *self.snapshot.refused):
            if not file.startswith(prefix):
                continue
            parts = file[len(prefix) :].split("/")
            if any(p.startswith(".") for p in parts) or not parts[-1].endswith(suffixes):
                continue
            # Each folder's files first, then its subfolders, all by name: os.walk's order.
            found.append(((*((1, p) for p in parts[:-1]), (0, parts[-1])), parts))
        found.sort()
        return [Path(folder, *parts) for _, parts in found]


def blobs(paths: Iterable[Path], snapshot: Snapshot) -> list[Blob]:
    """Each map file's contents, all through one read of the snapshot's blobs (raises
    acmap.settings.SnapshotError when git cannot answer)."""
    named = [(path, repository_path(path, snapshot)) for path in paths]
    wanted = {snapshot.files[n] for _, n in named if n is not None and n in snapshot.files}
    contents = snapshot.read(wanted) if wanted else {}
    found: list[Blob] = []
    for path, name in named:
        if name is not None and name in snapshot.refused:
            found.append(Blob(path, snapshot.refused[name]))
        elif name is not None and name in snapshot.files:
            found.append(Blob(path, contents.get(snapshot.files[name])))
        else:
            found.append(Blob(path, None))
    return found


def load_blob(blob: Blob, shown: str) -> Loaded | str:
    """One map file of the commit, loaded (findings, never raises), or why it cannot be read
    at all (a string, as an unreadable work-tree file is)."""
    data = blob.data
    if isinstance(data, str):
        return rejected(shown, 1, 1, "E011", data)
    if isinstance(data, int):
        return rejected(shown, 1, 1, "E011", too_big(data))
    if data is None:
        return f"{shown}: git does not have its contents (a partial or shallow clone?)"
    return load_text(data, shown, stem=visible(blob.path.stem))
