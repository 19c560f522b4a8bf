"""What to look at first: accounts worst first, an account's gaps most important first, the few
next actions across a selection, and the orders `acmap list --sort` offers."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from acmap.analysis.health import STATUS_ORDER, AccountReport
from acmap.analysis.plan import SOON_DAYS, PlannedAction
from acmap.findings import SEVERITY_RANK, Finding
from acmap.model import TIERS

# Which gaps a rep should work on first when severities tie: people who left and still hold
# power, missing power, single threads and open deals before hygiene.
PRIORITY = (
    "G205",
    "G101",
    "G601",
    "G104",
    "G502",
    "G106",
    "G301",
    "G201",
    "G206",
    "G603",
    "G102",
    "G204",
    "G103",
    "G202",
    "G405",
    "G302",
    "G203",
    "G501",
    "G604",
    "G207",
    "G602",
    "G401",
    "G404",
    "G403",
    "G105",
    "G305",
    "G303",
    "G304",
    "G402",
)
_PRIORITY = {code: rank for rank, code in enumerate(PRIORITY)}
TIER_ORDER = {tier: rank for rank, tier in enumerate(TIERS)}  # strategic first
# What `acmap list --sort` accepts: the worrying end of each column comes first.
SORTS = ("status", "account", "tier", "owner", "score", "engaged", "gaps", "reviewed")


def worst_first(reports: list[AccountReport]) -> list[AccountReport]:
    """Accounts in the order a rep should look at them: red first, most errors, lowest score."""

    def badness(report: AccountReport) -> tuple[int, int, int, int, int, str]:
        counts = report.counts
        return (
            STATUS_ORDER.get(report.status, 1),
            -counts["error"],
            -counts["warning"],
            report.score.total,
            TIER_ORDER.get(report.tier, 4),
            report.id,
        )

    return sorted(reports, key=badness)


def by_importance(findings: list[Finding]) -> list[Finding]:
    """A single account's findings, most important first (severity, then PRIORITY, then place)."""
    return sorted(
        findings,
        key=lambda f: (
            -SEVERITY_RANK[f.severity],
            _PRIORITY.get(f.code, len(PRIORITY)),
            f.line,
            f.col,
        ),
    )


class NextAction(NamedTuple):
    """One line of `gaps`' next actions: a gap to work on, or an action of the plan due soon."""

    report: AccountReport
    text: str
    code: str | None  # the gap rule; None for an action of the plan


# How many planned actions due soon `gaps` lists after the gaps, and how soon is soon.
PLANNED_SHOWN = 3


def next_actions(
    reports: list[AccountReport], limit: int = 5, per_account: int = 2
) -> list[NextAction]:
    """The few findings that matter most across the selection, at most `per_account` each;
    then the open actions of the plan due within SOON_DAYS (not yet overdue: G206 says those).

    A gap about someone an open action is `with` already has its answer: its advice gives way
    to "planned: <action> (owner, due)"."""
    candidates = [(report, finding) for report in reports for finding in report.findings]
    candidates.sort(
        key=lambda pair: (
            -SEVERITY_RANK[pair[1].severity],
            _PRIORITY.get(pair[1].code, len(PRIORITY)),
            STATUS_ORDER.get(pair[0].status, 1),
            TIER_ORDER.get(pair[0].tier, 4),
            pair[0].id,
            pair[1].line,
        )
    )
    chosen: list[NextAction] = []
    taken: dict[str, int] = {}
    for report, finding in candidates:
        if len(chosen) == limit:
            break
        if taken.get(report.id, 0) >= per_account:
            continue
        taken[report.id] = taken.get(report.id, 0) + 1
        chosen.append(NextAction(report, _answered(report, finding), finding.code))
    soon = [
        (report, action)
        for report in reports
        for action in report.plan
        if action.days_left is not None and 0 <= action.days_left <= SOON_DAYS
    ]
    soon.sort(key=lambda pair: (pair[1].days_left, pair[0].id, pair[1].line))
    for report, action in soon[:PLANNED_SHOWN]:
        chosen.append(NextAction(report, f"planned: {planned_words(action)}", None))
    return chosen


def planned_words(action: PlannedAction) -> str:
    """ "Executive briefing with Mary Lee (Dana Ruiz, due 2026-12-10)"."""
    people = f" with {action.with_names}" if action.people else ""
    when = f"due {action.due.isoformat()}" if action.due else "no due date"
    who = f"{action.owner_name}, " if action.owner_name else ""
    return f"{action.what}{people} ({who}{when})"


def _answered(report: AccountReport, finding: Finding) -> str:
    """The finding's message, its advice replaced by the open action that answers it."""
    if finding.subject is None or finding.code == "G206" or not report.plan:
        return finding.message
    for action in sorted(report.plan, key=lambda a: (a.due is None, a.due or date.max)):
        if any(person == finding.subject for person, _ in action.people):
            found, _, _ = finding.message.partition(" — ")
            return f"{found} — planned: {planned_words(action)}"
    return finding.message


def sort_reports(reports: list[AccountReport], key: str) -> list[AccountReport]:
    """`acmap list --sort key`; worst first breaks every tie."""
    ordered = worst_first(reports)
    if key == "account":
        return sorted(ordered, key=lambda r: r.id)
    if key == "tier":
        return sorted(ordered, key=lambda r: TIER_ORDER.get(r.tier, 4))
    if key == "owner":
        return sorted(ordered, key=lambda r: (r.owner is None, (r.owner_name or "").lower()))
    if key == "score":
        return sorted(ordered, key=lambda r: r.score.total)
    if key == "engaged":
        return sorted(ordered, key=lambda r: r.engaged)
    if key == "gaps":
        return sorted(ordered, key=lambda r: tuple(-n for n in r.counts.values()))
    if key == "reviewed":
        return sorted(ordered, key=lambda r: -(r.review_age if r.review_age is not None else 10**9))
    return sorted(ordered, key=lambda r: STATUS_ORDER.get(r.status, 1))
