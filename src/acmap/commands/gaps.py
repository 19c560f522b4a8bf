"""`acmap gaps`: what is missing in each account map, and what to do next."""

from __future__ import annotations

from typing import Annotated

import typer

from acmap.commands.options import (
    AtOption,
    PathsArgument,
    TodayOption,
    check_choice,
    choices,
    complete_level,
    complete_severity,
    complete_tier,
    exit_if_unreadable,
    fail,
    pick_format,
    rule_words,
    settings,
    today_for,
)
from acmap.format.codes import UnknownRule, rules_help, select_rules

FORMATS = ("text", "json", "markdown", "github")
# From the registry of codes, which is light: `--help` does not import the rules.
RULES_HELP = rules_help()
FAIL_LEVELS = ("error", "warning", "info", "never")


def gaps(
    paths: PathsArgument = None,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            help="Only accounts owned by this team member id, and stakeholders they cover.",
            show_default=False,
        ),
    ] = None,
    tier: Annotated[
        list[str] | None,
        typer.Option(
            "--tier",
            help="Only accounts of this tier (repeatable).",
            show_default=False,
            autocompletion=complete_tier,
        ),
    ] = None,
    severity: Annotated[
        str,
        typer.Option(
            "--severity",
            help="Minimum severity shown: error, warning or info.",
            autocompletion=complete_severity,
        ),
    ] = "info",
    rule: Annotated[
        list[str] | None,
        typer.Option(
            "--rule",
            help="Only this rule: a code (G201), a name (gone-dark) or a family (G2). Repeatable.",
            show_default=False,
            autocompletion=rule_words,
        ),
    ] = None,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on",
            help="Exit 1 on a shown gap at or above: error, warning, info, never.",
            autocompletion=complete_level,
        ),
    ] = "never",
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json, markdown or github (default: github in Actions).",
            show_default=False,
            autocompletion=choices(*FORMATS),
        ),
    ] = None,
    at: AtOption = None,
    today: TodayOption = None,
) -> None:
    """Report the gaps in each account map, grouped by account, worst first.

    Exit 0 unless --fail-on finds a gap at or above its level (1); 2 on unusable input.
    """
    from acmap.analysis.portfolio import find_gaps
    from acmap.findings import SEVERITIES, at_least
    from acmap.load.selection import SelectionError
    from acmap.model import TIERS
    from acmap.report import reporter

    config = settings(at)
    day = today_for(config, today)
    chosen = pick_format(output_format, FORMATS)
    check_choice("--severity", severity, SEVERITIES)
    check_choice("--fail-on", fail_on, FAIL_LEVELS)
    for wanted in tier or []:
        check_choice("--tier", wanted, TIERS)
    only = rule_codes(rule) if rule else None
    try:
        result = find_gaps(
            paths or [], config, day, owner=owner, tiers=tier, floor=severity, only=only
        )
    except SelectionError as exc:
        fail(str(exc))
    reporter("gaps", chosen)(result)
    exit_if_unreadable(result)
    if fail_on != "never" and any(at_least(f.severity, fail_on) for f in result.shown):
        raise typer.Exit(1)


def rule_codes(words: list[str]) -> frozenset[str]:
    """--rule values to rule codes: a code, a kebab name or a family prefix such as G2."""
    try:
        return select_rules(words)
    except UnknownRule as exc:
        fail(f"--rule {exc}; `acmap gaps --help` lists them")


def register(app: typer.Typer) -> None:
    app.command(epilog=RULES_HELP)(gaps)
