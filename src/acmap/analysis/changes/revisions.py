"""`acmap diff`'s pipeline: from two git revisions to what the change means for each account.

Only the map files git reports as changed are read, old side and new side, each through the
loader; a file that does not load is reported as invalid on that side rather than diffed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from acmap.analysis.changes.account import AccountDiff, diff_account
from acmap.findings import at_least
from acmap.git import (
    FileChange,
    Range,
    changed_maps,
    read_blobs,
    resolve,
    shown,
    toplevel,
    worktree,
)
from acmap.load import Loaded
from acmap.settings import Settings

# git's word for what happened to a file → the word the report uses for the account.
_KIND = {"added": "added", "deleted": "removed", "renamed": "renamed", "modified": "changed"}


@dataclass(frozen=True, slots=True)
class DiffResult:
    """What `acmap diff` found: the range compared and one AccountDiff per changed map file."""

    span: Range
    accounts: list[AccountDiff]

    def opens(self, level: str) -> bool:
        """What `--fail-on-new` fails on: the change breaks a file (a new one too: a broken file
        is never fine), opens a gap at or above `level` (error, warning) in an account that had
        a map before, or makes an account's status worse (green → amber, green → red,
        amber → red), which counts as a warning.

        A new account's gaps do not count: it is judged from its next change on, so the map
        `acmap new` writes passes the CI `acmap init` writes."""
        return any(self.counted(account, level) for account in self.accounts)

    @staticmethod
    def counted(account: AccountDiff, level: str) -> bool:
        """Whether this one account makes `--fail-on-new level` fail."""
        if account.broken:
            return True
        if account.worse and at_least("warning", level):
            return True
        if account.new_account:
            return False
        return any(at_least(g.finding.severity, level) for g in account.opened)


def diff_revisions(
    base: str | None,
    head: str | None,
    paths: Sequence[str],
    settings: Settings,
    today: date,
    cwd: Path | None = None,
) -> DiffResult:
    """Compare the maps at `base` with those at `head` (None: the working tree; both None: HEAD
    against the working tree; `base` may be `A..B` or `A...B`).

    `paths` narrow the diff as git pathspecs relative to `cwd` (default: the maps folder).
    Raises acmap.git.GitError when git cannot answer (not a repository, unknown revision).
    """
    from acmap.load.read import MAX_BYTES
    from acmap.load.worktree import load_side

    cwd = cwd or Path.cwd()
    top = toplevel(cwd)
    span = resolve(base, head, cwd)
    specs = list(paths) or [_default_spec(settings, cwd)]
    if span.head is None:
        files, fresh = _worktree_files(span.base, specs, cwd, top)
    else:
        files, fresh = changed_maps(span, specs, cwd), {}
    blobs = read_blobs([i for f in files for i in (f.old_id, f.new_id)], top, MAX_BYTES)
    before = load_side({f.old: blobs.get(f.old_id or "") for f in files if f.old}, shown)
    after = load_side(
        {
            f.new: fresh.get(f.new) if f.new_id is None else blobs.get(f.new_id)
            for f in files
            if f.new
        },
        shown,
    )
    files = _same_account_renamed(files, before, after)
    accounts = [_diff_file(change, before, after, settings, today) for change in files]
    return DiffResult(span, accounts)


def _worktree_files(
    base: str, specs: list[str], cwd: Path, top: Path
) -> tuple[list[FileChange], dict[str, bytes | Loaded | None]]:
    """The changes from commit `base` to the working tree, and the changed files' contents.
    Git never looks at the files (its clean filters and fsmonitor would run): each is read
    through the door and hashed as git would, and only the ones that differ are kept."""
    from acmap.load.worktree import read_worktree

    tree = worktree(base, specs, cwd)
    fresh = read_worktree(list(tree.files), top, tree.same, shown, tree.unchanged)
    return tree.changes(fresh), fresh


def _same_account_renamed(
    files: list[FileChange],
    before: Mapping[str, Loaded | None],
    after: Mapping[str, Loaded | None],
) -> list[FileChange]:
    """A deleted file and an added one that hold the same account are that account renamed
    (git pairs only files with similar contents)."""
    gone: dict[str, list[FileChange]] = {}
    for f in files:
        old = before.get(f.old) if f.status == "deleted" and f.old else None
        if old is not None and old.map is not None and old.map.account.id:
            gone.setdefault(old.map.account.id, []).append(f)
    paired: dict[int, FileChange] = {}
    dropped: set[int] = set()
    for i, f in enumerate(files):
        new = after.get(f.new) if f.status == "added" and f.new else None
        if new is None or new.map is None or not gone.get(new.map.account.id):
            continue
        was = gone[new.map.account.id].pop(0)
        paired[i] = FileChange("renamed", was.old, f.new, was.old_id, f.new_id)
        dropped.add(id(was))
    return [paired.get(i, f) for i, f in enumerate(files) if id(f) not in dropped]


def _default_spec(settings: Settings, cwd: Path) -> str:
    try:
        return settings.maps.resolve().relative_to(cwd.resolve()).as_posix() or "."
    except ValueError:
        return str(settings.maps)


def _diff_file(
    change: FileChange,
    before: Mapping[str, Loaded | None],
    after: Mapping[str, Loaded | None],
    settings: Settings,
    today: date,
) -> AccountDiff:
    old = before.get(change.old) if change.old else None
    new = after.get(change.new) if change.new else None
    return diff_account(
        _KIND.get(change.status, change.status),
        shown(change.old) if change.old else None,
        shown(change.new) if change.new else None,
        old.map if old else None,
        new.map if new else None,
        settings.gaps,
        today,
        invalid_before=old.findings if old and not old.ok else None,
        invalid_after=new.findings if new and not new.ok else None,
    )
