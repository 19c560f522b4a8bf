"""`acmap whatif`: the same as editing a copy of the map and running `gaps` on it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers import EXAMPLE_MAPS, Result

Acmap = Callable[..., Result]
TODAY = ("--today", "2026-11-22")

MAP = """\
acmap: 1
account:
  id: globex
  name: Globex
  tier: key
  team: [{id: dana, name: Dana Ruiz}, {id: omar, name: Omar Haddad}]
  goals: [Cut cost]
  reviewed: 2026-11-01
stakeholders:
  - {id: naomi, name: Naomi Park, stance: supporter, roles: [champion], owner: dana, last_contact: 2026-11-10}
  - {id: mlee, name: Mary Lee, title: CFO, roles: [economic_buyer], stance: neutral, last_contact: 2026-11-01}
  - {id: jkim, name: Jin Kim, reports_to: mlee, stance: unknown}
links:
  - {from: naomi, to: mlee, type: influences, strength: strong}
"""


def _findings(document: dict[str, list[dict[str, object]]]) -> set[tuple[object, ...]]:
    """Gaps as `acmap diff` matches them: by rule and subject (not by the numbers in a message)."""
    return {(f["code"], f["subject"]) for f in document["findings"]}


def _gaps(acmap: Acmap, root: Path) -> tuple[set[tuple[object, ...]], tuple[str, int]]:
    gaps = json.loads(acmap("gaps", *TODAY, "-f", "json", cwd=root).out)
    account = gaps["summary"]["accounts"][0]
    return _findings(gaps), (account["status"], account["score"])


@pytest.mark.parametrize(
    ("args", "edit"),
    [
        (
            ["--set", "mlee.stance=supporter"],
            (
                "stance: neutral, last_contact: 2026-11-01",
                "stance: supporter, last_contact: 2026-11-01",
            ),
        ),
        (
            ["--set", "naomi.status=left", "--set", "naomi.owner="],
            (
                "stance: supporter, roles: [champion], owner: dana,",
                "stance: supporter, roles: [champion], status: left,",
            ),
        ),
        (
            [
                "--set",
                "jkim.roles=decision_maker,champion",
                "--set",
                "jkim.last_contact=2026-11-20",
            ],
            (
                "reports_to: mlee, stance: unknown}",
                "reports_to: mlee, stance: unknown, roles: [decision_maker, champion], last_contact: 2026-11-20}",
            ),
        ),
    ],
)
def test_whatif_equals_editing_a_copy_and_running_gaps(
    acmap: Acmap, tmp_path: Path, args: list[str], edit: tuple[str, str]
) -> None:
    before = tmp_path / "before"
    after = tmp_path / "after"
    for root, text in ((before, MAP), (after, MAP.replace(*edit))):
        (root / "maps").mkdir(parents=True)
        (root / "maps" / "globex.yaml").write_text(text)
    assert MAP.replace(*edit) != MAP
    result = acmap("whatif", "globex", *args, *TODAY, "-f", "json", cwd=before)
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert sorted(document) == ["account", "after", "before", "closed", "opened", "version"]
    old, old_standing = _gaps(acmap, before)
    new, new_standing = _gaps(acmap, after)
    assert (document["before"]["status"], document["before"]["score"]) == old_standing
    assert (document["after"]["status"], document["after"]["score"]) == new_standing
    assert _findings({"findings": document["opened"]}) == new - old
    assert _findings({"findings": document["closed"]}) == old - new
    assert (before / "maps" / "globex.yaml").read_text() == MAP  # nothing written


def test_losing_the_bridge_names_the_warm_path_lost(acmap: Acmap, tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "globex.yaml").write_text(MAP)
    result = acmap("whatif", "globex", "--remove", "naomi", *TODAY, cwd=tmp_path)
    assert result.code == 0, result.err
    assert "What if, at globex (nothing written):" in result.out
    assert "warm paths lost: no warm path reaches Mary Lee any more" in result.out
    assert "gaps closed:" in result.out
    # Removing the economic buyer herself loses a person, not a path: that shows as gaps.
    gone = acmap("whatif", "globex", "--remove", "mlee", *TODAY, cwd=tmp_path)
    assert "warm paths lost: none" in gone.out
    assert "G101" in gone.out


def test_bad_person_field_or_value_exit_2_with_did_you_mean(acmap: Acmap, tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "globex.yaml").write_text(MAP)
    for args, hint in (
        (["--set", "mle.stance=blocker"], "did you mean mlee (Mary Lee)?"),
        (["--set", "mlee.stanse=blocker"], "did you mean 'stance'?"),
        (["--set", "mlee.stance=blockr"], "did you mean 'blocker'?"),
        (["--set", "mlee.roles=economic_buyr"], "did you mean 'economic_buyer'?"),
        (["--set", "mlee.owner=dan"], "did you mean 'dana'?"),
        (["--set", "mlee.last_contact=yesterday"], "not a date"),
        (["--set", "mlee"], "expected PERSON.FIELD=VALUE"),
        ([], "nothing to try"),
    ):
        result = acmap("whatif", "globex", *args, cwd=tmp_path)
        assert result.code == 2, (args, result.err)
        assert hint in result.err and "Traceback" not in result.err


def test_on_an_example_map(acmap: Acmap, tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE_MAPS, tmp_path / "maps")
    result = acmap("whatif", "halcyon-bank", "--set", "cfo.stance=blocker", *TODAY, cwd=tmp_path)
    assert result.code == 0, result.err
    assert "status amber → " in result.out


def test_an_edit_that_breaks_the_map_shows_the_finding_and_exits_2(
    acmap: Acmap, tmp_path: Path
) -> None:
    (tmp_path / "maps").mkdir()
    gone = "  - {id: old, name: Old Friend, status: left, moved_to: {account: initech}}\n"
    (tmp_path / "maps" / "globex.yaml").write_text(MAP.replace("links:\n", gone + "links:\n"))
    result = acmap("whatif", "globex", "--set", "old.status=active", cwd=tmp_path)
    assert result.code == 2
    assert "with those edits the map is not valid" in result.err
    assert "maps/globex.yaml:13:" in result.err and "moved_to" in result.err
    assert "Traceback" not in result.err


def test_a_gap_whose_numbers_change_is_neither_opened_nor_closed(
    acmap: Acmap, tmp_path: Path
) -> None:
    (tmp_path / "maps").mkdir()
    dark = MAP.replace(
        "stance: neutral, last_contact: 2026-11-01", "stance: neutral, last_contact: 2026-07-01"
    )
    assert dark != MAP
    (tmp_path / "maps" / "globex.yaml").write_text(dark)
    gone_dark = acmap("gaps", *TODAY, "-f", "json", "--rule", "G201", cwd=tmp_path)
    assert "G201" in gone_dark.out  # Mary Lee has gone dark…
    result = acmap(
        "whatif", "globex", "--set", "mlee.last_contact=2026-06-01", *TODAY, "-f", "json",
        cwd=tmp_path,
    )  # fmt: skip
    document = json.loads(result.out)
    # … and stays gone dark, for longer: the message's day count changes, the gap does not.
    assert "G201" not in {f["code"] for f in document["opened"] + document["closed"]}
