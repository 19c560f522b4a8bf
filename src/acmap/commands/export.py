"""`acmap export`: the stakeholders of the portfolio as CSV or JSON, for a CRM."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from acmap.commands.options import (
    AtOption,
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
    at: AtOption = None,
) -> None:
    """One row per stakeholder: account, id, name, title, unit, manager, roles, stance,
    influence, status, owner, last contact, email and phone. JSON keeps the nesting."""
    import io

    from acmap.crm.export import account_record
    from acmap.load.selection import SelectionError, load_selection, project_root

    chosen = "csv" if output_format is None else pick_format(output_format, FORMATS)
    if output is not None and not force:
        refuse_to_overwrite([Path(output)])
    config = settings(at)
    try:
        selection = load_selection(paths or [], config, analyse=account_record, keep_maps=False)
    except SelectionError as exc:
        fail(str(exc))
    records = sorted(selection.results, key=lambda r: r["id"])
    stream = io.StringIO()
    if chosen == "json":
        from acmap.report.json import dump

        stream.write(dump({"version": 1, "accounts": records}) + "\n")
    else:
        from acmap.crm.cells import csv_writer
        from acmap.crm.export import COLUMNS, csv_rows

        writer = csv_writer(stream)
        writer.writerow(COLUMNS)
        for record in records:
            writer.writerows(csv_rows(record))
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
        count = sum(len(r["stakeholders"]) for r in records)
        sys.stderr.write(
            f"acmap: {count} stakeholder{'' if count == 1 else 's'} of {len(records)} "
            f"account{'' if len(records) == 1 else 's'} written to {output}\n"
        )

    report_left_out(selection)
    exit_if_unreadable(selection)


def register(app: typer.Typer) -> None:
    app.command()(export)
