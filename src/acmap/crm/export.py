"""Stakeholders of the selected maps as rows for a CRM (CSV) or as nested records (JSON);
with `--actions`, the engagement plan instead.

The stakeholder CSV columns are also what `acmap import` reads back, so export → edit → import
round-trips.
"""

from __future__ import annotations

from typing import Any

from acmap.model import AccountMap

COLUMNS = (
    "account_id",
    "account_name",
    "id",
    "name",
    "title",
    "unit",
    "reports_to",
    "roles",
    "stance",
    "influence",
    "status",
    "owner",
    "last_contact",
    "email",
    "phone",
)
LIST_SEPARATOR = ";"  # roles in one CSV cell: economic_buyer;decision_maker


def account_record(account_map: AccountMap) -> dict[str, Any]:
    """One account and its stakeholders, nested: unit, manager and owner as {id, name}."""
    units = account_map.units_by_id()
    people = account_map.people_by_id()
    team = account_map.team_by_id()

    def ref(kind: dict[str, Any], ref_id: str | None) -> dict[str, str] | None:
        if ref_id is None:
            return None
        found = kind.get(ref_id)
        name = getattr(found, "display", None) or getattr(found, "name", None) or ref_id
        return {"id": ref_id, "name": name}

    stakeholders = []
    for s in account_map.stakeholders:
        stakeholders.append(
            {
                "id": s.id,
                "name": s.name,
                "title": s.title,
                "unit": ref(units, s.unit),
                "reports_to": ref(people, s.reports_to),
                "roles": list(s.roles),
                "stance": s.stance,
                "influence": s.influence,
                "status": s.status,
                "owner": ref(team, s.owner),
                "last_contact": s.last_contact.isoformat() if s.last_contact else None,
                "contact": {
                    "email": s.contact.email if s.contact else None,
                    "phone": s.contact.phone if s.contact else None,
                },
            }
        )
    return {
        "id": account_map.account.id,
        "name": account_map.account.name,
        "file": account_map.path.as_posix(),
        "stakeholders": stakeholders,
    }


def csv_rows(record: dict[str, Any]) -> list[list[str]]:
    """One account record as flat CSV rows, in COLUMNS order; references by name."""
    rows = []
    for s in record["stakeholders"]:

        def name_of(value: dict[str, str] | None) -> str:
            return value["name"] if value else ""

        rows.append(
            [
                record["id"],
                record["name"],
                s["id"],
                s["name"] or "",
                s["title"] or "",
                name_of(s["unit"]),
                name_of(s["reports_to"]),
                LIST_SEPARATOR.join(s["roles"]),
                s["stance"],
                s["influence"] or "",
                s["status"],
                name_of(s["owner"]),
                s["last_contact"] or "",
                s["contact"]["email"] or "",
                s["contact"]["phone"] or "",
            ]
        )
    return rows


# --- `acmap export --actions`: the engagement plan (SPEC §7), one row per action ------------------

ACTION_COLUMNS = (
    "account_id",
    "account_name",
    "what",
    "owner",
    "with",
    "due",
    "status",
    "opportunity_id",
    "opportunity",
)


def plan_record(account_map: AccountMap) -> dict[str, Any]:
    """One account and its actions, nested: owner, people and deal as {id, name}."""
    people = account_map.people_by_id()
    team = account_map.team_by_id()
    deals = {o.id: o.name for o in account_map.account.opportunities}

    def named(ref_id: str | None, name: str | None) -> dict[str, str] | None:
        return None if ref_id is None else {"id": ref_id, "name": name or ref_id}

    actions = []
    for a in account_map.actions:
        owner = team.get(a.owner) if a.owner else None
        actions.append(
            {
                "what": a.what,
                "owner": named(a.owner, owner.name if owner else None),
                "with": [named(p, people[p].display if p in people else None) for p in a.people],
                "due": a.due.isoformat() if a.due else None,
                "status": a.status,
                "opportunity": named(a.opportunity, deals.get(a.opportunity or "")),
            }
        )
    return {
        "id": account_map.account.id,
        "name": account_map.account.name,
        "file": account_map.path.as_posix(),
        "actions": actions,
    }


def action_rows(record: dict[str, Any]) -> list[list[str]]:
    """One account's actions as flat CSV rows, in ACTION_COLUMNS order; people by name."""
    rows = []
    for a in record["actions"]:
        deal = a["opportunity"]
        rows.append(
            [
                record["id"],
                record["name"],
                a["what"],
                a["owner"]["name"] if a["owner"] else "",
                LIST_SEPARATOR.join(p["name"] for p in a["with"]),
                a["due"] or "",
                a["status"],
                deal["id"] if deal else "",
                deal["name"] if deal else "",
            ]
        )
    return rows
