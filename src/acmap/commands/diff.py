"""`acmap diff`: what a change to the maps means, between two git revisions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from acmap.commands.options import (
    TodayOption,
    check_choice,
    choices,
    fail,
    pick_format,
    settings,
    today_for,
)

FORMATS = ("text", "markdown", "json")
FAIL_LEVELS = ("error", "warning", "never")


def diff(
    args: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[BASE [HEAD]] [-- PATHS]",
            help="Revisions (BASE, BASE HEAD, BASE..HEAD or BASE...HEAD; default HEAD against "
            "the working tree), then -- and the paths to look at (default: the maps folder).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="text, markdown or json.",
            show_default=False,
            autocompletion=choices(*FORMATS),
        ),
    ] = None,
    fail_on_new: Annotated[
        str,
        typer.Option(
            "--fail-on-new",
            help="Exit 1 when the change opens a gap at or above this level (error, warning, "
            "never) in an account that had a map before, makes an account's status worse "
            "(green → amber → red; counts as a warning), or breaks a map file. A new "
            "account's gaps are listed but not counted: it is judged from its next change on.",
            autocompletion=choices("error", "warning", "never"),
        ),
    ] = "never",
    no_diagrams: Annotated[
        bool,
        typer.Option(
            "--no-diagrams",
            help="With --format markdown, leave out the Mermaid picture under each changed "
            "account (its changed people and their direct ties; GitHub draws it inline).",
        ),
    ] = False,
    today: TodayOption = None,
) -> None:
    """Say what changed in the account maps between two git revisions, in words: people, stances,
    roles, links, partners, status and score before → after, and the gaps opened and closed.

    Only the map files git reports as changed are read. Exit 0; 1 with --fail-on-new when the
    change opens a gap at that level in an existing account, makes a status worse (a warning) or
    breaks a file; 2 when git cannot answer (not a repository, unknown revision).
    """
    from acmap.analysis.changes import diff_revisions
    from acmap.git import GitError
    from acmap.report import reporter

    config = settings()
    day = today_for(config, today)
    chosen = pick_format(output_format, FORMATS)
    check_choice("--fail-on-new", fail_on_new, FAIL_LEVELS)
    revisions, paths = _split_args(args or [])
    if len(revisions) > 2:
        fail(f"at most two revisions (BASE HEAD), got {len(revisions)}: {' '.join(revisions)}")
    base = revisions[0] if revisions else None
    head = revisions[1] if len(revisions) > 1 else None
    try:
        result = diff_revisions(base, head, paths, config, day)
    except GitError as exc:
        fail(str(exc))
    if chosen == "markdown" and not no_diagrams:
        from acmap.render.neighbourhood import mermaid_block

        for account in result.accounts:
            account.picture = mermaid_block(account)
    reporter("diff", chosen)(result)
    if fail_on_new != "never" and result.opens(fail_on_new):
        raise typer.Exit(1)


def _split_args(args: list[str]) -> tuple[list[str], list[str]]:
    """Revisions before `--`, paths after it. Click swallows the `--` itself, so it is looked for
    in argv; without one, an argument that exists on disk and has no `..` is taken as a path."""
    argv = sys.argv[1:]
    if "--" in argv:
        after = len(argv) - argv.index("--") - 1
        cut = max(0, len(args) - after)
        return args[:cut], args[cut:]
    revisions = [a for a in args if ".." in a or not Path(a).exists()]
    paths = [a for a in args if a not in revisions]
    return revisions, paths


def register(app: typer.Typer) -> None:
    app.command()(diff)
