"""`acmap show ID` end to end."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers import Result
from tests.snapshots import assert_snapshot

Acmap = Callable[..., Result]
TODAY = ("--today", "2026-11-22")


@pytest.mark.parametrize("account", ["brightwater-foods", "meridian-health"])
def test_snapshot_at_80_columns(acmap: Acmap, account: str) -> None:
    result = acmap("show", account, *TODAY, env={"COLUMNS": "80"})
    assert result.code == 0, result.err
    assert_snapshot(f"show-{account}", result.out)
    assert max(len(line) for line in result.out.splitlines()) <= 80


def test_snapshot_at_100_columns(acmap: Acmap) -> None:
    result = acmap("show", "lumen-robotics", *TODAY)
    assert_snapshot("show-lumen-robotics", result.out)


def test_what_show_tells_a_rep(acmap: Acmap) -> None:
    out = acmap("show", "brightwater-foods", *TODAY).out
    assert "RED" in out
    assert "Greg Hollis — VP Supply Chain (left)" in out
    assert "gone dark, 130 days ago" in out  # Karen Wu, champion
    assert "never contacted" in out
    assert "engaged, 12 days ago" in out  # Jorge Castillo
    for section in ("Links", "Partners", "Goals", "Opportunities", "Gaps (25)"):
        assert f"\n{section}\n" in out


def test_a_path_works_too(acmap: Acmap) -> None:
    assert acmap("show", "maps/meridian-health.yaml", *TODAY).code == 0


def test_unknown_id_suggests_the_closest(acmap: Acmap) -> None:
    result = acmap("show", "halcyon")
    assert result.code == 2
    assert "did you mean 'halcyon-bank'?" in result.err
    assert result.out == ""


def test_an_invalid_map_is_reported_not_shown(
    acmap: Acmap, write_map: Callable[[str, str], Path], tmp_path: Path
) -> None:
    write_map("bad.yaml", "acmap: 1\naccount: {id: bad, name: Bad, tier: gold}\n")
    result = acmap("show", "bad", cwd=tmp_path)
    assert result.code == 1
    assert "E005" in result.out
    assert "Traceback" not in result.err


def test_a_4_mb_name_shows_in_linear_time(tmp_path: Path) -> None:
    """Wrapping was quadratic (a 4 MB name took 212 s): show stays within 2x validate."""
    import time

    from tests.helpers import EXAMPLE_MAPS, run_acmap

    source = (EXAMPLE_MAPS / "lumen-robotics.yaml").read_text(encoding="utf-8")
    big = ("Lumen Robotics " * (4_000_000 // 15)).strip()
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "lumen-robotics.yaml").write_text(
        source.replace("name: Lumen Robotics", f'name: "{big}"', 1), encoding="utf-8"
    )
    took = {}
    for command in ("validate", "show"):
        start = time.perf_counter()
        result = run_acmap(command, "maps/lumen-robotics.yaml", *TODAY, cwd=tmp_path)
        took[command] = time.perf_counter() - start
        assert result.code in (0, 1), result.err
    assert "Lumen Robotics Lumen" in result.out
    assert max(len(line) for line in result.out.splitlines()) <= 100
    assert took["show"] <= 2 * took["validate"] + 1, took
