"""`acmap render`: an account's diagram through Graphviz (svg, png, pdf, or the DOT text)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from acmap.commands.options import (
    OpportunityOption,
    TodayOption,
    fail,
    refuse_map_errors,
    refuse_to_overwrite,
    settings,
    today_for,
)


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
            help="svg, png, pdf, dot or mermaid (default: from the -o suffix, else svg).",
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
    size: Annotated[str, typer.Option(metavar="SIZE", help="slide (16:9), a4, poster.")] = "slide",
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
    max_memory: Annotated[
        int,
        typer.Option(min=0, envvar="ACMAP_DOT_MAX_MEMORY", help="Graphviz's memory cap in MB."),
    ] = 2048,
    legend: Annotated[
        bool, typer.Option("--legend/--no-legend", help="Draw the legend on the diagram.")
    ] = True,
    force: Annotated[
        bool, typer.Option("--force", help="Replace files that -o would overwrite.")
    ] = False,
    diff: Annotated[
        str | None,
        typer.Option(
            metavar="BASE[..HEAD]",
            help="Mark what changed since git revision BASE (to HEAD; default the work tree).",
            show_default=False,
        ),
    ] = None,
    opportunity: OpportunityOption = None,
    today: TodayOption = None,
) -> None:
    """Draw an account map with Graphviz: who decides, who is with us, who influences whom.

    Without -o the diagram (SVG unless --format says otherwise) goes to stdout.
    Exit 0 on success, 1 when the map has errors, 2 on bad usage or when Graphviz fails.
    Graphviz runs under limits, as the map decides its work: --timeout (then it and all it started
    are killed), --max-memory (address space, MB of 2**20 bytes; 0: none), 64 kB of its messages.
    """
    from acmap.render import MAX_MEMORY_ENV
    from acmap.render import diagram as pipeline
    from acmap.report import reporter

    os.environ[MAX_MEMORY_ENV] = str(max_memory)  # run_dot's, also in --all's workers
    day = today_for(config := settings(), today)
    targets = list(target or [])
    if every and output is None:
        fail("--all writes one file per account: give a folder with -o DIR")
    if every and (focus is not None or diff is not None or opportunity is not None):
        fail("--focus, --diff and --opportunity are about one account: not with --all")
    if not every and len(targets) != 1:
        fail("render one account: give its id or map file (or use --all -o DIR)")
    try:
        pipeline.check_layout(view, size)
        fmt = pipeline.format_for(output_format, None if every else output)
        if not every and output is None and fmt in pipeline.BINARY and sys.stdout.isatty():
            fail(f"{fmt.upper()} is binary: write it to a file with -o FILE.{fmt}")
        if every and output is not None:
            if not force:
                refuse_to_overwrite(pipeline.planned(targets, config, output, fmt))
            batch = pipeline.render_all(
                targets, config, output, fmt, day, view, legend, timeout, force, size
            )
            reporter("diagrams", "text")(batch, output)
            raise typer.Exit(batch.exit_code)
        account = pipeline.load_one(targets, config)
        if output is not None and not force:
            refuse_to_overwrite([output])
        options = pipeline.options_for(account, config.gaps, day, view, focus, depth, legend, size)
        account, options = pipeline.for_deal(account, options, opportunity, diff)
        if diff is None:
            data = pipeline.diagram(account, options, fmt, timeout, warn=sys.stderr.write)
        else:  # GitHub's limits for a Mermaid diff are told on stderr too
            data = pipeline.diff_diagram(account, diff, config, options, fmt, timeout)
        if output is not None:
            pipeline.write(output, data, config)
            return reporter("diagrams", "text")(output)  # type: ignore[no-any-return]
    except pipeline.DiagramError as exc:
        fail(str(exc))
    except pipeline.MapErrors as exc:
        refuse_map_errors(exc.errors, "rendered")
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def register(app: typer.Typer) -> None:
    app.command()(render)
