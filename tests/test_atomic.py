"""Writes are atomic: a crash between the temp write and the rename leaves the original intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from acmap.edit.atomic import WouldOverwrite, write_atomic


def test_replaces_content_and_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "acme.yaml"
    target.write_text("old\n")
    target.chmod(0o640)
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["acme.yaml"]  # no temp file left behind


def test_crash_before_rename_leaves_the_original_and_no_debris(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "acme.yaml"
    target.write_text("# precious comment\nold: data\n")
    monkeypatch.setenv("ACMAP_TEST_FAIL_BEFORE_RENAME", "1")
    with pytest.raises(OSError, match="simulated crash"):
        write_atomic(target, "half-written")
    assert target.read_text() == "# precious comment\nold: data\n"
    assert [p.name for p in tmp_path.iterdir()] == ["acme.yaml"]


def test_refuses_to_overwrite_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "acme.yaml"
    target.write_text("mine\n")
    with pytest.raises(WouldOverwrite):
        write_atomic(target, "theirs\n", overwrite=False)
    assert target.read_text() == "mine\n"
    fresh = tmp_path / "sub" / "new.yaml"
    write_atomic(fresh, "hello\n", overwrite=False)
    assert fresh.read_text() == "hello\n"


def test_newlines_and_unicode_are_written_as_given(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    write_atomic(target, "name: Zoë\r\nnote: 東京\n")
    assert target.read_bytes() == "name: Zoë\r\nnote: 東京\n".encode()


def test_write_map_keeps_the_encoding_and_writes_through_an_in_project_link(
    tmp_path: Path,
) -> None:
    from acmap.edit.atomic import write_map
    from acmap.load import read_map

    (tmp_path / "shared").mkdir()
    real = tmp_path / "shared" / "acme.yaml"
    real.write_bytes(b"\xff\xfe" + "acmap: 1\n# Straße\n".encode("utf-16-le"))
    link = tmp_path / "acme.yaml"
    link.symlink_to(real)

    write_map(read_map(link, tmp_path), "acmap: 1\n# Straße, new\n")

    assert link.is_symlink()
    assert real.read_bytes() == b"\xff\xfe" + "acmap: 1\n# Straße, new\n".encode("utf-16-le")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.yaml", "shared"]


def test_write_map_refuses_text_the_encoding_cannot_hold(tmp_path: Path) -> None:
    from acmap.edit.atomic import write_map
    from acmap.load import CannotEncode, read_map

    path = tmp_path / "acme.yaml"
    path.write_bytes(b"acmap: 1\n")
    with pytest.raises(CannotEncode, match="file left as it is"):
        write_map(read_map(path, tmp_path), "name: \ud800\n")
    assert path.read_bytes() == b"acmap: 1\n"
