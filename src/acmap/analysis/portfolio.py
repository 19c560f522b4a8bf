"""The portfolio pipelines: the selected maps in, one typed result out, for `validate`, `gaps`
and `list` to hand to their reporters.

A pipeline decides (what is shown, in which order); the reporters only format. A selection that
cannot be made (an unknown --owner) raises SelectionError, like a missing path does. The results
are named tuples, like Finding: a dataclass costs a millisecond of start-up each.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from acmap.findings import Finding, at_least, count_by_severity

if TYPE_CHECKING:  # validate needs neither health nor the rules: kept out of its start-up
    from acmap.analysis.health import AccountReport
    from acmap.analysis.people import PeopleFacts
    from acmap.analysis.priority import NextAction
    from acmap.model import AccountMap
    from acmap.settings import GapSettings, Settings

STATUSES = ("red", "amber", "green")


class FindingsResult(NamedTuple):
    """`acmap validate`: every finding of the selected files."""

    files: int
    valid: int
    findings: list[Finding]
    unreadable: list[str]

    @property
    def counts(self) -> dict[str, int]:
        return count_by_severity(self.findings)


class GapsResult(NamedTuple):
    """`acmap gaps`: the selected accounts, worst first, each with its gaps most important
    first; the validation findings shown beside them; the next actions across them."""

    files: int
    valid: int
    skipped: int  # files that did not make an account (invalid, or a duplicate id)
    reports: list[AccountReport]
    validation: list[Finding]
    actions: list[NextAction]  # acmap.analysis.priority
    unreadable: list[str]

    @property
    def shown(self) -> list[Finding]:
        """Every finding the report shows: validation first, then each account's gaps."""
        return self.validation + [f for r in self.reports for f in r.findings]

    @property
    def counts(self) -> dict[str, int]:
        return count_by_severity(self.shown)

    @property
    def statuses(self) -> dict[str, int]:
        return status_counts(self.reports)


class PortfolioResult(NamedTuple):
    """`acmap list`: one row per selected account, in the order asked for, and the files with
    errors that were left out."""

    files: int
    reports: list[AccountReport]
    invalid: list[Finding]
    unreadable: list[str]

    @property
    def statuses(self) -> dict[str, int]:
        return status_counts(self.reports)

    @property
    def skipped(self) -> int:
        return len({f.file for f in self.invalid})


def status_counts(reports: list[AccountReport]) -> dict[str, int]:
    return {s: sum(1 for r in reports if r.status == s) for s in STATUSES}


def check_files(
    targets: Iterable[str], config: Settings, *, use_cache: bool = True
) -> FindingsResult:
    """Load and check every selected file: format, fields, references, duplicates."""
    from acmap.load.selection import load_selection

    selection = load_selection(targets, config, keep_maps=False, use_cache=use_cache)
    return FindingsResult(
        files=selection.files,
        valid=len(selection.maps),
        findings=selection.findings,
        unreadable=selection.unreadable,
    )


def find_gaps(
    targets: Iterable[str],
    config: Settings,
    today: date,
    *,
    owner: str | None = None,
    tiers: list[str] | None = None,
    floor: str = "info",
    only: Collection[str] | None = None,
) -> GapsResult:
    """Run the rules on every selected map and keep what --owner, --tier and --severity ask
    for. An invalid file's errors are kept whatever the filters: its account was skipped."""
    from functools import partial

    from acmap.analysis.health import assess
    from acmap.analysis.priority import by_importance, next_actions, worst_first
    from acmap.load.selection import load_selection

    cross = only is None or "G503" in only
    analyse = partial(
        assess_with_people if cross else assess, gaps=config.gaps, today=today, only=only
    )
    selection = load_selection(targets, config, analyse=analyse, keep_maps=False)
    reports = (
        with_portfolio_findings(selection.results, config) if cross else list(selection.results)
    )
    if owner is not None:
        check_team_member(owner, reports)
    chosen = worst_first(select(reports, owner=owner, tiers=tiers, floor=floor))
    actions = next_actions(chosen)  # before the reordering below: it breaks ties by rule order
    chosen = [replace(r, findings=by_importance(r.findings)) for r in chosen]
    kept = {r.id for r in chosen}
    validation = [
        f
        for f in selection.findings
        if at_least(f.severity, floor)
        and (f.account is None or f.account in kept or f.severity == "error")
    ]
    return GapsResult(
        files=selection.files,
        valid=len(selection.maps) or len(selection.results),
        skipped=selection.files - len(selection.results),
        reports=chosen,
        validation=validation,
        actions=actions,
        unreadable=selection.unreadable,
    )


def portfolio_rows(
    targets: Iterable[str],
    config: Settings,
    today: date,
    *,
    owner: str | None = None,
    tiers: list[str] | None = None,
    sort: str = "status",
) -> PortfolioResult:
    """One report per selected account, only those `owner` owns and of `tiers`, sorted."""
    from functools import partial

    from acmap.analysis.priority import sort_reports
    from acmap.load.selection import load_selection

    analyse = partial(assess_with_people, gaps=config.gaps, today=today)
    selection = load_selection(targets, config, analyse=analyse, keep_maps=False)
    reports = with_portfolio_findings(selection.results, config)
    if owner is not None:
        check_account_owner(owner, reports)
        reports = [r for r in reports if r.owner == owner]
    if tiers:
        reports = [r for r in reports if r.tier in tiers]
    return PortfolioResult(
        files=selection.files,
        reports=sort_reports(reports, sort),
        invalid=[f for f in selection.findings if f.severity == "error"],
        unreadable=selection.unreadable,
    )


class Assessed(NamedTuple):
    """One map's report and what the cross-map rules need of it (from a worker process)."""

    report: AccountReport
    facts: PeopleFacts
    ignored: frozenset[str]


def assess_with_people(
    account_map: AccountMap,
    gaps: GapSettings,
    today: date,
    *,
    only: Collection[str] | None = None,
) -> Assessed:
    """`assess`, and the map's people and x-acmap-ignore for the portfolio step (G503)."""
    from acmap.analysis.health import assess
    from acmap.analysis.people import people_facts
    from acmap.rules.engine import ignored_codes

    return Assessed(
        assess(account_map, gaps, today, only=only),
        people_facts(account_map),
        frozenset(ignored_codes(account_map)),
    )


def with_portfolio_findings(assessed: list[Assessed], config: Settings) -> list[AccountReport]:
    """Each account's report with the findings only the whole selection shows (G503 champion-
    moved), under the same settings and x-acmap-ignore as its other gaps."""
    from acmap.analysis.people import join_persons
    from acmap.rules.engine import portfolio_findings
    from acmap.rules.moves import champion_moved

    places = {a.facts.place.account: a.facts.place for a in assessed}
    persons = join_persons([s for a in assessed for s in a.facts.sightings])
    ignored = {a.facts.place.account: a.ignored for a in assessed}
    extra = portfolio_findings(
        "G503", champion_moved(persons, places), places, config.gaps, ignored
    )
    reports = []
    for item in assessed:
        report = item.report
        more = extra.get(report.id)
        if more:
            report = replace(report, findings=sorted(report.findings + more, key=Finding.sort_key))
        reports.append(report)
    return reports


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
    chosen = []
    for report in reports:
        if tiers and report.tier not in tiers:
            continue
        findings = [f for f in report.findings if at_least(f.severity, floor)]
        plan = report.plan
        if owner is not None:
            plan = [a for a in plan if a.owner == owner]  # next actions: only the member's own
        if owner is not None and report.owner != owner:
            covered = {p for p, o in report.people_owners.items() if o == owner}
            if not covered:
                continue
            findings = [f for f in findings if f.subject in covered]
        chosen.append(replace(report, findings=findings, plan=plan))
    return chosen


def check_team_member(owner: str, reports: list[AccountReport]) -> None:
    """--owner of `gaps`: someone on the team of a selected account (any, when none is)."""
    team = {member for r in reports for member in r.team}
    if not reports or owner in team:
        return
    from acmap.load.selection import SelectionError
    from acmap.words import did_you_mean

    hint = did_you_mean(owner, sorted(team))
    raise SelectionError(f"--owner {owner!r}: no such team member in the selected maps{hint}")


def check_account_owner(owner: str, reports: list[AccountReport]) -> None:
    """--owner of `list`: the owner of a selected account, or at least on a team."""
    owners = {r.owner for r in reports if r.owner}
    if owner in owners or owner in {m for r in reports for m in r.team}:
        return
    from acmap.load.selection import SelectionError
    from acmap.words import did_you_mean

    hint = did_you_mean(owner, sorted(owners))
    raise SelectionError(f"--owner {owner!r}: no account in the selection has this owner{hint}")
