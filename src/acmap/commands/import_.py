"""`acmap import CSV --account ID`: merge a CRM contacts export into one account map."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from acmap.commands.options import fail, settings

if TYPE_CHECKING:
    from acmap.crm.csv_import import Change, Contacts, Plan


def import_(
    csv_file: Annotated[str, typer.Argument(metavar="CSV", help="The contacts export (CSV).")],
    account: Annotated[
        str,
        typer.Option("--account", "-a", help="The account id (or map file) to merge into."),
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
    from pathlib import Path

    from acmap.crm.csv_import import FIELDS, BadCsv, apply_plan, plan_merge, read_contacts
    from acmap.load.single import load_account

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
    account_map = load_account(account, config)
    source = Path(csv_file)
    try:
        data = source.read_bytes()
    except IsADirectoryError:
        fail(f"{csv_file}: is a directory, not a CSV file")
    except OSError as exc:
        fail(f"{csv_file}: cannot read ({exc.strerror or exc})")
    try:
        contacts = read_contacts(data, csv_file, overrides, encoding)
        plan = plan_merge(account_map, contacts, update=update)
    except BadCsv as exc:
        fail(str(exc))
    target = account_map.path
    shown = target.as_posix()
    if not plan.empty and not dry_run:
        from acmap.edit.atomic import write_atomic
        from acmap.load import load_text

        text = target.read_text(encoding="utf-8")
        merged = apply_plan(text, plan)
        check = load_text(merged, shown, stem=target.stem)
        errors = [f for f in check.findings if f.severity == "error"]
        if errors:  # e.g. a reporting cycle the CSV creates: refuse rather than break the map
            first = errors[0]
            fail(
                f"not imported: the merged map would have errors ({first.code} line {first.line}: "
                f"{first.message}); {shown} is unchanged"
            )
        try:
            write_atomic(target, merged)
        except OSError as exc:
            fail(f"{shown}: cannot write ({exc.strerror or exc})")
    _report(plan, contacts, shown, dry_run, update)


def _report(plan: Plan, contacts: Contacts, shown: str, dry_run: bool, update: bool) -> None:
    lines = []
    for unit in plan.new_units:
        lines.append(f"  + unit {unit['name']} ({unit['id']})")
    for record in plan.new_people:
        facts = [
            f"{key} {_value(value)}" for key, value in record.items() if key not in ("id", "name")
        ]
        name = record.get("name") or f"[{record.get('title')}]"
        lines.append(f"  + {name} ({record['id']})" + (f": {', '.join(facts)}" if facts else ""))
    for change in plan.set_values:
        lines.append(f"  ~ {change.display}: {_change(change)}")
    for change in plan.kept:
        lines.append(
            f"  = {change.display}: {change.key} stays {_value(change.old)} (the CSV says "
            f"{_value(change.new)}; --update replaces it)"
        )
    for note in plan.notes:
        lines.append(f"  ! {note}")
    people = len(plan.new_people)
    summary = [
        f"{people} {'person' if people == 1 else 'people'} added",
        f"{len(plan.updated_people)} updated",
        f"{plan.unchanged} unchanged",
    ]
    if plan.new_units:
        summary.append(f"{len(plan.new_units)} unit{'s' if len(plan.new_units) != 1 else ''} added")
    if plan.kept:
        summary.append(f"{len(plan.kept)} value{'s' if len(plan.kept) != 1 else ''} kept")
    if plan.skipped_rows:
        summary.append(f"{plan.skipped_rows} rows for other accounts skipped")
    if plan.empty:
        verdict = "nothing to change"
    elif dry_run:
        verdict = "dry run, nothing written"
    else:
        verdict = "written"
    head = f"{shown}: {', '.join(summary)} — {verdict}"
    if contacts.ignored:
        lines.append(f"  (columns not imported: {', '.join(contacts.ignored)})")
    sys.stdout.write("\n".join([head, *lines]) + "\n")


def _value(value: object) -> str:
    from datetime import date

    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return "none" if value is None else repr(str(value)) if " " in str(value) else str(value)


def _change(change: Change) -> str:
    if change.old in (None, [], ""):
        return f"{change.key} {_value(change.new)} added"
    return f"{change.key} {_value(change.old)} → {_value(change.new)}"


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
