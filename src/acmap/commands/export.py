"""`acmap export`: the stakeholders (or, with --actions, the actions) of the portfolio as CSV
or JSON, for a CRM."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from acmap.commands.options import (
    PathsArgument,
    choices,
    exit_if_unreadable,
    fail,
    pick_format,
    refuse_to_overwrite,
    report_left_out,
    settings,
)

FORMATS = ("csv", "json")


def export(
    paths: PathsArgument = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="csv (default) or json.",
            show_default=False,
            autocompletion=choices(*FORMATS),
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of stdout.", show_default=False
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the -o file if it exists.")
    ] = False,
    actions: Annotated[
        bool, typer.Option("--actions", help="Export the engagement plan: one row per action.")
    ] = False,
) -> None:
    """One row per stakeholder: account, id, name, title, unit, manager, roles, stance,
    influence, status, owner, last contact, email and phone. JSON keeps the nesting.

    With --actions, one row per action of the engagement plan instead: account, what, owner,
    with (names, ;-separated), due, status and opportunity."""
    import io

    from acmap.crm import export as rows
    from acmap.load.selection import SelectionError, load_selection, project_root

    chosen = "csv" if output_format is None else pick_format(output_format, FORMATS)
    if output is not None and not force:
        refuse_to_overwrite([Path(output)])
    config = settings()
    try:
        analyse = rows.plan_record if actions else rows.account_record
        selection = load_selection(paths or [], config, analyse=analyse, keep_maps=False)
    except SelectionError as exc:
        fail(str(exc))
    records = sorted(selection.results, key=lambda r: r["id"])
    stream = io.StringIO()
    if chosen == "json":
        from acmap.report.json import dump

        stream.write(dump({"version": 1, "accounts": records}) + "\n")
    else:
        from acmap.crm.cells import csv_writer

        writer = csv_writer(stream)
        writer.writerow(rows.ACTION_COLUMNS if actions else rows.COLUMNS)
        for record in records:
            writer.writerows(rows.action_rows(record) if actions else rows.csv_rows(record))
    if output is None:
        from acmap.report.terminal import data

        sys.stdout.write(data(stream.getvalue()))
    else:
        from acmap.edit.atomic import WouldOverwrite, write_atomic

        try:
            write_atomic(
                Path(output), stream.getvalue(), overwrite=force, root=project_root(config)
            )
        except WouldOverwrite:  # it appeared while we worked
            refuse_to_overwrite([Path(output)])
        except OSError as exc:
            fail(f"{output}: cannot write ({exc.strerror or exc})")
        from acmap.words import plural

        kind = "action" if actions else "stakeholder"
        count = plural(sum(len(r[f"{kind}s"]) for r in records), kind)
        sys.stderr.write(
            f"acmap: {count} of {plural(len(records), 'account')} written to {output}\n"
        )

    report_left_out(selection)
    exit_if_unreadable(selection)


def register(app: typer.Typer) -> None:
    app.command()(export)
