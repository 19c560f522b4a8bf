"""The `portfolio` subject of `acmap list`: one row per account as a table, JSON or CSV."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from acmap.report.findings import finding_line, finding_segments
from acmap.report.layout import Segment, cells, fit_cells, pad, table_width
from acmap.report.terminal import STATUS_STYLE, Lines, fit_width
from acmap.words import plural

if TYPE_CHECKING:
    from acmap.analysis.health import AccountReport
    from acmap.analysis.portfolio import PortfolioResult

HEADERS = [
    "ACCOUNT",
    "TIER",
    "OWNER",
    "PEOPLE",
    "ENGAGED",
    "STATUS",
    "SCORE",
    "GAPS E/W/I",
    "REVIEWED",
]
RIGHT = {3, 4, 6, 7}  # columns of numbers
OWNER = 2
# How a table too wide for the terminal is narrowed, step by step until it fits: the owner's
# name shortened (with an ellipsis), then the columns a rep can best do without left out.
# The account id, its status and its gaps stay: an id is never cut (it is what you type next).
NARROWING: tuple[tuple[int, int], ...] = (  # (column, width it gets; 0: left out)
    (OWNER, 12),
    (4, 0),  # ENGAGED
    (3, 0),  # PEOPLE
    (1, 0),  # TIER
    (8, 0),  # REVIEWED
    (OWNER, 8),
    (OWNER, 0),
    (6, 0),  # SCORE
)
CSV_COLUMNS = (
    "account",
    "name",
    "tier",
    "owner",
    "stakeholders",
    "engaged",
    "key",
    "status",
    "score",
    "errors",
    "warnings",
    "info",
    "reviewed",
    "days_since_review",
    "file",
)


def _row(report: AccountReport) -> list[str]:
    counts = report.counts
    return [
        report.id,
        report.tier,
        report.owner_name or "-",
        str(report.stakeholders),
        str(report.engaged),
        report.status,
        str(report.score.total),
        f"{counts['error']}/{counts['warning']}/{counts['info']}",
        _age(report.review_age),
    ]


def _age(days: int | None) -> str:
    if days is None:
        return "never"
    if days < 0:
        return "in future"
    return "today" if days == 0 else f"{days}d ago"


def to_text(result: PortfolioResult) -> None:
    out = Lines()
    for f in result.invalid:
        out.add(*finding_segments(f))
    if result.invalid:
        out.add()
    rows = [_row(r) for r in result.reports]
    widths = _fitted(
        [max([len(h), *(cells(row[i]) for row in rows)]) for i, h in enumerate(HEADERS)]
    )
    shown = [i for i, w in enumerate(widths) if w]

    def segments_of(values: list[str], styles: list[str]) -> list[Segment]:
        segments: list[Segment] = []
        for i in shown:
            text = pad(fit_cells(values[i], widths[i]), widths[i], right=i in RIGHT)
            if i != shown[0]:
                segments.append(("  ", ""))
            segments.append((text if i != shown[-1] else text.rstrip(), styles[i]))
        return segments

    out.add(*segments_of(HEADERS, ["bold"] * len(HEADERS)))
    for report, row in zip(result.reports, rows, strict=True):
        styles = [""] * len(HEADERS)
        styles[0] = "bold"
        styles[5] = STATUS_STYLE.get(report.status, "")
        if report.counts["error"]:
            styles[7] = "red"
        out.add(*segments_of(row, styles))
    room = fit_width()
    summary = plural(len(result.reports), "account")
    detail = ", ".join(f"{n} {s}" for s, n in result.statuses.items() if n)
    if detail:
        summary += f": {detail}"
    if result.skipped:
        summary += f"; {plural(result.skipped, 'invalid file')} skipped"
    out.add()
    out.hanging([(summary, "dim")], room or len(summary), 2)
    out.write()


def _fitted(widths: list[int]) -> list[int]:
    """`widths` narrowed by NARROWING until the table fits the terminal (or COLUMNS); as they
    are when output is piped without COLUMNS, or when nothing more can go."""
    room = fit_width()
    widths = list(widths)
    for column, size in NARROWING:
        if room is None or table_width(widths) <= room:
            break
        widths[column] = min(widths[column], size) if size else 0
    return widths


def to_json(result: PortfolioResult) -> None:
    from acmap.report.json import write_json

    document = {
        "version": 1,
        "accounts": [r.as_json() for r in result.reports],
        "findings": [f.as_json() for f in result.invalid],
        "summary": {"files": result.files, "accounts": len(result.reports)},
    }
    write_json(sys.stdout, document)


def to_csv(result: PortfolioResult) -> None:
    """The rows on stdout; the files left out, as finding lines, on stderr."""
    from acmap.crm.cells import csv_writer

    writer = csv_writer(sys.stdout)
    writer.writerow(CSV_COLUMNS)
    for r in result.reports:
        counts = r.counts
        writer.writerow(
            [
                r.id,
                r.name,
                r.tier,
                r.owner or "",
                r.stakeholders,
                r.engaged,
                r.key,
                r.status,
                r.score.total,
                counts["error"],
                counts["warning"],
                counts["info"],
                r.reviewed.isoformat() if r.reviewed else "",
                "" if r.review_age is None else r.review_age,
                r.file,
            ]
        )
    for f in result.invalid:
        sys.stderr.write(finding_line(f) + "\n")


REPORTERS = {"text": to_text, "json": to_json, "csv": to_csv}
