"""The project-root guard: one rule for folders, settings paths, reads and writes.

A pull request can commit `maps/` as a symlink to ~/.aws, set `maps = "/etc"` in acmap.toml, or
link `.github/workflows` somewhere else. A symlink inside the project is followed only when it
resolves inside the project; settings paths must stay inside the folder of acmap.toml; nothing
outside is read, printed or written. Output paths the user types (`render -o`, `export -o`) may
point anywhere, but never through a symlink planted in the repository, and never over anything
but a regular file.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE_MAPS, git, run_acmap

SECRET = "SECRET-5d21c8"
OUTSIDE_MAP = f"""\
acmap: 1
account: {{id: evil, name: "{SECRET} Corp"}}
stakeholders:
  - {{title: CEO, name: Alice {SECRET}, id: alice}}
"""
FOLDER_OUT = "symlink to a folder outside the project is not followed"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "evil.yaml").write_text(OUTSIDE_MAP, encoding="utf-8")
    return folder


def _project(tmp_path: Path, toml: str = 'today = "2026-11-22"\n') -> Path:
    root = tmp_path / "project"
    root.mkdir()
    git(root, "init", "-q")
    (root / "acmap.toml").write_text(toml, encoding="utf-8")
    return root


def _clean(result_out: str, result_err: str, outside: Path) -> None:
    text = result_out + result_err
    assert SECRET not in text and "elsewhere" not in text, text
    assert "Traceback" not in text and "internal error" not in text, text
    assert (outside / "evil.yaml").read_text(encoding="utf-8") == OUTSIDE_MAP
    assert sorted(p.name for p in outside.iterdir()) == ["evil.yaml"]  # nothing written there


COMMANDS = [
    ("validate",),
    ("gaps",),
    ("list",),
    ("export",),
    ("fmt",),
    ("fmt", "--diff"),
    ("show", "evil"),
    ("render", "evil", "-f", "dot"),
    ("render", "--all", "-o", "out"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_maps_folder_linked_out_of_the_project_is_refused(
    tmp_path: Path, outside: Path, args: tuple[str, ...]
) -> None:
    root = _project(tmp_path)
    (root / "maps").symlink_to(outside)
    result = run_acmap(*args, cwd=root)
    assert result.code == 2, (result.out, result.err)
    assert f"acmap: maps: {FOLDER_OUT}" in result.err
    _clean(result.out, result.err, outside)


@pytest.mark.parametrize("maps", ["../elsewhere", "ABSOLUTE"])
@pytest.mark.parametrize("args", [("validate",), ("fmt",), ("show", "evil")], ids=" ".join)
def test_settings_cannot_point_the_maps_folder_out_of_the_project(
    tmp_path: Path, outside: Path, maps: str, args: tuple[str, ...]
) -> None:
    maps = str(outside) if maps == "ABSOLUTE" else maps
    root = _project(tmp_path, f"maps = {maps!r}\n")
    result = run_acmap(*args, cwd=root)
    assert result.code == 2
    assert (
        "acmap.toml:1:8: maps = " in result.err
        and "is outside the folder of acmap.toml" in result.err
    )
    assert SECRET not in result.out + result.err
    assert (outside / "evil.yaml").read_text(encoding="utf-8") == OUTSIDE_MAP


def test_a_symlinked_subfolder_out_of_the_project_is_reported_not_walked(
    tmp_path: Path, outside: Path
) -> None:
    root = _project(tmp_path)
    (root / "maps").mkdir()
    shutil.copy(EXAMPLE_MAPS / "brightwater-foods.yaml", root / "maps")
    (root / "maps" / "team").symlink_to(outside)
    result = run_acmap("validate", cwd=root)
    assert result.code == 2
    assert f"acmap: maps/team: {FOLDER_OUT}" in result.err
    assert "1 file" in result.out  # the rest of the portfolio is still checked
    _clean(result.out, result.err, outside)


@pytest.mark.parametrize(
    "args",
    [("show", "maps/team/evil.yaml"), ("fmt", "maps/team/evil.yaml"), ("validate", "maps/team")],
)
def test_a_file_or_folder_named_through_a_symlinked_folder_is_refused(
    tmp_path: Path, outside: Path, args: tuple[str, ...]
) -> None:
    root = _project(tmp_path)
    (root / "maps").mkdir()
    (root / "maps" / "team").symlink_to(outside)
    result = run_acmap(*args, cwd=root)
    assert result.code == 2
    assert result.err == f"acmap: maps/team: {FOLDER_OUT} (acmap reads only files in it)\n"
    _clean(result.out, result.err, outside)


def test_a_symlinked_subfolder_inside_the_project_is_walked_once(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "shared").mkdir()
    shutil.copy(EXAMPLE_MAPS / "brightwater-foods.yaml", root / "shared")
    (root / "maps").mkdir()
    (root / "maps" / "shared").symlink_to(root / "shared")
    (root / "maps" / "loop").symlink_to(root / "maps")  # a loop: not walked again
    result = run_acmap("validate", cwd=root)
    assert result.code == 0, result.err
    assert "1 file" in result.out


# --- writes ------------------------------------------------------------------------------------


def _one_map_project(tmp_path: Path) -> Path:
    root = _project(tmp_path)
    (root / "maps").mkdir()
    shutil.copy(EXAMPLE_MAPS / "brightwater-foods.yaml", root / "maps")
    return root


@pytest.mark.parametrize(
    "args",
    [
        ("render", "brightwater-foods", "-f", "dot", "-o", "out/x.dot"),
        ("render", "--all", "-f", "dot", "-o", "out"),
        ("export", "-o", "out/x.csv"),
    ],
    ids=" ".join,
)
def test_output_is_never_written_through_a_symlink_planted_in_the_project(
    tmp_path: Path, outside: Path, args: tuple[str, ...]
) -> None:
    root = _one_map_project(tmp_path)
    (root / "out").symlink_to(outside)
    result = run_acmap(*args, cwd=root)
    assert result.code == 2
    assert "cannot write" in result.err
    assert "out is a symlink out of the project; acmap never writes through one" in result.err
    _clean(result.out, result.err, outside)


def test_output_the_user_names_outside_the_project_is_written(tmp_path: Path) -> None:
    root = _one_map_project(tmp_path)
    target = tmp_path / "exports" / "x.csv"
    target.parent.mkdir()
    assert run_acmap("export", "-o", str(target), cwd=root).code == 0
    assert target.read_text(encoding="utf-8").startswith("account_id,")
    dot = tmp_path / "exports" / "x.dot"
    assert run_acmap("render", "brightwater-foods", "-o", str(dot), cwd=root).code == 0
    assert dot.read_text(encoding="utf-8").startswith("digraph")


def _special_files(folder: Path) -> list[Path]:
    fifo = folder / "pipe.out"
    os.mkfifo(fifo)
    found = [fifo]
    try:
        device = folder / "null.out"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        found.append(device)
    except (PermissionError, OSError):
        pass  # not root: the FIFO stands for every special file
    return found


@pytest.mark.parametrize("command", ["render", "export"])
def test_force_never_replaces_a_fifo_or_a_device(tmp_path: Path, command: str) -> None:
    root = _one_map_project(tmp_path)
    for special in _special_files(root):
        kind = "a FIFO" if stat.S_ISFIFO(special.lstat().st_mode) else "a device"
        args = ("render", "brightwater-foods", "-f", "dot") if command == "render" else ("export",)
        result = run_acmap(*args, "-o", special.name, "--force", cwd=root, timeout=30)
        assert result.code == 2
        assert result.err.startswith(f"acmap: {special.name}: cannot write")
        assert f"not a regular file ({kind}); acmap replaces only files" in result.err
        mode = special.lstat().st_mode
        assert stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def test_fmt_writes_through_an_in_project_symlink_and_keeps_the_link(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "shared").mkdir()
    real = root / "shared" / "acme.yaml"
    real.write_text(OUTSIDE_MAP.replace(SECRET, "Acme"), encoding="utf-8")
    (root / "maps").mkdir()
    link = root / "maps" / "acme.yaml"
    link.symlink_to(real)
    result = run_acmap("fmt", "maps/acme.yaml", cwd=root)
    assert result.code == 0, result.err
    assert link.is_symlink() and link.resolve() == real
    assert "- {id: alice, name: Alice Acme, title: CEO}" in real.read_text(encoding="utf-8")
    assert run_acmap("fmt", "--check", cwd=root).code == 0
