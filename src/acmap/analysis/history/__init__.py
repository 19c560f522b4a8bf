"""The accounts over time, from git (`acmap history`): what each map said at each commit that
changed it, each gap's life, regressions, and the portfolio's trend.

- git/log.py streams the maps' log (one `git log`), timeline.py turns it into accounts (a file
  followed through renames) and the versions each commit left;
- versions.py evaluates each distinct version once (cached, in parallel when there are many);
- lives.py: gap lives and regressions; trend.py: the portfolio per commit, sampling, time to
  close; window.py: --since/--until and PATHS|IDS; run.py ties them together.
"""

from __future__ import annotations

from acmap.analysis.history.lives import GapLife, Regression
from acmap.analysis.history.run import AccountHistory, HistoryResult, Point, account_history
from acmap.analysis.history.trend import PERIODS, CloseTime, TrendPoint
from acmap.analysis.history.versions import INVALID, Version
from acmap.analysis.history.window import HistorySelectionError

__all__ = [
    "INVALID",
    "PERIODS",
    "AccountHistory",
    "CloseTime",
    "GapLife",
    "HistoryResult",
    "HistorySelectionError",
    "Point",
    "Regression",
    "TrendPoint",
    "Version",
    "account_history",
]
