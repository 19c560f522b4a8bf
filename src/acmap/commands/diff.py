"""`acmap diff`: what a change to the maps means, between two git revisions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from acmap.commands.options import TodayOption, fail, pick_format, settings, today_for

if TYPE_CHECKING:
    from acmap.analysis.changes import AccountDiff
    from acmap.git import FileChange, Range
    from acmap.settings import Settings

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
        typer.Option("--format", "-f", help="text, markdown or json.", show_default=False),
    ] = None,
    fail_on_new: Annotated[
        str,
        typer.Option(
            "--fail-on-new",
            help="Exit 1 when the change opens a gap (or breaks a file) at or above: "
            "error, warning, never.",
        ),
    ] = "never",
    today: TodayOption = None,
) -> None:
    """Say what changed in the account maps between two git revisions, in words: people, stances,
    roles, links, partners, status and score before → after, and the gaps opened and closed.

    Only the map files git reports as changed are read. Exit 0; 1 with --fail-on-new when the
    change opens a gap at that level; 2 when git cannot answer (not a repository, unknown revision).
    """
    from acmap.git import GitError, changed_maps, resolve, toplevel

    config = settings()
    day = today_for(config, today)
    chosen = pick_format(output_format, FORMATS)
    if fail_on_new not in FAIL_LEVELS:
        fail(f"--fail-on-new {fail_on_new!r}: expected one of {', '.join(FAIL_LEVELS)}")
    revisions, paths = _split_args(args or [])
    if len(revisions) > 2:
        fail(f"at most two revisions (BASE HEAD), got {len(revisions)}: {' '.join(revisions)}")
    cwd = Path.cwd()
    try:
        top = toplevel(cwd)
        span = resolve(
            revisions[0] if revisions else None, revisions[1] if len(revisions) > 1 else None, cwd
        )
        specs = paths or [_default_spec(config, cwd)]
        files = changed_maps(span, specs, cwd)
        accounts = _diff_files(span, files, top, config, day)
    except GitError as exc:
        fail(str(exc))

    if chosen == "json":
        from acmap.report.diff import json_report

        sys.stdout.write(json_report(span.label, span.base, span.head, accounts) + "\n")
    elif chosen == "markdown":
        from acmap.report.diff import markdown_report

        sys.stdout.write(markdown_report(span.label, accounts))
    else:
        from acmap.report.diff import text_report

        sys.stdout.write(text_report(span.label, accounts))
    if fail_on_new != "never" and _fails(accounts, fail_on_new):
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


def _default_spec(config: Settings, cwd: Path) -> str:
    try:
        return config.maps.resolve().relative_to(cwd.resolve()).as_posix() or "."
    except ValueError:
        return str(config.maps)


def _diff_files(
    span: Range, files: list[FileChange], top: Path, config: Settings, day: object
) -> list[AccountDiff]:
    from datetime import date

    from acmap.analysis.changes import diff_account
    from acmap.git import read_blobs
    from acmap.load.worktree import load_blobs, load_worktree

    assert isinstance(day, date)
    olds = [f.old for f in files if f.old is not None]
    news = [f.new for f in files if f.new is not None]
    before = load_blobs(read_blobs(span.base, olds, top))
    after = load_blobs(read_blobs(span.head, news, top)) if span.head else load_worktree(news, top)
    accounts = []
    for change in files:
        old = before.get(change.old) if change.old else None
        new = after.get(change.new) if change.new else None
        kind = {"modified": "changed", "deleted": "removed"}.get(change.status, change.status)
        accounts.append(
            diff_account(
                kind,
                change.old,
                change.new,
                old.map if old else None,
                new.map if new else None,
                config.gaps,
                day,
                invalid_before=old.findings if old and not old.ok else None,
                invalid_after=new.findings if new and not new.ok else None,
            )
        )
    return accounts


def _fails(accounts: list[AccountDiff], level: str) -> bool:
    from acmap.findings import at_least

    for account in accounts:
        if account.invalid_after and not account.invalid_before:
            return True
        if any(at_least(g.finding.severity, level) for g in account.opened):
            return True
    return False


def register(app: typer.Typer) -> None:
    app.command()(diff)
