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
