"""`acmap validate` as CI and people run it: real subprocesses, real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.helpers import (
    FINDING_KEYS,
    FIXTURES,
    REPO,
    can_test_permissions,
    run_acmap,
    write_map_file,
)
from tests.snapshots import assert_snapshot

GOOD = "acmap: 1\naccount: {id: acme, name: Acme}\n"
BAD = "acmap: 1\naccount: {id: broken, name: Broken, tier: gold}\n"


def project(tmp_path: Path, **maps: str) -> Path:
    for name, text in maps.items():
        write_map_file(tmp_path, f"{name}.yaml", text)
    return tmp_path


def test_example_maps_are_valid() -> None:
    result = run_acmap("validate")
    assert result.code == 0, result.out + result.err
    assert result.out.strip().endswith("files, 0 errors, 0 warnings")


def test_errors_exit_1_and_other_files_are_still_checked(tmp_path: Path) -> None:
    root = project(tmp_path, acme=GOOD, broken=BAD, other=BAD.replace("broken", "other"))
    result = run_acmap("validate", cwd=root)
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0].startswith("maps/broken.yaml:2:43: E005 invalid-value account.tier: 'gold'")
    assert lines[4].startswith("maps/other.yaml:2:42: E005")  # after the first one's frame
    assert lines[-1] == "3 files, 2 errors, 0 warnings"


def test_text_snapshot(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        acme=GOOD,
        broken=BAD,
        other="acmap: 1\naccount: {id: elsewhere, name: X}\nstakeholders: [{id: a, name: A, reports_to: b}]\n",
    )
    result = run_acmap("validate", cwd=root)
    assert result.code == 1
    assert_snapshot("validate", result.out)
    github = run_acmap("validate", "--format", "github", cwd=root)
    assert github.out.splitlines()[-1] == result.out.splitlines()[-1]  # the same summary


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    root = project(tmp_path, renamed=GOOD)  # account id acme in renamed.yaml: W001
    assert run_acmap("validate", cwd=root).code == 0
    strict = run_acmap("validate", "--strict", cwd=root)
    assert strict.code == 1
    assert "W001 id-mismatch" in strict.out


def test_json_output_is_spec_shaped_and_sorted(tmp_path: Path) -> None:
    root = project(tmp_path, b=BAD.replace("broken", "b"), a=BAD.replace("broken", "a"))
    result = run_acmap("validate", "--format", "json", cwd=root)
    assert result.code == 1
    document = json.loads(result.out)
    assert document["version"] == 1
    assert [f["file"] for f in document["findings"]] == ["maps/a.yaml", "maps/b.yaml"]
    first = document["findings"][0]
    assert set(first) == FINDING_KEYS
    assert (first["code"], first["name"], first["severity"], first["account"]) == (
        "E005",
        "invalid-value",
        "error",
        "a",
    )
    assert document["summary"] == {"files": 2, "valid": 0, "error": 2, "warning": 0, "info": 0}


def test_github_annotations_chosen_in_actions(tmp_path: Path) -> None:
    root = project(tmp_path, broken=BAD)
    result = run_acmap("validate", cwd=root, env={"GITHUB_ACTIONS": "true"})
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "::error file=maps/broken.yaml,line=2,col=43,title=E005 invalid-value::"
        "account.tier: 'gold' is not allowed; expected one of: strategic, key, growth, standard"
    )


def test_github_annotation_escapes_newlines_and_commas(tmp_path: Path) -> None:
    root = project(tmp_path, **{"a,b": "acmap: 1\naccount: {id: 'a,b', name: X}\n"})
    result = run_acmap("validate", "--format", "github", cwd=root)
    assert "file=maps/a%2Cb.yaml" in result.out


def test_colour_on_a_terminal_only(tmp_path: Path) -> None:
    root = project(tmp_path, broken=BAD)
    plain = run_acmap("validate", cwd=root)
    assert "\x1b[" not in plain.out
    forced = run_acmap("validate", cwd=root, env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[" in forced.out
    no_colour = run_acmap("validate", cwd=root, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b[31" not in no_colour.out and "\x1b[1;31" not in no_colour.out  # no red


def test_missing_path_exits_2_with_one_line(tmp_path: Path) -> None:
    result = run_acmap("validate", "nowhere/x.yaml", cwd=tmp_path)
    assert result.code == 2
    assert result.err.strip() == "acmap: nowhere/x.yaml: no such file or folder"


def test_no_maps_folder_exits_2(tmp_path: Path) -> None:
    result = run_acmap("validate", cwd=tmp_path)
    assert result.code == 2
    assert "no maps folder" in result.err
    assert "Traceback" not in result.err


def test_unreadable_files_exit_2_after_reporting_the_rest(tmp_path: Path) -> None:
    root = project(tmp_path, broken=BAD)
    (root / "maps" / "dangling.yaml").symlink_to(root / "gone.yaml")
    (root / "maps" / "folder.yaml").mkdir()
    result = run_acmap("validate", cwd=root)
    assert result.code == 2
    assert "E005" in result.out
    assert "acmap: maps/dangling.yaml: cannot read: No such file or directory" in result.err
    assert (
        "acmap: maps/folder.yaml: is a directory, not a map file" not in result.err
    )  # folders are walked


@pytest.mark.skipif(not can_test_permissions(), reason="root without setpriv reads every file")
def test_permission_denied_exits_2(tmp_path: Path) -> None:
    root = project(tmp_path, acme=GOOD)
    (root / "maps" / "acme.yaml").chmod(0)
    result = run_acmap("validate", cwd=root, obey_permissions=True)
    assert result.code == 2
    assert "Permission denied" in result.err


def test_directory_named_like_a_map_given_directly(tmp_path: Path) -> None:
    (tmp_path / "odd.yaml").mkdir()
    (tmp_path / "odd.yaml" / "acme.yaml").write_text(GOOD)
    result = run_acmap("validate", "odd.yaml", cwd=tmp_path)
    assert result.code == 0, result.err  # a folder is searched, whatever its name


def test_account_ids_select_files(tmp_path: Path) -> None:
    root = project(tmp_path, acme=GOOD, broken=BAD)
    assert run_acmap("validate", "acme", cwd=root).code == 0
    typo = run_acmap("validate", "acne", cwd=root)
    assert typo.code == 2
    assert "did you mean 'acme'?" in typo.err


def test_duplicate_account_across_files(tmp_path: Path) -> None:
    root = project(tmp_path, acme=GOOD)
    write_map_file(root, "sub/acme.yaml", GOOD)
    result = run_acmap("validate", "--format", "json", cwd=root)
    assert result.code == 1
    found = [
        (f["file"], f["code"], f["line"], f["col"]) for f in json.loads(result.out)["findings"]
    ]
    assert found == [("maps/sub/acme.yaml", "E010", 2, 15)]


def test_settings_found_by_walking_up(tmp_path: Path) -> None:
    root = project(tmp_path)
    write_map_file(root / "accounts", "acme.yaml", GOOD)  # accounts/maps/acme.yaml
    (root / "acmap.toml").write_text('maps = "accounts/maps"\n')
    (root / "deep" / "er").mkdir(parents=True)
    result = run_acmap("validate", cwd=root / "deep" / "er")
    assert result.code == 0, result.err
    assert result.out.strip() == "1 file, 0 errors, 0 warnings"


def test_bad_settings_exit_2_with_did_you_mean(tmp_path: Path) -> None:
    root = project(tmp_path, acme=GOOD)
    (root / "acmap.toml").write_text("[gaps]\nstale_dayz = 30\n")
    result = run_acmap("validate", cwd=root)
    assert result.code == 2
    assert "unknown key 'stale_dayz' (did you mean 'stale_days'?)" in result.err


def test_bad_today_exits_2() -> None:
    result = run_acmap("validate", "--today", "yesterday")
    assert result.code == 2
    assert "--today: 'yesterday' is not a date" in result.err
    env = run_acmap("validate", env={"ACMAP_TODAY": "2026-02-30"})
    assert env.code == 2


def test_every_invalid_fixture_in_one_run_never_tracebacks() -> None:
    result = run_acmap("validate", str(FIXTURES / "invalid"))
    assert result.code == 1
    assert "Traceback" not in result.err
    assert result.err == ""


def test_binary_and_huge_files(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "maps").mkdir()
    (root / "maps" / "binary.yaml").write_bytes(bytes(range(256)) * 10)
    (root / "maps" / "huge.yaml").write_bytes(b"# " + b"x" * (6 * 1024 * 1024))
    result = run_acmap("validate", cwd=root)
    assert result.code == 1
    assert "maps/binary.yaml:1:1: E001 yaml-syntax binary content" in result.out
    assert "maps/huge.yaml:1:1: E011 unsafe-yaml file is 6,291,458 bytes" in result.out


def test_python_m_and_console_script_agree() -> None:
    assert run_acmap("--version").out.startswith("acmap ")
    assert (REPO / "src" / "acmap" / "__main__.py").exists()
