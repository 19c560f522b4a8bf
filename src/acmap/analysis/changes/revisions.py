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
from acmap.git import FileChange, Range, changed_maps, read_blobs, resolve, toplevel
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
        """Whether the change breaks a file that was valid, or opens a gap at or above `level`
        (error, warning): what `--fail-on-new` fails on."""
        for account in self.accounts:
            if account.invalid_after and not account.invalid_before:
                return True
            if any(at_least(g.finding.severity, level) for g in account.opened):
                return True
        return False


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
    cwd = cwd or Path.cwd()
    top = toplevel(cwd)
    span = resolve(base, head, cwd)
    files = changed_maps(span, list(paths) or [_default_spec(settings, cwd)], cwd)
    olds = [f.old for f in files if f.old is not None]
    news = [f.new for f in files if f.new is not None]
    from acmap.load.worktree import load_blobs, load_worktree

    before = load_blobs(read_blobs(span.base, olds, top))
    after = load_blobs(read_blobs(span.head, news, top)) if span.head else load_worktree(news, top)
    accounts = [_diff_file(change, before, after, settings, today) for change in files]
    return DiffResult(span, accounts)


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
        change.old,
        change.new,
        old.map if old else None,
        new.map if new else None,
        settings.gaps,
        today,
        invalid_before=old.findings if old and not old.ok else None,
        invalid_after=new.findings if new and not new.ok else None,
    )
