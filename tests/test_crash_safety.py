"""A write killed between the temp file and the rename leaves every original intact.

ACMAP_TEST_FAIL_BEFORE_RENAME makes atomic.py fail at exactly that point, after the new content
is complete on disk: the worst moment for a crash. (fmt has the same test in test_fmt.py.)
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_acmap, write_map_file

CRASH = {"ACMAP_TEST_FAIL_BEFORE_RENAME": "1"}
MAP = """\
# Acme: comments must survive
acmap: 1
account:
  id: acme
  name: Acme Corp
  team: [{id: dana, name: Dana Ruiz}]
stakeholders:
  - {id: mlee, name: Mary Lee, title: CFO}  # the CFO
"""
CSV = "First Name,Last Name,Title,Email\nPaul,Wendt,Controller,paul@acme.example\n"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_import_crash_keeps_the_map(tmp_path: Path) -> None:
    path = write_map_file(tmp_path, "acme.yaml", MAP)
    (tmp_path / "contacts.csv").write_text(CSV)
    result = run_acmap("import", "contacts.csv", "--account", "acme", cwd=tmp_path, env=CRASH)
    assert result.code != 0
    assert "Traceback" not in result.err
    assert "simulated crash" in result.err
    assert path.read_text() == MAP
    assert leftovers(path.parent) == []
    # and without the crash the same import goes through
    assert run_acmap("import", "contacts.csv", "--account", "acme", cwd=tmp_path).code == 0
    assert "Paul Wendt" in path.read_text() and "# the CFO" in path.read_text()


def test_new_crash_leaves_no_half_map(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    result = run_acmap("new", "globex", "--name", "Globex", cwd=tmp_path, env=CRASH)
    assert result.code != 0
    assert "Traceback" not in result.err
    assert "simulated crash" in result.err
    assert list((tmp_path / "maps").iterdir()) == []


def test_export_crash_keeps_the_previous_export(tmp_path: Path) -> None:
    write_map_file(tmp_path, "acme.yaml", MAP)
    target = tmp_path / "out.csv"
    target.write_text("previous export\n")
    result = run_acmap("export", "-o", "out.csv", "--force", cwd=tmp_path, env=CRASH)
    assert result.code != 0
    assert "simulated crash" in result.err
    assert target.read_text() == "previous export\n"
    assert leftovers(tmp_path) == []


def _killed_mid_write(folder: Path, *args: str) -> int:
    """Run acmap until its temp file is complete, SIGKILL it before the rename; its pid."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.helpers import REPO

    seam = folder.parent / f"seam-{folder.name}"
    seam.mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "NO_COLOR": "1"}
    env["ACMAP_TEST_PAUSE_BEFORE_RENAME"] = str(seam)
    proc = subprocess.Popen(
        [sys.executable, "-m", "acmap", *args],
        cwd=folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while not (seam / "ready").exists():
        assert proc.poll() is None and time.monotonic() < deadline, "never reached the rename"
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return proc.pid


def test_a_killed_write_leaves_a_named_temp_file_that_the_next_write_removes(
    tmp_path: Path,
) -> None:
    path = write_map_file(tmp_path, "acme.yaml", MAP)
    (tmp_path / "contacts.csv").write_text(CSV)
    pid = _killed_mid_write(tmp_path, "import", "contacts.csv", "--account", "acme")
    assert path.read_text() == MAP  # the original, whole
    assert leftovers(path.parent) == [f".acme.yaml.acmap-{pid}.tmp"]  # recognisably acmap's
    # A temp file of a process that is alive (this one) is another writer's: never touched.
    import os

    live = path.parent / f".other.yaml.acmap-{os.getpid()}.tmp"
    live.write_text("someone else's write in progress")
    result = run_acmap("import", "contacts.csv", "--account", "acme", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "Paul Wendt" in path.read_text()
    assert leftovers(path.parent) == [live.name]


def test_a_killed_fmt_leaves_nothing_the_next_fmt_does_not_clean(tmp_path: Path) -> None:
    path = write_map_file(
        tmp_path, "acme.yaml", MAP.replace("{id: mlee, name: Mary Lee", "{name: Mary Lee, id: mlee")
    )
    before = path.read_text()
    _killed_mid_write(tmp_path, "fmt")
    assert path.read_text() == before and len(leftovers(path.parent)) == 1
    assert run_acmap("fmt", cwd=tmp_path).code == 0
    assert leftovers(path.parent) == []
    assert "{id: mlee, name: Mary Lee" in path.read_text()
