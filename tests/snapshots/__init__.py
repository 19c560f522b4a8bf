"""Snapshot files for command output: tests/snapshots/<name>.txt.

Regenerate with ACMAP_UPDATE_SNAPSHOTS=1 after an intended change, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

SNAPSHOTS = Path(__file__).resolve().parent


def assert_snapshot(name: str, actual: str) -> None:
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("ACMAP_UPDATE_SNAPSHOTS") or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not os.environ.get("ACMAP_UPDATE_SNAPSHOTS"):
            raise AssertionError(f"{path} did not exist: written, review and commit it")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from {path} (ACMAP_UPDATE_SNAPSHOTS=1 rewrites it)"
