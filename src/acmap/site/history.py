"""The site's view of `acmap history`: one run for the whole site (cached by the history itself,
so a rebuild reads only the commits it has not seen), cut down to plain numbers: each account's
score per commit for its sparkline, and the portfolio's red/amber/green per commit for the
index. Nothing when the maps are not in git.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from acmap.settings import Settings

# A point: [commit day (ISO), score, status]; a trend point: [day, red, amber, green].
Points = list[list[Any]]


@dataclass(slots=True)
class SiteHistory:
    by_account: dict[str, Points] = field(default_factory=dict)
    by_file: dict[str, Points] = field(default_factory=dict)  # the map's real path → points
    trend: Points = field(default_factory=list)


def site_history(
    config: Settings, today: date, targets: list[str], until: str | None = None
) -> SiteHistory:
    """The history of the selected maps (all when `targets` is empty, or when it names a map
    git has never seen: the trend is then the whole portfolio's) up to `until` (a commit, for
    --at; None: HEAD)."""
    from acmap.analysis.history import HistorySelectionError, account_history
    from acmap.git import GitError, toplevel

    try:
        top = toplevel(Path.cwd())
        try:
            found = account_history(targets, config, today, until=until)
        except HistorySelectionError:
            found = account_history([], config, today, until=until)
    except (GitError, HistorySelectionError, OSError):
        return SiteHistory()
    result = SiteHistory()
    for account in found.accounts:
        points = [
            [p.commit.day.isoformat(), p.version.score, p.version.status]
            for p in account.points
            if p.version.valid and p.version.score is not None
        ]
        if not points or account.removed is not None:
            continue
        result.by_account[account.account] = points
        result.by_file[str((top / account.file).resolve())] = points
    result.trend = [[p.commit.day.isoformat(), p.red, p.amber, p.green] for p in found.portfolio]
    return result
