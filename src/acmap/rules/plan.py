"""G206–G207 the engagement plan: is each open action still ahead of us, and does someone plan to
meet each key person we have lost touch with?"""

from __future__ import annotations

from collections.abc import Iterator

from acmap.model import AccountMap
from acmap.rules.base import Context, Problem, names, plural, rule, who


def planned_with(account_map: AccountMap) -> frozenset[str]:
    """The stakeholder ids some open action is `with`."""
    return frozenset(p for a in account_map.actions if a.is_open for p in a.people)


@rule("G206")
def overdue_action(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    for action in account_map.actions:
        if not action.is_open or action.due is None or action.due >= ctx.today:
            continue
        late = plural(ctx.days_since(action.due), "day")
        owner = ctx.member(action.owner)
        people = [ctx.people[p] for p in action.people if p in ctx.people]
        with_whom = f" with {names(people)}" if people else ""
        by = f" ({owner})" if owner else ""
        yield Problem(
            action.where("due"),
            f"action {action.what!r}{with_whom}{by} was due {action.due.isoformat()}, {late} "
            "ago — do it and mark it done, move its due date, or drop it",
            subject=people[0].id if people else None,
        )


@rule("G207")
def no_plan(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    # Only a map that keeps a plan is asked for one: a map without `actions` keeps its gaps.
    if not account_map.actions:
        return
    planned = planned_with(account_map)
    for person in ctx.key:
        if ctx.is_engaged(person) or person.id in planned:
            continue
        yield Problem(
            person.pos,
            f"{who(person)} is not engaged ({ctx.contact(person).words()}) and no open action "
            "is with them — add one to actions: who on our team meets them, by when",
            subject=person.id,
        )
