"""`acmap validate`: check format and references, for people and for CI."""

from __future__ import annotations

import sys
from typing import Annotated

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
from acmap.report.terminal import console, wants_colour

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
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Parse every file again (ignore the results cache)."),
    ] = False,
    today: TodayOption = None,
) -> None:
    """Check map files against format v1: syntax, fields, values, references, cycles.

    Exit 0 when clean, 1 on any error (or warning with --strict), 2 on unusable input.
    """
    from acmap.findings import count_by_severity
    from acmap.load.selection import SelectionError, load_selection

    config = settings()
    today_for(config, today)  # validates --today / ACMAP_TODAY even though no check is dated
    chosen = pick_format(output_format, FORMATS)
    try:
        selection = load_selection(paths or [], config, keep_maps=False, use_cache=not no_cache)
    except SelectionError as exc:
        fail(str(exc))
    findings = selection.findings
    counts = count_by_severity(findings)
    if chosen == "json":
        from acmap.report.json import write_findings_document

        summary = {"files": selection.files, "valid": len(selection.maps), **counts}
        write_findings_document(sys.stdout, findings, summary)
    elif chosen == "github":
        from acmap.report.findings import summary_line
        from acmap.report.github import workflow_commands

        sys.stdout.write(workflow_commands(findings))
        sys.stdout.write(summary_line(selection.files, findings) + "\n")
    elif wants_colour():
        from acmap.report.findings import print_findings, summary_line

        out = console()
        print_findings(out, findings)
        style = "bold red" if counts["error"] else "yellow" if counts["warning"] else "green"
        out.print(summary_line(selection.files, findings), style=style)
    else:
        from acmap.report.findings import summary_line, write_findings

        write_findings(sys.stdout, findings)
        sys.stdout.write(summary_line(selection.files, findings) + "\n")
    exit_if_unreadable(selection)
    if counts["error"] or (strict and counts["warning"]):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(validate)
