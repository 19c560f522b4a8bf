"""`acmap diff --format json`: the document for tools.

The JSON document (version 1): `range`, `base`, `head`, `summary` (counts of accounts by kind,
invalid files, gaps opened and closed by severity, people whose id changed) and `accounts`, one
object per changed map file: `account`, `name`, `kind` (added, removed, renamed, changed),
`old_file`, `new_file`, `status` and `score` (`before`/`after`; `after` is null when the file is
invalid at HEAD), `status_worse`, `changes` (each `section`, `subject`, `field`, `before`,
`after`, `text`), `gaps_opened`, `gaps_closed`, `invalid_before`, `invalid_after` (findings)
and `ids_changed`: one `{"before": "jdoe", "after": "jane-doe", "matched_by": "email"}` (or
`"name"`) per person whose id changed; in `changes` that person's first entry then has
`"field": "id"` with the old and new id, and nothing that only followed the id is listed.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from acmap.findings import count_by_severity
from acmap.report.diff_words import KIND_WORDS
from acmap.report.json import dump

if TYPE_CHECKING:
    from acmap.analysis.changes import AccountDiff, DiffResult

JSON_VERSION = 1


def to_json(result: DiffResult) -> None:
    span = result.span
    sys.stdout.write(json_report(span.label, span.base, span.head, result.accounts) + "\n")


def json_report(label: str, base: str, head: str | None, accounts: list[AccountDiff]) -> str:
    opened = [g.finding for a in accounts for g in a.opened]
    closed = [g.finding for a in accounts for g in a.closed]
    summary: dict[str, Any] = {
        "accounts": len(accounts),
        **{k: sum(1 for a in accounts if a.kind == k) for k in KIND_WORDS},
        "invalid": sum(1 for a in accounts if a.invalid_after),
        "gaps_opened": count_by_severity(opened),
        "gaps_closed": count_by_severity(closed),
        "ids_changed": sum(len(a.ids_changed) for a in accounts),
    }
    document = {
        "version": JSON_VERSION,
        "range": label,
        "base": base,
        "head": head,
        "accounts": [a.as_json() for a in accounts],
        "summary": summary,
    }
    return dump(document)
