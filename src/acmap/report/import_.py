"""`acmap import`'s report: what the merge added, changed and kept, then one summary line."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from acmap.report.terminal import emit
from acmap.words import plural

if TYPE_CHECKING:
    from acmap.crm.plan import Change
    from acmap.edit.importer import ImportResult


def write_text(result: ImportResult) -> None:
    plan = result.plan
    lines = []
    for unit in plan.new_units:
        lines.append(f"  + unit {unit['name']} ({unit['id']})")
    for record in plan.new_people:
        facts = [
            f"{key} {_value(value)}" for key, value in record.items() if key not in ("id", "name")
        ]
        name = record.get("name") or f"[{record.get('title')}]"
        lines.append(f"  + {name} ({record['id']})" + (f": {', '.join(facts)}" if facts else ""))
    for change in plan.set_values:
        lines.append(f"  ~ {change.display}: {_change(change)}")
    for change in plan.kept:
        lines.append(
            f"  = {change.display}: {change.key} stays {_value(change.old)} (the CSV says "
            f"{_value(change.new)}; --update replaces it)"
        )
    for note in plan.notes:
        lines.append(f"  ! {note}")
    summary = [
        f"{plural(len(plan.new_people), 'person', 'people')} added",
        f"{len(plan.updated_people)} updated",
        f"{plan.unchanged} unchanged",
    ]
    if plan.new_units:
        summary.append(f"{plural(len(plan.new_units), 'unit')} added")
    if plan.kept:
        summary.append(f"{plural(len(plan.kept), 'value')} kept")
    if plan.skipped_rows:
        summary.append(f"{plan.skipped_rows} rows for other accounts skipped")
    if plan.empty:
        verdict = "nothing to change"
    elif result.dry_run:
        verdict = "dry run, nothing written"
    else:
        verdict = "written"
    head = f"{result.file}: {', '.join(summary)} — {verdict}"
    if result.contacts.ignored:
        lines.append(f"  (columns not imported: {', '.join(result.contacts.ignored)})")
    emit("\n".join([head, *lines]) + "\n")


def _value(value: object) -> str:
    from datetime import date

    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return "none" if value is None else repr(str(value)) if " " in str(value) else str(value)


def _change(change: Change) -> str:
    if change.old in (None, [], ""):
        return f"{change.key} {_value(change.new)} added"
    return f"{change.key} {_value(change.old)} → {_value(change.new)}"


REPORTERS: dict[str, Callable[..., Any]] = {"text": write_text}
