"""`acmap diff`'s two sides as loaded maps: git blobs, and work-tree files read through the door
(so a symlink out of the repository is E011 there too, never read, and a FIFO or device is
reported, never opened).

Names are repository paths as git has them; `shown` turns one into the name reports use.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from acmap.load.build import Loaded, rejected
from acmap.load.parse import load_text
from acmap.load.read import OUTSIDE, OutsideProject, Rejected, Unreadable, read_bytes, too_big

# A side's contents: bytes; a blob's size when it is over the limit; a file refused (a finding).
Contents = bytes | int | Loaded
_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def load_side(
    contents: Mapping[str, Contents | None], shown: Callable[[str], str]
) -> dict[str, Loaded | None]:
    """Each file's contents loaded as a map named `shown(name)`; a missing one stays None."""
    loaded: dict[str, Loaded | None] = {}
    for name, data in contents.items():
        if data is None or isinstance(data, Loaded):
            loaded[name] = data
        elif isinstance(data, int):
            loaded[name] = rejected(shown(name), 1, 1, "E011", too_big(data))
        else:
            loaded[name] = load_text(data, shown(name), stem=Path(name).stem)
    return loaded


def read_worktree(
    names: Sequence[str],
    top: Path,
    same: Callable[[str, bytes], bool],
    shown: Callable[[str], str],
    known: Callable[[str, os.stat_result], bool] = lambda name, info: False,
) -> dict[str, bytes | Loaded | None]:
    """The work-tree files at `names` (relative to the repository root `top`) that exist.

    Each maps to its bytes; to None when it is unchanged (`known(name, lstat)` says so without
    reading it, or `same(name, bytes)` after; for a symlink, the bytes are its target, as git
    stores a link); or to a finding when it must not or cannot be read (a symlink out of the
    project, a FIFO or device, too big, no permission): a FIFO is never opened. A missing file,
    or a folder where a file was (a submodule's checkout), is left out: deleted.
    """
    root = top.resolve()
    found: dict[str, bytes | Loaded | None] = {}
    for name in names:
        try:
            info = os.lstat(os.path.join(top, name))
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode):
            continue
        if known(name, info):
            found[name] = None
            continue
        kind = next((word for test, word in _KINDS if test(info.st_mode)), None)
        if kind is not None:
            found[name] = rejected(shown(name), 1, 1, "E011", f"not a regular file ({kind})")
            continue
        path = top / name
        link = stat.S_ISLNK(info.st_mode)
        if link and same(name, _link(path)):
            found[name] = None
            continue
        data = _read(path, root, shown(name))
        found[name] = None if isinstance(data, bytes) and not link and same(name, data) else data
    return found


def _link(path: Path) -> bytes:
    try:
        return os.readlink(os.fsencode(path))
    except OSError:
        return b""


def _read(path: Path, root: Path, shown: str) -> bytes | Loaded:
    try:
        data = read_bytes(path, root, shown)
    except OutsideProject:
        return rejected(shown, 1, 1, "E011", OUTSIDE)
    except Rejected as exc:
        return rejected(shown, exc.line, exc.col, exc.code, exc.message)
    except Unreadable as exc:
        return rejected(shown, 1, 1, "E011", str(exc).removeprefix(f"{shown}: "))
    return data
