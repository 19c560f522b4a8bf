"""Two acmap writers on one map never lose an update: real concurrent processes.

`import` and `fmt` hold the map's advisory lock from the read to the write, and write only when
the file still holds the bytes they read. Every process that says "written" (or "reformatted")
has its change in the final file; a process that cannot write exits non-zero and says so.
Before the lock, two imports started together lost one update in 20 of 20 rounds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import REPO, run_acmap

ROUNDS = 20
AT_ONCE = 4  # rounds run side by side (each on its own map), to keep the test short
CHANGED = "changed while acmap was working; nothing written, run it again"
# Keys out of format order: fmt puts id first; import's round trip keeps the order it finds.
MAP = """\
acmap: 1
account:
  id: acme
  name: Acme Corp
stakeholders:
  - {title: CFO, name: Mary Lee, id: mlee}
"""


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "ACMAP_TODAY")}
    env.update({"NO_COLOR": "1", "COLUMNS": "100", "PYTHONPATH": str(REPO / "src")})
    env.update(extra or {})
    return env


def _start(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "acmap", *args],
        cwd=cwd,
        env=_env(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _round(folder: Path, fmt_too: bool) -> Path:
    (folder / "maps").mkdir(parents=True)
    (folder / "acmap.toml").write_text('maps = "maps"\n', encoding="utf-8")
    (folder / "maps" / "acme.yaml").write_text(MAP, encoding="utf-8")
    (folder / "a.csv").write_text("Name,Title\nPaul Wendt,Controller\n", encoding="utf-8")
    (folder / "b.csv").write_text("Name,Title\nRita Berg,CTO\n", encoding="utf-8")
    return folder


def _check(folder: Path, jobs: list[tuple[str, subprocess.Popen[str]]]) -> int:
    """Assert the outcome of one round; returns how many processes wrote."""
    done = [(what, proc, *proc.communicate(timeout=60)) for what, proc in jobs]
    final = (folder / "maps" / "acme.yaml").read_text(encoding="utf-8")
    wrote = 0
    for what, proc, out, err in done:
        assert "Traceback" not in err and "internal error" not in err, err
        if proc.returncode == 0 and ("written" in out or "reformatted" in out):
            wrote += 1
            if what == "fmt":
                assert "- {id: mlee, name: Mary Lee, title: CFO}" in final, (out, final)
            else:
                assert f"name: {what}" in final, (what, out, final)
        else:
            assert proc.returncode != 0, (what, out, err)
            assert CHANGED in err, (what, out, err)
    return wrote


def _rounds(tmp_path: Path, fmt_too: bool) -> int:
    wrote = 0
    for batch in range(0, ROUNDS, AT_ONCE):
        started = []
        for n in range(batch, batch + AT_ONCE):
            folder = _round(tmp_path / f"round{n}", fmt_too)
            first = (
                ("fmt", _start(folder, "fmt"))
                if fmt_too
                else (
                    "Rita Berg",
                    _start(folder, "import", "b.csv", "-a", "acme"),
                )
            )
            second = ("Paul Wendt", _start(folder, "import", "a.csv", "-a", "acme"))
            started.append((folder, [first, second]))
        for folder, jobs in started:
            wrote += _check(folder, jobs)
    return wrote


def test_two_concurrent_imports_never_lose_an_update(tmp_path: Path) -> None:
    # Both hold the lock in turn: every process writes its person, none is lost.
    assert _rounds(tmp_path, fmt_too=False) == 2 * ROUNDS


def test_fmt_and_import_at_once_never_lose_an_update(tmp_path: Path) -> None:
    assert _rounds(tmp_path, fmt_too=True) == 2 * ROUNDS


def test_a_change_by_another_program_meanwhile_is_never_overwritten(tmp_path: Path) -> None:
    """An editor or `git checkout` ignores acmap's lock: the bytes check at the write catches it."""
    folder = _round(tmp_path / "p", fmt_too=False)
    seam = tmp_path / "seam"
    seam.mkdir()
    proc = _start(
        folder, "import", "a.csv", "-a", "acme", env={"ACMAP_TEST_PAUSE_BEFORE_RENAME": str(seam)}
    )
    deadline = time.monotonic() + 30
    while not (seam / "ready").exists():
        assert time.monotonic() < deadline and proc.poll() is None, proc.communicate()
        time.sleep(0.01)
    edited = MAP.replace("Acme Corp", "Acme Corporation")
    (folder / "maps" / "acme.yaml").write_text(edited, encoding="utf-8")  # not through acmap
    (seam / "go").touch()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2, (out, err)
    assert err == f"acmap: maps/acme.yaml {CHANGED}\n"
    assert "written" not in out
    assert (folder / "maps" / "acme.yaml").read_text(encoding="utf-8") == edited
    assert sorted(p.name for p in (folder / "maps").iterdir()) == ["acme.yaml"]
    # run again, as the message says: it goes through on the edited file
    again = run_acmap("import", "a.csv", "-a", "acme", cwd=folder)
    assert again.code == 0, again.err
    assert "Acme Corporation" in (folder / "maps" / "acme.yaml").read_text(encoding="utf-8")
