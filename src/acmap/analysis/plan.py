"""The engagement plan across the portfolio (`acmap actions`), and the few planned actions that
`acmap gaps` puts among its next actions.

`planned` runs on one map (in a worker process when the portfolio is large) and returns small
records; `plan` is the pipeline of `acmap actions`: filters, then overdue first.

An action's `uid` is what a calendar keeps to recognise the event when the file is imported
again: a hash of the account id and the action's identity (what, owner, with whom, for which
deal), not its place in the list, so reordering the plan or moving a due date updates the event
instead of adding one. Two actions identical in all of that are told apart by their order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from acmap.findings import Finding
from acmap.model import AccountMap
from acmap.settings import Settings

# How far ahead an open action counts as "due soon" for `acmap gaps`' next actions.
SOON_DAYS = 14


@dataclass(frozen=True, slots=True)
class PlannedAction:
    """One action of one map, as the plan shows it."""

    account: str
    account_name: str
    file: str
    line: int
    col: int
    what: str
    owner: str | None  # a team member id
    owner_name: str | None
    people: tuple[tuple[str, str], ...]  # (stakeholder id, how people read them)
    due: date | None
    status: str
    opportunity: str | None
    opportunity_name: str | None
    uid: str
    overdue: bool = False
    days_late: int | None = None  # for an overdue action
    days_left: int | None = None  # days from today to `due` (negative when overdue)

    @property
    def with_names(self) -> str:
        return ", ".join(name for _, name in self.people)

    def as_json(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "what": self.what,
            "owner": self.owner,
            "with": [person for person, _ in self.people],
            "due": self.due.isoformat() if self.due else None,
            "status": self.status,
            "opportunity": self.opportunity,
            "overdue": self.overdue,
            "uid": self.uid,
        }


def action_uid(account: str, what: str, owner: str | None, people: Iterable[str],
               opportunity: str | None, occurrence: int) -> str:  # fmt: skip
    identity = "\x1f".join(
        [account, what, owner or "", ",".join(sorted(people)), opportunity or "", str(occurrence)]
    )
    return f"{hashlib.sha256(identity.encode('utf-8')).hexdigest()[:32]}@acmap"


def planned(account_map: AccountMap, today: date) -> list[PlannedAction]:
    """Every action of one map, in map order."""
    if not account_map.actions:
        return []
    account = account_map.account
    team = {m.id: m.name for m in account.team}
    people = account_map.people_by_id()
    deals = {d.id: d.name for d in account.opportunities}
    seen: dict[str, int] = {}
    found = []
    for action in account_map.actions:
        identity = "\x1f".join([action.what, action.owner or "", *sorted(action.people)])
        identity += f"\x1f{action.opportunity or ''}"
        occurrence = seen.get(identity, 0)
        seen[identity] = occurrence + 1
        overdue = action.is_open and action.due is not None and action.due < today
        found.append(
            PlannedAction(
                account=account.id,
                account_name=account.name,
                file=account_map.path.as_posix(),
                line=action.pos.line,
                col=action.pos.col,
                what=action.what,
                owner=action.owner,
                owner_name=team.get(action.owner, action.owner) if action.owner else None,
                people=tuple((p, people[p].display if p in people else p) for p in action.people),
                due=action.due,
                status=action.status,
                opportunity=action.opportunity,
                opportunity_name=deals.get(action.opportunity or ""),
                uid=action_uid(
                    account.id,
                    action.what,
                    action.owner,
                    action.people,
                    action.opportunity,
                    occurrence,
                ),
                overdue=overdue,
                days_late=(today - action.due).days if overdue and action.due else None,
                days_left=(action.due - today).days if action.due else None,
            )
        )
    return found


def plan_order(action: PlannedAction) -> tuple[Any, ...]:
    """Overdue first (the longest overdue first), then by due date (none last), then by place."""
    return (
        not action.overdue,
        action.due is None,
        action.due or date.max,
        action.account,
        action.line,
        action.col,
    )


def due_soon(actions: Iterable[PlannedAction], today: date, days: int = SOON_DAYS) -> list[
    PlannedAction
]:  # fmt: skip
    """Open actions overdue or due within `days`, in plan order: what `gaps` lists as next."""
    return sorted(
        (
            a
            for a in actions
            if a.status == "open" and a.due is not None and (a.due - today).days <= days
        ),
        key=plan_order,
    )


ACTION_FILTERS = ("open", "done", "dropped", "all")


class PlanResult(NamedTuple):
    """`acmap actions`: the chosen actions of the selection, overdue first."""

    actions: list[PlannedAction]
    today: date
    findings: list[Finding]  # of the selected files: those with errors were left out
    unreadable: list[str]


def plan(
    targets: Iterable[str],
    config: Settings,
    today: date,
    *,
    owner: str | None = None,
    due_before: date | None = None,
    status: str = "open",
) -> PlanResult:
    """The pipeline of `acmap actions`. An --owner nobody on a selected team has is a
    SelectionError (with a did-you-mean), like `gaps --owner`."""
    from functools import partial

    from acmap.load.selection import SelectionError, load_selection

    analyse = partial(_planned_with_team, today=today)
    selection = load_selection(targets, config, analyse=analyse, keep_maps=False)
    actions: list[PlannedAction] = []
    team: set[str] = set()
    for found, members in selection.results:
        actions.extend(found)
        team.update(members)
    if owner is not None and selection.results and owner not in team:
        from acmap.words import did_you_mean

        hint = did_you_mean(owner, sorted(team))
        raise SelectionError(f"--owner {owner!r}: no such team member in the selected maps{hint}")
    chosen = choose(actions, owner=owner, due_before=due_before, status=status)
    return PlanResult(chosen, today, selection.findings, selection.unreadable)


def choose(
    actions: Iterable[PlannedAction],
    *,
    owner: str | None = None,
    due_before: date | None = None,
    status: str = "open",
) -> list[PlannedAction]:
    """--owner, --due-before (an undated action is due before no date) and --status, in plan
    order."""
    return sorted(
        (
            a
            for a in actions
            if (status == "all" or a.status == status)
            and (owner is None or a.owner == owner)
            and (due_before is None or (a.due is not None and a.due < due_before))
        ),
        key=plan_order,
    )


def _planned_with_team(
    account_map: AccountMap, today: date
) -> tuple[list[PlannedAction], list[str]]:
    return planned(account_map, today), [m.id for m in account_map.account.team]
