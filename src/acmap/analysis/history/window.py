"""`--since`/`--until` (a date or a revision) and PATHS|IDS: which points and accounts a run shows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from acmap.analysis.history.timeline import Track
from acmap.git import GitError, resolve
from acmap.git.log import Commit
from acmap.git.run import run

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class HistorySelectionError(Exception):
    """A target names no account in the maps' history: exit 2."""


@dataclass(frozen=True, slots=True)
class Bound:
    """One end of the window: a day, or a commit (with its day, for when it is off the line)."""

    day: date | None = None
    commit: str | None = None


def bound(option: str, value: str | None, cwd: Path) -> Bound | None:
    """`value` as a day (YYYY-MM-DD) or a revision's commit; GitError for an unknown one."""
    if value is None:
        return None
    if _DATE.fullmatch(value):
        try:
            return Bound(day=date.fromisoformat(value))
        except ValueError:
            raise GitError(f"{option} {value!r} is not a date (expected YYYY-MM-DD)") from None
    if ".." in value:
        raise GitError(f"{option} {value!r}: give one revision or a date, not a range")
    sha = resolve(value, value, cwd).base
    day = run(["log", "-1", "--format=%cI", "--end-of-options", sha], cwd)[:10]
    return Bound(day=date.fromisoformat(day.decode("ascii")), commit=sha)


@dataclass(slots=True)
class Window:
    """The commits shown: after `since` (a revision: strictly after it), up to `until`."""

    since: Bound | None
    until: Bound | None
    first: int = 0  # the first seq inside, once the log is read

    def place(self, commits: list[Commit]) -> None:
        if self.since is None:
            return
        if self.since.commit is not None:
            for seq, commit in enumerate(commits):
                if commit.id == self.since.commit:
                    self.first = seq + 1
                    return
        start = self.since.day
        # A revision off the first-parent line: the commits after its day.
        after = self.since.commit is not None
        self.first = next(
            (
                seq
                for seq, c in enumerate(commits)
                if start is None or (c.day > start if after else c.day >= start)
            ),
            len(commits),
        )

    def holds(self, seq: int, day: date) -> bool:
        if seq < self.first:
            return False
        return (
            self.until is None
            or self.until.day is None
            or self.until.commit is not None
            or (day <= self.until.day)
        )


def chosen_tracks(targets: list[str], tracks: list[Track], top: Path) -> list[Track]:
    """The accounts PATHS|IDS name, like `acmap gaps`: a folder (every map ever under it), a
    file (the account that ever had that name) or an account id (one it ever had)."""
    if not targets:
        return tracks
    from acmap.words import did_you_mean

    picked: set[Track] = set()
    for target in targets:
        path = Path(target)
        if path.is_dir() or "/" in target or target.endswith((".yaml", ".yml")):
            rel = _relative(path, top)
            inside = [
                t
                for t in tracks
                if any(n == rel or rel in ("", ".") or n.startswith(rel + "/") for n in t.names)
            ]
        else:
            inside = [t for t in tracks if target in t.ids]
        if not inside:
            known = sorted({i for t in tracks for i in t.ids})
            hint = did_you_mean(target, known) if known else ""
            raise HistorySelectionError(
                f"no account {target!r} in the maps' history (a map file, folder or account "
                f"id){hint}"
            )
        picked.update(inside)
    return [t for t in tracks if t in picked]


def _relative(path: Path, top: Path) -> str:
    try:
        return path.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
