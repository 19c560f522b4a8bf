"""`acmap validate`: check format and references, for people and for CI."""

from __future__ import annotations

from typing import Annotated

import typer

from acmap.commands.options import (
    AtOption,
    PathsArgument,
    TodayOption,
    choices,
    exit_if_unreadable,
    fail,
    pick_format,
    settings,
    today_for,
)

FORMATS = ("text", "json", "github")


def validate(
    paths: PathsArgument = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json or github (default: github in Actions).",
            show_default=False,
            autocompletion=choices(*FORMATS),
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Parse every file again (ignore the results cache)."),
    ] = False,
    at: AtOption = None,
    today: TodayOption = None,
) -> None:
    """Check map files against format v1: syntax, fields, values, references, cycles.

    Exit 0 when clean, 1 on any error (or warning with --strict), 2 on unusable input.
    """
    from acmap.analysis.portfolio import check_files
    from acmap.load.selection import SelectionError
    from acmap.report import reporter

    config = settings(at)
    today_for(config, today)  # validates --today / ACMAP_TODAY even though no check is dated
    chosen = pick_format(output_format, FORMATS)
    try:
        result = check_files(paths or [], config, use_cache=not no_cache)
    except SelectionError as exc:
        fail(str(exc))
    reporter("findings", chosen)(result)
    exit_if_unreadable(result)
    counts = result.counts
    if counts["error"] or (strict and counts["warning"]):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(validate)
