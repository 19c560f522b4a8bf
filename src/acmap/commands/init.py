"""`acmap init`: a new map repository with settings, an example map, CI and pre-commit."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from acmap.commands.options import TodayOption, fail, today_for

# What init writes, and from which template (None: the text of `acmap schema`, for editors).
FILES = (
    ("acmap.toml", "acmap.toml"),
    ("acmap.schema.json", None),
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
    """Start a map repository: acmap.toml, the JSON Schema for editors, maps/ with one example,
    a GitHub workflow and a pre-commit config. Never overwrites: when any of these exists,
    nothing is written.

    Exit 0 when created; 2 when a file is in the way.
    """
    from acmap.edit.atomic import Refused, WouldOverwrite, check_target
    from acmap.edit.templates import render, schema_reference
    from acmap.format.schema import json_schema
    from acmap.report.json import dump
    from acmap.settings import Settings

    if folder.exists() and not folder.is_dir():
        fail(f"{folder} is a file, not a folder")
    day = today_for(Settings(root=folder, maps=folder / "maps"), today)
    in_the_way = [name for name, _ in FILES if os.path.lexists(folder / name)]
    if (folder / "maps").is_dir() and any((folder / "maps").iterdir()):
        in_the_way.append("maps/ (not empty)")
    if in_the_way:
        fail(
            f"{', '.join(in_the_way)} already there in {relative(folder) or '.'}; "
            "acmap init never overwrites (run it in an empty folder)"
        )
    root = folder.resolve()
    values = {"today": day.isoformat(), "schema": schema_reference(folder / "maps", folder)}
    schema_text = dump(json_schema()) + "\n"  # exactly what `acmap schema` prints
    texts = [
        (folder / name, schema_text if template is None else render(template, **values))
        for name, template in FILES
    ]
    for target, _ in texts:  # a symlinked .github/workflows or maps/ out of the folder: refused
        try:
            check_target(target, root)
        except Refused as exc:
            fail(f"{relative(target)}: cannot write: {exc.strerror}")
    try:
        written = _write_all(texts, root)
    except WouldOverwrite as exc:
        fail(f"{relative(Path(str(exc)))} appeared while init was writing; nothing written")
    except _Failed as exc:
        fail(f"{relative(exc.target)}: cannot write: {exc.reason}; nothing written")
    sys.stdout.write("".join(f"created {relative(name)}\n" for name in written))
    sys.stdout.write(
        "next: `acmap gaps` on the example, `acmap new ID --name NAME` for your accounts, "
        "`pre-commit install` for the hooks; editors with yaml-language-server check maps "
        "against acmap.schema.json\n"
    )


class _Failed(Exception):
    def __init__(self, target: Path, reason: str) -> None:
        super().__init__(reason)
        self.target, self.reason = target, reason


def _write_all(texts: list[tuple[Path, str]], root: Path) -> list[Path]:
    """Write every file or none: when one write fails, the files and folders written before
    it are removed again (only those this run created), so init can simply run again."""
    from acmap.edit.atomic import WouldOverwrite, write_atomic

    created: list[tuple[Path, tuple[int, int]]] = []
    folders: list[Path] = []
    try:
        for target, text in texts:
            missing = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
            folders.extend(reversed(missing))
            try:
                write_atomic(target, text, overwrite=False, root=root)
            except WouldOverwrite:
                raise WouldOverwrite(str(target)) from None
            except OSError as exc:
                raise _Failed(target, exc.strerror or str(exc)) from None
            info = target.stat()
            created.append((target, (info.st_dev, info.st_ino)))
    except BaseException:
        for target, identity in reversed(created):
            with contextlib.suppress(OSError):
                info = target.stat()
                if (info.st_dev, info.st_ino) == identity:  # still the file we wrote
                    target.unlink()
        for made in reversed(folders):
            with contextlib.suppress(OSError):
                made.rmdir()  # only when empty
        raise
    return [target for target, _ in created]


def relative(path: Path, root: Path | None = None) -> str:
    """A path as users want it in reports: relative to the working directory when inside it."""
    base = root or Path.cwd()
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def register(app: typer.Typer) -> None:
    app.command()(init)
