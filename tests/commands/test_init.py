"""`acmap init`: a map repository that works at once, and never over existing files."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_acmap

from acmap import __version__

CREATED = [
    "acmap.toml",
    "acmap.schema.json",
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
    gate = workflow["jobs"]["maps"]["steps"][1]["with"]
    # The portfolio's gaps are a report; the gate is what a pull request changes (issue 13).
    assert gate == {"fail-on": "never", "fail-on-new": "warning"}
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


def test_a_failed_write_removes_what_init_wrote_so_it_can_run_again(tmp_path: Path) -> None:
    # A full disk, read-only folder or the like: here a file where init needs a folder, so the
    # fourth of its five writes fails after three files (and maps/) were written.
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "workflows").write_text("not a folder\n")
    result = run_acmap("init", cwd=tmp_path)
    assert result.code == 2
    assert "cannot write" in result.err and "nothing written" in result.err
    assert "Traceback" not in result.err and "created" not in result.out
    assert sorted(p.name for p in tmp_path.iterdir()) == [".github"]  # acmap.toml, maps/ gone
    (tmp_path / ".github" / "workflows").unlink()
    again = run_acmap("init", cwd=tmp_path)
    assert again.code == 0, again.err
    assert all((tmp_path / name).is_file() for name in CREATED)


def test_a_crash_at_the_last_file_leaves_nothing_either(tmp_path: Path) -> None:
    crash = {"ACMAP_TEST_FAIL_BEFORE_RENAME": ".pre-commit-config.yaml"}
    result = run_acmap("init", str(tmp_path / "repo"), cwd=tmp_path, env=crash)
    assert result.code == 2 and "simulated crash" in result.err
    assert list(tmp_path.iterdir()) == []  # even the folder it created
    assert run_acmap("init", str(tmp_path / "repo"), cwd=tmp_path).code == 0


def test_never_writes_through_a_symlinked_folder_out_of_it(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    repo = tmp_path / "repo"
    (repo / ".github").mkdir(parents=True)
    (repo / ".github" / "workflows").symlink_to(outside)
    result = run_acmap("init", cwd=repo)
    assert result.code == 2
    assert result.err == (
        "acmap: .github/workflows/acmap.yml: cannot write: .github/workflows is a symlink out "
        "of the project; acmap never writes through one\n"
    )
    assert list(outside.iterdir()) == []
    assert sorted(p.name for p in repo.iterdir()) == [".github"]  # nothing written at all


def test_init_leaves_a_working_editor_setup(tmp_path: Path) -> None:
    result = run_acmap("init", cwd=tmp_path)

    assert result.code == 0, result.err
    schema = run_acmap("schema")
    assert (tmp_path / "acmap.schema.json").read_text() == schema.out  # the file is the schema
    assert "acmap.schema.json" in result.out.splitlines()[-1]  # the "next" line says so
    example = tmp_path / "maps" / "globex.yaml"
    assert modeline_target(example) == (tmp_path / "acmap.schema.json").resolve()


def test_refuses_an_existing_schema_file(tmp_path: Path) -> None:
    (tmp_path / "acmap.schema.json").write_text("{}\n")
    result = run_acmap("init", cwd=tmp_path)
    assert result.code == 2 and "acmap.schema.json already there" in result.err
    assert (tmp_path / "acmap.schema.json").read_text() == "{}\n"
    assert not (tmp_path / "acmap.toml").exists()


def test_the_written_settings_are_the_defaults(tmp_path: Path) -> None:
    # acmap.toml says "the values below are the defaults": every knob it sets, for every tier,
    # must give what no acmap.toml at all gives (a tier override stays a commented example).
    from acmap.analysis.policy import load_settings
    from acmap.model import TIERS
    from acmap.rules.engine import thresholds
    from acmap.settings import GapSettings

    assert run_acmap("init", cwd=tmp_path).code == 0
    written = load_settings(tmp_path)
    assert written.maps == tmp_path.resolve() / "maps" and written.today is None
    assert written.gaps.base  # it does set the knobs, to their defaults
    assert written.gaps.per_tier == {} and written.gaps.severity == {}
    for tier in TIERS:
        assert dict(thresholds(written.gaps, tier)) == dict(thresholds(GapSettings(), tier))
    text = (tmp_path / "acmap.toml").read_text()
    assert "# [gaps.tier.strategic]\n# min_engaged = 5" in text  # the example is still shown


def modeline_target(map_file: Path) -> Path:
    """Where a map's yaml-language-server modeline points, resolved as the server does: from
    the map's own folder."""
    first = map_file.read_text().splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix), first
    return (map_file.parent / first.removeprefix(prefix)).resolve()
