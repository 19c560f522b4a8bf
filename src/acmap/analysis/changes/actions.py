"""Map diff, the engagement plan: "New action 'Executive briefing' (Dana Ruiz, due 2026-12-10)",
"Action 'Executive briefing' done". An action has no id: it is known by what it says."""

from __future__ import annotations

from collections.abc import Iterator

from acmap.analysis.changes.base import ADDED, REMOVED, Change, name_of, show, team_name
from acmap.model import AccountMap, Action

SECTION = "actions"
_NEWS = {"done": "done", "dropped": "dropped", "open": "reopened"}


def _deal(side: AccountMap, opportunity_id: str | None) -> str:
    for opp in side.account.opportunities:
        if opp.id == opportunity_id:
            return opp.name
    return opportunity_id or "no deal"


def action_changes(old: AccountMap, new: AccountMap) -> Iterator[Change]:
    before: dict[str, Action] = {}
    for action in old.actions:
        before.setdefault(action.what.casefold(), action)
    seen: set[str] = set()
    for action in new.actions:
        key = action.what.casefold()
        if key in seen:
            continue
        seen.add(key)
        was = before.get(key)
        if was is None:
            yield Change(SECTION, action.what, f"New action {_summary(new, action)}", mark=ADDED)
        else:
            yield from _action_changes(old, new, was, action)
    for key, action in before.items():
        if key not in seen:
            words = f"Action removed: '{action.what}'"
            yield Change(SECTION, action.what, words, mark=REMOVED)


def _summary(side: AccountMap, action: Action) -> str:
    details = [team_name(side, action.owner)] if action.owner else []
    if action.people:
        details.append("with " + ", ".join(name_of(side, p) for p in action.people))
    if action.due:
        details.append(f"due {show(action.due)}")
    if action.status != "open":
        details.append(action.status)
    return f"'{action.what}'" + (f" ({', '.join(details)})" if details else "")


def _action_changes(old: AccountMap, new: AccountMap, was: Action, now: Action) -> Iterator[Change]:
    lead = f"Action '{now.what}'"

    def change(field: str, text: str, before: object, after: object) -> Change:
        return Change(SECTION, now.what, f"{lead} {text}", field, before, after)

    if was.status != now.status:
        yield change("status", _NEWS.get(now.status, now.status), was.status, now.status)
    if was.due != now.due:
        yield change("due", f"due {show(was.due)} → {show(now.due)}", was.due, now.due)
    if was.owner != now.owner:
        words = f"now owned by {team_name(new, now.owner)} (was {team_name(old, was.owner)})"
        yield change("owner", words, was.owner, now.owner)
    for person in now.people:
        if person not in was.people:
            yield change("with", f"now with {name_of(new, person)}", None, person)
    for person in was.people:
        if person not in now.people:
            yield change("with", f"no longer with {name_of(old, person)}", person, None)
    if was.opportunity != now.opportunity:
        words = f"now for {_deal(new, now.opportunity)} (was {_deal(old, was.opportunity)})"
        yield change("opportunity", words, was.opportunity, now.opportunity)
