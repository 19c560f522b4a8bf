"""`acmap schema`: the JSON Schema of the format, for editors."""

from __future__ import annotations

import typer


def schema() -> None:
    """Print the draft-07 JSON Schema of map format v1 (for yaml-language-server)."""
    from acmap.format.schema import json_schema
    from acmap.report.json import dump

    typer.echo(dump(json_schema()))


def register(app: typer.Typer) -> None:
    app.command()(schema)
