"""`acmap gaps`: what is missing in each account map, and what to do next."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from acmap.commands.options import (
    PathsArgument,
    TodayOption,
    exit_if_unreadable,
    fail,
    pick_format,
    settings,
    today_for,
)
from acmap.commands.options import (
    check_choice as _check_choice,
)
from acmap.format.codes import UnknownRule, rules_help, select_rules

if TYPE_CHECKING:
    from acmap.analysis.health import AccountReport
    from acmap.findings import Finding
    from acmap.load.selection import Selection

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
        typer.Option("--tier", help="Only accounts of this tier (repeatable).", show_default=False),
    ] = None,
    severity: Annotated[
        str,
        typer.Option("--severity", help="Minimum severity shown: error, warning or info."),
    ] = "info",
    rule: Annotated[
        list[str] | None,
        typer.Option(
            "--rule",
            help="Only this rule: a code (G201), a name (gone-dark) or a family (G2). Repeatable.",
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on", help="Exit 1 on a shown gap at or above: error, warning, info, never."
        ),
    ] = "never",
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json, markdown or github (default: github in Actions).",
            show_default=False,
        ),
    ] = None,
    today: TodayOption = None,
) -> None:
    """Report the gaps in each account map, grouped by account, worst first.

    Exit 0 unless --fail-on finds a gap at or above its level (1); 2 on unusable input.
    """
    from functools import partial

    from acmap.analysis.health import assess
    from acmap.findings import SEVERITIES, at_least
    from acmap.load.selection import SelectionError, load_selection
    from acmap.model import TIERS

    config = settings()
    day = today_for(config, today)
    chosen = pick_format(output_format, FORMATS)
    _check_choice("--severity", severity, SEVERITIES)
    _check_choice("--fail-on", fail_on, FAIL_LEVELS)
    for wanted in tier or []:
        _check_choice("--tier", wanted, TIERS)
    only = rule_codes(rule) if rule else None
    analyse = partial(assess, gaps=config.gaps, today=day, only=only)
    try:
        selection = load_selection(paths or [], config, analyse=analyse, keep_maps=False)
    except SelectionError as exc:
        fail(str(exc))
    reports: list[AccountReport] = list(selection.results)
    if owner is not None:
        _check_owner(owner, reports)
    reports = select(reports, owner=owner, tiers=tier, floor=severity)
    kept = {r.id for r in reports}
    validation = [
        f
        for f in selection.findings
        if at_least(f.severity, severity)
        and (f.account is None or f.account in kept or f.severity == "error")
    ]
    shown = validation + [f for r in reports for f in r.findings]

    if chosen == "json":
        from acmap.report.json import write_findings_document

        write_findings_document(sys.stdout, shown, _summary(selection, reports, shown))
    elif chosen == "github":
        from acmap.report.github import workflow_commands

        sys.stdout.write(workflow_commands(shown))
        sys.stdout.write(_totals(selection, reports, shown) + "\n")
    elif chosen == "markdown":
        from acmap.report.markdown import gaps_markdown

        sys.stdout.write(gaps_markdown(reports, validation, _totals(selection, reports, shown)))
    else:
        _print_text(selection, reports, validation, _totals(selection, reports, shown))

    exit_if_unreadable(selection)
    if fail_on != "never" and any(at_least(f.severity, fail_on) for f in shown):
        raise typer.Exit(1)


def rule_codes(words: list[str]) -> frozenset[str]:
    """--rule values to rule codes: a code, a kebab name or a family prefix such as G2."""
    try:
        return select_rules(words)
    except UnknownRule as exc:
        fail(f"--rule {exc}; `acmap gaps --help` lists them")


def _check_owner(owner: str, reports: list[AccountReport]) -> None:
    team = {member for r in reports for member in r.team}
    if not reports or owner in team:
        return
    import difflib

    close = difflib.get_close_matches(owner, sorted(team), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    fail(f"--owner {owner!r}: no such team member in the selected maps{hint}")


def select(
    reports: list[AccountReport],
    *,
    owner: str | None = None,
    tiers: list[str] | None = None,
    floor: str = "info",
) -> list[AccountReport]:
    """Apply --owner, --tier and --severity: the accounts and findings a command shows.

    With --owner, an account the member owns keeps every finding; in other accounts only the
    findings about stakeholders the member covers remain, and accounts with none drop out.
    """
    from dataclasses import replace

    from acmap.findings import at_least

    chosen = []
    for report in reports:
        if tiers and report.tier not in tiers:
            continue
        findings = [f for f in report.findings if at_least(f.severity, floor)]
        if owner is not None and report.owner != owner:
            covered = {p for p, o in report.people_owners.items() if o == owner}
            if not covered:
                continue
            findings = [f for f in findings if f.subject in covered]
        chosen.append(replace(report, findings=findings))
    return chosen


def _summary(
    selection: Selection, reports: list[AccountReport], shown: list[Finding]
) -> dict[str, object]:
    from acmap.analysis.health import worst_first
    from acmap.findings import count_by_severity

    return {
        "files": selection.files,
        "valid": len(selection.maps) or len(selection.results),
        "accounts": [r.as_json() for r in worst_first(reports)],
        **count_by_severity(shown),
    }


def _totals(selection: Selection, reports: list[AccountReport], shown: list[Finding]) -> str:
    from acmap.findings import count_by_severity

    counts = count_by_severity(shown)
    statuses = {s: sum(1 for r in reports if r.status == s) for s in ("red", "amber", "green")}
    parts = [_plural(len(reports), "account")]
    status_text = ", ".join(f"{n} {s}" for s, n in statuses.items() if n)
    if status_text:
        parts[0] += f" ({status_text})"
    skipped = selection.files - len(selection.results)
    if skipped > 0:
        parts.append(f"{_plural(skipped, 'invalid file')} skipped")
    parts.append(
        f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, "
        f"{counts['info']} info"
    )
    return "; ".join(parts)


def _tally(counts: dict[str, int]) -> str:
    words = {"error": "error", "warning": "warning", "info": "info"}
    return ", ".join(
        f"{n} {words[s]}{'s' if n != 1 and s != 'info' else ''}" for s, n in counts.items() if n
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# --- text -----------------------------------------------------------------------------------

from acmap.report.terminal import SEVERITY_STYLE, STATUS_STYLE, Lines, Segment, width  # noqa: E402


def _print_text(
    selection: Selection,
    reports: list[AccountReport],
    validation: list[Finding],
    totals: str,
) -> None:
    from acmap.analysis.health import by_importance, next_actions, worst_first

    total = width()
    out = Lines()
    if validation:
        for f in validation:
            out.add(
                (f"{f.file}:{f.line}:{f.col}:", "bold"),
                " ",
                (f.code, SEVERITY_STYLE[f.severity]),
                (f" {f.name} ", "dim"),
                f.message,
            )
        out.add()
    ordered = worst_first(reports)
    actions = next_actions(ordered)
    if actions:
        out.add(("Next actions", "bold underline"))
        for number, (report, finding) in enumerate(actions, 1):
            lead = f"{number:>3}. "
            out.wrapped(
                [(lead, ""), (report.id, "bold"), (": ", "")],
                f"{finding.message} [{finding.code}]",
                len(lead),
                total,
                first=len(report.id) + 2,
            )
        out.add()
    for report in ordered:
        _account_block(out, report, total, by_importance(report.findings))
        out.write()
    out.add((totals, "bold"))
    out.write()


def _account_block(out: Lines, report: AccountReport, total: int, findings: list[Finding]) -> None:
    out.add(
        (report.id, "bold"),
        f" — {report.name}  ",
        (report.status.upper(), STATUS_STYLE.get(report.status, "")),
        f"  score {report.score.total}/100",
    )
    owner = report.owner_name or "no owner"
    counts = report.counts
    tally = _tally(counts) or "no gaps"
    out.add((f"  {report.tier} · {owner} · {report.file} · {tally}", "dim"))
    for f in findings:
        place = f"{f.line}:{f.col}"
        prefix: list[Segment] = [
            ("  ", ""),
            (f"{f.severity:<8}", SEVERITY_STYLE[f.severity]),
            (f"{f.code} ", "bold"),
            (f"{place:<8}", "dim"),
        ]
        out.wrapped(prefix, f"{f.message} [{f.name}]", 2 + 8 + 5 + 8, total)
    out.add()


def register(app: typer.Typer) -> None:
    app.command(epilog=RULES_HELP)(gaps)
