"""Blob contents by object id, through one `git cat-file --batch`."""

from __future__ import annotations

import re
import subprocess
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from acmap.git.run import GitError, command, last_line

_OID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


_NULL = re.compile(r"0+")


def read_blobs(ids: Iterable[str | None], top: Path, limit: int) -> dict[str, bytes | int | None]:
    """The contents of the blobs `ids`, streamed through one `git cat-file --batch`. A blob over
    `limit` bytes is not kept: its size (an int) stands for it. One git does not have is None."""
    wanted = sorted(
        {oid for oid in ids if oid and _OID.fullmatch(oid) and not _NULL.fullmatch(oid)}
    )
    if not wanted:
        return {}
    argv, env = command(["cat-file", "--batch"])
    with tempfile.TemporaryFile() as errors:
        try:
            proc = subprocess.Popen(
                argv, cwd=top, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors
            )
        except FileNotFoundError:
            raise GitError("git is not installed (or not on PATH)") from None
        assert proc.stdin is not None and proc.stdout is not None
        request = "".join(f"{oid}\n" for oid in wanted).encode("ascii")
        feeder = threading.Thread(target=_feed, args=(proc.stdin, request), daemon=True)
        feeder.start()
        blobs = {oid: _answer(proc.stdout, limit) for oid in wanted}
        proc.stdout.close()
        code = proc.wait()
        feeder.join()
        errors.seek(0)
        if code != 0:
            raise GitError(last_line(errors.read()) or "git cat-file failed")
    return blobs


def _feed(stream: IO[bytes], request: bytes) -> None:
    try:
        stream.write(request)
        stream.close()
    except OSError:  # git ended early; its exit status says why
        pass


def _answer(out: IO[bytes], limit: int) -> bytes | int | None:
    """One answer of `cat-file --batch`: `<id> <type> <size>` and the contents, or `<id> missing`."""
    header = out.readline().split()
    if len(header) != 3 or not header[2].isdigit():
        return None
    size = int(header[2])
    if header[1] == b"blob" and size <= limit:
        data = out.read(size)
        out.read(1)  # the newline after the contents
        return data
    left = size + 1
    while left > 0:  # skip it without holding it
        chunk = out.read(min(left, 1 << 20))
        if not chunk:
            break
        left -= len(chunk)
    return size if header[1] == b"blob" else None
