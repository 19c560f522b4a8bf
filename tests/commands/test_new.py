"""`acmap new`: a commented map that validates at once, never over an existing file."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import run_acmap


def test_a_new_map_validates_and_is_already_formatted(tmp_path: Path) -> None:
    result = run_acmap(
        "new", "globex", "--name", "Globex: Corp #1", "--tier", "key", "--owner", "dana",
        "--today", "2026-11-22", cwd=tmp_path,
    )  # fmt: skip

    assert result.code == 0, result.err
    assert "created maps/globex.yaml" in result.out
    text = (tmp_path / "maps" / "globex.yaml").read_text()
    assert '  name: "Globex: Corp #1"\n' in text
    assert "  tier: key" in text and "  owner: dana" in text
    assert "  reviewed: 2026-11-22" in text
    assert text.count("#") > 10  # a commented template
    validate = run_acmap("validate", cwd=tmp_path)
    assert validate.code == 0, validate.out
    assert "0 errors, 0 warnings" in validate.out
    assert run_acmap("fmt", "--check", cwd=tmp_path).code == 0
    gaps = run_acmap("gaps", "globex", cwd=tmp_path, env={"ACMAP_TODAY": "2026-11-22"})
    assert "G405" in gaps.out  # the placeholder economic buyer asks to be named


def test_without_owner(tmp_path: Path) -> None:
    assert run_acmap("new", "initech", "--name", "Initech", cwd=tmp_path).code == 0
    assert run_acmap("validate", cwd=tmp_path).code == 0


def test_never_overwrites(tmp_path: Path) -> None:
    assert run_acmap("new", "globex", "--name", "Globex", cwd=tmp_path).code == 0
    path = tmp_path / "maps" / "globex.yaml"
    path.write_text("# mine\n")

    result = run_acmap("new", "globex", "--name", "Other", cwd=tmp_path)

    assert result.code == 2
    assert "maps/globex.yaml already exists; acmap new never overwrites a map" in result.err
    assert path.read_text() == "# mine\n"


def test_uses_the_maps_folder_of_acmap_toml(tmp_path: Path) -> None:
    (tmp_path / "acmap.toml").write_text('maps = "accounts"\n')
    assert run_acmap("new", "globex", "--name", "Globex", cwd=tmp_path).code == 0
    assert (tmp_path / "accounts" / "globex.yaml").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Globex", "--name", "G"), "'Globex' is not a valid account id"),
        (("globex", "--name", "G", "--tier", "huge"), "--tier 'huge'"),
        (("globex", "--name", "G", "--owner", "Dana Ruiz"), "--owner 'Dana Ruiz'"),
        (("globex", "--name", "  "), "--name must not be empty"),
        # A terminal escape, a NUL-free control, a line break, a byte that is not UTF-8: once an
        # "internal error" (the template would not validate), now a refusal naming the option.
        (("globex", "--name", "Glo\x1b[31mbex"), "control character (U+001B)"),
        (("globex", "--name", "Glo\x07bex"), "control character (U+0007)"),
        (("globex", "--name", "Glo\u2028bex"), "control character (U+2028)"),
        (("globex", "--name", "Glo\udcffbex"), "control character (U+DCFF)"),
    ],
)
def test_bad_input(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = run_acmap("new", *args, cwd=tmp_path)
    assert result.code == 2
    assert message in result.err
    assert not (tmp_path / "maps").exists()


def test_never_writes_outside_the_project(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    for maps in (str(outside), "../outside"):  # as root, maps = "/etc" once wrote there
        (project / "acmap.toml").write_text(f"maps = {maps!r}\n")
        result = run_acmap("new", "globex", "--name", "Globex", cwd=project)
        assert result.code == 2, result.out
        assert (
            "acmap.toml:1:8: maps = " in result.err
            and "outside the folder of acmap.toml" in result.err
        )
    (project / "acmap.toml").unlink()
    (project / "maps").symlink_to(outside)  # no acmap.toml: the default maps/, a link out
    result = run_acmap("new", "globex", "--name", "Globex", cwd=project)
    assert result.code == 2
    assert result.err == (
        "acmap: maps/globex.yaml: cannot write: maps is a symlink out of the project; "
        "acmap never writes through one\n"
    )
    assert list(outside.iterdir()) == []
