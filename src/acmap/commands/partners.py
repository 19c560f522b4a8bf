"""Work in progress (issue 6)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    pass
