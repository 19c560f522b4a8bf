"""Atomic file writes: a temp file in the same folder, fsync, then rename over the target.

A reader (or a crash) sees the old file or the new one, never half of one. Every command that
writes a file goes through here.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from acmap.load import MapText


class WouldOverwrite(Exception):
    """The target exists and the caller did not ask to replace it."""


def write_atomic(path: Path, text: str | bytes, *, overwrite: bool = True) -> None:
    """Write `text` (str as UTF-8 with newlines as given, or bytes) to `path` atomically.

    With overwrite=False an existing file is never replaced (checked again at the rename, so a
    file that appears meanwhile is not clobbered either).
    """
    if not overwrite and path.exists():
        raise WouldOverwrite(f"{path} exists")
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    mode = _mode_of(path)
    descriptor, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temp = Path(temp_name)
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
        _before_rename(temp, path)
        if overwrite:
            os.replace(temp, path)
        else:
            # link() fails if the target exists: no window in which a new file is clobbered.
            os.link(temp, path)
            temp.unlink()
    except FileExistsError:
        temp.unlink(missing_ok=True)
        raise WouldOverwrite(f"{path} exists") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_map(source: MapText, text: str) -> None:
    """Write new text for a map read through acmap.load: in the encoding it came in (its
    byte-order mark kept), to the file it was read from. For a symlink inside the project that
    is the file it points to, so the link stays a link; the door never read one that points out.

    CannotEncode (nothing written) when the encoding cannot hold the text; OSError as written."""
    write_atomic(source.real, source.encode(text))


def _mode_of(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _before_rename(temp: Path, target: Path) -> None:
    """A seam for crash-safety tests: ACMAP_TEST_FAIL_BEFORE_RENAME=1 fails here, on purpose,
    after the temp file is complete and before the target is touched."""
    if os.environ.get("ACMAP_TEST_FAIL_BEFORE_RENAME"):
        raise OSError(f"simulated crash before renaming {temp.name} to {target.name}")
