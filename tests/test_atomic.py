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


def test_never_writes_through_a_symlink_in_the_project_that_leads_out(tmp_path: Path) -> None:
    from acmap.edit.atomic import Refused

    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    (project / "out").symlink_to(outside)
    (project / "inner").symlink_to(project)  # inside: followed
    with pytest.raises(Refused, match="out is a symlink out of the project"):
        write_atomic(project / "out" / "x.svg", "data", root=project)
    with pytest.raises(Refused, match="symlink out of the project"):
        write_atomic(project / "inner" / "out" / "x.svg", "data", root=project)
    assert list(outside.iterdir()) == []
    write_atomic(project / "inner" / "x.svg", "data", root=project)
    assert (project / "x.svg").read_text() == "data"
    write_atomic(outside / "y.svg", "data", root=project)  # outside, no link in the project
    assert (outside / "y.svg").read_text() == "data"


def test_replaces_only_regular_files_and_writes_through_a_link(tmp_path: Path) -> None:
    import os

    from acmap.edit.atomic import Refused

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(Refused, match=r"not a regular file \(a FIFO\)"):
        write_atomic(fifo, "data")
    with pytest.raises(Refused, match=r"not a regular file \(a folder\)"):
        write_atomic(tmp_path, "data")
    (tmp_path / "real.txt").write_text("old")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    write_atomic(tmp_path / "link.txt", "new")
    assert (tmp_path / "link.txt").is_symlink() and (tmp_path / "real.txt").read_text() == "new"


def test_stale_temp_files_of_dead_processes_are_swept(tmp_path: Path) -> None:
    import os
    import subprocess

    from acmap.edit import atomic

    gone = subprocess.Popen(["true"])  # a pid that has exited
    gone.wait()
    stale = tmp_path / f".acme.yaml.acmap-{gone.pid}.tmp"
    live = tmp_path / f".acme.yaml.acmap-{os.getppid()}.tmp"
    foreign = tmp_path / ".acme.yaml.x1y2z3.tmp"  # not acmap's name: never touched
    for path in (stale, live, foreign):
        path.write_text("partial")
    atomic._swept.discard(tmp_path)
    write_atomic(tmp_path / "acme.yaml", "whole\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["acme.yaml", live.name, foreign.name]
    )


def test_write_map_refuses_when_the_file_changed_since_it_was_read(tmp_path: Path) -> None:
    from acmap.edit.atomic import Changed, hold, write_map
    from acmap.load import read_map

    path = tmp_path / "acme.yaml"
    path.write_text("acmap: 1\n")
    source = read_map(path, tmp_path)
    path.write_text("acmap: 1\n# someone else\n")
    with hold(path), pytest.raises(Changed, match="changed while acmap was working"):
        write_map(source, "acmap: 1\n# mine\n", tmp_path)
    assert path.read_text() == "acmap: 1\n# someone else\n"
    assert [p.name for p in tmp_path.iterdir()] == ["acme.yaml"]


def test_the_lock_is_taken_again_on_a_file_renamed_over_while_waiting(tmp_path: Path) -> None:
    import fcntl
    import os
    import threading
    import time

    from acmap.edit.atomic import hold

    path = tmp_path / "acme.yaml"
    path.write_text("v1\n")
    held = os.open(path, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)  # another writer holds the old file
    got: list[str] = []

    def waiter() -> None:
        with hold(path):
            got.append(path.read_text())

    thread = threading.Thread(target=waiter)
    thread.start()
    time.sleep(0.05)
    assert got == []  # waiting
    write_atomic(path, "v2\n")  # the other writer renames its new file over the old
    os.close(held)
    thread.join(timeout=10)
    assert got == ["v2\n"]


@pytest.mark.parametrize("durable", [True, False])
def test_a_write_without_fsync_is_as_atomic_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, durable: bool
) -> None:
    """durable=False (a site's pages, made again by the next build) skips only the fsync."""
    import os

    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(descriptor: int) -> None:  # a spy: the real fsync still runs
        synced.append(descriptor)
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    target = tmp_path / "page.html"
    target.write_bytes(b"old page\n")
    target.chmod(0o644)
    write_atomic(target, b"<p>new page \xc3\xa9</p>\n", durable=durable)
    assert target.read_bytes() == b"<p>new page \xc3\xa9</p>\n"
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
    assert len(synced) == (1 if durable else 0)

    monkeypatch.setenv("ACMAP_TEST_FAIL_BEFORE_RENAME", "1")
    with pytest.raises(OSError, match="simulated crash"):
        write_atomic(target, b"half", durable=durable)
    assert target.read_bytes() == b"<p>new page \xc3\xa9</p>\n"  # the old file or the new one
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
    monkeypatch.delenv("ACMAP_TEST_FAIL_BEFORE_RENAME")
    with pytest.raises(WouldOverwrite):
        write_atomic(target, b"theirs", overwrite=False, durable=durable)
    assert target.read_bytes() == b"<p>new page \xc3\xa9</p>\n"
