"""One entry of git's raw diff format with -z (`diff-tree --raw`, `log --raw`): the field
`:old_mode new_mode old_id new_id status`, then one path (two for a rename or copy), each its
own NUL-separated field. One reader for every command that asks git for it."""

from __future__ import annotations

from typing import NamedTuple

RENAMES = ("R", "C")  # the statuses that name two paths, the old then the new


class Meta(NamedTuple):
    old_mode: bytes
    new_mode: bytes
    old_id: str
    new_id: str
    kind: str  # the status letter: A, M, D, R, C, T

    @property
    def names(self) -> int:
        """How many path fields follow this one."""
        return 2 if self.kind in RENAMES else 1


def meta(field: bytes) -> Meta | None:
    """The entry that `field` opens, or None when it opens none (`log` puts a newline before
    the first entry after a commit's header)."""
    line = field.lstrip(b"\n")
    if not line.startswith(b":"):
        return None
    parts = line[1:].split(b" ")
    if len(parts) < 5:
        return None
    old_mode, new_mode, old_id, new_id, status = parts[:5]
    return Meta(
        old_mode,
        new_mode,
        old_id.decode("ascii", "replace"),
        new_id.decode("ascii", "replace"),
        status[:1].decode("ascii", "replace"),
    )


def absent(oid: str) -> bool:
    """Whether `oid` is git's all-zero id: no blob on that side (added, deleted)."""
    return set(oid) <= {"0"}
