"""A map file's bytes and text: the project-root guard, the limits, decoding, display names.

Every read of a map goes through `read_bytes` (and so through `escapes`): portfolio loads,
single-file commands, fmt, import and diff's work-tree side. The encoding a file came in is
remembered, so writers can write it back the same way (`MapText.encode`).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_LABELS = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "utf-32-le": "UTF-32 LE",
    "utf-32-be": "UTF-32 BE",
}
OUTSIDE = "symlink to a file outside the project is not followed (acmap reads only files in it)"


class LoadError(Exception):
    """A map cannot be used at all: the command exits 2 with this message."""


class Unreadable(LoadError):
    """The file could not be read at all (missing, permission, a folder): exit 2, not a finding."""


class OutsideProject(Unreadable):
    """A symlink to a file outside the project: never read. Portfolio loads report it as E011."""


class Rejected(Exception):
    """The bytes were read but are no map text (too big, binary, not decodable): a finding."""

    def __init__(self, line: int, col: int, code: str, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.code, self.message = line, col, code, message


class CannotEncode(LoadError):
    """New text cannot be written in the encoding its file came in: refused, file unchanged."""


@dataclass(frozen=True, slots=True)
class Encoding:
    """How a map file's text was stored: a codec and whether it began with a byte-order mark."""

    codec: str = "utf-8"
    bom: bool = False

    @property
    def label(self) -> str:
        return _LABELS.get(self.codec, self.codec) + (" with BOM" if self.bom else "")

    def encode(self, text: str, shown: str = "the file") -> bytes:
        """`text` as this encoding stores it. CannotEncode when it cannot hold the text."""
        try:
            data = text.encode(self.codec)
        except UnicodeEncodeError as exc:
            raise CannotEncode(
                f"{shown}: the new text cannot be written as {self.label} (character "
                f"U+{ord(exc.object[exc.start]):04X}); file left as it is"
            ) from None
        if self.bom:
            data = _mark(self.codec) + data
        return data


UTF8 = Encoding()
UTF8_BOM = Encoding("utf-8", True)
_FIRST_OF_MARK = frozenset(mark[:1] for mark, _ in _BOMS)


def _mark(codec: str) -> bytes:
    return next(mark for mark, name in _BOMS if name == codec)


@dataclass(frozen=True, slots=True)
class MapText:
    """One map file's text as read through the door. `real` is the file written back to: the
    file itself, or for a symlink inside the project the file it points to."""

    text: str
    encoding: Encoding
    display: str
    path: Path
    real: Path

    @property
    def bom(self) -> bool:
        return self.encoding.bom

    def encode(self, text: str) -> bytes:
        """New text for this file, in the encoding it came in (CannotEncode if impossible)."""
        return self.encoding.encode(text, self.display)


def display(path: Path) -> str:
    """How reports name a map file: relative to the working directory when inside it. The file
    itself is never resolved, so a symlink is named as the link, not as what it points to."""
    if not path.is_absolute():
        return visible(path.as_posix())
    try:
        return visible(path.relative_to(Path.cwd()).as_posix())
    except ValueError:
        return visible(path.as_posix())


def visible(name: str) -> str:
    """A file name's bytes that are not UTF-8 (surrogate escapes from the file system) as
    `\\xNN`: printable, encodable, and still telling which file it is."""
    if name.isascii():
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def escapes(path: Path, root: Path) -> str | None:
    """Why a symlinked map must not be read, or None. A pull request can add a symlink to
    ~/.ssh/config or a CI secret; reading it would leak its keys into findings and logs."""
    if not path.is_symlink():
        return None
    target = path.resolve()
    if target.is_relative_to(root):
        return None
    return OUTSIDE


def read_bytes(path: Path, root: Path | None, shown: str | None = None) -> bytes:
    """The bytes of one map file, after the guard and the limits. `root` None skips the guard
    (only for files the user named outside any project, never for a selection)."""
    shown = shown or display(path)
    if root is not None and escapes(path, root) is not None:
        raise OutsideProject(f"{shown}: {OUTSIDE}")
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            # A FIFO or device would block or never end: refuse before opening it.
            raise Unreadable(f"{shown}: not a regular file")
        if info.st_size > MAX_BYTES:
            raise Rejected(1, 1, "E011", too_big(info.st_size))
        # O_NONBLOCK: a file swapped for a FIFO after the stat must not hang the run.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise Unreadable(f"{shown}: is a directory, not a map file") from None
    except OSError as exc:
        raise Unreadable(f"{shown}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise Rejected(1, 1, "E011", too_big(len(data)))
    return data


def read_map(path: Path, root: Path | None, shown: str | None = None) -> MapText:
    """One map file's text and encoding, through the guard. Raises OutsideProject, Unreadable,
    or Rejected (too big, binary, not decodable)."""
    shown = shown or display(path)
    data = read_bytes(path, root, shown)
    text, encoding = decode(data)
    real = path.resolve() if path.is_symlink() else path
    return MapText(text, encoding, shown, path, real)


def too_big(size: int) -> str:
    return f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte size limit for a map"


def decode(data: bytes) -> tuple[str, Encoding]:
    """The text of a map file and how it was stored: UTF-8 (with or without a byte-order mark),
    or UTF-16/UTF-32 with one. Rejected (E001) for anything else."""
    start = 0
    encoding = UTF8
    if data[:1] in _FIRST_OF_MARK:
        for mark, codec in _BOMS:
            if data.startswith(mark):
                if codec == "utf-8":
                    start, encoding = len(mark), UTF8_BOM
                    break
                try:
                    return data[len(mark) :].decode(codec), Encoding(codec, True)
                except UnicodeDecodeError:
                    raise Rejected(1, 1, "E001", f"not valid {_LABELS[codec]} text") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _byte_line_col(data, nul)
        raise Rejected(line, col, "E001", "binary content (a NUL byte): a map file is UTF-8 text")
    try:
        return data[start:].decode("utf-8") if start else data.decode("utf-8"), encoding
    except UnicodeDecodeError as exc:
        exc.start += start
        line, col = _byte_line_col(data, exc.start)
        raise Rejected(
            line,
            col,
            "E001",
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at offset {exc.start} "
            "(save the file as UTF-8)",
        ) from None


def _byte_line_col(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1
