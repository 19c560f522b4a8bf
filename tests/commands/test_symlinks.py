"""Every command that reads or writes a map refuses a symlink to a file outside the project the
same way: portfolio commands report E011 for it, single-file commands exit 2 naming it, nothing
of the outside file is ever printed, and no command replaces the symlink.

A pull request can add `maps/evil.yaml -> ~/.aws/credentials`; a CI job that printed a key of it
(as `show` and `fmt --diff` once did) would leak the secret into a public log.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.helpers import EXAMPLE_MAPS, git, run_acmap

SECRET = "SECRET-7f3a91"
OUTSIDE_MAP = f"""\
acmap: 1
account: {{id: evil, name: "{SECRET} Corp"}}
stakeholders:
  - {{id: alice, name: Alice {SECRET}, title: CEO}}
  - {{id: bob, name: "Bob", title: 'CFO', reports_to: alice}}
"""
REFUSAL = "acmap: maps/evil.yaml: symlink to a file outside the project is not followed"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A git project with one real example map, and maps/evil.yaml linked to a secret outside."""
    root = tmp_path / "project"
    (root / "maps").mkdir(parents=True)
    git(root, "init", "-q")
    (root / "acmap.toml").write_text('maps = "maps"\ntoday = "2026-11-22"\n', encoding="utf-8")
    shutil.copy(EXAMPLE_MAPS / "brightwater-foods.yaml", root / "maps")
    (root / "contacts.csv").write_text("Name,Title\nNora Quist,CIO\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "one map")
    outside = tmp_path / "elsewhere" / f"{SECRET}.yaml"
    outside.parent.mkdir()
    outside.write_text(OUTSIDE_MAP, encoding="utf-8")
    (root / "maps" / "evil.yaml").symlink_to(outside)
    return root


def _outside(project: Path) -> Path:
    return project.parent / "elsewhere" / f"{SECRET}.yaml"


def _assert_untouched(project: Path, out: str, err: str) -> None:
    assert SECRET not in out and SECRET not in err, (out, err)
    assert "elsewhere" not in out and "elsewhere" not in err, (out, err)
    assert "internal error" not in err and "Traceback" not in err, err
    link = project / "maps" / "evil.yaml"
    assert link.is_symlink() and link.resolve() == _outside(project)
    assert _outside(project).read_text(encoding="utf-8") == OUTSIDE_MAP


# Portfolio commands: the file is a finding (E011), the rest of the portfolio is worked on.
PRINTING_FINDINGS = [
    ("validate",),
    ("gaps",),
    ("list",),
    ("render", "evil", "-f", "dot"),
    ("render", "maps/evil.yaml", "-f", "dot"),
    ("diff",),  # the work tree: maps/evil.yaml is an untracked, added map
]


@pytest.mark.parametrize("args", PRINTING_FINDINGS, ids=" ".join)
def test_portfolio_commands_report_e011(project: Path, args: tuple[str, ...]) -> None:
    result = run_acmap(*args, cwd=project)

    assert "maps/evil.yaml:1:1: E011" in result.out + result.err
    assert "symlink to a file outside the project is not followed" in result.out + result.err
    _assert_untouched(project, result.out, result.err)


# Commands whose output has no room for findings say a file with errors was left out.
@pytest.mark.parametrize(
    "args", [("partners",), ("export",), ("export", "-f", "json")], ids=" ".join
)
def test_commands_without_room_for_findings_leave_it_out(
    project: Path, args: tuple[str, ...]
) -> None:
    result = run_acmap(*args, cwd=project)

    assert result.code == 0, result.err
    assert "1 map file with errors left out" in result.err
    assert "brightwater-foods" in result.out  # the rest of the portfolio is there
    assert "evil" not in result.out
    _assert_untouched(project, result.out, result.err)


SINGLE_FILE = [
    ("show", "evil"),
    ("show", "maps/evil.yaml"),
    ("path", "evil", "alice", "bob"),
    ("import", "contacts.csv", "--account", "evil"),
    ("import", "contacts.csv", "--account", "maps/evil.yaml", "--dry-run"),
]


@pytest.mark.parametrize("args", SINGLE_FILE, ids=" ".join)
def test_single_file_commands_exit_2_naming_the_link(project: Path, args: tuple[str, ...]) -> None:
    result = run_acmap(*args, cwd=project)

    assert result.code == 2
    assert result.err.startswith(REFUSAL), result.err
    assert result.out == ""
    _assert_untouched(project, result.out, result.err)


FMT = [
    ("fmt",),
    ("fmt", "maps/evil.yaml"),
    ("fmt", "--diff"),
    ("fmt", "--check"),
    ("fmt", "--diff", "maps/evil.yaml"),
]


@pytest.mark.parametrize("args", FMT, ids=" ".join)
def test_fmt_refuses_it_and_leaves_the_link_a_link(project: Path, args: tuple[str, ...]) -> None:
    result = run_acmap(*args, cwd=project)

    assert result.code == 2
    assert REFUSAL in result.err and "not formatted" in result.err
    assert "would reformat maps/evil.yaml" not in result.out
    _assert_untouched(project, result.out, result.err)


# --- a symlink inside the project is read, and written through -------------------------------

MESSY = """\
acmap: 1
account:
  name: 'Globex Corp'
  id: globex
"""
TIDY = """\
acmap: 1
account:
  id: globex
  name: Globex Corp
"""


def _linked_project(tmp_path: Path) -> tuple[Path, Path, Path]:
    root = tmp_path / "project"
    (root / "maps").mkdir(parents=True)
    (root / "shared").mkdir()
    git(root, "init", "-q")
    (root / "acmap.toml").write_text('maps = "maps"\ntoday = "2026-11-22"\n', encoding="utf-8")
    real = root / "shared" / "globex.yaml"
    real.write_text(MESSY, encoding="utf-8")
    link = root / "maps" / "globex.yaml"
    link.symlink_to(Path("..") / "shared" / "globex.yaml")
    return root, link, real


def test_fmt_writes_the_file_an_in_project_link_points_to(tmp_path: Path) -> None:
    root, link, real = _linked_project(tmp_path)

    result = run_acmap("fmt", cwd=root)

    assert result.code == 0, result.err
    assert result.out.startswith("reformatted maps/globex.yaml\n")
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8") == TIDY


def test_fmt_diff_names_the_link_not_its_target(tmp_path: Path) -> None:
    root, _, real = _linked_project(tmp_path)

    result = run_acmap("fmt", "--diff", cwd=root)

    assert result.code == 1
    assert "--- a/maps/globex.yaml\n+++ b/maps/globex.yaml\n" in result.out
    assert real.read_text(encoding="utf-8") == MESSY


def test_import_writes_through_an_in_project_link(tmp_path: Path) -> None:
    root, link, real = _linked_project(tmp_path)
    real.write_text(TIDY, encoding="utf-8")
    (root / "contacts.csv").write_text("Name,Title\nNora Quist,CIO\n", encoding="utf-8")

    result = run_acmap("import", "contacts.csv", "--account", "globex", cwd=root)

    assert result.code == 0, result.err
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert "Nora Quist" in real.read_text(encoding="utf-8")
