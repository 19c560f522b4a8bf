"""`acmap whatif`: the account as if some facts were true, compared with the account as it is.

Exactly "edit a copy and run gaps": the edits are applied to the map's YAML in memory (the
ruamel round trip of acmap.edit.whatif, a layer up), the result goes through the loader like any file, and both
maps go through the same assessment. Nothing is written. A value the loader rejects (E005,
E007) comes back as its findings, for the command to show and exit 2 on.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from acmap.findings import Finding
from acmap.model import POWER_ROLES, AccountMap
from acmap.settings import GapSettings

FIELDS = ("stance", "status", "roles", "influence", "owner", "last_contact")


class WhatIfError(Exception):
    """A --set or --remove that names no person, field or allowed value (exit 2)."""


class Edit(NamedTuple):
    person: str
    field: str  # one of FIELDS, or "" for --remove
    value: str


def parse_set(text: str) -> Edit:
    """PERSON.FIELD=VALUE; an empty VALUE clears the field (`owner=`)."""
    target, equals, value = text.partition("=")
    person, dot, field = target.partition(".")
    if not equals or not dot or not person:
        raise WhatIfError(f"--set {text!r}: expected PERSON.FIELD=VALUE")
    if field not in FIELDS:
        from acmap.words import did_you_mean

        raise WhatIfError(
            f"--set {text!r}: no field {field!r}; one of {', '.join(FIELDS)}"
            + did_you_mean(field, FIELDS)
        )
    return Edit(person, field, value.strip())


class WhatIf(NamedTuple):
    """Before and after: status, score, the gaps that open and close, and the power that no
    warm path reaches any more."""

    account: str
    file: str
    before: tuple[str, int]  # status, score
    after: tuple[str, int]
    opened: list[Finding]
    closed: list[Finding]
    paths_lost: list[str]  # display names of the power people no longer reached
    edits: list[Edit]

    def as_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "account": self.account,
            "before": {"status": self.before[0], "score": self.before[1]},
            "after": {"status": self.after[0], "score": self.after[1]},
            "opened": [f.as_json() for f in self.opened],
            "closed": [f.as_json() for f in self.closed],
        }


def what_if(
    account_map: AccountMap,
    changed: str,
    edits: Sequence[Edit],
    gaps: GapSettings,
    today: date,
) -> WhatIf | list[Finding]:
    """The map as it is against `changed`, its text with the edits made (acmap.edit.whatif);
    or the loader's errors when the edited map is not valid."""
    from acmap.analysis.health import assess
    from acmap.load import load_text

    file = account_map.path.as_posix()
    loaded = load_text(changed, file, stem=account_map.path.stem)
    if loaded.map is None:
        return [f for f in loaded.findings if f.severity == "error"]
    before = assess(account_map, gaps, today)
    after = assess(loaded.map, gaps, today)
    old = {_identity(f) for f in before.findings}
    new = {_identity(f) for f in after.findings}
    return WhatIf(
        account=account_map.account.id,
        file=file,
        before=(before.status, before.score.total),
        after=(after.status, after.score.total),
        opened=[f for f in after.findings if _identity(f) not in old],
        closed=[f for f in before.findings if _identity(f) not in new],
        paths_lost=_paths_lost(account_map, loaded.map),
        edits=list(edits),
    )


def _identity(f: Finding) -> tuple[str, str | None]:
    """One gap whatever line it moved to and whatever its numbers say, as `acmap diff` and
    `acmap history` match gaps: by rule and subject. "10 stances known, no skeptic" becoming
    "9 stances known" is the same gap still open, not one closed and another opened."""
    return (f.code, f.subject)


def _paths_lost(before: AccountMap, after: AccountMap) -> list[str]:
    """Power people still there (active, with the role) whom no warm path reaches any more;
    someone removed, gone or demoted is a closed or opened gap, not a lost path."""
    still = _power(after)
    lost_ids = (set(_reached_power(before)) & still) - set(_reached_power(after))
    return [s.display for s in after.stakeholders if s.id in lost_ids]


def _power(account_map: AccountMap) -> set[str]:
    return {
        s.id for s in account_map.stakeholders if s.active and not POWER_ROLES.isdisjoint(s.roles)
    }


def _reached_power(account_map: AccountMap) -> list[str]:
    """The power people some warm path from our team or our friends reaches (as G306 walks)."""
    from acmap.graph import TEAM_PREFIX, reach
    from acmap.rules.bridges import warm_ties_with_team

    adjacent = warm_ties_with_team(account_map)
    starts = [n for n in adjacent if n.startswith(TEAM_PREFIX)] + [
        s.id for s in account_map.stakeholders if s.active and (s.friendly or "champion" in s.roles)
    ]
    power = _power(account_map)
    return [node for node in reach(adjacent, starts) if node in power]
