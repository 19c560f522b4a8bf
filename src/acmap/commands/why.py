"""`acmap why ID STAKEHOLDER [FIELD]`: each fact about one person and the commit that set it,
from the map's git history (a reformat sets nothing; renames are followed)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from acmap.commands.options import (
    REPORT_FORMATS,
    AccountArgument,
    ReportFormatOption,
    fail,
    pick_format,
    settings,
)

FORMATS = REPORT_FORMATS


def field_names(incomplete: str) -> list[str]:
    """The fields of a stakeholder, for the shell's completion of FIELD."""
    from acmap.analysis.provenance import FIELDS

    return [name for name in FIELDS if name.startswith(incomplete)]


def why(
    account: AccountArgument,
    stakeholder: Annotated[str, typer.Argument(help="The stakeholder id.", show_default=False)],
    field: Annotated[
        str | None,
        typer.Argument(
            help="One field, such as stance or contact.email (default: every field set).",
            show_default=False,
            autocompletion=field_names,
        ),
    ] = None,
    output_format: ReportFormatOption = None,
) -> None:
    """Each field of one person: its value, and the commit, date, author and subject that set it.

    Exit 2 for an unknown account, stakeholder or field, or a map outside a git repository.
    """
    from acmap.analysis.provenance import ProvenanceError, provenance
    from acmap.commands.options import load_account_file
    from acmap.git import GitError
    from acmap.load import LoadError, require_map
    from acmap.report import reporter

    fmt = pick_format(output_format, FORMATS)
    loaded = load_account_file(account, settings())
    try:
        account_map = require_map(loaded)
    except LoadError as exc:
        fail(str(exc))
    file = loaded.source.real if loaded.source else Path(loaded.file)
    try:
        result = provenance(account_map, file, stakeholder, field)
    except (ProvenanceError, GitError) as exc:
        fail(str(exc))
    reporter("why", fmt)(result)


def register(app: typer.Typer) -> None:
    app.command()(why)
