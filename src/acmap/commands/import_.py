"""`acmap import CSV --account ID`: merge a CRM contacts export into one account map."""

from __future__ import annotations

from typing import Annotated

import typer

from acmap.commands.options import account_ids, fail, settings


def import_(
    csv_file: Annotated[str, typer.Argument(metavar="CSV", help="The contacts export (CSV).")],
    account: Annotated[
        str,
        typer.Option(
            "--account",
            "-a",
            help="The account id (or map file) to merge into.",
            autocompletion=account_ids,
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Print what would change; write nothing.")
    ] = False,
    update: Annotated[
        bool,
        typer.Option("--update", help="Replace values the map already has with the CSV's."),
    ] = False,
    column: Annotated[
        list[str] | None,
        typer.Option(
            "--column",
            "-c",
            help="Map a CSV column to a field: 'Full Name=name', 'Mobile=phone', 'Notes=ignore'. "
            "Repeatable.",
            show_default=False,
        ),
    ] = None,
    encoding: Annotated[
        str, typer.Option("--encoding", help="The CSV's encoding (cp1252, latin-1, …).")
    ] = "utf-8",
) -> None:
    """Merge stakeholders from a CRM contacts export (Salesforce, HubSpot, acmap export) into a
    map: match by id, email, then name; add new people and missing units; keep every comment.

    Never replaces a value the map already has unless --update. Exit 2 on a bad CSV.
    """
    from acmap.edit.importer import FIELDS, BadCsv, NotImported, import_contacts
    from acmap.load import LoadError
    from acmap.report import reporter

    overrides: dict[str, str] = {}
    for mapping in column or []:
        csv_name, sep, wanted = mapping.rpartition("=")
        if not sep or not csv_name.strip() or wanted.strip() not in FIELDS:
            fail(
                f"--column {mapping!r}: expected CSVNAME=FIELD with FIELD one of "
                f"{', '.join(FIELDS)}"
            )
        overrides[csv_name.strip()] = wanted.strip()
    config = settings()
    try:
        result = import_contacts(
            csv_file,
            account,
            config,
            columns=overrides,
            encoding=encoding,
            update=update,
            dry_run=dry_run,
        )
    except (LoadError, BadCsv, NotImported) as exc:
        fail(str(exc))
    reporter("import_", "text")(result)


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
