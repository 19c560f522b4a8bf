"""`acmap fmt`: one canonical layout for map files, keeping every comment and `x-` key."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from acmap.commands.options import PathsArgument, fail, settings
from acmap.words import plural


def fmt(
    paths: PathsArgument = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 when a file would be reformatted."),
    ] = False,
    show_diff: Annotated[
        bool,
        typer.Option("--diff", help="Write nothing; print a unified diff of what would change."),
    ] = False,
) -> None:
    """Format map files: indentation, key order of the format, quotes only where needed.

    Comments, blank lines and x- keys are kept; a file already formatted is not written.
    Exit 0; 1 with --check or --diff when a file would change; 2 when a file cannot be formatted.
    """
    from acmap.edit.fmt import format_file
    from acmap.load.selection import SelectionError, map_files, project_root

    config = settings()
    try:
        files, unreadable = map_files(paths or [], config)
    except SelectionError as exc:
        fail(str(exc))
    root = project_root(config)
    problems = list(unreadable)
    changed: list[str] = []
    unchanged = 0
    skipped = 0
    for path in files:
        outcome = format_file(path, root, write=not (check or show_diff))
        if outcome.problem is not None:
            problems.append(outcome.problem)
        elif outcome.skipped:
            skipped += 1
        elif not outcome.changed:
            unchanged += 1
        else:
            changed.append(outcome.file)
            if show_diff:
                sys.stdout.write(_unified(outcome.before, outcome.after, outcome.file))
            elif check:
                sys.stdout.write(f"would reformat {outcome.file}\n")
            else:
                sys.stdout.write(f"reformatted {outcome.file}\n")
    for problem in problems:
        sys.stderr.write(f"acmap: {problem}\n")
    dry = check or show_diff
    verb = "would be reformatted" if dry else "reformatted"
    summary = [f"{plural(len(changed), 'file')} {verb}"] if changed else []
    if unchanged:
        summary.append(f"{plural(unchanged, 'file')} already formatted")
    if skipped:
        summary.append(f"{plural(skipped, 'file')} skipped (not account maps)")
    if problems:
        summary.append(f"{plural(len(problems), 'file')} not formatted")
    stream = sys.stderr if show_diff else sys.stdout
    stream.write((", ".join(summary) or "no map files") + "\n")
    if problems:
        raise typer.Exit(2)
    if dry and changed:
        raise typer.Exit(1)


def _unified(before: str, after: str, name: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def register(app: typer.Typer) -> None:
    app.command()(fmt)
