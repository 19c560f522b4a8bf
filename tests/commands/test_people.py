"""`acmap people` and G503 champion-moved: one person across the maps of the portfolio."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.helpers import Result

from acmap.analysis.people import join_persons, persons
from acmap.model import Pos
from acmap.rules.moves import Sighting, linkedin_key

Acmap = Callable[..., Result]
TODAY = ("--today", "2026-11-22")


def _map(account: str, people: str, extra: str = "") -> str:
    return (
        f"acmap: 1\naccount:\n  id: {account}\n  name: {account.title()} Inc\n"
        f"  team: [{{id: dana, name: Dana Ruiz}}]\n{extra}stakeholders:\n{people}"
    )


def _two(write_map: Callable[[str, str], Path], globex: str, initech: str) -> Path:
    write_map("globex.yaml", _map("globex", globex))
    return write_map("initech.yaml", _map("initech", initech)).parent.parent


LEFT_BY_EMAIL = (
    "  - {id: mlee, name: Mary Lee, title: CFO, stance: supporter, roles: [economic_buyer],\n"
    "     status: left, owner: dana, contact: {email: Mary.Lee@Example.com}}\n"
)


def test_a_supporter_who_left_is_found_at_another_account_by_email(
    acmap: Acmap, write_map: Callable[[str, str], Path]
) -> None:
    root = _two(
        write_map,
        LEFT_BY_EMAIL,
        "  - {id: mary, name: Mary Lee, title: VP Finance, contact: {email: ' mary.lee@example.COM'}}\n",
    )
    result = acmap("gaps", *TODAY, "--rule", "G503", "-f", "json", cwd=root)
    assert result.code == 0, result.err
    found = json.loads(result.out)["findings"]
    assert [(f["account"], f["subject"], f["line"], f["severity"]) for f in found] == [
        ("initech", "mary", 7, "info")
    ]
    assert found[0]["message"] == (
        "Mary Lee was a supporter at Globex Inc (globex, covered by Dana Ruiz) and is now here "
        "— ask Dana Ruiz to reconnect and ask Mary Lee for an introduction"
    )
    text = acmap("gaps", *TODAY, cwd=root)
    assert "G503" in text.out and "Mary Lee was a supporter at Globex Inc" in text.out
    github = acmap("gaps", *TODAY, "-f", "github", cwd=root)
    assert "::notice file=maps/initech.yaml,line=7" in github.out


def test_found_by_linkedin_however_the_url_is_written(
    acmap: Acmap, write_map: Callable[[str, str], Path]
) -> None:
    root = _two(
        write_map,
        "  - {id: bob, name: Bob Stone, roles: [champion], status: left,\n"
        "     contact: {linkedin: 'https://www.LinkedIn.com/in/Bob-Stone/'}}\n",
        "  - {id: rob, name: Robert Stone, contact: {linkedin: linkedin.com/in/bob-stone}}\n",
    )
    result = acmap("gaps", *TODAY, "--rule", "champion-moved", "-f", "json", cwd=root)
    found = json.loads(result.out)["findings"]
    assert [(f["account"], f["subject"]) for f in found] == [("initech", "rob")]
    assert found[0]["message"].startswith("Robert Stone was a champion at Globex Inc")


def test_namesakes_with_different_emails_are_two_people(
    acmap: Acmap, write_map: Callable[[str, str], Path]
) -> None:
    root = _two(
        write_map,
        LEFT_BY_EMAIL,
        "  - {id: mary, name: Mary Lee, contact: {email: mary.lee@initech.example}}\n",
    )
    result = acmap("gaps", *TODAY, "--rule", "G503", "-f", "json", cwd=root)
    assert json.loads(result.out)["findings"] == []
    people = json.loads(acmap("people", "Mary", "-f", "json", cwd=root).out)["people"]
    assert [len(p["known_at"]) for p in people] == [1, 1]


def test_severity_override_and_x_acmap_ignore_apply_to_the_cross_map_rule(
    acmap: Acmap, write_map: Callable[[str, str], Path], tmp_path: Path
) -> None:
    here = "  - {id: mary, name: Mary Lee, contact: {email: mary.lee@example.com}}\n"
    root = _two(write_map, LEFT_BY_EMAIL, here)
    (root / "acmap.toml").write_text('[gaps.severity]\n"champion-moved" = "warning"\n')
    found = json.loads(acmap("gaps", *TODAY, "--rule", "G503", "-f", "json", cwd=root).out)
    assert [f["severity"] for f in found["findings"]] == ["warning"]
    write_map("initech.yaml", _map("initech", here, extra="  x-acmap-ignore: [G503]\n"))
    found = json.loads(acmap("gaps", *TODAY, "-f", "json", cwd=root).out)
    assert "G503" not in {f["code"] for f in found["findings"]}


def test_people_lists_movers_first_with_every_place_as_spec_json(
    acmap: Acmap, write_map: Callable[[str, str], Path]
) -> None:
    root = _two(
        write_map,
        LEFT_BY_EMAIL + "  - {id: zed, name: Aaron Zed}\n",
        "  - {id: mary, name: Mary Lee, title: VP Finance, contact: {email: mary.lee@example.com}}\n",
    )
    result = acmap("people", "-f", "json", cwd=root)
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert list(document) == ["people", "version"] and document["version"] == 1
    mary, aaron = document["people"]
    assert mary == {
        "id": "p1",
        "name": "Mary Lee",
        "emails": ["mary.lee@example.com"],
        "known_at": [
            {
                "account": "initech",
                "stakeholder": "mary",
                "title": "VP Finance",
                "status": "active",
                "stance": "unknown",
                "roles": [],
            },
            {
                "account": "globex",
                "stakeholder": "mlee",
                "title": "CFO",
                "status": "left",
                "stance": "supporter",
                "roles": ["economic_buyer"],
            },
        ],
        "moved": True,
    }
    assert (aaron["id"], aaron["moved"]) == ("p2", False)
    # The ids stay the same whatever the query shows.
    only = json.loads(acmap("people", "zed", "-f", "json", cwd=root).out)["people"]
    assert [p["id"] for p in only] == ["p2"]
    text = acmap("people", cwd=root).out
    assert text.startswith("Mary Lee (p1 · mary.lee@example.com · moved)\n")
    assert "2 people across 2 accounts; 1 mover among them" in text


def _seen(account: str, sid: str, name: str, **fields: object) -> Sighting:
    base: dict[str, object] = {
        "account": account,
        "account_name": account,
        "file": f"maps/{account}.yaml",
        "stakeholder": sid,
        "name": name,
        "title": None,
        "status": "active",
        "stance": "unknown",
        "roles": (),
        "email": None,
        "linkedin": None,
        "crm_id": None,
        "moved_to": None,
        "moved_on": None,
        "owner": None,
        "pos": Pos(1, 1),
    }
    base.update(fields)
    return Sighting(**base)  # type: ignore[arg-type]


def test_moved_to_joins_the_person_listed_under_the_same_name_there() -> None:
    left = _seen("globex", "mlee", "Mary Lee", status="left", moved_to="initech")
    there = _seen("initech", "mary", "mary  lee")
    namesake = _seen("umbrella", "m", "Mary Lee")
    groups = join_persons([left, there, namesake])
    assert sorted(len(g) for g in groups) == [1, 2]
    other = _seen("initech", "mary", "Mary Lee", email="x@initech.example")
    assert len(join_persons([left._replace(email="m@globex.example"), other])) == 2


def test_crm_id_joins_and_ids_are_stable() -> None:
    seen = [
        _seen("b", "x", "Zoe", crm_id="003A"),
        _seen("a", "y", "Zoe Q", crm_id="003A"),
        _seen("a", "z", "Abe"),
    ]
    first = [(p.id, p.name) for p in persons(seen)]
    assert first == [(p.id, p.name) for p in persons(list(reversed(seen)))]
    assert len(persons(seen)) == 2


def test_linkedin_urls_normalise() -> None:
    assert linkedin_key("HTTPS://www.linkedin.com/in/Mary-Lee/?trk=x#top") == (
        "linkedin.com/in/mary-lee"
    )
    assert linkedin_key("  ") is None


def test_moved_to_finds_them_by_name_and_says_so_where_they_are_not_listed_yet(
    acmap: Acmap, write_map: Callable[[str, str], Path]
) -> None:
    moved = (
        "  - {id: mlee, name: Mary Lee, roles: [champion], status: left, owner: dana,\n"
        "     moved_to: {account: initech, on: 2026-09-01}}\n"
    )
    root = _two(write_map, moved, "  - {id: mary, name: Mary  Lee, title: CFO}\n")
    found = json.loads(acmap("gaps", *TODAY, "--rule", "G503", "-f", "json", cwd=root).out)
    assert [(f["account"], f["subject"]) for f in found["findings"]] == [("initech", "mary")]
    assert found["findings"][0]["message"].startswith(
        "Mary  Lee was a champion at Globex Inc (globex, covered by Dana Ruiz) and is now here"
    )  # named as this map writes them; matched whatever the spacing and case
    write_map("initech.yaml", _map("initech", "  - {id: someone, name: Some One}\n"))
    found = json.loads(acmap("gaps", *TODAY, "--rule", "G503", "-f", "json", cwd=root).out)
    assert [(f["account"], f["subject"], f["line"]) for f in found["findings"]] == [
        ("initech", None, 3)
    ]
    assert found["findings"][0]["message"].endswith("(not on this map yet: add them)")
    people = json.loads(acmap("people", "-f", "json", cwd=root).out)["people"]
    assert people[0]["name"] == "Mary Lee" and people[0]["moved"] is True


def test_the_crm_id_joins_two_stakeholders(
    acmap: Acmap, write_map: Callable[[str, str], Path]
) -> None:
    root = _two(
        write_map,
        "  - {id: jo, name: Jo Bloggs, stance: advocate, status: left, x-crm-id: 003A}\n",
        "  - {id: joanna, name: Joanna Bloggs, x-crm-id: 003A}\n",
    )
    people = json.loads(acmap("people", "-f", "json", cwd=root).out)["people"]
    assert [[k["stakeholder"] for k in p["known_at"]] for p in people] == [["joanna", "jo"]]
    found = json.loads(acmap("gaps", *TODAY, "--rule", "G503", "-f", "json", cwd=root).out)
    assert [f["subject"] for f in found["findings"]] == ["joanna"]
