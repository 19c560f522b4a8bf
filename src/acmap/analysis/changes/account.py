"""One account's diff: the map diff, the gap diff, and status and score before → after."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from acmap.analysis.changes.base import Change
from acmap.analysis.changes.gapdiff import GapChange, gap_changes
from acmap.analysis.changes.mapdiff import compare
from acmap.analysis.changes.renames import IdChange, id_changes, with_new_ids
from acmap.analysis.changes.union import MapUnion, map_union
from acmap.findings import Finding
from acmap.model import AccountMap
from acmap.settings import GapSettings


@dataclass(slots=True)
class AccountDiff:
    """Everything `acmap diff` says about one account (one changed file)."""

    kind: str  # added | removed | renamed | changed
    account: str
    name: str
    old_file: str | None
    new_file: str | None
    changes: list[Change] = field(default_factory=list)
    status: tuple[str | None, str | None] = (None, None)
    score: tuple[int | None, int | None] = (None, None)
    opened: list[GapChange] = field(default_factory=list)
    closed: list[GapChange] = field(default_factory=list)
    invalid_before: list[Finding] = field(default_factory=list)
    invalid_after: list[Finding] = field(default_factory=list)
    ids_changed: list[IdChange] = field(default_factory=list)
    # Both versions as one map with what changed marked, for pictures (both sides valid only).
    union: MapUnion | None = None
    picture: str = ""  # a markdown block drawing the change (Mermaid), when one was asked for

    @property
    def file(self) -> str:
        return self.new_file or self.old_file or ""

    @property
    def invalid(self) -> bool:
        return bool(self.invalid_before or self.invalid_after)

    @property
    def new_account(self) -> bool:
        """The account has no map at the base: it came with this change."""
        return self.kind == "added"

    @property
    def broken(self) -> bool:
        """The change leaves the file invalid where it was valid (or absent) before."""
        return bool(self.invalid_after) and not self.invalid_before

    @property
    def worse(self) -> bool:
        """The status went down: green → amber, green → red or amber → red."""
        before, after = self.status
        if before is None or after is None:
            return False
        return _STATUS_RANK.get(after, 0) > _STATUS_RANK.get(before, 0)

    def as_json(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "name": self.name,
            "kind": self.kind,
            "old_file": self.old_file,
            "new_file": self.new_file,
            "status": {"before": self.status[0], "after": self.status[1]},
            "score": {"before": self.score[0], "after": self.score[1]},
            "status_worse": self.worse,
            "changes": [c.as_json() for c in self.changes],
            "gaps_opened": [g.as_json() for g in self.opened],
            "gaps_closed": [g.as_json() for g in self.closed],
            "invalid_before": [f.as_json() for f in self.invalid_before],
            "invalid_after": [f.as_json() for f in self.invalid_after],
            "ids_changed": [c.as_json() for c in self.ids_changed],
        }


def diff_account(
    kind: str,
    old_file: str | None,
    new_file: str | None,
    old: AccountMap | None,
    new: AccountMap | None,
    gaps: GapSettings,
    today: date,
    *,
    invalid_before: list[Finding] | None = None,
    invalid_after: list[Finding] | None = None,
) -> AccountDiff:
    """One account's diff. `old`/`new` are None where the file is absent or invalid on that side
    (its validation findings then come in invalid_before/invalid_after)."""
    from acmap.analysis.health import assess

    either = new or old
    account = either.account.id if either else _stem(new_file or old_file or "")
    name = either.account.name if either else account
    result = AccountDiff(
        kind,
        account,
        name,
        old_file,
        new_file,
        invalid_before=[f for f in invalid_before or [] if f.severity == "error"],
        invalid_after=[f for f in invalid_after or [] if f.severity == "error"],
    )
    before = assess(old, gaps, today) if old is not None else None
    after = assess(new, gaps, today) if new is not None else None
    result.status = (before.status if before else None, after.status if after else None)
    result.score = (
        before.score.total if before else None,
        after.score.total if after else None,
    )
    base = old
    if old is not None and new is not None:
        result.ids_changed = id_changes(old, new)
        result.changes = compare(old, new, result.ids_changed)
        old = with_new_ids(old, result.ids_changed)
    if after is not None and kind != "removed":
        # A gap about a person whose id changed is the same gap: compared under the new id.
        new_id = {c.before: c.after for c in result.ids_changed}
        old_findings = [
            f._replace(subject=new_id[f.subject]) if f.subject in new_id else f
            for f in (before.findings if before else [])
        ]
        opened, closed = gap_changes(old_findings, after.findings)
        result.opened = [GapChange(f, _who(f.subject, new)) for f in opened]
        result.closed = [GapChange(f, _who(f.subject, old)) for f in closed] if old else []
    if base is not None and new is not None:
        result.union = map_union(base, new, result.opened, result.closed, result.ids_changed, today)
    return result


# Worse is higher: a change that raises it counts for `--fail-on-new warning`.
_STATUS_RANK = {"green": 0, "amber": 1, "red": 2}


def _stem(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0]


def _who(subject: str | None, side: AccountMap | None) -> str | None:
    if subject is None or side is None:
        return None
    person = side.person(subject)
    if person is not None:
        return person.display
    unit = side.units_by_id().get(subject)
    if unit is not None:
        return unit.name
    return subject
