"""Atomic, guarded file writes: a temp file in the same folder, fsync, then rename over the target.

A reader (or a crash) sees the old file or the new one, never half of one. Every command that
writes a file goes through here, and so through the same refusals:

- never through a symlink inside the project that leads out of it (`root`; acmap.settings's
  project-root guard), and never over anything but a regular file (a FIFO, a device, a folder);
- a map is changed under acmap's advisory lock (`hold`: flock on the map file itself), and only
  when its bytes are still the ones read (`write_map`): two writers never lose an update;
- temp files are named `.<name>.acmap-<pid>.tmp`; one a killed process left behind is removed by
  the next write in that folder.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from acmap.load.read import LoadError
from acmap.settings import leads_out

if TYPE_CHECKING:
    from acmap.load import MapText

LOCK_WAIT = 60.0  # seconds another acmap may hold a map's lock before we give up
_TEMP = re.compile(r"^\..+\.acmap-(\d+)\.tmp$")
_swept: set[Path] = set()


class WouldOverwrite(Exception):
    """The target exists and the caller did not ask to replace it."""


class Refused(OSError):
    """A write acmap will not do: through a symlink out of the project, or over something that
    is not a regular file. `strerror` says why (callers print it as "cannot write: …")."""

    def __init__(self, reason: str) -> None:
        super().__init__(errno.EPERM, reason)


class Changed(LoadError):
    """The map changed on disk since acmap read it: nothing written, the user runs it again."""


def check_target(path: Path, root: Path | None) -> Path:
    """The file a write to `path` lands in (a symlink's target, so a link stays a link), after
    the refusals: Refused when the way there leaves the project through a symlink inside it
    (`root` None: no project), or when it is there and not a regular file."""
    from acmap.load.read import display

    if root is not None:
        link = leads_out(path, root)
        if link is not None:
            raise Refused(
                f"{display(link)} is a symlink out of the project; acmap never writes through one"
            )
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError:
        return target  # the write itself reports it
    if not stat.S_ISREG(info.st_mode):
        raise Refused(f"not a regular file ({_kind(info.st_mode)}); acmap replaces only files")
    return target


def write_atomic(
    path: Path,
    text: str | bytes,
    *,
    overwrite: bool = True,
    root: Path | None = None,
    unchanged: Callable[[Path], None] | None = None,
    durable: bool = True,
) -> None:
    """Write `text` (str as UTF-8 with newlines as given, or bytes) to `path` atomically.

    With overwrite=False an existing file (or symlink) is never replaced (checked again at the
    rename, so a file that appears meanwhile is not clobbered either). `root` is the project:
    see `check_target`. `unchanged(target)` runs just before the rename and may raise to stop it.
    durable=False skips the fsync, for files acmap makes again from the maps (a site's pages,
    thousands per build): the rename is as atomic; only a crash of the machine itself could
    lose the new bytes, and the next build writes them again.
    """
    if not overwrite and os.path.lexists(path):
        raise WouldOverwrite(f"{path} exists")
    target = check_target(path, root)
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    _sweep(folder)
    mode = _mode_of(target)
    temp = folder / f".{target.name}.acmap-{os.getpid()}.tmp"
    temp.unlink(missing_ok=True)  # ours: this process is alive, an earlier one left it
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.chmod(temp, mode)
        _before_rename(temp, target)
        if unchanged is not None:
            unchanged(target)
        if overwrite:
            os.replace(temp, target)
        else:
            # link() fails if the target exists: no window in which a new file is clobbered.
            os.link(temp, target)
            temp.unlink()
    except FileExistsError:
        temp.unlink(missing_ok=True)
        raise WouldOverwrite(f"{path} exists") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_map(source: MapText, text: str, root: Path | None = None) -> None:
    """Write new text for a map read through acmap.load: in the encoding it came in (its
    byte-order mark kept), to the file it was read from. For a symlink inside the project that
    is the file it points to, so the link stays a link; the door never read one that points out.

    Call it inside `hold(source.real)`. Changed (nothing written) when the file's bytes are no
    longer the ones `source` was read from; CannotEncode when the encoding cannot hold the text;
    OSError (Refused among them) as written."""
    before = source.encode(source.text)  # the bytes it was read from (decoding is exact)

    def unchanged(target: Path) -> None:
        if not same_bytes(target, before):
            raise Changed(
                f"{source.display} changed while acmap was working; nothing written, run it again"
            )

    write_atomic(source.real, source.encode(text), root=root, unchanged=unchanged)


def same_bytes(path: Path, data: bytes) -> bool:
    """True when `path` holds exactly `data` (never blocks: the read is non-blocking)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as stream:
            return stream.read(len(data) + 1) == data
    except OSError:
        return False


def unchanged_since(source: MapText) -> bool:
    """True when the map `source` was read from still holds the same bytes."""
    return same_bytes(source.real, source.encode(source.text))


@contextmanager
def hold(path: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """acmap's advisory lock on the map file `path` (the file itself, opened read-only, with
    flock) for a read-modify-write: another acmap writer waits here until this one is done.
    Re-taken when the file was replaced (renamed over) while we waited. A path that is not a
    regular file is not opened (the read reports it). Changed when the lock never comes free."""
    try:
        import fcntl
    except ImportError:  # no flock (Windows): the bytes check in write_map still holds
        yield
        return
    deadline = time.monotonic() + wait
    while True:
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                raise FileNotFoundError
            descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            yield
            return
        try:
            while True:
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise Changed(
                            f"{path}: another acmap has been writing it for {wait:.0f} s; "
                            "nothing written, run it again"
                        ) from None
                    time.sleep(0.005)
            held, now = os.fstat(descriptor), _identity(path)
            if now == (held.st_dev, held.st_ino):
                yield
                return
        finally:
            os.close(descriptor)  # releases the lock


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _sweep(folder: Path) -> None:
    """Remove the temp files killed acmap processes left in `folder` (once per folder and run):
    `.<name>.acmap-<pid>.tmp` whose process is gone."""
    if folder in _swept:
        return
    _swept.add(folder)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _TEMP.match(entry.name)
        if match is None or int(match.group(1)) == os.getpid():
            continue
        if not _alive(int(match.group(1))) and entry.is_file(follow_symlinks=False):
            with suppress(OSError):
                os.unlink(entry.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # another user's process (or no such pid we can ask about): leave it
    return True


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _mode_of(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _before_rename(temp: Path, target: Path) -> None:
    """Seams for crash-safety tests, after the temp file is complete and before the target is
    touched. ACMAP_TEST_FAIL_BEFORE_RENAME=1 fails here (=NAME: only for a target called NAME);
    ACMAP_TEST_PAUSE_BEFORE_RENAME=DIR creates DIR/ready and waits (up to 30 s) for DIR/go, so
    a test can kill the process or change the file at exactly this point."""
    fail = os.environ.get("ACMAP_TEST_FAIL_BEFORE_RENAME")
    if fail and fail in ("1", target.name):
        raise OSError(f"simulated crash before renaming {temp.name} to {target.name}")
    pause = os.environ.get("ACMAP_TEST_PAUSE_BEFORE_RENAME")
    if pause:
        Path(pause, "ready").write_text(str(os.getpid()))
        deadline = time.monotonic() + 30
        while not Path(pause, "go").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
