"""Fixtures for every test; the helpers themselves live in tests/helpers.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from tests.helpers import Result, run_acmap, write_map_file

if TYPE_CHECKING:
    from tests.mermaid_check import MermaidCheck

# CI (and a plain `pytest`) runs the property and fuzz tests with a fixed seed and a bounded
# number of examples; `pytest --hypothesis-profile=thorough` explores far more, locally.
settings.register_profile("ci", max_examples=60, derandomize=True, print_blob=True)
settings.register_profile("thorough", max_examples=2000, derandomize=False)
settings.load_profile("ci")


@pytest.fixture
def acmap() -> Callable[..., Result]:
    return run_acmap


@pytest.fixture
def write_map(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write `maps/<name>` under a temp project and return its path."""
    return lambda name, source: write_map_file(tmp_path, name, source)


@pytest.fixture(scope="session")
def mermaid_check() -> Iterator[MermaidCheck]:
    """One headless Chromium with Mermaid loaded for the whole session (tests/mermaid_check.py),
    always quit. Skipped where chromium, its driver or mermaid is missing, except under CI, which
    installs them (scripts/setup.sh): there the test fails instead of passing by skipping."""
    from tests.mermaid_check import MermaidCheck, ci, missing

    if (reason := missing()) is not None:
        if ci():
            pytest.fail(f"the Mermaid check cannot run in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    check = MermaidCheck()
    try:
        yield check
    finally:
        check.close()
