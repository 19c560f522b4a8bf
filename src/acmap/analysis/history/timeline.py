"""Which versions of which account each commit made: the maps' log turned into accounts.

An account is its map file, followed through renames (`git log -M` pairs them): a renamed file
keeps one history. A deleted file ends its account's history there; a file added again under a
name it once had takes that history up again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from acmap.analysis.history.versions import Version, Wanted
from acmap.git.log import Commit, LogEntry

MAP_SUFFIXES = (".yaml", ".yml")


@dataclass(slots=True)
class Step:
    """One commit that changed an account's map: the version it left (None when it deleted it)."""

    seq: int  # the commit's place in the log, oldest 0
    commit: Commit
    wanted: Wanted | None
    version: Version | None = None


@dataclass(slots=True, eq=False)
class Track:
    """One account's map file through time; one is equal only to itself (it is a key)."""

    path: str  # its latest name
    names: set[str] = field(default_factory=set)
    steps: list[Step] = field(default_factory=list)

    @property
    def account(self) -> str:
        """The account id of its latest valid version, else the file's stem."""
        for step in reversed(self.steps):
            if step.version is not None and step.version.valid and step.version.account:
                return step.version.account
        return PurePosixPath(self.path).stem

    @property
    def ids(self) -> set[str]:
        found = {PurePosixPath(name).stem for name in self.names}
        found.update(s.version.account for s in self.steps if s.version and s.version.account)
        return found


def is_map(path: str) -> bool:
    name = path.rpartition("/")[2]  # not PurePosixPath: called for every change in the log
    return name.endswith(MAP_SUFFIXES) and not name.startswith(".")


def tracks_of(log: Iterable[LogEntry]) -> tuple[list[Track], list[Commit]]:
    """Every account's steps, in the order the accounts first appear, and every commit read."""
    live: dict[str, Track] = {}
    gone: dict[str, Track] = {}
    order: dict[Track, None] = {}  # first appearance order, as a set
    commits: list[Commit] = []
    for seq, entry in enumerate(log):
        commits.append(entry.commit)
        for change in entry.changes:
            old = change.old if change.old is not None and is_map(change.old) else None
            new = change.path if is_map(change.path) else None
            if change.status == "C":
                old = None  # a copy is a new account that starts from the same text
            track = _track_for(old, new if change.status != "D" else change.path, live, gone)
            if track is None:
                continue
            order.setdefault(track)
            if change.status == "D" or new is None or change.blob is None:
                live.pop(track.path, None)
                gone[track.path] = track
                track.steps.append(Step(seq, entry.commit, None))
                continue
            live.pop(track.path, None)
            track.path = new
            track.names.add(new)
            live[new] = track
            track.steps.append(Step(seq, entry.commit, Wanted(change.blob, new, entry.commit.day)))
    return list(order), commits


def _track_for(
    old: str | None, path: str | None, live: dict[str, Track], gone: dict[str, Track]
) -> Track | None:
    if old is not None and old in live:
        return live[old]
    if path is None or not is_map(path):
        return None
    if path in live:
        return live[path]
    if path in gone:
        return gone.pop(path)
    return Track(path, {path})
