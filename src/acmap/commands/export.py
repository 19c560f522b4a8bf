"""`acmap export`: the stakeholders (or, with --actions, the actions) of the portfolio as CSV
or JSON, for a CRM."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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

if TYPE_CHECKING:
    from acmap.settings import Settings

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
    partner: Annotated[
        str | None,
        typer.Option(
            "--partner",
            help="Only what this partner may see (csv, json, or yaml: map files in -o DIR).",
            show_default=False,
        ),
    ] = None,
    at: AtOption = None,
) -> None:
    """One row per stakeholder: account, id, name, title, unit, manager, roles, stance,
    influence, status, owner, last contact, email and phone. JSON keeps the nesting.

    With --actions, one row per action of the engagement plan instead: account, what, owner,
    with (names, ;-separated), due, status and opportunity.

    With --partner, only the slice that partner may see: its accounts, the people it knows
    there, their roles and stance; never notes, contacts, x- keys or other partners."""

    from acmap.crm import export as rows
    from acmap.load.selection import SelectionError, load_selection, project_root

    if partner is not None:
        return _partner(paths or [], partner, output_format, output, force, settings(at))
    chosen = "csv" if output_format is None else pick_format(output_format, FORMATS)
    if output is not None and not force:
        refuse_to_overwrite([Path(output)])
    config = settings(at)
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


def _partner(
    paths: list[str],
    partner: str,
    output_format: str | None,
    output: str | None,
    force: bool,
    config: Settings,
) -> None:
    from functools import partial  # --partner: the slice, YAML as a map file per account

    from acmap.crm import partner as slice_
    from acmap.load.selection import SelectionError, load_selection, project_root

    chosen = "csv" if output_format is None else pick_format(output_format, (*FORMATS, "yaml"))
    analyse = partial(slice_.partner_slice, partner_id=partner)
    try:
        selection = load_selection(paths, config, analyse=analyse, keep_maps=False)
    except SelectionError as exc:
        fail(str(exc))
    slices = sorted((s for s in selection.results if s is not None), key=lambda s: s["id"])
    if not slices:
        fail(f"--partner {partner!r}: not present at any selected account")
    files = slice_.rendered(chosen, partner, slices)
    if output is None and len(files) > 1:
        fail(f"--partner {partner!r} is at {len(files)} accounts: give -o DIR for the maps")
    if output is None:
        targets: dict[Path, str] = {}
    elif chosen == "yaml":
        targets = {Path(output) / name: body for name, body in files.items()}
        Path(output).mkdir(parents=True, exist_ok=True)
    else:
        targets = {Path(output): files[""]}
    if not targets:
        from acmap.report.terminal import data

        sys.stdout.write(data(next(iter(files.values()))))
    if not force:
        refuse_to_overwrite(targets)
    from acmap.edit.atomic import write_atomic

    for path, body in targets.items():
        try:
            write_atomic(path, body, overwrite=force, root=project_root(config))
        except OSError as exc:
            fail(f"{path}: cannot write ({exc.strerror or exc})")
    report_left_out(selection)
    exit_if_unreadable(selection)


def register(app: typer.Typer) -> None:
    app.command()(export)
