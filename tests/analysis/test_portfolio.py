"""The portfolio pipelines on the example maps: what they decide, before any reporter formats."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from acmap.analysis.partners import partner_overlap
from acmap.analysis.policy import load_settings
from acmap.analysis.portfolio import check_files, find_gaps, portfolio_rows
from acmap.analysis.priority import by_importance, worst_first
from acmap.load.selection import SelectionError
from acmap.settings import Settings
from tests.helpers import REPO, write_map_file

TODAY = date(2026, 11, 22)


@pytest.fixture
def examples() -> Settings:
    return load_settings(REPO)


def test_gaps_result_is_ordered_for_the_reader(examples: Settings) -> None:
    result = find_gaps([], examples, TODAY)
    assert result.files == result.valid == len(result.reports) == 4
    assert [r.id for r in result.reports] == [r.id for r in worst_first(result.reports)]
    for report in result.reports:
        assert report.findings == by_importance(report.findings)
    # Each next action is a gap of its own account's report, or (code None) a planned action.
    assert result.actions
    for action in result.actions:
        assert action.code is None or action.code in {f.code for f in action.report.findings}
    assert sum(result.counts.values()) == len(result.shown)
    assert sum(result.statuses.values()) == 4


def test_gaps_filters(examples: Settings) -> None:
    warnings = find_gaps([], examples, TODAY, floor="warning", tiers=["strategic", "key"])
    assert {r.tier for r in warnings.reports} <= {"strategic", "key"}
    assert all(f.severity != "info" for f in warnings.shown)
    only = find_gaps([], examples, TODAY, only={"G201"})
    assert {f.code for f in only.shown} <= {"G201"}


def test_an_unknown_owner_is_a_selection_error_with_a_hint(examples: Settings) -> None:
    with pytest.raises(SelectionError, match=r"--owner 'dnaa'.*did you mean 'dana'\?"):
        find_gaps([], examples, TODAY, owner="dnaa")
    with pytest.raises(SelectionError, match=r"no account in the selection has this owner"):
        portfolio_rows([], examples, TODAY, owner="dnaa")


def test_portfolio_rows_sorted_and_filtered(examples: Settings) -> None:
    result = portfolio_rows([], examples, TODAY, sort="score")
    scores = [r.score.total for r in result.reports]
    assert scores == sorted(scores)
    dana = portfolio_rows([], examples, TODAY, owner="dana", sort="account")
    assert [r.id for r in dana.reports] == ["brightwater-foods", "lumen-robotics"]


def test_check_files_keeps_the_invalid_and_the_unreadable(tmp_path: Path) -> None:
    write_map_file(tmp_path, "good.yaml", "acmap: 1\naccount: {id: good, name: Good}\n")
    write_map_file(tmp_path, "bad.yaml", "acmap: 1\naccount: {id: bad}\n")
    config = load_settings(tmp_path)
    result = check_files(["good", "bad", "nowhere.yaml"], config, use_cache=False)
    assert (result.files, result.valid) == (2, 1)
    assert result.counts["error"] == 1 and result.findings[0].code == "E004"
    assert result.unreadable == ["nowhere.yaml: no such file or folder"]
    listed = portfolio_rows([], config, TODAY)
    assert [r.id for r in listed.reports] == ["good"] and listed.skipped == 1


def test_partner_overlap_and_an_unknown_partner(examples: Settings) -> None:
    result = partner_overlap([], examples, TODAY)
    assert result.accounts == 4 and result.partners
    first = result.partners[0].id
    assert [s.id for s in partner_overlap([], examples, TODAY, partner=first).partners] == [first]
    with pytest.raises(SelectionError, match="no such partner in the selected maps"):
        partner_overlap([], examples, TODAY, partner=first + "x")
