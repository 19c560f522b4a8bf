"""Fixtures for every test; the helpers themselves live in tests/helpers.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import Result, run_acmap, write_map_file


@pytest.fixture
def acmap() -> Callable[..., Result]:
    return run_acmap


@pytest.fixture
def write_map(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write `maps/<name>` under a temp project and return its path."""
    return lambda name, source: write_map_file(tmp_path, name, source)
