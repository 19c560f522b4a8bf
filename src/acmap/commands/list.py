"""`acmap list`: the portfolio at a glance, one row per account."""

from __future__ import annotations

from typing import Annotated

import typer

from acmap.commands.options import (
    TABLE_FORMATS,
    AtOption,
    PathsArgument,
    TableFormatOption,
    TodayOption,
    check_choice,
    complete_tier,
    exit_if_unreadable,
    fail,
    pick_format,
    settings,
    today_for,
)

FORMATS = TABLE_FORMATS  # as --format (TableFormatOption) offers them


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
        typer.Option(
            "--tier",
            help="Only accounts of this tier (repeatable).",
            show_default=False,
            autocompletion=complete_tier,
        ),
    ] = None,
    output_format: TableFormatOption = None,
    at: AtOption = None,
    today: TodayOption = None,
) -> None:
    """The portfolio table: tier, owner, people, engaged, status, score, gaps, last review."""
    from acmap.analysis.portfolio import portfolio_rows
    from acmap.analysis.priority import SORTS
    from acmap.load.selection import SelectionError
    from acmap.model import TIERS
    from acmap.report import reporter

    config = settings(at)
    day = today_for(config, today)
    chosen = pick_format(output_format, FORMATS)
    check_choice("--sort", sort, SORTS)
    for wanted in tier or []:
        check_choice("--tier", wanted, TIERS)
    try:
        result = portfolio_rows(paths or [], config, day, owner=owner, tiers=tier, sort=sort)
    except SelectionError as exc:
        fail(str(exc))
    reporter("portfolio", chosen)(result)
    exit_if_unreadable(result)


def register(app: typer.Typer) -> None:
    app.command("list")(list_accounts)
