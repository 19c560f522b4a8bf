"""How many worker processes load the maps: one per core, two per core for work that waits on a
program of its own (the site's `dot`), ACMAP_JOBS when set, one for a few files."""

from __future__ import annotations

import os

import pytest

from acmap.load.selection import PARALLEL_FROM, jobs_wanted


def test_one_worker_per_core_and_two_for_work_that_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ACMAP_JOBS", raising=False)
    cores = len(os.sched_getaffinity(0))
    assert jobs_wanted(PARALLEL_FROM) == min(cores, 8)
    assert jobs_wanted(PARALLEL_FROM, per_core=2) == min(2 * cores, 8)
    assert jobs_wanted(PARALLEL_FROM - 1, per_core=2) == 1  # a second process costs more


def test_acmap_jobs_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACMAP_JOBS", "3")
    assert jobs_wanted(10_000, per_core=2) == 3
    assert jobs_wanted(1) == 3
