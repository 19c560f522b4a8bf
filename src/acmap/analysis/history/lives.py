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
from acmap.analysis.history.versions import Gap
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
    before: dict[tuple[str, str | None], Gap] = {}  # the last valid version's gaps
    for step in steps:
        version = step.version
        if step.wanted is None:  # the map was deleted: its gaps stay as they were
            continue
        if version is None or not version.valid:
            continue
        owner = version.owner
        now: dict[tuple[str, str | None], Gap] = {}
        for gap in version.gaps:
            now.setdefault((gap[0], gap[1]), gap)
        # Only what changed is touched: a long history has tens of thousands of gap versions.
        for key in [k for k in open_now if k not in now]:
            life = open_now.pop(key)
            life.severity, life.message = before[key][2], before[key][3]  # its last wording
            life.closed, life.closed_seq, life.owner = step.commit, step.seq, owner
        for key, gap in now.items():
            if key in open_now:
                continue
            life = GapLife(key[0], key[1], gap[2], gap[3], step.commit, step.seq)
            open_now[key] = life
            lives.append(life)
        before = now
    for key, life in open_now.items():
        life.severity, life.message = before[key][2], before[key][3]
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
