"""Map diff, one deal's committee and MEDDPICC facts (SPEC §7), in the words a sales manager
uses: "TMS rollout: Mary Lee is now its economic buyer", "decision criterion '3-year TCO':
even → ahead", "paper step 'MSA redlines' done"."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from acmap.analysis.changes.base import ADDED, REMOVED, Change, name_of, show
from acmap.model import (
    AccountMap,
    CompellingEvent,
    Criterion,
    Evidence,
    Metric,
    Opportunity,
    Rival,
    Step,
)
from acmap.words import role_label

SECTION = "opportunities"
Item = TypeVar("Item")


def deal_changes(
    old: AccountMap, new: AccountMap, was: Opportunity, opp: Opportunity
) -> Iterator[Change]:
    yield from _committee(old, new, was, opp)
    yield from _event(opp, was.compelling_event, opp.compelling_event)
    yield from _paired(
        was.metrics, opp.metrics, lambda m: m.what.casefold(), _metric(old, new, opp)
    )
    yield from _paired(
        was.decision_criteria,
        opp.decision_criteria,
        lambda c: c.id or c.text.casefold(),
        _criterion(old, new, opp),
    )
    yield from _paired(
        was.decision_process,
        opp.decision_process,
        lambda s: s.step.casefold(),
        _step(old, new, opp, "decision_process", "decision step"),
    )
    yield from _paired(
        was.paper_process,
        opp.paper_process,
        lambda s: s.step.casefold(),
        _step(old, new, opp, "paper_process", "paper step"),
    )
    yield from _paired(was.competition, opp.competition, lambda r: r.name.casefold(), _rival(opp))
    yield from _paired(
        was.champion_evidence,
        opp.champion_evidence,
        lambda e: (e.date, e.what.casefold()),
        _evidence(opp),
    )


def _change(
    opp: Opportunity, field: str, text: str, before: object, after: object, mark: str = ""
) -> Change:
    return Change(SECTION, opp.id, f"{opp.name}: {text}", field, before, after, mark)


def _committee(
    old: AccountMap, new: AccountMap, was: Opportunity, opp: Opportunity
) -> Iterator[Change]:
    """Per person of either committee: each role gained or lost in this deal. A deal that had no
    committee of its own had nobody in it (the account-level roles are the people section's)."""
    before, after = was.roles or {}, opp.roles or {}
    for person, roles in after.items():
        had = before.get(person)
        who = name_of(new, person)
        if had is None and not roles:
            yield _change(opp, "roles", f"{who} joined its buying committee", None, person)
        for role in roles:
            if role not in (had or []):
                words = f"{who} is now its {role_label(role)}"
                yield _change(opp, f"roles.{person}", words, None, role)
        for role in had or []:
            if role not in roles:
                words = f"{who} is no longer its {role_label(role)}"
                yield _change(opp, f"roles.{person}", words, role, None)
    for person, roles in before.items():
        if person in after:
            continue
        who = name_of(old, person)
        if not roles:
            yield _change(opp, "roles", f"{who} left its buying committee", person, None)
        for role in roles:
            words = f"{who} is no longer its {role_label(role)}"
            yield _change(opp, f"roles.{person}", words, role, None)


def _when(event: CompellingEvent) -> str:
    return f"{event.what} on {show(event.date)}" if event.date else event.what


def _event(
    opp: Opportunity, was: CompellingEvent | None, now: CompellingEvent | None
) -> Iterator[Change]:
    field = "compelling_event"
    if was is None and now is not None:
        yield _change(opp, field, f"compelling event set: {_when(now)}", None, now.what, ADDED)
    elif was is not None and now is None:
        yield _change(
            opp, field, f"compelling event removed (was {_when(was)})", was.what, None, REMOVED
        )
    elif was is not None and now is not None:
        if was.date != now.date:
            words = f"compelling event moved: {show(was.date)} → {show(now.date)}"
            yield _change(opp, f"{field}.date", words, was.date, now.date)
        if was.what != now.what:
            words = f"compelling event now {now.what} (was {was.what})"
            yield _change(opp, f"{field}.what", words, was.what, now.what)


def _paired(
    before: Sequence[Item],
    after: Sequence[Item],
    key: Callable[[Item], object],
    words: Callable[[Item | None, Item | None], Iterator[Change]],
) -> Iterator[Change]:
    """Items matched by `key` (the first of a repeated key wins): added, changed, removed."""
    old: dict[object, Item] = {}
    for item in before:
        old.setdefault(key(item), item)
    seen: set[object] = set()
    for item in after:
        k = key(item)
        if k in seen:
            continue
        seen.add(k)
        yield from words(old.get(k), item)
    for k, item in old.items():
        if k not in seen:
            yield from words(item, None)


def _metric(
    old: AccountMap, new: AccountMap, opp: Opportunity
) -> Callable[[Metric | None, Metric | None], Iterator[Change]]:
    def words(was: Metric | None, now: Metric | None) -> Iterator[Change]:
        field = "metrics"
        if was is None and now is not None:
            unit = f" {now.unit}" if now.unit else ""
            numbers = (
                f" ({show(now.baseline)} → {show(now.target)}{unit})"
                if now.target is not None
                else ""
            )
            yield _change(opp, field, f"metric added: {now.what}{numbers}", None, now.what, ADDED)
        elif now is None and was is not None:
            yield _change(opp, field, f"metric removed: {was.what}", was.what, None, REMOVED)
        elif was is not None and now is not None:
            lead = f"metric '{now.what}'"
            for name in ("baseline", "target", "unit"):
                a, b = getattr(was, name), getattr(now, name)
                if a != b:
                    yield _change(
                        opp, f"{field}.{name}", f"{lead}: {name} {show(a)} → {show(b)}", a, b
                    )
            if was.confirmed_by != now.confirmed_by:
                if now.confirmed_by is None:
                    text = f"{lead}: no longer confirmed (was by {name_of(old, was.confirmed_by)})"
                else:
                    text = f"{lead}: confirmed by {name_of(new, now.confirmed_by)}"
                yield _change(
                    opp, f"{field}.confirmed_by", text, was.confirmed_by, now.confirmed_by
                )

    return words


def _criterion(
    old: AccountMap, new: AccountMap, opp: Opportunity
) -> Callable[[Criterion | None, Criterion | None], Iterator[Change]]:
    def words(was: Criterion | None, now: Criterion | None) -> Iterator[Change]:
        field = "decision_criteria"
        if was is None and now is not None:
            text = f"decision criterion added: '{now.text}' ({now.us})"
            yield _change(opp, field, text, None, now.text, ADDED)
        elif now is None and was is not None:
            text = f"decision criterion removed: '{was.text}'"
            yield _change(opp, field, text, was.text, None, REMOVED)
        elif was is not None and now is not None:
            lead = f"decision criterion '{now.text}'"
            if was.text != now.text:
                text = f"decision criterion '{was.text}' now reads '{now.text}'"
                yield _change(opp, f"{field}.text", text, was.text, now.text)
            if was.us != now.us:
                yield _change(opp, f"{field}.us", f"{lead}: {was.us} → {now.us}", was.us, now.us)
            if was.owner != now.owner:
                text = f"{lead}: owner {name_of(old, was.owner)} → {name_of(new, now.owner)}"
                yield _change(opp, f"{field}.owner", text, was.owner, now.owner)

    return words


_STEP_NEWS = {"done": "done", "slipped": "slipped", "planned": "planned again"}


def _step(
    old: AccountMap, new: AccountMap, opp: Opportunity, field: str, kind: str
) -> Callable[[Step | None, Step | None], Iterator[Change]]:
    def words(was: Step | None, now: Step | None) -> Iterator[Change]:
        if was is None and now is not None:
            due = f", due {show(now.due)}" if now.due else ""
            text = f"{kind} added: '{now.step}' ({now.status}{due})"
            yield _change(opp, field, text, None, now.step, ADDED)
        elif now is None and was is not None:
            yield _change(opp, field, f"{kind} removed: '{was.step}'", was.step, None, REMOVED)
        elif was is not None and now is not None:
            lead = f"{kind} '{now.step}'"
            if was.status != now.status:
                text = f"{lead} {_STEP_NEWS.get(now.status, now.status)}"
                yield _change(opp, f"{field}.status", text, was.status, now.status)
            if was.due != now.due:
                text = f"{lead}: due {show(was.due)} → {show(now.due)}"
                yield _change(opp, f"{field}.due", text, was.due, now.due)
            if was.owner != now.owner:
                text = f"{lead}: owner {name_of(old, was.owner)} → {name_of(new, now.owner)}"
                yield _change(opp, f"{field}.owner", text, was.owner, now.owner)

    return words


def _rival(opp: Opportunity) -> Callable[[Rival | None, Rival | None], Iterator[Change]]:
    def words(was: Rival | None, now: Rival | None) -> Iterator[Change]:
        field = "competition"
        if was is None and now is not None:
            status = f" ({now.status})" if now.status else ""
            yield _change(
                opp, field, f"competitor added: {now.name}{status}", None, now.name, ADDED
            )
        elif now is None and was is not None:
            yield _change(opp, field, f"competitor removed: {was.name}", was.name, None, REMOVED)
        elif was is not None and now is not None and was.status != now.status:
            text = f"competitor {now.name}: {show(was.status)} → {show(now.status)}"
            yield _change(opp, f"{field}.status", text, was.status, now.status)

    return words


def _evidence(opp: Opportunity) -> Callable[[Evidence | None, Evidence | None], Iterator[Change]]:
    def words(was: Evidence | None, now: Evidence | None) -> Iterator[Change]:
        field = "champion_evidence"
        if was is None and now is not None:
            when = f" ({show(now.date)})" if now.date else ""
            text = f"champion evidence added: {now.what}{when}"
            yield _change(opp, field, text, None, now.what, ADDED)
        elif now is None and was is not None:
            text = f"champion evidence removed: {was.what}"
            yield _change(opp, field, text, was.what, None, REMOVED)

    return words
