"""`acmap history`'s pipeline: one `git log` of the maps folder, the distinct versions evaluated
(once each, cached), then each account's points, gap lives and regressions, and the portfolio.

What a point says is what the map said on the day of its commit: every version is assessed
with today = its commit's date, so a contact that went stale later does not colour the past.
The settings are the work tree's acmap.toml (one yardstick over the whole history). Work-tree
edits not yet committed are not history and are not read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from acmap.analysis.history.finished import open_finished, paused_gc
from acmap.analysis.history.lives import GapLife, Regression, gap_lives, regressions
from acmap.analysis.history.timeline import Track, tracks_of
from acmap.analysis.history.trend import CloseTime, TrendPoint, close_times, portfolio_trend, sample
from acmap.analysis.history.versions import Progress, Version, evaluate_all
from acmap.analysis.history.window import Window, bound, chosen_tracks
from acmap.git import GitError, read_blobs, resolve, toplevel
from acmap.git.log import Commit, map_log
from acmap.settings import Settings


@dataclass(frozen=True, slots=True)
class Point:
    commit: Commit
    seq: int
    version: Version
    regression: bool


@dataclass(slots=True)
class AccountHistory:
    account: str
    file: str  # the map's latest name in the repository
    points: list[Point] = field(default_factory=list)
    gaps: list[GapLife] = field(default_factory=list)
    regressions: list[Regression] = field(default_factory=list)
    removed: Commit | None = None  # the commit that deleted the map, when it is gone


@dataclass(slots=True)
class HistoryResult:
    accounts: list[AccountHistory]
    portfolio: list[TrendPoint]
    by_rule: list[CloseTime]
    by_owner: list[CloseTime]
    by: str
    today: date
    commits: int = 0  # commits read that changed a map
    versions: int = 0  # distinct versions evaluated or read from the cache


def account_history(
    targets: list[str],
    settings: Settings,
    today: date,
    *,
    since: str | None = None,
    until: str | None = None,
    by: str = "commit",
    cwd: Path | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
    messages: bool = True,
) -> HistoryResult:
    """The history of the accounts `targets` name (default: every map ever in the maps folder).
    Without `messages` a gap life read from the cache may have message "" (only JSON shows
    them). GitError when git cannot answer; HistorySelectionError when a target names no
    account."""
    from acmap.load.read import MAX_BYTES

    cwd = cwd or Path.cwd()
    try:
        top = toplevel(cwd, "acmap history reads the maps' history from git")
    except GitError as exc:
        if "not inside a git repository" not in str(exc):
            raise
        raise GitError(
            f"{cwd} is not inside a git repository (acmap history reads the maps' git history)"
        ) from None
    tip = resolve("HEAD", "HEAD", cwd).base  # a repository with no commit yet: GitError
    window = Window(bound("--since", since, cwd), bound("--until", until, cwd))
    if window.until is not None and window.until.commit is not None:
        tip = window.until.commit
    log = map_log(top, [_maps_spec(settings, top)], tip)  # git starts on it now…
    with paused_gc():  # hundreds of thousands of fresh objects, no cycle among them
        finished = open_finished(settings.gaps, top, use_cache, messages)  # …while it is read
        tracks, commits = tracks_of(log)
        window.place(commits)
        chosen = chosen_tracks(targets, tracks, top)
        known: dict[Track, list[GapLife]] = {}
        if finished is not None:
            for track in chosen:
                cached = finished.read(track, commits)
                if cached is not None:
                    known[track] = cached
    hits = list(known)
    rest = [t for t in chosen if t not in known]
    if rest:  # only then are the versions' cache and git's blobs needed
        wanted = [s.wanted for t in rest for s in t.steps if s.wanted is not None]
        found = evaluate_all(
            wanted,
            lambda ids: read_blobs(ids, top, MAX_BYTES),
            settings.gaps,
            top,
            use_cache=use_cache,
            progress=progress,
            keep=[s.wanted for t in hits for s in t.steps if s.wanted is not None],
        )
        for track in rest:
            for step in track.steps:
                step.version = found.get(step.wanted) if step.wanted is not None else None
            known[track] = gap_lives(track.steps)
            if finished is not None:
                finished.keep(track, known[track])
    if finished is not None:
        finished.save(hits)
    accounts = [_account(t, known[t], window, by) for t in chosen]
    trend = [p for p in portfolio_trend(chosen, commits) if window.holds(p.seq, p.commit.day)]
    trend = sample(trend, by, lambda p: p.commit.day, lambda p: p.seq)
    lives = [
        (life, life.owner)
        for account in accounts
        for life in account.gaps
        if life.closed is None or window.holds(life.closed_seq or 0, life.closed.day)
    ]
    return HistoryResult(
        [a for a in accounts if a.points or a.gaps],
        trend,
        close_times(lives, "rule"),
        close_times(lives, "owner"),
        by,
        today,
        commits=len(commits),
        versions=len({s.wanted for t in chosen for s in t.steps if s.wanted is not None}),
    )


def _account(track: Track, lives: list[GapLife], window: Window, by: str) -> AccountHistory:
    worse = regressions(track.steps)
    worse_at = {r.seq for r in worse}
    points = [
        Point(s.commit, s.seq, s.version, s.seq in worse_at)
        for s in track.steps
        if s.version is not None and window.holds(s.seq, s.commit.day)
    ]
    points = sample(points, by, lambda p: p.commit.day, lambda p: p.seq)
    last = track.steps[-1] if track.steps else None
    removed = last.commit if last is not None and last.wanted is None else None
    return AccountHistory(
        track.account,
        track.path,
        points,
        [g for g in lives if _overlaps(g, window)],
        [r for r in worse if window.holds(r.seq, r.commit.day)],
        removed,
    )


def _overlaps(life: GapLife, window: Window) -> bool:
    """A gap belongs to the window when it was open during it: opened before its end, and not
    closed before its start."""
    if life.closed is not None and life.closed_seq is not None and life.closed_seq < window.first:
        return False
    until = window.until
    if until is not None and until.commit is None and until.day is not None:
        return life.opened.day <= until.day
    return True


def _maps_spec(settings: Settings, top: Path) -> str:
    try:
        return settings.maps.resolve().relative_to(top.resolve()).as_posix() or "."
    except ValueError:
        raise GitError(
            f"the maps folder {settings.maps} is outside the git repository {top}"
        ) from None
