"""`acmap partners`: partner overlap across the portfolio — which partner knows whom, where, at
what power, and where they could introduce us."""

from __future__ import annotations

from typing import Annotated

import typer

from acmap.commands.options import (
    TABLE_FORMATS,
    AtOption,
    PathsArgument,
    TableFormatOption,
    TodayOption,
    fail,
    pick_format,
    print_report,
    settings,
    today_for,
)

FORMATS = TABLE_FORMATS  # as --format (TableFormatOption) offers them


def partners(
    paths: PathsArgument = None,
    partner: Annotated[
        str | None,
        typer.Option("--partner", help="Only this partner id.", show_default=False),
    ] = None,
    output_format: TableFormatOption = None,
    at: AtOption = None,
    today: TodayOption = None,
) -> None:
    """Partner overlap: which partner is present at which account, whom they know there, the key
    stakeholders and open deal value that reaches, and where they could introduce us (G501)."""
    from acmap.analysis.partners import partner_overlap
    from acmap.load.selection import SelectionError

    chosen = pick_format(output_format, FORMATS)
    config = settings(at)
    day = today_for(config, today)
    try:
        result = partner_overlap(paths or [], config, day, partner=partner)
    except SelectionError as exc:
        fail(str(exc))
    print_report("partners", chosen, result)


def register(app: typer.Typer) -> None:
    app.command()(partners)
