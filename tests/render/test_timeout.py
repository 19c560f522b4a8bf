"""`dot` runs under a timeout: a huge account with a tiny --timeout stops with a clear message."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
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


def _gone(pid: int) -> bool:
    """The process has ended (a zombie waiting for init to reap it counts as ended)."""
    if Path("/proc/self/stat").exists():  # Linux: a zombie still answers kill(pid, 0)
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        return state in ("Z", "X")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def _wrapper_dot(root: Path, background: str) -> tuple[dict[str, str], Path]:
    """A `dot` that starts a long `sleep` child, writes its pid to a file and waits for it."""
    folder = root / "bin"
    folder.mkdir()
    pid_file = root / "child.pid"
    dot = folder / "dot"
    dot.write_text(f"#!/bin/sh\n{background} &\necho $! > '{pid_file}'\nwait\n", encoding="utf-8")
    dot.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"}, pid_file


@pytest.mark.skipif(os.name != "posix", reason="process groups are POSIX")
@pytest.mark.parametrize(
    "background",
    [
        "sleep 30 </dev/null >/dev/null 2>&1",  # the child lets go of dot's pipes
        "sleep 30",  # the child holds dot's stdout and stderr open
    ],
)
def test_a_wrappers_child_does_not_outlive_the_timeout(tmp_path: Path, background: str) -> None:
    env, pid_file = _wrapper_dot(tmp_path, background)
    started = time.monotonic()
    result = run_acmap(
        "render", "halcyon-bank", "-o", str(tmp_path / "h.svg"), "--timeout", "1", env=env,
        timeout=20,
    )  # fmt: skip
    assert result.code == 2, result.err
    assert "did not finish within 1 s" in result.err
    assert time.monotonic() - started < 15
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 3
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(pid), f"dot's child {pid} outlived the time-out"
