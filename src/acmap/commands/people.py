"""`acmap people [QUERY]`: everyone in the portfolio as one list of persons, merged across maps
by email, linkedin, CRM id or `moved_to`; where each one is known and in what role; movers first."""

from __future__ import annotations

from typing import Annotated

import typer

from acmap.commands.options import (
    REPORT_FORMATS,
    AtOption,
    ReportFormatOption,
    fail,
    pick_format,
    print_report,
    settings,
)

FORMATS = REPORT_FORMATS


def people(
    query: Annotated[
        str | None,
        typer.Argument(
            metavar="[QUERY]",
            help="Only persons whose name, email, account, stakeholder id or title holds this.",
            show_default=False,
        ),
    ] = None,
    output_format: ReportFormatOption = None,
    at: AtOption = None,
) -> None:
    """Everyone in the portfolio as one list of persons: the same person on several maps (same
    email, linkedin, x-crm-id, or moved_to) is one; where each is known and as what; movers
    first. Ids p1, p2, … are stable for the same maps."""
    from acmap.analysis.people import portfolio_people
    from acmap.load.selection import SelectionError

    chosen = pick_format(output_format, FORMATS)
    config = settings(at)
    try:
        result = portfolio_people([], config, query=query)
    except SelectionError as exc:
        fail(str(exc))
    print_report("people", chosen, result)


def register(app: typer.Typer) -> None:
    app.command()(people)
