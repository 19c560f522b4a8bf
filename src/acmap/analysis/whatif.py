"""`acmap whatif`: the account as if some facts were true, compared with the account as it is.

Exactly "edit a copy and run gaps": the edits are applied to the map's YAML in memory (the
ruamel round trip of acmap.edit), the result goes through the loader like any file, and both
maps go through the same assessment. Nothing is written. A value the loader rejects (E005,
E007) comes back as its findings, for the command to show and exit 2 on.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from acmap.findings import Finding
from acmap.model import INFLUENCE_LEVELS, POWER_ROLES, ROLES, STANCES, STATUSES, AccountMap
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


def apply_edits(text: str, account_map: AccountMap, edits: Sequence[Edit]) -> str:
    """The map's YAML with the edits made, as text (WhatIfError for a bad person or value)."""
    from acmap.edit.roundtrip import dump, round_trip

    yaml = round_trip()
    tree = yaml.load(text)
    people = tree.get("stakeholders") or []
    by_id = {item.get("id"): item for item in people if hasattr(item, "get")}
    names = {s.id: s.name or "" for s in account_map.stakeholders}
    team = [m.id for m in account_map.account.team]
    for edit in edits:
        if edit.person not in by_id:
            from acmap.words import did_you_mean_person

            raise WhatIfError(
                f"{edit.person!r}: no such stakeholder in {account_map.account.id}"
                + did_you_mean_person(edit.person, names)
            )
        item = by_id[edit.person]
        if not edit.field:
            _remove(tree, people, item, edit.person)
            del by_id[edit.person]
            continue
        value = _value(edit, team)
        if value is None:
            item.pop(edit.field, None)
        else:
            item[edit.field] = value
    return dump(yaml, tree)


_CHOICES = {"stance": STANCES, "status": STATUSES, "influence": INFLUENCE_LEVELS}


def _value(edit: Edit, team: list[str]) -> Any:
    from acmap.words import did_you_mean

    value = edit.value
    where = f"--set {edit.person}.{edit.field}={value}"
    if value == "":
        return None
    if edit.field in _CHOICES:
        allowed = _CHOICES[edit.field]
        if value not in allowed:
            raise WhatIfError(
                f"{where}: expected one of {', '.join(allowed)}" + did_you_mean(value, allowed)
            )
        return value
    if edit.field == "roles":
        roles = [r.strip() for r in value.split(",") if r.strip()]
        for role in roles:
            if role not in ROLES:
                raise WhatIfError(
                    f"{where}: no role {role!r}; one of {', '.join(ROLES)}"
                    + did_you_mean(role, ROLES)
                )
        from ruamel.yaml.comments import CommentedSeq

        seq = CommentedSeq(roles)
        seq.fa.set_flow_style()
        return seq
    if edit.field == "owner":
        if value not in team:
            raise WhatIfError(f"{where}: no team member {value!r}" + did_you_mean(value, team))
        return value
    try:  # last_contact
        return date.fromisoformat(value)
    except ValueError:
        raise WhatIfError(f"{where}: not a date (expected YYYY-MM-DD)") from None


def _remove(tree: Any, people: Any, item: Any, person: str) -> None:
    """Take the person off the map with every reference to them, as a careful editor would."""
    people.remove(item)
    for other in people:
        if hasattr(other, "get") and other.get("reports_to") == person:
            del other["reports_to"]
    links = tree.get("links")
    if links:
        for link in [x for x in links if person in (x.get("from"), x.get("to"))]:
            links.remove(link)
    for partner in tree.get("partners") or []:
        knows = partner.get("knows")
        if knows:
            for known in [k for k in knows if k.get("stakeholder") == person]:
                knows.remove(known)
    account = tree.get("account") or {}
    for deal in account.get("opportunities") or []:
        group = deal.get("buying_group")
        if group and person in group:
            group.remove(person)
        roles = deal.get("roles")
        if roles and person in roles:
            del roles[person]
    for action in tree.get("actions") or []:
        together = action.get("with")
        if together and person in together:
            together.remove(person)


def what_if(
    account_map: AccountMap,
    text: str,
    edits: Sequence[Edit],
    gaps: GapSettings,
    today: date,
) -> WhatIf | list[Finding]:
    """The comparison, or the loader's errors when the edited map is not valid."""
    from acmap.analysis.health import assess
    from acmap.load import load_text

    changed = apply_edits(text, account_map, edits)
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


def _identity(f: Finding) -> tuple[str, str | None, str]:
    """One gap whatever line it moved to: an edit shifts lines, not meanings."""
    return (f.code, f.subject, f.message)


def _paths_lost(before: AccountMap, after: AccountMap) -> list[str]:
    lost_ids = set(_reached_power(before)) - set(_reached_power(after))
    return [s.display for s in before.stakeholders if s.id in lost_ids]


def _reached_power(account_map: AccountMap) -> list[str]:
    """The power people some warm path from our team or our friends reaches (as G306 walks)."""
    from acmap.graph import TEAM_PREFIX, reach
    from acmap.rules.bridges import warm_ties_with_team

    adjacent = warm_ties_with_team(account_map)
    starts = [n for n in adjacent if n.startswith(TEAM_PREFIX)] + [
        s.id for s in account_map.stakeholders if s.active and (s.friendly or "champion" in s.roles)
    ]
    power = {
        s.id for s in account_map.stakeholders if s.active and not POWER_ROLES.isdisjoint(s.roles)
    }
    return [node for node in reach(adjacent, starts) if node in power]
