"""`acmap path ID FROM TO`: the warmest ways from a stakeholder, a team member or a partner to
a stakeholder, hop by hop in words."""

from __future__ import annotations

from typing import Annotated

import typer

from acmap.commands.options import (
    REPORT_FORMATS,
    AccountArgument,
    ReportFormatOption,
    TodayOption,
    fail,
    pick_format,
    settings,
    today_for,
)

FORMATS = REPORT_FORMATS


def path(
    account: AccountArgument,
    source: Annotated[
        str,
        typer.Argument(
            metavar="FROM",
            help="Where to start: a stakeholder, a team member (through the people they own) "
            "or a partner id.",
        ),
    ],
    target: Annotated[str, typer.Argument(metavar="TO", help="The stakeholder id to reach.")],
    top: Annotated[
        int, typer.Option("--top", min=1, max=50, help="How many paths to show, warmest first.")
    ] = 3,
    output_format: ReportFormatOption = None,
    today: TodayOption = None,
) -> None:
    """The warmest paths from one person to another, through links and reporting lines.

    Exit 1 when no path exists (conflicts never carry one), 2 for an unknown id.
    """
    from acmap.analysis.paths import PathError, warm_paths
    from acmap.commands.options import load_account
    from acmap.report import reporter

    fmt = pick_format(output_format, FORMATS)
    config = settings()
    day = today_for(config, today)
    account_map = load_account(account, config)
    try:
        result = warm_paths(account_map, source, target, top, config.gaps, day)
    except PathError as exc:
        fail(str(exc))
    reporter("path", fmt)(result)
    if not result.paths:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(path)
