"""`acmap qualify`: each open deal scored on MEDDPICC from the facts in its map, against the
gate of its stage."""

from __future__ import annotations

from typing import Annotated

import typer

from acmap.commands.options import (
    REPORT_FORMATS,
    AtOption,
    PathsArgument,
    ReportFormatOption,
    TodayOption,
    fail,
    pick_format,
    print_report,
    settings,
    today_for,
)

FORMATS = REPORT_FORMATS


def qualify(
    paths: PathsArgument = None,
    fail_on_gate: Annotated[
        bool,
        typer.Option(
            "--fail-on-gate",
            help="Exit 1 when an open deal misses the gate of its stage ([qualify.gates]).",
        ),
    ] = False,
    output_format: ReportFormatOption = None,
    at: AtOption = None,
    today: TodayOption = None,
) -> None:
    """Score each open deal on MEDDPICC (0–3 a letter) from the facts in the map, naming them,
    and check the gate of its stage.

    Exit 0, or 1 with --fail-on-gate when a gate is missed; 2 on unusable input.
    """
    from acmap.analysis.qualify import qualify as qualify_deals
    from acmap.load.selection import SelectionError

    chosen = pick_format(output_format, FORMATS)
    config = settings(at)
    day = today_for(config, today)
    try:
        result = qualify_deals(paths or [], config, day)
    except SelectionError as exc:
        fail(str(exc))
    print_report("qualify", chosen, result)
    if fail_on_gate and result.missed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(qualify)
