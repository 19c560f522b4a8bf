"""`acmap path ID FROM TO` end to end, on the example maps and on small purpose-made maps."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.helpers import Result

Acmap = Callable[..., Result]
TODAY = ("--today", "2026-11-22")

SMALL = """\
acmap: 1
account:
  id: acme
  name: Acme Corp
  team:
    - {id: dana, name: Dana Ruiz}
stakeholders:
  - {id: ines, name: Ines Roth, owner: dana, last_contact: 2026-11-01}
  - {id: paul, name: Paul Wendt, reports_to: mark}
  - {id: mark, name: Mark Otto}
  - {id: zed, name: Zed Vale}
links:
  - {from: ines, to: paul, type: influences, strength: strong}
  - {from: zed, to: mark, type: conflicts, strength: strong}
partners:
  - {id: northwind, name: Northwind Consulting, knows: [{stakeholder: paul, strength: medium}]}
"""


def test_a_path_in_words(acmap: Acmap, write_map: Callable[[str, str], Path]) -> None:
    root = write_map("acme.yaml", SMALL).parent.parent
    result = acmap("path", "acme", "ines", "mark", *TODAY, cwd=root)
    assert result.code == 0, result.err
    assert "1. Ines Roth —influences (strong)→ Paul Wendt —reports to→ Mark Otto" in result.out
    assert "2 hops, cost 3" in result.out


def test_a_path_through_a_conflict_is_refused(
    acmap: Acmap, write_map: Callable[[str, str], Path]
) -> None:
    root = write_map("acme.yaml", SMALL).parent.parent
    result = acmap("path", "acme", "zed", "mark", *TODAY, cwd=root)
    assert result.code == 1
    said = " ".join(result.out.split())
    assert said.startswith("No path from Zed Vale to Mark Otto at Acme Corp")
    assert "conflicts never carry a path" in said


def test_a_team_member_as_from(acmap: Acmap, write_map: Callable[[str, str], Path]) -> None:
    root = write_map("acme.yaml", SMALL).parent.parent
    result = acmap("path", "acme", "dana", "mark", *TODAY, cwd=root)
    assert result.code == 0, result.err
    assert "Dana Ruiz —covers→ Ines Roth —influences (strong)→ Paul Wendt" in result.out


def test_a_partner_as_from(acmap: Acmap, write_map: Callable[[str, str], Path]) -> None:
    root = write_map("acme.yaml", SMALL).parent.parent
    result = acmap("path", "acme", "northwind", "mark", *TODAY, cwd=root)
    assert "Northwind Consulting —knows (medium)→ Paul Wendt —reports to→ Mark Otto" in result.out


def test_unknown_ids_exit_2_with_did_you_mean(
    acmap: Acmap, write_map: Callable[[str, str], Path]
) -> None:
    root = write_map("acme.yaml", SMALL).parent.parent
    result = acmap("path", "acme", "paul", "marc", cwd=root)
    assert result.code == 2
    assert (
        result.err == "acmap: no stakeholder 'marc' at Acme Corp (did you mean mark (Mark Otto)?)\n"
    )
    result = acmap("path", "acme", "wendt", "mark", cwd=root)
    assert result.code == 2
    assert "did you mean paul (Paul Wendt)?" in result.err
    result = acmap("path", "acmee", "paul", "mark", cwd=root)
    assert result.code == 2
    assert "did you mean 'acme'?" in result.err
    assert "Traceback" not in result.err


def test_same_person_and_bad_top_are_usage_errors(
    acmap: Acmap, write_map: Callable[[str, str], Path]
) -> None:
    root = write_map("acme.yaml", SMALL).parent.parent
    assert acmap("path", "acme", "paul", "paul", cwd=root).code == 2
    assert acmap("path", "acme", "paul", "mark", "--top", "0", cwd=root).code == 2


def test_top_and_json_on_the_example_map(acmap: Acmap) -> None:
    result = acmap("path", "lumen-robotics", "dana", "vp-eng", "--top", "2", "-f", "json", *TODAY)
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["from"] == {"id": "dana", "kind": "team_member", "name": "Dana Ruiz"}
    assert len(document["paths"]) == 2
    costs = [p["cost"] for p in document["paths"]]
    assert costs == sorted(costs)
    first = document["paths"][0]
    assert first["hops"][0]["relation"] == "covers"
    assert first["hops"][-1]["to"] == "vp-eng"


def test_lumen_field_ops_cannot_reach_the_founders(acmap: Acmap) -> None:
    # The story of the example map: Naomi is a fan, but nobody connects her to the CEO.
    result = acmap("path", "lumen-robotics", "cs-reliability", "ceo", *TODAY)
    assert result.code == 1
    assert "No path from Naomi Fletcher to Aditya Raman" in result.out
    partner = acmap("path", "lumen-robotics", "stratus-cloud", "ceo", *TODAY)
    assert partner.code == 0
    assert "1. Stratus Cloud —knows (strong)→ Johanna Lindberg" in partner.out


LEFT = SMALL.replace("{id: ines, name: Ines Roth,", "{id: ines, name: Ines Roth, status: left,")


def test_someone_who_left_reads_like_any_other_no_path(
    acmap: Acmap, write_map: Callable[[str, str], Path]
) -> None:
    root = write_map("acme.yaml", LEFT).parent.parent
    result = acmap("path", "acme", "ines", "mark", *TODAY, cwd=root)
    assert result.code == 1
    assert result.out == "No path from Ines Roth to Mark Otto at Acme Corp: Ines Roth has left\n"
    result = acmap("path", "acme", "mark", "ines", *TODAY, cwd=root)
    assert result.code == 1
    assert result.out == "No path from Mark Otto to Ines Roth at Acme Corp: Ines Roth has left\n"


def test_json_says_why_there_is_no_path(
    acmap: Acmap, write_map: Callable[[str, str], Path]
) -> None:
    root = write_map("acme.yaml", LEFT).parent.parent
    result = acmap("path", "acme", "ines", "mark", "-f", "json", *TODAY, cwd=root)
    assert result.code == 1
    document = json.loads(result.out)
    assert document["from"] == {"id": "ines", "kind": "stakeholder", "name": "Ines Roth"}
    assert document["paths"] == []
    assert document["reason"] == "Ines Roth has left"


def test_an_unknown_to_is_a_usage_error_even_from_someone_who_left(
    acmap: Acmap, write_map: Callable[[str, str], Path]
) -> None:
    root = write_map("acme.yaml", LEFT).parent.parent
    result = acmap("path", "acme", "ines", "marc", *TODAY, cwd=root)
    assert result.code == 2
    assert "no stakeholder 'marc' at Acme Corp (did you mean mark (Mark Otto)?)" in result.err


def test_paths_wrap_to_the_terminal_with_a_hanging_indent(acmap: Acmap) -> None:
    result = acmap("path", "lumen-robotics", "dana", "vp-eng", *TODAY, env={"COLUMNS": "60"})
    assert result.code == 0, result.err
    lines = result.out.splitlines()[2:]  # below the title
    assert all(len(line) <= 60 for line in lines)
    first = next(i for i, line in enumerate(lines) if line.startswith("1. "))
    assert lines[first + 1].startswith("   ") and not lines[first + 1].startswith("    ")
