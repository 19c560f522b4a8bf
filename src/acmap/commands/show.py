"""`acmap show ID`: one account in the terminal, people in an org tree by unit."""

from __future__ import annotations

import sys

import typer

from acmap.commands.options import AccountArgument, AtOption, TodayOption, settings, today_for


def show(
    account: AccountArgument,
    at: AtOption = None,
    today: TodayOption = None,
) -> None:
    """One account: org tree by unit, roles, stance, links, partners, goals, deals and gaps."""
    from acmap.analysis.account import account_view
    from acmap.commands.options import load_account_file
    from acmap.report import reporter
    from acmap.report.terminal import console, visible

    config = settings(at)
    day = today_for(config, today)
    loaded = load_account_file(account, config)
    out = console()
    if loaded.map is None:
        from rich.text import Text

        from acmap.report.findings import print_findings

        print_findings(out, loaded.findings)
        out.print(
            Text(f"{visible(loaded.file)}: not shown, the map has errors (see above)", "bold red")
        )
        raise typer.Exit(1)
    view = account_view(loaded.map, config.gaps, day)
    reporter("account", "text")(view, out)
    sys.stdout.flush()


def register(app: typer.Typer) -> None:
    app.command()(show)
