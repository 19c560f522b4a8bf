"""`acmap history -f json` written fast: each account's line built from its parts.

A long history is tens of MB of JSON: tens of thousands of points and gap lives, each naming a
commit of a few hundred. json.dumps of one dict per point, with sort_keys, spent more than the
rest of a warm run; here each commit is encoded once and every object is written with its keys
already in sorted order, by json's own string encoder, so the text is exactly what
`json.dumps(value, sort_keys=True, ensure_ascii=False)` writes of report.history.document
(tests/report/test_history_json.py compares them on any text).
"""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from acmap.analysis.history import AccountHistory, HistoryResult
    from acmap.git.log import Commit

_quote: Callable[[str], str] = encode_basestring


def _text(value: str | None) -> str:
    return "null" if value is None else _quote(value)


def _number(value: int | None) -> str:
    return "null" if value is None else str(int(value))


class AccountLines:
    """One account a line; the commits' fields encoded once for the whole document."""

    def __init__(self, result: HistoryResult) -> None:
        self.today = result.today
        self.commits: dict[str, str] = {}

    def _fields(self, commit: Commit) -> str:
        found = self.commits.get(commit.id)
        if found is None:
            found = (
                f'"author": {_quote(commit.author)}, "commit": {_quote(commit.id)}, '
                f'"date": "{commit.day.isoformat()}"'
            )
            self.commits[commit.id] = found
        return found

    def _commit(self, commit: Commit | None) -> str:
        return "null" if commit is None else "{" + self._fields(commit) + "}"

    def line(self, account: AccountHistory) -> str:
        points = ", ".join(
            f"{{{self._fields(p.commit)}, "
            f'"error": {p.version.error}, "info": {p.version.info}, '
            f'"regression": {"true" if p.regression else "false"}, '
            f'"score": {_number(p.version.score)}, "status": {_quote(p.version.status)}, '
            f'"warning": {p.version.warning}}}'
            for p in account.points
        )
        gaps = ", ".join(
            f'{{"closed": {self._commit(g.closed)}, "code": {_quote(g.code)}, '
            f'"days_open": {g.days_open(self.today)}, "message": {_quote(g.message)}, '
            f'"opened": {self._commit(g.opened)}, "severity": {_quote(g.severity)}, '
            f'"subject": {_text(g.subject)}}}'
            for g in account.gaps
        )
        worse = ", ".join(
            f'{{{self._fields(r.commit)}, "from": {_quote(r.before)}, "to": {_quote(r.after)}}}'
            for r in account.regressions
        )
        return (
            f'{{"account": {_quote(account.account)}, "file": {_quote(account.file)}, '
            f'"gaps": [{gaps}], "points": [{points}], "regressions": [{worse}], '
            f'"removed": {self._commit(account.removed)}}}'
        )
