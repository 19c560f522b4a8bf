"""Each gap's life and each status change, from one account's versions in commit order.

A gap is the same gap from one version to the next when its code and subject match (its wording
may change: a contact's age grows). It opens at the first version that has it and closes at the
first later version without it. An invalid version says nothing about gaps: it neither opens nor
closes one, and the next valid version is compared with the last valid one before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from acmap.analysis.history.timeline import Step
from acmap.git.log import Commit

# Worse is higher: green → amber, green → red and amber → red are regressions.
_RANK = {"green": 0, "amber": 1, "red": 2}


@dataclass(slots=True)
class GapLife:
    code: str
    subject: str | None
    severity: str
    message: str
    opened: Commit
    opened_seq: int
    closed: Commit | None = None
    closed_seq: int | None = None
    owner: str | None = None  # the account's owner when it closed (or now, while it is open)

    def days_open(self, today: date) -> int:
        """Days from the commit that opened it to the one that closed it (to today while open)."""
        end = self.closed.day if self.closed is not None else today
        return max(0, (end - self.opened.day).days)


@dataclass(frozen=True, slots=True)
class Regression:
    commit: Commit
    seq: int
    before: str
    after: str


def gap_lives(steps: list[Step]) -> list[GapLife]:
    """Every gap the account's versions opened, closed or still have, oldest first."""
    open_now: dict[tuple[str, str | None], GapLife] = {}
    lives: list[GapLife] = []
    owner: str | None = None
    for step in steps:
        version = step.version
        if step.wanted is None:  # the map was deleted: its gaps stay as they were
            continue
        if version is None or not version.valid:
            continue
        owner = version.owner
        now: dict[tuple[str, str | None], tuple[str, str]] = {}
        for code, subject, severity, message in version.gaps:
            now.setdefault((code, subject), (severity, message))
        for key, life in list(open_now.items()):
            if key not in now:
                life.closed, life.closed_seq, life.owner = step.commit, step.seq, owner
                del open_now[key]
        for key, (severity, message) in now.items():
            if key not in open_now:
                life = GapLife(key[0], key[1], severity, message, step.commit, step.seq)
                open_now[key] = life
                lives.append(life)
            else:  # the latest wording and severity of a gap still open
                open_now[key].severity, open_now[key].message = severity, message
    for life in open_now.values():
        life.owner = owner
    return lives


def regressions(steps: list[Step]) -> list[Regression]:
    """Each version whose status is worse than the last valid version's before it."""
    found = []
    last: str | None = None
    for step in steps:
        version = step.version
        if version is None or not version.valid:
            continue
        if last is not None and _RANK[version.status] > _RANK[last]:
            found.append(Regression(step.commit, step.seq, last, version.status))
        last = version.status
    return found
