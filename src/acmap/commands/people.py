"""`acmap people [QUERY]`: everyone in the portfolio as one list of persons, merged across maps
by email, linkedin, CRM id or `moved_to`; where each one is known and in what role; movers first."""

from __future__ import annotations

from typing import Annotated

import typer

from acmap.commands.options import (
    AtOption,
    exit_if_unreadable,
    fail,
    pick_format,
    report_left_out,
    settings,
)

FORMATS = ("text", "json")


def people(
    query: Annotated[
        str | None,
        typer.Argument(
            metavar="[QUERY]",
            help="Only persons whose name, email, account, stakeholder id or title holds this.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="text or json.", show_default=False),
    ] = None,
    at: AtOption = None,
) -> None:
    """Everyone in the portfolio as one list of persons: the same person on several maps (same
    email, linkedin, x-crm-id, or moved_to) is one; where each is known and as what; movers
    first. Ids p1, p2, … are stable for the same maps."""
    from acmap.analysis.people import portfolio_people
    from acmap.load.selection import SelectionError
    from acmap.report import reporter

    chosen = pick_format(output_format, FORMATS)
    config = settings(at)
    try:
        result = portfolio_people([], config, query=query)
    except SelectionError as exc:
        fail(str(exc))
    reporter("people", chosen)(result)
    report_left_out(result)
    exit_if_unreadable(result)


def register(app: typer.Typer) -> None:
    app.command()(people)
