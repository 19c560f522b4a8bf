"""`acmap history`: each account over time, from the maps' git history, and the portfolio's trend."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from acmap.commands.options import (
    TABLE_FORMATS,
    PathsArgument,
    TableFormatOption,
    TodayOption,
    check_choice,
    choices,
    fail,
    pick_format,
    refuse_to_overwrite,
    settings,
    today_for,
)

if TYPE_CHECKING:
    from acmap.analysis.history import HistoryResult

FORMATS = TABLE_FORMATS
PERIODS = ("commit", "week", "month")
PROGRESS_FROM = 200  # versions to evaluate before a progress bar is worth drawing


def history(
    paths: PathsArgument = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Only points after this date (YYYY-MM-DD) or revision.",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", help="Only points up to this date or revision.", show_default=False
        ),
    ] = None,
    by: Annotated[
        str,
        typer.Option(
            "--by",
            help="A point per commit, or the last commit of each week or month.",
            autocompletion=choices(*PERIODS),
        ),
    ] = "commit",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Also draw the portfolio's red/amber/green counts over time to FILE.svg or .png.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the -o file.")] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Evaluate every version again.")
    ] = False,
    output_format: TableFormatOption = None,
    today: TodayOption = None,
) -> None:
    """Show each account's status, score and gaps at every commit that changed its map, each
    gap's life (opened, closed, by whom, days open), regressions, and the portfolio's trend.

    Each version is judged as of its commit's date, with the work tree's acmap.toml. Exit 0;
    2 when git cannot answer (not a repository, unknown revision) or a target names no account.
    """
    from acmap.analysis.history import HistorySelectionError, account_history
    from acmap.git import GitError
    from acmap.report import reporter
    from acmap.report.history import progress_bar

    config = settings()
    day = today_for(config, today)
    chosen = pick_format(output_format, FORMATS)
    check_choice("--by", by, PERIODS)
    if output is not None:
        if output.suffix.lower() not in (".svg", ".png"):
            fail(f"-o {output}: the chart is drawn as .svg or .png")
        if not force:
            refuse_to_overwrite([output])
    try:
        with progress_bar(PROGRESS_FROM) as progress:
            result = account_history(
                paths or [],
                config,
                day,
                since=since,
                until=until,
                by=by,
                use_cache=not no_cache,
                progress=progress,
                messages=chosen == "json",  # only JSON shows them: text never reads them
            )
    except (GitError, HistorySelectionError) as exc:
        fail(str(exc))
    if output is not None:
        _chart(result, output)
    reporter("history", chosen)(result)


def _chart(result: HistoryResult, output: Path) -> None:
    from acmap.edit.atomic import write_atomic
    from acmap.render.chart import ChartError, draw_trend

    try:
        write_atomic(output, draw_trend(result.portfolio, output))
    except (ChartError, OSError) as exc:
        fail(f"cannot write the chart: {getattr(exc, 'strerror', None) or exc}")
    sys.stderr.write(f"acmap: wrote {output}\n")


def register(app: typer.Typer) -> None:
    app.command()(history)
