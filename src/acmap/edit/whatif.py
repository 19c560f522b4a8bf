"""`acmap whatif`'s edits made to a map's YAML in memory, through the one ruamel round trip:
the text acmap.analysis.whatif loads and compares with the map as it is. Nothing is written."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from acmap.analysis.whatif import Edit, WhatIfError
from acmap.model import INFLUENCE_LEVELS, ROLES, STANCES, STATUSES, AccountMap


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
