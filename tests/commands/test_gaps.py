"""`acmap gaps` end to end: the real command in a subprocess, on the example maps."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.helpers import FINDING_KEYS, Result
from tests.snapshots import assert_snapshot

Acmap = Callable[..., Result]
TODAY = ("--today", "2026-11-22")


def test_text_report_snapshot(acmap: Acmap) -> None:
    result = acmap("gaps", *TODAY)
    assert result.code == 0, result.err
    assert_snapshot("gaps", result.out)
    assert result.out.startswith("Next actions\n")
    # Accounts worst first: the red account before the green one.
    assert result.out.index("brightwater-foods — ") < result.out.index("meridian-health — ")


def test_text_report_at_80_columns(acmap: Acmap) -> None:
    result = acmap("gaps", *TODAY, env={"COLUMNS": "80"})
    assert max(len(line) for line in result.out.splitlines()) <= 80


WAITING_FOR_DEAL_MAPS = {"G601", "G602", "G603", "G604"}


def test_every_rule_fires_somewhere_in_the_examples_and_the_healthy_map_is_clean(
    acmap: Acmap,
) -> None:
    from acmap.rules import RULES

    document = json.loads(acmap("gaps", *TODAY, "--format", "json").out)
    fired = {f["code"] for f in document["findings"]}
    # The example maps' deals are well qualified (and acmap.toml sets no gates): the G6xx rules
    # are shown firing in tests/rules/test_deals.py and tests/commands/test_qualify.py. G306 has its
    # own stories (tests/rules/test_bridges.py); G503 fires for Greg Hollis, who moved from
    # Brightwater Foods to Lumen Robotics.
    assert set(RULES) - WAITING_FOR_DEAL_MAPS - {"G306"} <= fired
    healthy = [f for f in document["findings"] if f["account"] == "meridian-health"]
    assert {f["severity"] for f in healthy} <= {"info"}


def test_json_is_the_spec_object(acmap: Acmap) -> None:
    result = acmap("gaps", *TODAY, "--format", "json")
    document = json.loads(result.out)
    assert document["version"] == 1
    first = document["findings"][0]
    assert set(first) == FINDING_KEYS
    keys = [(f["file"], f["line"], f["col"], f["code"]) for f in document["findings"]]
    assert keys == sorted(keys)
    summary = document["summary"]
    assert summary["files"] == 4
    assert summary["accounts"][0]["id"] == "brightwater-foods"
    assert {a["status"] for a in summary["accounts"]} == {"red", "amber", "green"}


def test_fail_on(acmap: Acmap) -> None:
    assert acmap("gaps", *TODAY).code == 0  # never, by default
    assert acmap("gaps", *TODAY, "--fail-on", "error").code == 1
    assert acmap("gaps", *TODAY, "meridian-health", "--fail-on", "warning").code == 0
    assert acmap("gaps", *TODAY, "meridian-health", "--fail-on", "info").code == 1


def test_severity_floor(acmap: Acmap) -> None:
    document = json.loads(acmap("gaps", *TODAY, "--severity", "error", "-f", "json").out)
    assert {f["severity"] for f in document["findings"]} == {"error"}


def test_rule_by_code_name_and_family(acmap: Acmap) -> None:
    def codes(*args: str) -> set[str]:
        out = acmap("gaps", *TODAY, "-f", "json", *args).out
        return {f["code"] for f in json.loads(out)["findings"]}

    assert codes("--rule", "G201") == {"G201"}
    assert codes("--rule", "gone-dark", "--rule", "G205") == {"G201", "G205"}
    assert codes("--rule", "G5") == {"G501", "G502", "G503"}


def test_unknown_rule_is_a_usage_error_with_a_suggestion(acmap: Acmap) -> None:
    result = acmap("gaps", "--rule", "gone-drak")
    assert result.code == 2
    assert "did you mean 'gone-dark'?" in result.err
    assert "Traceback" not in result.err


def test_owner_keeps_their_accounts_and_the_people_they_cover(acmap: Acmap) -> None:
    from tests.helpers import EXAMPLE_MAPS

    from acmap.load import load_file

    covered = set()
    for path in EXAMPLE_MAPS.glob("*.yaml"):
        account_map = load_file(path).map
        assert account_map is not None
        covered |= {
            (account_map.account.id, s.id) for s in account_map.stakeholders if s.owner == "grace"
        }
    document = json.loads(acmap("gaps", *TODAY, "-f", "json", "--owner", "grace").out)
    # Grace owns no account, so only findings about people she covers remain.
    found = {(f["account"], f["subject"]) for f in document["findings"]}
    assert found and found <= covered
    priya = json.loads(acmap("gaps", *TODAY, "-f", "json", "--owner", "priya").out)
    assert {f["account"] for f in priya["findings"]} == {"meridian-health"}
    unknown = acmap("gaps", "--owner", "pryia")
    assert unknown.code == 2 and "did you mean 'priya'?" in unknown.err


def test_tier_filter(acmap: Acmap) -> None:
    document = json.loads(acmap("gaps", *TODAY, "-f", "json", "--tier", "growth").out)
    assert {f["account"] for f in document["findings"]} == {"lumen-robotics"}
    assert acmap("gaps", "--tier", "gold").code == 2


def test_markdown(acmap: Acmap) -> None:
    out = acmap("gaps", *TODAY, "--format", "markdown").out
    assert out.startswith("## acmap gaps\n")
    assert "### Next actions" in out
    assert "| severity | rule | where | what to do |" in out
    assert "[maps/brightwater-foods.yaml:115](maps/brightwater-foods.yaml#L115)" in out
    assert_snapshot("gaps-markdown", out)


def test_github(acmap: Acmap) -> None:
    out = acmap("gaps", *TODAY, "meridian-health", env={"GITHUB_ACTIONS": "true"}).out
    assert out.startswith("::notice file=maps/meridian-health.yaml,line=89,col=5,")


def test_an_invalid_file_is_reported_and_skipped(
    acmap: Acmap, write_map: Callable[[str, str], Path], tmp_path: Path
) -> None:
    write_map("good.yaml", "acmap: 1\naccount: {id: good, name: Good}\n")
    write_map("bad.yaml", "acmap: 1\naccount: {id: bad, name: Bad, tier: gold}\n")
    result = acmap("gaps", *TODAY, cwd=tmp_path)
    assert result.code == 0
    assert "maps/bad.yaml:2:37: E005 invalid-value" in result.out
    assert "good — Good" in result.out
    assert "1 invalid file skipped" in result.out
    assert acmap("gaps", *TODAY, "--fail-on", "error", cwd=tmp_path).code == 1


def test_settings_override_severity_and_x_acmap_ignore(
    acmap: Acmap, write_map: Callable[[str, str], Path], tmp_path: Path
) -> None:
    (tmp_path / "acmap.toml").write_text('[gaps.severity]\n"no-goals" = "error"\nG404 = "off"\n')
    write_map("a.yaml", "acmap: 1\naccount: {id: a, name: A}\n")
    write_map("b.yaml", "acmap: 1\naccount: {id: b, name: B, x-acmap-ignore: [G403]}\n")
    document = json.loads(acmap("gaps", *TODAY, "-f", "json", cwd=tmp_path).out)
    by_account = {(f["account"], f["code"]): f["severity"] for f in document["findings"]}
    assert by_account[("a", "G403")] == "error"
    assert ("b", "G403") not in by_account
    assert not any(code == "G404" for _, code in by_account)


def test_a_typo_in_settings_is_a_usage_error(acmap: Acmap, tmp_path: Path) -> None:
    (tmp_path / "acmap.toml").write_text('[gaps.severity]\n"gone-drak" = "off"\n')
    result = acmap("gaps", cwd=tmp_path)
    assert result.code == 2
    assert "did you mean 'gone-dark'?" in result.err


def test_bad_today_and_unknown_id(acmap: Acmap) -> None:
    assert acmap("gaps", "--today", "yesterday").code == 2
    result = acmap("gaps", "meridian")
    assert result.code == 2 and "did you mean 'meridian-health'?" in result.err


def test_help_lists_every_rule(acmap: Acmap) -> None:
    import re

    from acmap.commands.gaps import RULES_HELP
    from acmap.rules import RULES

    listed = dict(re.findall(r"(G\d{3}) ([a-z-]+)", RULES_HELP))
    assert listed == {r.code: r.name for r in RULES.values()}
    assert "G502 buying-group-gap" in acmap("gaps", "--help").out
