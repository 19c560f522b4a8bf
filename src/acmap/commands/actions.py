"""`acmap actions`: the engagement plan across the portfolio, overdue first; as a calendar too."""

from __future__ import annotations

from typing import Annotated

import typer

from acmap.commands.options import (
    AtOption,
    PathsArgument,
    TodayOption,
    check_choice,
    choices,
    fail,
    pick_format,
    print_report,
    settings,
    today_for,
)

FORMATS = ("text", "json", "csv", "ics")
STATUSES = ("open", "done", "dropped", "all")  # as acmap.analysis.plan.ACTION_FILTERS


def actions(
    paths: PathsArgument = None,
    owner: Annotated[
        str | None,
        typer.Option("--owner", help="Only actions this team member id owns.", show_default=False),
    ] = None,
    due_before: Annotated[
        str | None,
        typer.Option(
            "--due-before",
            help="Only actions due before this date (YYYY-MM-DD).",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        str,
        typer.Option(
            "--status",
            help="open, done, dropped or all.",
            autocompletion=choices(*STATUSES),
        ),
    ] = "open",
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json, csv or ics (a calendar: one event per open action with a due date).",
            show_default=False,
            autocompletion=choices(*FORMATS),
        ),
    ] = None,
    at: AtOption = None,
    today: TodayOption = None,
) -> None:
    """The engagement plan: who on our team does what, with whom, by when; overdue first.

    Exit 0; 2 on unusable input.
    """
    from datetime import date

    from acmap.analysis.plan import plan
    from acmap.load.selection import SelectionError

    chosen = pick_format(output_format, FORMATS)
    check_choice("--status", status, STATUSES)
    before = None
    if due_before is not None:
        try:
            before = date.fromisoformat(due_before)
        except ValueError:
            fail(f"--due-before: {due_before!r} is not a date (expected YYYY-MM-DD)")
    config = settings(at)
    day = today_for(config, today)
    try:
        result = plan(paths or [], config, day, owner=owner, due_before=before, status=status)
    except SelectionError as exc:
        fail(str(exc))
    print_report("actions", chosen, result)


def register(app: typer.Typer) -> None:
    app.command()(actions)
