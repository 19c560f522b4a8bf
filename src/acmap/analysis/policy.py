"""Settings meet the rules: acmap.toml read with the knobs the gap rules declare.

acmap.settings parses the file but sits below the rules, so it cannot know which thresholds
`[gaps]` may set; the rules declare them (`@rule("G201", stale_days=90)`), and this is the one
place that joins the two. Commands load their settings here.

It is also where `--at REV` meets git: acmap.settings and acmap.git are siblings, so the
settings of a revision (its acmap.toml, and the Snapshot every map is then read from) are put
together here.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from acmap import settings
from acmap.settings import CONFIG_NAME, ConfigError, Settings, Snapshot, SnapshotError

if TYPE_CHECKING:
    from acmap.git import Tree


def load_settings(cwd: Path | None = None, at: str | None = None) -> Settings:
    """acmap.toml from `cwd` upwards, its `[gaps]` knobs checked against the rules' (with a
    "did you mean"); raises acmap.settings.ConfigError. With `at` (a revision or a date), the
    acmap.toml of that commit and a Snapshot of its files (see settings_at)."""
    if at is not None:
        return settings_at(at, cwd)
    return settings.load_settings(cwd, knobs=knob_names)


def settings_at(rev: str, cwd: Path | None = None) -> Settings:
    """The settings as they were at `rev`: the acmap.toml of that commit found as the work
    tree's is (from `cwd` upwards, inside the repository; none: the defaults), with the
    commit's files as `snapshot`. Raises acmap.git.GitError when git cannot answer and
    ConfigError (naming `acmap.toml@REV:line:col`) when that acmap.toml is wrong."""
    from acmap.git import tree_at
    from acmap.load.read import MAX_BYTES

    start = (cwd or Path.cwd()).resolve()
    tree = tree_at(rev, start)
    snapshot = Snapshot(
        tree.commit,
        tree.label,
        tree.top,
        tree.files,
        tree.refused,
        partial(_read_at, top=tree.top, limit=MAX_BYTES),
    )
    found = _config_at(tree, start)
    if found is None:
        return Settings(root=start, maps=start / "maps", snapshot=snapshot)
    name, label = found
    if name in tree.refused:
        raise ConfigError(f"{label}: {tree.refused[name]}")
    try:
        data = snapshot.read([tree.files[name]]).get(tree.files[name])
    except SnapshotError as exc:
        raise ConfigError(f"{label}: {exc}") from None
    if not isinstance(data, bytes):
        raise ConfigError(f"{label}: cannot read it from git (too big, or not in this clone)")
    parsed = settings.settings_from_bytes(data, tree.top / name, knobs=knob_names, label=label)
    return replace(parsed, snapshot=snapshot)


def _config_at(tree: Tree, start: Path) -> tuple[str, str] | None:
    """The repository path of the acmap.toml that applies in `start` at the commit, and how
    messages name it (as the work tree's would be named, then `@REV`)."""
    try:
        here = start.relative_to(tree.top)
    except ValueError:  # the work tree's path through a symlink: the repository's root
        here = Path()
    for folder in (here, *here.parents):
        name = (folder / CONFIG_NAME).as_posix()
        if name in tree.files or name in tree.refused:
            shown = Path(os.path.relpath(tree.top / name, start)).as_posix()
            return name, f"{shown}@{tree.label}"
    return None


def _read_at(oids: Collection[str], top: Path, limit: int) -> dict[str, bytes | int | None]:
    """A snapshot's blobs; a git that fails is a SnapshotError (the loader cannot know GitError)."""
    from acmap.git import GitError, read_blobs

    try:
        return read_blobs(oids, top, limit)
    except GitError as exc:
        hint = ""
        if "promisor" in str(exc):  # acmap's git never fetches (GIT_NO_LAZY_FETCH)
            hint = " (a partial clone: fetch the blobs, or clone without --filter)"
        raise SnapshotError(f"{exc}{hint}") from None


def knob_names() -> Collection[str]:
    # Imported here: only an acmap.toml with a [gaps] table needs the rules.
    from acmap.rules import KNOBS

    return KNOBS
