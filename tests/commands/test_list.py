"""`acmap list` end to end."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from tests.helpers import Result
from tests.snapshots import assert_snapshot

Acmap = Callable[..., Result]
TODAY = ("--today", "2026-11-22")


def test_table_snapshot(acmap: Acmap) -> None:
    result = acmap("list", *TODAY)
    assert result.code == 0, result.err
    assert_snapshot("list", result.out)
    rows = result.out.splitlines()
    assert rows[0].split() == [
        "ACCOUNT",
        "TIER",
        "OWNER",
        "PEOPLE",
        "ENGAGED",
        "STATUS",
        "SCORE",
        "GAPS",
        "E/W/I",
        "REVIEWED",
    ]
    assert rows[1].startswith("brightwater-foods")  # worst first by default


def test_sort_and_filters(acmap: Acmap) -> None:
    def ids(*args: str) -> list[str]:
        document = json.loads(acmap("list", *TODAY, "-f", "json", *args).out)
        return [a["id"] for a in document["accounts"]]

    assert ids("--sort", "account") == sorted(ids())
    scores = json.loads(acmap("list", *TODAY, "-f", "json", "--sort", "score").out)["accounts"]
    assert [a["score"] for a in scores] == sorted(a["score"] for a in scores)
    assert ids("--sort", "reviewed")[0] == "lumen-robotics"  # reviewed in March
    assert ids("--owner", "dana") == ["brightwater-foods", "lumen-robotics"]
    assert ids("--tier", "strategic") == ["meridian-health"]


def test_usage_errors(acmap: Acmap) -> None:
    result = acmap("list", "--sort", "scroe")
    assert result.code == 2 and "did you mean 'score'?" in result.err
    result = acmap("list", "--owner", "dnaa")
    assert result.code == 2 and "did you mean 'dana'?" in result.err


def test_csv(acmap: Acmap) -> None:
    rows = list(csv.DictReader(io.StringIO(acmap("list", *TODAY, "--format", "csv").out)))
    assert len(rows) == 4
    meridian = next(r for r in rows if r["account"] == "meridian-health")
    assert meridian["status"] == "green"
    assert meridian["reviewed"] == "2026-11-10"
    assert meridian["days_since_review"] == "12"
    assert meridian["errors"] == "0"


def test_invalid_files_are_reported_and_skipped(
    acmap: Acmap, write_map: Callable[[str, str], Path], tmp_path: Path
) -> None:
    write_map("good.yaml", "acmap: 1\naccount: {id: good, name: Good}\n")
    write_map("bad.yaml", "acmap: 1\naccount: {id: bad}\n")
    result = acmap("list", *TODAY, cwd=tmp_path)
    assert result.code == 0
    assert "maps/bad.yaml:2:10: E004 missing-field" in result.out
    assert "good" in result.out and "1 invalid file skipped" in result.out
    csv_run = acmap("list", *TODAY, "-f", "csv", cwd=tmp_path)
    assert "E004" in csv_run.err and "E004" not in csv_run.out


def test_an_empty_portfolio(acmap: Acmap, tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    result = acmap("list", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out.endswith("0 accounts\n")
    assert acmap("gaps", cwd=tmp_path).code == 0
