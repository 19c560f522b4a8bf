"""`acmap init`: a map repository that works at once, and never over existing files."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_acmap

from acmap import __version__

CREATED = [
    "acmap.toml",
    "maps/globex.yaml",
    ".github/workflows/acmap.yml",
    ".pre-commit-config.yaml",
]


def test_init_in_an_empty_folder(tmp_path: Path) -> None:
    result = run_acmap("init", "--today", "2026-11-22", cwd=tmp_path)

    assert result.code == 0, result.err
    for name in CREATED:
        assert f"created {name}" in result.out
        assert (tmp_path / name).is_file()
    assert run_acmap("validate", cwd=tmp_path).code == 0
    assert run_acmap("fmt", "--check", cwd=tmp_path).code == 0
    gaps = run_acmap("gaps", cwd=tmp_path, env={"ACMAP_TODAY": "2026-11-22"})
    assert gaps.code == 0 and "globex — Globex Corporation" in gaps.out
    workflow = (tmp_path / ".github/workflows/acmap.yml").read_text()
    assert f"uses: acmap/acmap@v{__version__}" in workflow and "fetch-depth: 0" in workflow
    hooks = (tmp_path / ".pre-commit-config.yaml").read_text()
    assert "id: acmap-validate" in hooks and "id: acmap-fmt" in hooks
    assert f"rev: v{__version__}" in hooks


def test_the_generated_yaml_files_parse(tmp_path: Path) -> None:
    from ruamel.yaml import YAML

    assert run_acmap("init", str(tmp_path / "new-repo")).code == 0
    yaml = YAML(typ="safe")
    workflow = yaml.load((tmp_path / "new-repo/.github/workflows/acmap.yml").read_text())
    assert workflow["jobs"]["maps"]["steps"][1]["with"]["fail-on"] == "error"
    config = yaml.load((tmp_path / "new-repo/.pre-commit-config.yaml").read_text())
    assert [h["id"] for h in config["repos"][0]["hooks"]] == ["acmap-validate", "acmap-fmt"]


def test_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")

    result = run_acmap("init", cwd=tmp_path)

    assert result.code == 2
    assert ".pre-commit-config.yaml already there" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == [".pre-commit-config.yaml"]
    assert (tmp_path / ".pre-commit-config.yaml").read_text() == "repos: []\n"


def test_refuses_a_maps_folder_with_maps(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "initech.yaml").write_text("acmap: 1\n")
    result = run_acmap("init", cwd=tmp_path)
    assert result.code == 2 and "maps/ (not empty)" in result.err
    assert not (tmp_path / "acmap.toml").exists()
