"""`acmap render`: an account's diagram through Graphviz (svg, png, pdf, or the DOT text)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from acmap.commands.options import TodayOption, fail, refuse_to_overwrite, settings, today_for

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    from acmap.findings import Finding
    from acmap.model import AccountMap
    from acmap.render import RenderOptions
    from acmap.settings import GapSettings, Settings

FORMATS = ("svg", "png", "pdf", "dot")
SUFFIXES = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}
BINARY = ("png", "pdf")


def render(
    target: Annotated[
        list[str] | None,
        typer.Argument(
            help="An account id or map file (with --all: files, folders or ids; default the "
            "maps folder).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here (the suffix picks the format); with --all, a folder.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="svg, png, pdf or dot (default: from the -o suffix, else svg).",
            show_default=False,
        ),
    ] = None,
    view: Annotated[
        str,
        typer.Option(
            "--view",
            help="full (units, reporting lines, links, partners), org (units and reporting "
            "lines) or influence (who sways whom).",
        ),
    ] = "full",
    focus: Annotated[
        str | None,
        typer.Option("--focus", help="Only this stakeholder's neighbourhood.", show_default=False),
    ] = None,
    depth: Annotated[
        int, typer.Option("--depth", min=0, help="Steps around --focus (reporting lines, links).")
    ] = 1,
    every: Annotated[
        bool, typer.Option("--all", help="Render every selected account into the -o folder.")
    ] = False,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0.001, help="Seconds to give Graphviz before stopping it."),
    ] = 60.0,
    legend: Annotated[
        bool, typer.Option("--legend/--no-legend", help="Draw the legend on the diagram.")
    ] = True,
    force: Annotated[
        bool, typer.Option("--force", help="Replace files that -o would overwrite.")
    ] = False,
    today: TodayOption = None,
) -> None:
    """Draw an account map with Graphviz: who decides, who is with us, who influences whom.

    Without -o the diagram (SVG unless --format says otherwise) goes to stdout.
    Exit 0 on success, 1 when the map has errors, 2 on bad usage or when Graphviz fails.
    """
    from acmap.render import VIEWS

    config = settings()
    day = today_for(config, today)
    if view not in VIEWS:
        fail(f"--view {view!r}: expected one of {', '.join(VIEWS)}")
    targets = list(target or [])
    if every:
        if output is None:
            fail("--all writes one file per account: give a folder with -o DIR")
        if focus is not None:
            fail("--focus names one person: it cannot be combined with --all")
        fmt = _format(output_format, None)
    else:
        if len(targets) != 1:
            fail("render one account: give its id or map file (or use --all -o DIR)")
        fmt = _format(output_format, output)
        if output is None and fmt in BINARY and sys.stdout.isatty():
            fail(f"{fmt.upper()} is binary: write it to a file with -o FILE.{fmt}")

    if every:
        assert output is not None
        from functools import partial

        draw = partial(
            _draw, gaps=config.gaps, day=day, view=view, legend=legend, fmt=fmt, timeout=timeout
        )
        _render_all(targets, config, output, fmt, force, draw)
        return
    account_map = _load_one_map(targets, config)
    if output is not None and not force:
        refuse_to_overwrite([output])
    options = _options(account_map, config.gaps, day, view, focus, depth, legend)
    data = _diagram(account_map, options, fmt, timeout)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        _write(output, data)


def _draw(
    account_map: AccountMap,
    *,
    gaps: GapSettings,
    day: date,
    view: str,
    legend: bool,
    fmt: str,
    timeout: float,
) -> tuple[str, bytes | str]:
    """--all, in the worker process that loaded the map: (account id, the diagram's bytes or
    Graphviz's error). Only the diagram travels back, so maps never pile up in memory and both
    cores run `dot`."""
    from acmap.render import RenderError, build_dot, run_dot

    options = _options(account_map, gaps, day, view, None, 1, legend)
    source = build_dot(account_map, options)
    if fmt == "dot":
        return account_map.account.id, source.encode("utf-8")
    try:
        return account_map.account.id, run_dot(source, fmt, timeout)
    except RenderError as exc:
        return account_map.account.id, str(exc)


def _render_all(
    targets: list[str],
    config: Settings,
    folder: Path,
    fmt: str,
    force: bool,
    draw: Callable[[AccountMap], tuple[str, bytes | str]],
) -> None:
    from acmap.edit.atomic import WouldOverwrite, write_atomic
    from acmap.load.selection import SelectionError, load_selection, map_files

    try:
        if not force:
            # Before any drawing, by file name (a map is named after its account; W001 says so
            # when not); the write below refuses anything this did not foresee.
            files, _ = map_files(targets, config)
            refuse_to_overwrite([folder / f"{path.stem}.{fmt}" for path in files])
        selection = load_selection(targets, config, analyse=draw, keep_maps=False)
    except SelectionError as exc:
        fail(str(exc))
    for problem in selection.unreadable:
        fail(problem)
    errors = [f for f in selection.findings if f.severity == "error"]
    if not selection.results:
        if not errors:
            fail("no map files selected")
        _print_errors(errors)
        sys.stderr.write("acmap: every map has errors (see `acmap validate`); nothing rendered\n")
        raise typer.Exit(1)
    broken: list[str] = []
    for account_id, data in selection.results:
        path = folder / f"{account_id}.{fmt}"
        if isinstance(data, str):
            broken.append(f"{account_id}: {data}")
            continue
        try:
            write_atomic(path, data, overwrite=force)
        except WouldOverwrite:
            broken.append(f"{path} exists; add --force to replace it")
        except OSError as exc:
            fail(f"{path}: cannot write: {exc.strerror or exc}")
    for problem in broken:
        sys.stderr.write(f"acmap: {problem}\n")
    if broken:
        raise typer.Exit(2)
    if errors:
        _print_errors(errors)
        sys.stderr.write("acmap: maps with errors were skipped (see `acmap validate`)\n")
        raise typer.Exit(1)


def _format(requested: str | None, output: Path | None) -> str:
    from_suffix = SUFFIXES.get(output.suffix.lower()) if output is not None else None
    if requested is not None:
        if requested not in FORMATS:
            fail(f"--format {requested!r}: expected one of {', '.join(FORMATS)}")
        if from_suffix is not None and from_suffix != requested:
            fail(f"--format {requested} does not match the file name {output}")
        return requested
    if output is not None and from_suffix is None:
        fail(
            f"cannot tell the format of {output}: use a .svg, .png, .pdf or .dot name, or --format"
        )
    return from_suffix or "svg"


def _print_errors(errors: list[Finding]) -> None:
    for finding in errors[:10]:
        sys.stderr.write(
            f"{finding.file}:{finding.line}:{finding.col}: {finding.code} {finding.message}\n"
        )


def _load_one_map(targets: list[str], config: Settings) -> AccountMap:
    from acmap.load.selection import SelectionError, load_selection

    try:
        selection = load_selection(targets, config)
    except SelectionError as exc:
        fail(str(exc))
    for problem in selection.unreadable:
        fail(problem)
    if selection.files > 1:
        fail(f"{targets[0]} holds {selection.files} map files: name one, or use --all -o DIR")
    errors = [f for f in selection.findings if f.severity == "error"]
    if errors:
        _print_errors(errors)
        sys.stderr.write("acmap: the map has errors (see `acmap validate`); nothing rendered\n")
        raise typer.Exit(1)
    if not selection.maps:
        fail("no map files selected")
    return selection.maps[0]


def _options(
    account_map: AccountMap,
    gaps: GapSettings,
    day: date,
    view: str,
    focus: str | None,
    depth: int,
    legend: bool,
) -> RenderOptions:
    from acmap.analysis.health import coverage_score, status
    from acmap.render import RenderOptions
    from acmap.rules.engine import context_for

    # The title's status and score: the same numbers `acmap list` and `acmap gaps` show.
    ctx = context_for(account_map, gaps, day)
    return RenderOptions(
        today=day,
        view=view,
        focus=focus,
        depth=depth,
        stale_days=ctx.thresholds.stale_days,
        status=status(account_map),
        score=coverage_score(account_map, ctx).total,
        legend=legend,
    )


def _diagram(account_map: AccountMap, options: RenderOptions, fmt: str, timeout: float) -> bytes:
    from acmap.render import FocusError, RenderError, build_dot, run_dot

    try:
        source = build_dot(account_map, options)
    except FocusError as exc:
        fail(f"--focus {exc.args[0]!r}: no such stakeholder in {account_map.account.id}")
    if fmt == "dot":
        return source.encode("utf-8")
    try:
        return run_dot(source, fmt, timeout)
    except RenderError as exc:
        fail(str(exc))


def _write(path: Path, data: bytes) -> None:
    """Atomic, so an interrupted render never leaves half a diagram behind."""
    from acmap.edit.atomic import write_atomic

    try:
        write_atomic(path, data)
    except OSError as exc:
        fail(f"{path}: cannot write: {exc.strerror or exc}")


def register(app: typer.Typer) -> None:
    app.command()(render)
