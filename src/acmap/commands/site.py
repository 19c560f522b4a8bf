"""`acmap site -o DIR`: the portfolio as a static website (index, accounts, owners, partners)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from acmap.commands.options import (
    AtOption,
    PathsArgument,
    TodayOption,
    fail,
    settings,
    today_for,
)


def site(
    paths: PathsArgument = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The site's folder (made when missing).", show_default=False
        ),
    ] = ...,  # type: ignore[assignment]
    force: Annotated[
        bool,
        typer.Option("--force", help="Build into a folder that is not an acmap site."),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0.001, help="Seconds to give Graphviz per diagram."),
    ] = 60.0,
    at: AtOption = None,
    today: TodayOption = None,
) -> None:
    """Write the portfolio as a static website that works from file:// with no network.

    Only pages whose maps (or acmap, the settings, today) changed are rewritten. With --at, the
    site as it was at that revision (its maps, acmap.toml, changes and history).
    Exit 0 on success, 1 when maps with errors were left out, 2 on bad usage.
    """
    from acmap.report.layout import visible
    from acmap.site.build import SiteError, build_site

    config = settings(at)
    day = today_for(config, today)
    try:
        result = build_site(list(paths or []), config, output, day, force=force, timeout=timeout)
    except SiteError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{exc.filename or output}: cannot write: {exc.strerror or exc}")
    if result.errors:
        from acmap.report.diagrams import error_lines

        sys.stderr.write(error_lines(result.errors))
        sys.stderr.write("acmap: maps with errors were left out of the site (see acmap validate)\n")
    for problem in result.unreadable:
        sys.stderr.write(f"acmap: {visible(problem)}\n")
    index = visible(str(output / "index.html"))
    print(
        f"{result.accounts} accounts; {result.written} files written, {result.kept} unchanged,"
        f" {result.removed} removed: {index}"
    )
    raise typer.Exit(result.exit_code)


def register(app: typer.Typer) -> None:
    app.command()(site)
