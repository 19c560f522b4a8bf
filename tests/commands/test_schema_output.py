"""`acmap schema -o FILE`: the editor's schema file, written atomically and never over
something else unasked."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.helpers import run_acmap


def test_writes_the_schema_then_says_it_is_up_to_date(tmp_path: Path) -> None:
    printed = run_acmap("schema").out
    target = tmp_path / "acmap.schema.json"

    first = run_acmap("schema", "-o", "acmap.schema.json", cwd=tmp_path)

    assert first.code == 0, first.err
    assert first.out == "created acmap.schema.json\n"
    assert target.read_text() == printed
    assert json.loads(printed)["$schema"] == "http://json-schema.org/draft-07/schema#"
    inode = target.stat().st_ino
    again = run_acmap("schema", "--output", "acmap.schema.json", cwd=tmp_path)
    assert again.code == 0 and again.out == "acmap.schema.json is up to date\n"
    assert target.stat().st_ino == inode  # not even rewritten
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acmap.schema.json"]  # no temp file


def test_refuses_to_overwrite_a_different_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "acmap.schema.json"
    target.write_text('{"title": "an older schema"}\n')

    refused = run_acmap("schema", "-o", "acmap.schema.json", cwd=tmp_path)

    assert refused.code == 2
    assert refused.err == (
        "acmap: acmap.schema.json exists and is not this acmap's schema; "
        "add --force to replace it\n"
    )
    assert target.read_text() == '{"title": "an older schema"}\n'
    forced = run_acmap("schema", "-o", "acmap.schema.json", "--force", cwd=tmp_path)
    assert forced.code == 0 and forced.out == "updated acmap.schema.json\n"
    assert target.read_text() == run_acmap("schema").out


def test_a_folder_in_the_way_is_a_clear_refusal(tmp_path: Path) -> None:
    (tmp_path / "acmap.schema.json").mkdir()
    for extra in ((), ("--force",)):
        result = run_acmap("schema", "-o", "acmap.schema.json", *extra, cwd=tmp_path)
        assert result.code == 2, result.out
        assert result.err.startswith("acmap: acmap.schema.json") and "Traceback" not in result.err
    assert (tmp_path / "acmap.schema.json").is_dir()


def test_never_writes_through_a_symlink_out_of_the_project(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)  # a git work tree: the project's root
    os.symlink(outside, project / "editor")
    result = run_acmap("schema", "-o", "editor/acmap.schema.json", cwd=project)
    assert result.code == 2
    assert "editor is a symlink out of the project" in result.err
    assert list(outside.iterdir()) == []


def test_a_file_where_a_folder_should_be_says_it_cannot_write(tmp_path: Path) -> None:
    (tmp_path / "editor").write_text("a file\n")
    result = run_acmap("schema", "-o", "editor/acmap.schema.json", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("acmap: editor/acmap.schema.json: cannot write:"), result.err
    assert "Traceback" not in result.err
