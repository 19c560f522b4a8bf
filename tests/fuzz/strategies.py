"""Hypothesis strategies for account maps: valid ones built from the format's vocabularies, and
mutants of them, as YAML text."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st
from ruamel.yaml import YAML

from acmap import model as m

NAMES = st.sampled_from(
    ["Ana", "Bo", "Chen", "Dara", "Eli", "Femi", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea"]
)
# Hostile-but-valid text: quotes, markup, DOT syntax, escapes, right-to-left marks, CJK.
TEXT = st.one_of(
    NAMES,
    st.sampled_from(
        [
            'O"Brien <b>bold</b>',
            ']; node [image="/etc/passwd"]',
            "{braces} \\N \\l \\G",
            "שלום \u202e reversed",
            "東京 本社",
            "line\nbreak",
            "ceo:n",
            "%0A ::error::",
        ]
    ),
    st.text(min_size=1, max_size=12).filter(lambda s: s.strip() != ""),
)
TODAY = date(2026, 11, 22)
DATES = st.integers(min_value=0, max_value=800).map(
    lambda d: (TODAY - timedelta(days=d)).isoformat()
)


@st.composite
def account_maps(draw: st.DrawFn, max_people: int = 12) -> dict[str, Any]:
    """A valid map (as plain data) with people, units, reporting lines, links and partners."""
    count = draw(st.integers(min_value=0, max_value=max_people))
    team = [{"id": f"t{i}", "name": draw(NAMES)} for i in range(draw(st.integers(1, 3)))]
    units = [{"id": "u0", "name": "Executive"}]
    for i in range(1, draw(st.integers(1, 4))):
        units.append(
            {"id": f"u{i}", "name": draw(TEXT), "parent": f"u{draw(st.integers(0, i - 1))}"}
        )
    people: list[dict[str, Any]] = []
    for i in range(count):
        person: dict[str, Any] = {"id": f"p{i}"}
        if draw(st.booleans()) or i == 0:
            person["name"] = draw(TEXT)
        person["title"] = draw(TEXT)
        if draw(st.booleans()):
            person["unit"] = draw(st.sampled_from(units))["id"]
        if i and draw(st.booleans()):
            person["reports_to"] = f"p{draw(st.integers(0, i - 1))}"  # a tree: no cycles
        person["roles"] = draw(st.lists(st.sampled_from(m.ROLES), max_size=3, unique=True))
        person["stance"] = draw(st.sampled_from(m.STANCES))
        if draw(st.booleans()):
            person["influence"] = draw(st.sampled_from(m.INFLUENCE_LEVELS))
        person["status"] = draw(st.sampled_from(m.STATUSES))
        if draw(st.booleans()):
            person["owner"] = draw(st.sampled_from(team))["id"]
        if draw(st.booleans()):
            person["last_contact"] = draw(DATES)
        if draw(st.booleans()):
            person["prefers"] = {"channel": draw(st.sampled_from(m.CHANNELS))}
        if draw(st.booleans()):
            person["contact"] = {"email": f"p{i}@example.com"}
        people.append(person)
    links = []
    if count >= 2:
        for _ in range(draw(st.integers(0, count * 2))):
            a, b = draw(st.lists(st.integers(0, count - 1), min_size=2, max_size=2, unique=True))
            links.append(
                {
                    "from": f"p{a}",
                    "to": f"p{b}",
                    "type": draw(st.sampled_from(m.LINK_TYPES)),
                    "strength": draw(st.sampled_from(m.STRENGTHS)),
                }
            )
    partners = []
    if count:
        for i in range(draw(st.integers(0, 2))):
            known = draw(st.lists(st.integers(0, count - 1), max_size=3, unique=True))
            partners.append(
                {
                    "id": f"partner{i}",
                    "name": draw(TEXT),
                    "type": draw(st.sampled_from(m.PARTNER_TYPES)),
                    "knows": [{"stakeholder": f"p{k}"} for k in known],
                }
            )
    account: dict[str, Any] = {
        "id": "fuzz",
        "name": draw(TEXT),
        "tier": draw(st.sampled_from(m.TIERS)),
        "owner": team[0]["id"],
        "team": team,
        "goals": draw(st.lists(TEXT, max_size=2)),
    }
    if draw(st.booleans()):
        account["reviewed"] = draw(DATES)
    if count and draw(st.booleans()):
        group = draw(st.lists(st.integers(0, count - 1), max_size=3, unique=True))
        account["opportunities"] = [
            {
                "id": "deal",
                "name": draw(TEXT),
                "stage": draw(st.sampled_from(m.STAGES)),
                "amount": draw(st.integers(0, 10**7)),
                "buying_group": [f"p{g}" for g in group],
            }
        ]
    return {
        "acmap": 1,
        "account": account,
        "units": units,
        "stakeholders": people,
        "links": links,
        "partners": partners,
    }


def to_yaml(document: Any) -> str:
    out = io.StringIO()
    dumper = YAML(typ="safe", pure=True)
    dumper.default_flow_style = False
    dumper.allow_unicode = True
    dumper.dump(document, out)
    return out.getvalue()


JUNK = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8), st.just([]))


@st.composite
def mutated_maps(draw: st.DrawFn) -> str:
    """A valid map with one to three things broken: a key deleted, a value swapped for junk,
    a reference pointed nowhere."""
    document = draw(account_maps(max_people=6))
    for _ in range(draw(st.integers(1, 3))):
        section = draw(st.sampled_from(["account", "stakeholders", "links", "units", "partners"]))
        target = document[section]
        if isinstance(target, list):
            if not target:
                continue
            target = draw(st.sampled_from(target))
        if not isinstance(target, dict) or not target:
            continue
        key = draw(st.sampled_from(sorted(target)))
        action = draw(st.sampled_from(["delete", "junk", "dangle"]))
        if action == "delete":
            del target[key]
        elif action == "junk":
            target[key] = draw(JUNK)
        else:
            target[key] = "nobody"
    return to_yaml(document)
