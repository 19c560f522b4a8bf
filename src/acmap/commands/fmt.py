"""`acmap fmt`: one canonical layout for map files, keeping every comment and `x-` key."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from acmap.commands.options import PathsArgument, fail, settings


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
    from pathlib import Path

    from acmap.edit.atomic import write_atomic
    from acmap.edit.fmt import FormatError, NotAMap, format_text
    from acmap.load.selection import SelectionError, map_files

    config = settings()
    try:
        files, unreadable = map_files(paths or [], config)
    except SelectionError as exc:
        fail(str(exc))
    problems = list(unreadable)
    changed: list[str] = []
    unchanged = 0
    skipped = 0
    for path in files:
        shown = _display(path)
        try:
            raw = path.read_bytes()
            text = raw.decode("utf-8-sig")
        except OSError as exc:
            problems.append(f"{shown}: cannot read: {exc.strerror or exc}")
            continue
        except UnicodeDecodeError:
            problems.append(f"{shown}: not UTF-8 text; not formatted")
            continue
        try:
            formatted = format_text(text, shown)
        except FormatError as exc:
            problems.append(f"{exc}; not formatted")
            continue
        except NotAMap:
            skipped += 1
            continue
        if formatted == text:
            unchanged += 1
            continue
        changed.append(shown)
        if show_diff:
            sys.stdout.write(_unified(text, formatted, shown))
        elif check:
            sys.stdout.write(f"would reformat {shown}\n")
        else:
            try:
                write_atomic(Path(path), formatted)
            except OSError as exc:
                problems.append(f"{shown}: cannot write: {exc.strerror or exc}")
                changed.pop()
                continue
            sys.stdout.write(f"reformatted {shown}\n")
    for problem in problems:
        sys.stderr.write(f"acmap: {problem}\n")
    dry = check or show_diff
    verb = "would be reformatted" if dry else "reformatted"
    summary = [f"{_plural(len(changed), 'file')} {verb}"] if changed else []
    if unchanged:
        summary.append(f"{_plural(unchanged, 'file')} already formatted")
    if skipped:
        summary.append(f"{_plural(skipped, 'file')} skipped (not account maps)")
    if problems:
        summary.append(f"{_plural(len(problems), 'file')} not formatted")
    stream = sys.stderr if show_diff else sys.stdout
    stream.write((", ".join(summary) or "no map files") + "\n")
    if problems:
        raise typer.Exit(2)
    if dry and changed:
        raise typer.Exit(1)


def _display(path: object) -> str:
    from pathlib import Path

    from acmap.commands.options import relative

    return relative(Path(str(path)))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


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
