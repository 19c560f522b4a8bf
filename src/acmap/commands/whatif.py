"""`acmap whatif ID --set PERSON.FIELD=VALUE …`: what would change (status, score, gaps opened
and closed, warm paths lost) if those facts were true; writes nothing."""

from __future__ import annotations

from typing import Annotated

import typer

from acmap.commands.options import (
    REPORT_FORMATS,
    AccountArgument,
    ReportFormatOption,
    TodayOption,
    fail,
    load_account,
    load_account_file,
    pick_format,
    settings,
    today_for,
)

FORMATS = REPORT_FORMATS


def whatif(
    account: AccountArgument,
    sets: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="PERSON.FIELD=VALUE: stance, status, roles (a comma list), influence, owner or "
            "last_contact; an empty VALUE clears the field. Repeat for several.",
            show_default=False,
        ),
    ] = None,
    removes: Annotated[
        list[str] | None,
        typer.Option(
            "--remove",
            help="Take this stakeholder off the map, with every reference to them.",
            show_default=False,
        ),
    ] = None,
    output_format: ReportFormatOption = None,
    today: TodayOption = None,
) -> None:
    """What would change at one account if some facts were true: status, score, the gaps that
    open and close and the warm paths to power lost. The map file is not touched."""
    from acmap.analysis.whatif import Edit, WhatIfError, parse_set, what_if
    from acmap.edit.whatif import apply_edits
    from acmap.report import reporter
    from acmap.report.whatif import invalid

    chosen = pick_format(output_format, FORMATS)
    if not sets and not removes:
        fail("whatif: nothing to try; give --set PERSON.FIELD=VALUE or --remove PERSON")
    config = settings()
    day = today_for(config, today)
    loaded = load_account_file(account, config)
    account_map = load_account(account, config)
    if loaded.source is None:
        fail(f"{account}: cannot read its text")
    try:
        edits = [parse_set(text) for text in sets or []]
        edits += [Edit(person, "", "") for person in removes or []]
        changed = apply_edits(loaded.source.text, account_map, edits)
        result = what_if(account_map, changed, edits, config.gaps, day)
    except WhatIfError as exc:
        fail(str(exc))
    if isinstance(result, list):
        invalid(result)
        raise typer.Exit(2)
    reporter("whatif", chosen)(result)


def register(app: typer.Typer) -> None:
    app.command()(whatif)
