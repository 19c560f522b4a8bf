"""`dot` runs under a timeout: a huge account with a tiny --timeout stops with a clear message."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, run_acmap


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
def test_dot_is_stopped_at_the_timeout(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "generate.py"),
            str(tmp_path),
            "--single",
            "500",
        ],
        check=True,
        capture_output=True,
    )
    account = next((tmp_path / "maps").glob("*.yaml"))
    out = tmp_path / "big.svg"
    result = run_acmap("render", str(account), "-o", str(out), "--timeout", "0.001", cwd=tmp_path)
    assert result.code == 2
    assert "did not finish within 0.001 s" in result.err
    assert "--timeout" in result.err
    assert "Traceback" not in result.err
    assert not out.exists()
