"""The portfolio over time, sampling by period, and how long gaps take to close.

The portfolio at a commit is every account that exists then, each at its last known state: the
last valid version of its map on or before that commit (an invalid version changes nothing we
know; an account with no valid version yet is not counted; a deleted map leaves it).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from acmap.analysis.history.lives import GapLife
from acmap.analysis.history.timeline import Step, Track
from acmap.git.log import Commit

PERIODS = ("commit", "week", "month")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class TrendPoint:
    commit: Commit
    seq: int
    red: int
    amber: int
    green: int
    score: int | None  # the mean score of the accounts counted, None when there is none


@dataclass(frozen=True, slots=True)
class CloseTime:
    """How long the gaps of one rule (or of one owner's accounts) took to close."""

    key: str
    closed: int
    still_open: int
    mean_days: float | None
    median_days: float | None


def portfolio_trend(tracks: list[Track], commits: list[Commit]) -> list[TrendPoint]:
    """One point per commit that changed one of `tracks`, in commit order."""
    by_seq: dict[int, list[tuple[int, Step]]] = {}
    for index, track in enumerate(tracks):
        for step in track.steps:
            by_seq.setdefault(step.seq, []).append((index, step))
    known: dict[int, tuple[str, int]] = {}
    counts: Counter[str] = Counter()
    total = 0
    points = []
    for seq in sorted(by_seq):
        for index, step in by_seq[seq]:
            if step.wanted is None:
                state: tuple[str, int] | None = None
            elif step.version is not None and step.version.valid:
                state = (step.version.status, step.version.score or 0)
            else:
                continue  # invalid: the last known state stands
            before = known.pop(index, None)
            if before is not None:
                counts[before[0]] -= 1
                total -= before[1]
            if state is not None:
                known[index] = state
                counts[state[0]] += 1
                total += state[1]
        mean = _round(total / len(known)) if known else None
        points.append(
            TrendPoint(commits[seq], seq, counts["red"], counts["amber"], counts["green"], mean)
        )
    return points


def _round(value: float) -> int:
    return int(value + 0.5)


def period_of(by: str) -> Callable[[date, int], object]:
    """What makes two commits fall in one period: their place (by commit), ISO week or month."""
    if by == "week":
        return lambda day, seq: day.isocalendar()[:2]
    if by == "month":
        return lambda day, seq: (day.year, day.month)
    return lambda day, seq: seq


def sample(
    items: Iterable[T], by: str, day: Callable[[T], date], seq: Callable[[T], int]
) -> list[T]:
    """The last item of each period, in order (items come in commit order)."""
    if by == "commit":
        return list(items)
    period = period_of(by)
    last: dict[object, T] = {}
    for item in items:
        last[period(day(item), seq(item))] = item
    return list(last.values())


def close_times(lives: Iterable[tuple[GapLife, str | None]], key: str) -> list[CloseTime]:
    """Per rule code (`key` "rule") or per account owner ("owner"): how many gaps closed, in how
    many days on average and at the median, and how many are still open."""
    closed: dict[str, list[int]] = {}
    still: Counter[str] = Counter()
    for life, owner in lives:
        group = life.code if key == "rule" else (owner or "(no owner)")
        if life.closed is None:
            still[group] += 1
            closed.setdefault(group, [])
        else:
            closed.setdefault(group, []).append((life.closed.day - life.opened.day).days)
    return [
        CloseTime(
            group,
            len(days),
            still[group],
            round(statistics.fmean(days), 1) if days else None,
            float(statistics.median(days)) if days else None,
        )
        for group, days in sorted(closed.items())
    ]
