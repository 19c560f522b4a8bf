"""`acmap schema`: the JSON Schema of the format, for editors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from acmap.commands.options import fail


def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the schema to FILE (e.g. acmap.schema.json) instead of stdout.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace FILE when it holds something else.")
    ] = False,
) -> None:
    """Print the draft-07 JSON Schema of map format v1 (for yaml-language-server).

    With -o, write it to FILE atomically: a FILE that already holds this schema is left as it
    is ("up to date"); one that holds anything else is replaced only with --force.

    Exit 0 when printed, written or up to date; 2 when FILE is in the way or cannot be written.
    """
    from acmap.format.schema import json_schema
    from acmap.report.json import dump

    text = dump(json_schema()) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    from acmap.edit.atomic import WouldOverwrite, write_atomic
    from acmap.load import display
    from acmap.settings import project_of

    shown = display(output)
    current = _read(output)
    if current == text.encode("utf-8"):
        sys.stdout.write(f"{shown} is up to date\n")
        return
    existed = current is not None or output.is_symlink()
    if existed and not force:
        fail(f"{shown} exists and is not this acmap's schema; add --force to replace it")
    try:
        write_atomic(output, text, overwrite=force, root=project_of(Path.cwd()))
    except WouldOverwrite:  # it appeared while we worked
        fail(f"{shown} exists and is not this acmap's schema; add --force to replace it")
    except OSError as exc:
        fail(f"{shown}: cannot write: {exc.strerror or exc}")
    sys.stdout.write(f"{'updated' if existed else 'created'} {shown}\n")


def _read(path: Path) -> bytes | None:
    """The file's bytes; None when there is no file. Something unreadable (a folder, no
    permission) counts as "something else": only --force replaces it, and the write explains."""
    import os

    if not os.path.lexists(path):  # also when a folder on the way is a file: the write says so
        return None
    try:
        return path.read_bytes()
    except OSError:
        return b""


def register(app: typer.Typer) -> None:
    app.command()(schema)
