"""`acmap diff`'s two sides as loaded maps: git blobs, and work-tree files read through the
door (so a symlink out of the repository is E011 there too, never read)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from acmap.load.build import Loaded, rejected
from acmap.load.parse import load_file, load_text
from acmap.load.read import OUTSIDE, OutsideProject, Unreadable


def load_blobs(blobs: Mapping[str, bytes | None]) -> dict[str, Loaded | None]:
    """Each blob (named by its path in the repository) loaded; a missing one stays None."""
    return {
        name: None if data is None else load_text(data, name, stem=Path(name).stem)
        for name, data in blobs.items()
    }


def load_worktree(paths: Sequence[str], top: Path) -> dict[str, Loaded | None]:
    """The work-tree files at `paths` (relative to the repository root `top`), loaded and named
    by those paths. A file that cannot be read is None, as a file git does not have."""
    root = top.resolve()
    loaded: dict[str, Loaded | None] = {}
    for name in paths:
        try:
            loaded[name] = load_file(top / name, name, root)
        except OutsideProject:
            loaded[name] = rejected(name, 1, 1, "E011", OUTSIDE)
        except Unreadable:
            loaded[name] = None
    return loaded
