"""The bad-input corpus: each hostile or broken file gets its finding or a one-line error.

Committed files live in tests/fixtures/corpus/; the ones that cannot be committed sensibly (a
megabyte line, 10,000 people, symlinks, unreadable files) are made here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tests.helpers import FIXTURES, can_test_permissions, run_acmap

CORPUS = FIXTURES / "corpus"

EXPECTED = {
    "bad-indentation.yaml": ("E001", 4, 4, "wrong indentation"),
    "control-char.yaml": ("E001", 2, 40, "control characters are not allowed"),
    "deep-block.yaml": ("E011", 1, 1, "nesting deeper than 1000 levels"),
    "deep-flow.yaml": ("E011", 1, 1, "nesting deeper than 1000 levels"),
    "latin1.yaml": ("E001", 2, 32, "not UTF-8 text: byte 0xe9"),
    "multiple-documents.yaml": ("E001", 4, 1, "more than one YAML document"),
    "nul-byte.yaml": ("E001", 2, 28, "binary content"),
    "scalar-document.yaml": ("E005", 1, 1, "a map file is a mapping"),
    "stray-document-end.yaml": ("E001", 2, 1, "`...` ends the YAML document"),
    "tab-indent.yaml": ("E001", 3, 1, "a tab character: YAML indents with spaces only"),
    "unclosed-flow.yaml": ("E001", 2, 10, "unclosed '{'"),
    "unclosed-quote.yaml": (
        "E001",
        2,
        37,
        'end the value with ": `account: {id: unclosed-quote, name: "Unclosed"}`',
    ),
}
CLEAN = ["crlf.yaml", "json-style.yaml", "utf16-bom.yaml", "utf8-bom.yaml"]


def findings(*args: str, cwd: Path | None = None) -> tuple[int, list[dict[str, object]], str]:
    result = run_acmap("validate", "--format", "json", *args, cwd=cwd)
    assert "Traceback" not in result.err
    return result.code, json.loads(result.out)["findings"] if result.out else [], result.err


def test_every_corpus_file_has_its_expected_finding() -> None:
    code, found, err = findings(str(CORPUS))
    assert code == 1 and err == ""
    by_file = {Path(str(f["file"])).name: f for f in found}
    assert sorted(by_file) == sorted(EXPECTED)  # one finding each; the clean ones have none
    for name, (expected_code, line, col, words) in EXPECTED.items():
        finding = by_file[name]
        assert (finding["code"], finding["line"], finding["col"]) == (expected_code, line, col), (
            name
        )
        assert words in str(finding["message"]), name


@pytest.mark.parametrize("name", CLEAN)
def test_encodings_and_line_endings_that_are_fine(name: str) -> None:
    code, found, _ = findings(str(CORPUS / name))
    assert (code, found) == (0, [])


def test_megabyte_single_line(tmp_path: Path) -> None:
    path = tmp_path / "long-line.yaml"
    path.write_text("acmap: 1\naccount: {id: long-line, name: " + "x" * 1_048_576 + "}\n")
    assert findings(str(path))[:2] == (0, [])
    junk = tmp_path / "junk-line.yaml"
    junk.write_text("acmap: 1\naccount: " + "[" * 600_000 + "\n")
    code, found, _ = findings(str(junk))
    assert code == 1 and found[0]["code"] == "E011"


def test_map_referencing_ten_thousand_people(tmp_path: Path) -> None:
    lines = ["acmap: 1", "account: {id: big, name: Big}", "stakeholders:"]
    lines += [
        f"  - {{id: p{i}, name: Person {i}, reports_to: p{i // 10}}}" for i in range(1, 10_001)
    ]
    lines += ["links:"] + [
        f"  - {{from: p{i}, to: ghost{i}, type: influences}}" for i in range(10_000)
    ]
    path = tmp_path / "big.yaml"
    path.write_text("\n".join(lines) + "\n")
    code, found, _ = findings(str(path))
    assert code == 1
    # p1..p9 report to p0, who does not exist; every link points at a ghost, the first from p0.
    assert len(found) == 9 + 10_000 + 1
    assert {f["code"] for f in found} == {"E007"}


def test_symlink_outside_the_project_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("aws_secret_access_key: hunter2\n")
    project = tmp_path / "project"
    (project / "maps").mkdir(parents=True)
    (project / "acmap.toml").write_text('maps = "maps"\n')
    (project / "maps" / "evil.yaml").symlink_to(secret)
    code, found, _ = findings(cwd=project)
    assert code == 1
    assert [(f["code"], f["file"]) for f in found] == [("E011", "maps/evil.yaml")]
    assert "hunter2" not in json.dumps(found) and "aws_secret" not in json.dumps(found)


def test_symlink_inside_the_project_is_read(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "acme.yaml").write_text("acmap: 1\naccount: {id: acme, name: A}\n")
    (tmp_path / "maps" / "acme.yaml").symlink_to(tmp_path / "shared" / "acme.yaml")
    (tmp_path / "acmap.toml").write_text("")
    assert findings(cwd=tmp_path)[:2] == (0, [])


def test_dangling_symlink_and_folder_named_like_a_map(tmp_path: Path) -> None:
    (tmp_path / "maps" / "folder.yaml").mkdir(parents=True)
    (tmp_path / "maps" / "folder.yaml" / "inner.yaml").write_text(
        "acmap: 1\naccount: {id: inner, name: I}\n"
    )
    (tmp_path / "maps" / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = run_acmap("validate", cwd=tmp_path)
    assert result.code == 2
    assert result.err.strip() == "acmap: maps/gone.yaml: cannot read: No such file or directory"
    assert "1 file" not in result.out and "2 files, 0 errors" in result.out


@pytest.mark.skipif(not can_test_permissions(), reason="root without setpriv reads every file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "maps" / "locked.yaml"
    path.parent.mkdir()
    path.write_text("acmap: 1\n")
    path.chmod(0)
    result = run_acmap("validate", cwd=tmp_path, obey_permissions=True)
    assert result.code == 2
    assert "locked.yaml: cannot read: Permission denied" in result.err


@pytest.mark.skipif(not can_test_permissions(), reason="root without setpriv reads every file")
@pytest.mark.parametrize("command", ["validate", "gaps", "list", "export"])
def test_unreadable_folder_is_reported_not_skipped(tmp_path: Path, command: str) -> None:
    # CI must not go green because a folder of maps could not even be listed.
    locked = tmp_path / "maps" / "emea"
    locked.mkdir(parents=True)
    (locked / "acme.yaml").write_text("acmap: 1\naccount: {id: acme, name: Acme}\n")
    locked.chmod(0)
    try:
        result = run_acmap(command, cwd=tmp_path, obey_permissions=True)
    finally:
        locked.chmod(0o755)
    assert result.code == 2
    assert "acmap: maps/emea: cannot read folder: Permission denied" in result.err


def test_unreadable_file_as_root_via_a_fifo_is_not_waited_on(tmp_path: Path) -> None:
    # Root reads any file, so stand in with something unreadable as a map: a FIFO.
    (tmp_path / "maps").mkdir()
    os.mkfifo(tmp_path / "maps" / "pipe.yaml")
    result = run_acmap("validate", cwd=tmp_path, timeout=20)
    assert result.code == 2
    assert "pipe.yaml: not a regular file" in result.err
