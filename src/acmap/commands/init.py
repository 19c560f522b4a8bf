"""`acmap init`: a new map repository with settings, an example map, CI and pre-commit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from acmap.commands.options import TodayOption, fail, today_for

# What init writes, and from which template.
FILES = (
    ("acmap.toml", "acmap.toml"),
    ("maps/globex.yaml", "example-map.yaml"),
    (".github/workflows/acmap.yml", "workflow.yml"),
    (".pre-commit-config.yaml", "pre-commit-config.yaml"),
)


def init(
    folder: Annotated[
        Path, typer.Argument(help="Where to create the map repository.", show_default=False)
    ] = Path("."),
    today: TodayOption = None,
) -> None:
    """Start a map repository: acmap.toml, maps/ with one example, a GitHub workflow and a
    pre-commit config. Never overwrites: when any of these exists, nothing is written.

    Exit 0 when created; 2 when a file is in the way.
    """
    from acmap.commands.options import relative
    from acmap.edit.atomic import WouldOverwrite, write_atomic
    from acmap.edit.templates import render
    from acmap.settings import Settings

    if folder.exists() and not folder.is_dir():
        fail(f"{folder} is a file, not a folder")
    day = today_for(Settings(root=folder, maps=folder / "maps"), today)
    in_the_way = [name for name, _ in FILES if (folder / name).exists()]
    if (folder / "maps").is_dir() and any((folder / "maps").iterdir()):
        in_the_way.append("maps/ (not empty)")
    if in_the_way:
        fail(
            f"{', '.join(in_the_way)} already there in {relative(folder) or '.'}; "
            "acmap init never overwrites (run it in an empty folder)"
        )
    texts = [(folder / name, render(template, today=day.isoformat())) for name, template in FILES]
    written = []
    for target, text in texts:
        try:
            write_atomic(target, text, overwrite=False)
        except WouldOverwrite:
            fail(f"{relative(target)} appeared while init was writing; stopped")
        except OSError as exc:
            fail(f"{relative(target)}: cannot write: {exc.strerror or exc}")
        written.append(relative(target))
    sys.stdout.write("".join(f"created {name}\n" for name in written))
    sys.stdout.write(
        "next: `acmap gaps` on the example, `acmap new ID --name NAME` for your accounts, "
        "`pre-commit install` for the hooks\n"
    )


def register(app: typer.Typer) -> None:
    app.command()(init)
