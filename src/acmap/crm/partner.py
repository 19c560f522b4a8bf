"""`acmap export --partner`: the slice of the portfolio one partner may see.

A whitelist, not a blacklist: each record is built from the few fields named below and nothing
else, so a field the format gains tomorrow stays private until someone adds it here. A partner
sees the accounts where it is present (id, name, tier), itself (id, name), and the active people
it knows there (id, name, title, roles, stance, and how well it knows them). Never notes,
contact details, owners, x- keys, links, other partners, other people or other accounts.
"""

from __future__ import annotations

from typing import Any

from acmap.model import AccountMap

ACCOUNT_FIELDS = ("id", "name", "tier")
PERSON_FIELDS = ("id", "name", "title", "roles", "stance")
CSV_COLUMNS = (
    "partner_id",
    "account_id",
    "account_name",
    "tier",
    "stakeholder_id",
    "name",
    "title",
    "roles",
    "stance",
    "strength",
)


def partner_slice(account_map: AccountMap, partner_id: str) -> dict[str, Any] | None:
    """What `partner_id` may see of one map, or None when it is not present there. Run on
    each map where it loads, so only this small record leaves the worker."""
    partner = next((p for p in account_map.partners if p.id == partner_id), None)
    if partner is None:
        return None
    people = account_map.people_by_id()
    known = []
    seen: set[str] = set()
    for acquaintance in partner.knows:
        person = people.get(acquaintance.stakeholder)
        if person is None or not person.active or person.id in seen:
            continue
        seen.add(person.id)
        known.append(
            {
                "id": person.id,
                "name": person.name,
                "title": person.title,
                "roles": list(person.roles),
                "stance": person.stance,
                "strength": acquaintance.strength,
            }
        )
    account = account_map.account
    return {
        "id": account.id,
        "name": account.name,
        "tier": account.tier,
        "partner": {"id": partner.id, "name": partner.name},
        "people": known,
    }


def as_json(partner_id: str, slices: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "version": 1,
        "partner": partner_id,
        "accounts": [
            {
                **{key: s[key] for key in ACCOUNT_FIELDS},
                "people": [dict(p) for p in s["people"]],
            }
            for s in slices
        ],
    }


def csv_rows(partner_id: str, slices: list[dict[str, Any]]) -> list[list[str]]:
    rows = []
    for s in slices:
        for p in s["people"]:
            rows.append(
                [
                    partner_id,
                    s["id"],
                    s["name"],
                    s["tier"],
                    p["id"],
                    p["name"] or "",
                    p["title"] or "",
                    ";".join(p["roles"]),
                    p["stance"],
                    p["strength"],
                ]
            )
    return rows


def map_document(s: dict[str, Any]) -> dict[str, Any]:
    """One account's slice as a map file the partner can open with acmap (`acmap validate`
    passes on it): the account, the people, and the partner with whom it knows."""
    people = []
    for p in s["people"]:
        person: dict[str, Any] = {"id": p["id"]}
        for key in ("name", "title"):
            if p[key]:
                person[key] = p[key]
        if p["roles"]:
            person["roles"] = list(p["roles"])
        person["stance"] = p["stance"]
        people.append(person)
    partner = s["partner"]
    return {
        "acmap": 1,
        "account": {key: s[key] for key in ACCOUNT_FIELDS},
        "stakeholders": people,
        "partners": [
            {
                "id": partner["id"],
                "name": partner["name"],
                "knows": [{"stakeholder": p["id"], "strength": p["strength"]} for p in s["people"]],
            }
        ],
    }


def map_text(s: dict[str, Any]) -> str:
    """map_document as YAML, every string quoted by the dumper where YAML needs it."""
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    out = io.StringIO()
    yaml.dump(map_document(s), out)
    return out.getvalue()


def rendered(output_format: str, partner_id: str, slices: list[dict[str, Any]]) -> dict[str, str]:
    """The export's text: {"": text} for csv and json; for yaml, a map file per account by
    its file name."""
    if output_format == "yaml":
        return {f"{s['id']}.yaml": map_text(s) for s in slices}
    if output_format == "json":
        import json

        # report.json's options (it sits above crm): sorted keys, two-space indent, UTF-8 text.
        document = json.dumps(
            as_json(partner_id, slices), indent=2, sort_keys=True, ensure_ascii=False
        )
        return {"": document + "\n"}
    import io

    from acmap.crm.cells import csv_writer

    stream = io.StringIO()
    writer = csv_writer(stream)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(partner_id, slices))
    return {"": stream.getvalue()}
