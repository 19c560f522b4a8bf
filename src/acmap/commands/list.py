"""`acmap list`: the portfolio at a glance, one row per account."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from acmap.commands.options import (
    PathsArgument,
    TodayOption,
    exit_if_unreadable,
    fail,
    pick_format,
    settings,
    today_for,
)

if TYPE_CHECKING:
    from acmap.analysis.health import AccountReport
    from acmap.findings import Finding

FORMATS = ("text", "json", "csv")
# What --sort accepts, and what each sorts by: the worrying end of each column comes first.
SORTS = ("status", "account", "tier", "owner", "score", "engaged", "gaps", "reviewed")
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


def list_accounts(
    paths: PathsArgument = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            help="status (worst first), account, tier, owner, score (lowest first), engaged "
            "(fewest first), gaps (most first) or reviewed (oldest first).",
        ),
    ] = "status",
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner", help="Only accounts owned by this team member id.", show_default=False
        ),
    ] = None,
    tier: Annotated[
        list[str] | None,
        typer.Option("--tier", help="Only accounts of this tier (repeatable).", show_default=False),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="text, json or csv.", show_default=False),
    ] = None,
    today: TodayOption = None,
) -> None:
    """The portfolio table: tier, owner, people, engaged, status, score, gaps, last review."""
    from functools import partial

    from acmap.analysis.health import assess
    from acmap.commands.options import check_choice as _check_choice
    from acmap.load.selection import SelectionError, load_selection
    from acmap.model import TIERS

    config = settings()
    day = today_for(config, today)
    chosen = pick_format(output_format, FORMATS)
    _check_choice("--sort", sort, SORTS)
    for wanted in tier or []:
        _check_choice("--tier", wanted, TIERS)
    try:
        selection = load_selection(
            paths or [],
            config,
            analyse=partial(assess, gaps=config.gaps, today=day),
            keep_maps=False,
        )
    except SelectionError as exc:
        fail(str(exc))
    reports: list[AccountReport] = list(selection.results)
    if owner is not None:
        owners = {r.owner for r in reports if r.owner}
        if owner not in owners and owner not in {m for r in reports for m in r.team}:
            import difflib

            close = difflib.get_close_matches(owner, sorted(owners), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            fail(f"--owner {owner!r}: no account in the selection has this owner{hint}")
        reports = [r for r in reports if r.owner == owner]
    if tier:
        reports = [r for r in reports if r.tier in tier]
    reports = sort_reports(reports, sort)
    invalid = [f for f in selection.findings if f.severity == "error"]

    if chosen == "json":
        from acmap.report.json import write_json

        document = {
            "version": 1,
            "accounts": [r.as_json() for r in reports],
            "findings": [f.as_json() for f in invalid],
            "summary": {"files": selection.files, "accounts": len(reports)},
        }
        write_json(sys.stdout, document)
    elif chosen == "csv":
        _write_csv(reports)
        _report_invalid_to_stderr(invalid)
    else:
        _print_table(reports, invalid)
    exit_if_unreadable(selection)


def sort_reports(reports: list[AccountReport], key: str) -> list[AccountReport]:
    from acmap.analysis.health import STATUS_ORDER, worst_first

    tiers = {"strategic": 0, "key": 1, "growth": 2, "standard": 3}
    ordered = worst_first(reports)  # the tie-break for every other key
    if key == "account":
        return sorted(ordered, key=lambda r: r.id)
    if key == "tier":
        return sorted(ordered, key=lambda r: tiers.get(r.tier, 4))
    if key == "owner":
        return sorted(ordered, key=lambda r: (r.owner is None, (r.owner_name or "").lower()))
    if key == "score":
        return sorted(ordered, key=lambda r: r.score.total)
    if key == "engaged":
        return sorted(ordered, key=lambda r: r.engaged)
    if key == "gaps":
        return sorted(ordered, key=lambda r: tuple(-n for n in r.counts.values()))
    if key == "reviewed":
        return sorted(ordered, key=lambda r: -(r.review_age if r.review_age is not None else 10**9))
    return sorted(ordered, key=lambda r: STATUS_ORDER.get(r.status, 1))


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
RIGHT = {3, 4, 6, 7}


def _print_table(reports: list[AccountReport], invalid: list[Finding]) -> None:
    from acmap.report.terminal import SEVERITY_STYLE, STATUS_STYLE, Lines, Segment

    out = Lines()
    for f in invalid:
        out.add(
            (f"{f.file}:{f.line}:{f.col}:", "bold"),
            " ",
            (f.code, SEVERITY_STYLE[f.severity]),
            (f" {f.name} ", "dim"),
            f.message,
        )
    if invalid:
        out.add()
    rows = [_row(r) for r in reports]
    widths = [max([len(h), *(len(row[i]) for row in rows)]) for i, h in enumerate(HEADERS)]

    def cells(values: list[str], styles: list[str]) -> list[Segment]:
        segments: list[Segment] = []
        for i, value in enumerate(values):
            text = value.rjust(widths[i]) if i in RIGHT else value.ljust(widths[i])
            if i:
                segments.append(("  ", ""))
            segments.append((text if i < len(values) - 1 else text.rstrip(), styles[i]))
        return segments

    out.add(*cells(HEADERS, ["bold"] * len(HEADERS)))
    for report, row in zip(reports, rows, strict=True):
        styles = [""] * len(HEADERS)
        styles[0] = "bold"
        styles[5] = STATUS_STYLE.get(report.status, "")
        if report.counts["error"]:
            styles[7] = "red"
        out.add(*cells(row, styles))
    statuses = {s: sum(1 for r in reports if r.status == s) for s in ("red", "amber", "green")}
    summary = f"{len(reports)} account{'' if len(reports) == 1 else 's'}"
    detail = ", ".join(f"{n} {s}" for s, n in statuses.items() if n)
    if detail:
        summary += f": {detail}"
    skipped = len({f.file for f in invalid})
    if skipped:
        summary += f"; {skipped} invalid file{'' if skipped == 1 else 's'} skipped"
    out.add()
    out.add((summary, "dim"))
    out.write()


def _write_csv(reports: list[AccountReport]) -> None:
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in reports:
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


def _report_invalid_to_stderr(invalid: list[Finding]) -> None:
    for f in invalid:
        sys.stderr.write(f"{f.file}:{f.line}:{f.col}: {f.code} {f.name} {f.message}\n")


def register(app: typer.Typer) -> None:
    app.command("list")(list_accounts)
