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
    ],
)
def test_bad_input(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = run_acmap("new", *args, cwd=tmp_path)
    assert result.code == 2
    assert message in result.err
    assert not (tmp_path / "maps").exists()
