"""history_json writes each account's line exactly as json.dumps writes report.history's
document: on any text a map or a commit may hold, any score, open and closed gaps."""

from __future__ import annotations

import hashlib
import json
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from acmap.analysis.history import AccountHistory, GapLife, HistoryResult, Point, Regression
from acmap.analysis.history.versions import Version
from acmap.git.log import Commit
from acmap.report.history import _account_json
from acmap.report.history_json import AccountLines

TODAY = date(2026, 11, 1)
texts = st.text(max_size=12)  # every code point, lone surrogates and controls included
days = st.dates(min_value=date(2020, 1, 1), max_value=TODAY)


def _commit(day: date, author: str, subject: str) -> Commit:
    """A commit whose id follows from what it holds, as git's does (report.history keeps each
    commit's JSON by its id)."""
    text = f"{day}\0{author}\0{subject}".encode("utf-8", "surrogatepass")
    return Commit(hashlib.sha1(text).hexdigest(), day, author, subject)


commits = st.builds(_commit, days, texts, texts)
versions = st.builds(
    Version,
    st.none() | texts,
    st.none() | texts,
    st.sampled_from(["red", "amber", "green", "invalid"]),
    st.none() | st.integers(0, 100),
    st.integers(0, 50),
    st.integers(0, 50),
    st.integers(0, 50),
)
points = st.builds(Point, commits, st.integers(0, 9), versions, st.booleans())
lives = st.builds(
    GapLife,
    texts,
    st.none() | texts,
    texts,
    texts,
    commits,
    st.integers(0, 9),
    st.none() | commits,
    st.none() | st.integers(0, 9),
    st.none() | texts,
)
regressions = st.builds(Regression, commits, st.integers(0, 9), texts, texts)
accounts = st.builds(
    AccountHistory,
    texts,
    texts,
    st.lists(points, max_size=3),
    st.lists(lives, max_size=3),
    st.lists(regressions, max_size=2),
    st.none() | commits,
)


@given(accounts)
def test_an_account_line_is_what_json_dumps_writes(account: AccountHistory) -> None:
    result = HistoryResult([account], [], [], [], "commit", TODAY)
    expected = json.dumps(
        _account_json(account, result), sort_keys=True, ensure_ascii=False, default=str
    )
    assert AccountLines(result).line(account) == expected
