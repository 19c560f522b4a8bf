"""The `history` subject of `acmap history`: each account over time, and the portfolio's trend.

Text for people (a sparkline of the score per account, its points, status changes, gaps opened
and closed with who and when); JSON of SPEC §9; CSV for BI tools, one row per point:

    kind       "account" (one account's point) or "portfolio" (the portfolio at that commit)
    account    the account id ("" for a portfolio row)
    commit     the full commit id          date    its committer date (YYYY-MM-DD)
    author     the commit's author         status  red, amber, green or invalid ("" portfolio)
    score      the coverage score; for the portfolio the mean score ("" when invalid or none)
    error, warning, info   the account's findings by severity ("" for a portfolio row)
    regression "yes" when the status got worse at this point, else ""
    red, amber, green      the portfolio's accounts by status ("" for an account row)
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from acmap.report.terminal import STATUS_STYLE, Lines, use_colour, visible

if TYPE_CHECKING:
    from rich.progress import Progress

    from acmap.analysis.history import AccountHistory, CloseTime, GapLife, HistoryResult, Point
    from acmap.git.log import Commit

SPARKS = "▁▂▃▄▅▆▇█"
INVALID_MARK = "×"
CSV_COLUMNS = (
    "kind",
    "account",
    "commit",
    "date",
    "author",
    "status",
    "score",
    "error",
    "warning",
    "info",
    "regression",
    "red",
    "amber",
    "green",
)


def sparkline(scores: list[int | None]) -> str:
    """One block per point, its height the score (0–100); an invalid version is ×."""
    return "".join(
        INVALID_MARK if s is None else SPARKS[min(len(SPARKS) - 1, s * len(SPARKS) // 101)]
        for s in scores
    )


def _short(commit: Commit) -> str:
    return commit.id[:7]


def _when(commit: Commit) -> str:
    return f"{commit.day.isoformat()} {_short(commit)} {commit.author}"


def to_text(result: HistoryResult) -> None:
    if not use_colour():
        _plain_text(result)
        return
    out = Lines()
    if not result.accounts:
        out.add(("No map history here: no commit changed a selected map file.", "dim"))
        out.write()
        return
    for account in result.accounts:
        _account_text(out, account, result)
        out.write()
    _portfolio_text(out, result)
    out.write()


def _plain_text(result: HistoryResult) -> None:
    """What Lines writes without colour, one account a write: a long history is tens of
    thousands of lines, and a Lines segment per word cost more than the whole run's analysis.
    `visible` works character by character, so once over a block equals once per segment."""
    write = sys.stdout.write
    if not result.accounts:
        write("No map history here: no commit changed a selected map file.\n")
        return
    for account in result.accounts:
        write(visible(_plain_account(account, result)))
    out = Lines()
    _portfolio_text(out, result)
    out.write()


def _plain_account(account: AccountHistory, result: HistoryResult) -> str:
    rows = [_plain(_headline(account))]
    for point in account.points:
        v, commit = point.version, point.commit
        rows.append(
            f"  {commit.day.isoformat()}  {commit.id[:7]}  {v.status:<7} {_score(v.score):>3}"
            f"  E{v.error} W{v.warning} I{v.info}  {commit.author}"
            + ("  regression" if point.regression else "")
        )
    today = result.today
    for life in account.gaps:
        subject = f" {life.subject}" if life.subject else ""
        days = _days(life.days_open(today))
        end = f", closed {_when(life.closed)}, {days}" if life.closed else f", open {days}"
        rows.append(f"  gap {life.code}{subject} opened {_when(life.opened)}{end}")
    rows.append("")
    return "\n".join(rows) + "\n"


def _plain(segments: list[tuple[str, str]]) -> str:
    return "".join(text for text, _ in segments)


def _account_text(out: Lines, account: AccountHistory, result: HistoryResult) -> None:
    out.add(*_headline(account))
    for point in account.points:
        out.add(*_point_segments(point))
    for life in account.gaps:
        out.add(*_gap_segments(life, result))
    out.add()


def _headline(account: AccountHistory) -> list[tuple[str, str]]:
    points = account.points
    line: list[tuple[str, str]] = [(account.account, "bold")]
    if points:
        first, last = points[0].version, points[-1].version
        line += [
            ("  ", ""),
            (sparkline([p.version.score for p in points]), ""),
            (f"  {_score(first.score)} → {_score(last.score)}  ", ""),
            (first.status, STATUS_STYLE.get(first.status, "")),
            (" → ", ""),
            (last.status, STATUS_STYLE.get(last.status, "")),
        ]
    if account.removed is not None:
        line.append((f"  (map deleted {account.removed.day.isoformat()})", "dim"))
    return line


def _score(score: int | None) -> str:
    return "-" if score is None else str(score)


def _point_segments(point: Point) -> list[tuple[str, str]]:
    v = point.version
    segments = [
        (f"  {point.commit.day.isoformat()}  {_short(point.commit)}  ", "dim"),
        (f"{v.status:<7}", STATUS_STYLE.get(v.status, "bold red" if not v.valid else "")),
        (f" {_score(v.score):>3}  E{v.error} W{v.warning} I{v.info}  ", ""),
        (point.commit.author, ""),
    ]
    if point.regression:
        segments.append(("  regression", "bold red"))
    return segments


def _gap_segments(life: GapLife, result: HistoryResult) -> list[tuple[str, str]]:
    days = life.days_open(result.today)
    subject = f" {life.subject}" if life.subject else ""
    segments = [
        ("  gap ", "dim"),
        (f"{life.code}{subject}", "bold"),
        (f" opened {_when(life.opened)}", ""),
    ]
    if life.closed is not None:
        segments.append((f", closed {_when(life.closed)}, {_days(days)}", "green"))
    else:
        segments.append((f", open {_days(days)}", "yellow"))
    return segments


def _days(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


def _portfolio_text(out: Lines, result: HistoryResult) -> None:
    trend = result.portfolio
    if trend:
        first, last = trend[0], trend[-1]
        out.add(
            ("Portfolio", "bold"),
            (f"  {sparkline([p.score for p in trend])}  ", ""),
            (f"red {first.red} → {last.red}, ", STATUS_STYLE["red"]),
            (f"amber {first.amber} → {last.amber}, ", STATUS_STYLE["amber"]),
            (f"green {first.green} → {last.green}", STATUS_STYLE["green"]),
            (f", mean score {_score(first.score)} → {_score(last.score)}", ""),
            (f"  ({len(trend)} points, by {result.by})", "dim"),
        )
    for title, rows in (("by rule", result.by_rule), ("by owner", result.by_owner)):
        if rows:
            out.add(("Time to close ", "bold"), (title, "bold"))
            for row in rows:
                out.add(f"  {row.key}: {_close_words(row)}")


def _close_words(row: CloseTime) -> str:
    words = f"{row.closed} closed"
    if row.mean_days is not None:
        words += f", mean {row.mean_days:g} days, median {row.median_days:g}"
    if row.still_open:
        words += f"; {row.still_open} open"
    return words


# --- JSON (SPEC §9) --------------------------------------------------------------------------


def _commit_json(commit: Commit | None) -> dict[str, str] | None:
    if commit is None:
        return None
    found = _COMMITS.get(commit.id)
    if found is None:  # a few hundred commits, named tens of thousands of times
        found = {"commit": commit.id, "date": commit.day.isoformat(), "author": commit.author}
        _COMMITS[commit.id] = found
    return found


_COMMITS: dict[str, dict[str, str]] = {}


def _point_json(point: Point) -> dict[str, Any]:
    v = point.version
    return {
        **(_commit_json(point.commit) or {}),
        "status": v.status,
        "score": v.score,
        "error": v.error,
        "warning": v.warning,
        "info": v.info,
        "regression": point.regression,
    }


def _account_json(account: AccountHistory, result: HistoryResult) -> dict[str, Any]:
    return {
        "account": account.account,
        "file": account.file,
        "removed": _commit_json(account.removed),
        "points": [_point_json(p) for p in account.points],
        "gaps": [
            {
                "code": g.code,
                "subject": g.subject,
                "severity": g.severity,
                "message": g.message,
                "opened": _commit_json(g.opened),
                "closed": _commit_json(g.closed),
                "days_open": g.days_open(result.today),
            }
            for g in account.gaps
        ],
        "regressions": [
            {**(_commit_json(r.commit) or {}), "from": r.before, "to": r.after}
            for r in account.regressions
        ],
    }


def _close_json(rows: list[CloseTime], key: str) -> list[dict[str, Any]]:
    return [
        {
            key: r.key,
            "closed": r.closed,
            "open": r.still_open,
            "mean_days": r.mean_days,
            "median_days": r.median_days,
        }
        for r in rows
    ]


def document(result: HistoryResult, *, accounts: bool = True) -> dict[str, Any]:
    """SPEC §9's document; without `accounts` their list is left empty (to_json writes it)."""
    return {
        "version": 1,
        "by": result.by,
        "accounts": [_account_json(a, result) for a in result.accounts] if accounts else [],
        "portfolio": {
            "points": [
                {
                    "commit": p.commit.id,
                    "date": p.commit.day.isoformat(),
                    "red": p.red,
                    "amber": p.amber,
                    "green": p.green,
                    "score": p.score,
                }
                for p in result.portfolio
            ],
            "time_to_close": {
                "rules": _close_json(result.by_rule, "code"),
                "owners": _close_json(result.by_owner, "owner"),
            },
        },
    }


def to_json(result: HistoryResult) -> None:
    """The document with one account, one portfolio point, one rule or owner a line: a long
    history is tens of MB of JSON, which json's C encoder writes many times faster than its
    indenting Python one; keys sorted as everywhere."""
    import json

    def line(value: Any) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)

    def items(values: list[Any], indent: str) -> str:
        if not values:
            return "[]"
        inner = ",\n".join(f"{indent}  {line(v)}" for v in values)
        return f"[\n{inner}\n{indent}]"

    from acmap.report.history_json import AccountLines

    doc = document(result, accounts=False)
    portfolio = doc["portfolio"]
    close = portfolio["time_to_close"]
    out = sys.stdout
    out.write('{\n  "accounts": [\n')
    lines = AccountLines(result)
    for i, account in enumerate(result.accounts):
        out.write(("," if i else "") + ("\n" if i else "") + f"    {lines.line(account)}")
    out.write("\n  ],\n" if result.accounts else "  ],\n")
    out.write(f'  "by": {line(doc["by"])},\n  "portfolio": {{\n')
    out.write(f'    "points": {items(portfolio["points"], "    ")},\n')
    out.write('    "time_to_close": {\n')
    out.write(f'      "owners": {items(close["owners"], "      ")},\n')
    out.write(f'      "rules": {items(close["rules"], "      ")}\n')
    out.write(f'    }}\n  }},\n  "version": {doc["version"]}\n}}\n')


def to_csv(result: HistoryResult) -> None:
    from acmap.crm.cells import csv_writer
    from acmap.report.terminal import data

    writer = csv_writer(sys.stdout)
    writer.writerow(CSV_COLUMNS)
    for account in result.accounts:
        for p in account.points:
            v = p.version
            writer.writerow(
                [
                    "account",
                    data(account.account),
                    p.commit.id,
                    p.commit.day.isoformat(),
                    data(p.commit.author),
                    v.status,
                    _blank(v.score),
                    v.error,
                    v.warning,
                    v.info,
                    "yes" if p.regression else "",
                    "",
                    "",
                    "",
                ]
            )
    for t in result.portfolio:
        writer.writerow(
            [
                "portfolio",
                "",
                t.commit.id,
                t.commit.day.isoformat(),
                data(t.commit.author),
                "",
                _blank(t.score),
                "",
                "",
                "",
                "",
                t.red,
                t.amber,
                t.green,
            ]
        )


def _blank(value: int | None) -> str | int:
    return "" if value is None else value


@contextmanager
def progress_bar(least: int) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr, only when stderr is a terminal and only for runs of at
    least `least` versions to evaluate (a short run is over before a bar means anything)."""
    if not sys.stderr.isatty():
        yield None
        return
    bar: list[Progress] = []

    def advance(done: int, total: int) -> None:
        if total < least:
            return
        if not bar:
            from rich.progress import Progress

            from acmap.report.terminal import console

            bar.append(Progress(console=console(stderr=True), transient=True))
            bar[0].start()
            bar[0].add_task("map versions", total=total)
        bar[0].update(bar[0].task_ids[0], completed=done)

    try:
        yield advance
    finally:
        if bar:
            bar[0].stop()


REPORTERS = {"text": to_text, "json": to_json, "csv": to_csv}
