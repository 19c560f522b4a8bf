"""history's plain text (no colour) is written without Lines, one account a block: it must be
exactly what Lines writes, on any text, controls included (made visible either way)."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable

import pytest
from hypothesis import given

from acmap.analysis.history import AccountHistory, HistoryResult
from acmap.report import history
from acmap.report.terminal import Lines, visible
from tests.report.test_history_json import TODAY, accounts


def _captured(write: Callable[[], object]) -> str:
    out, sys.stdout = sys.stdout, io.StringIO()
    try:
        write()
        return sys.stdout.getvalue()
    finally:
        sys.stdout = out


@given(accounts)
def test_plain_text_is_what_lines_writes(account: AccountHistory) -> None:
    result = HistoryResult([account], [], [], [], "commit", TODAY)

    def through_lines() -> None:
        out = Lines()
        history._account_text(out, account, result)
        out.write()

    plain = _captured(lambda: sys.stdout.write(visible(history._plain_account(account, result))))
    assert plain == _captured(through_lines)
    assert "\x1b" not in plain


@pytest.fixture(autouse=True)
def no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
