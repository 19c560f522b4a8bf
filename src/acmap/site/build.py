"""`acmap site`'s pipeline: the maps in, a folder of pages out, rewriting only what changed.

With settings.snapshot (`--at REV`) the maps, acmap.toml, the latest changes (REV's parent to REV)
and the history (up to REV) are those of that commit; a map's bytes are then its blob id.

1. Each selected map file is hashed with everything its page depends on (acmap's code, the
   settings, today, its latest changes and its score history in git); files whose hash the
   manifest already holds are not read again.
2. The others are loaded, in parallel from 64 files on; each worker draws the diagram and writes
   the account's page (account.py), and sends back only a summary.
3. The index, owners' and partners' pages and the search index are made from the summaries and
   written when their bytes differ; files the last build wrote and this one did not are removed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from acmap.findings import Finding
from acmap.settings import Settings
from acmap.site import manifest as manifests
from acmap.site.names import ASSETS

PER_CORE = 2  # workers per core: each waits on its `dot` for about a third of its time
GIT_BASE = "HEAD~1"  # "the latest changes": the previous commit against the work tree


class SiteError(Exception):
    """A message for the user: exit 2."""


@dataclass(slots=True)
class SiteResult:
    folder: Path
    accounts: int = 0
    written: int = 0
    kept: int = 0
    removed: int = 0
    errors: list[Finding] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 2 if self.unreadable else 1 if self.errors else 0


def build_site(
    targets: list[str],
    config: Settings,
    folder: Path,
    today: date,
    *,
    force: bool = False,
    timeout: float = 60.0,
) -> SiteResult:
    from functools import partial

    from acmap.load.read import display
    from acmap.load.selection import SelectionError, jobs_wanted, load_selection, map_files
    from acmap.settings import leads_out
    from acmap.site.account import make_page, prepare
    from acmap.site.history import site_history
    from acmap.site.pages import code_digest

    old = check_folder(folder, force) or manifests.Manifest()
    try:
        files, unreadable = map_files(targets, config)
    except SelectionError as exc:
        raise SiteError(str(exc)) from None
    at = config.snapshot
    changes, by_file = latest_changes(config, today)
    history = site_history(config, today, targets, until=at.commit if at else None)
    context = manifests.digest(code_digest(), repr(config.gaps), today.isoformat())
    new = manifests.Manifest(context=context)
    result = SiteResult(folder, unreadable=list(unreadable))
    stale: dict[str, str] = {}  # file as the loader names it → input hash, for the maps to read
    wanted_paths: list[str] = []
    for path in files:
        key = display(path)
        try:
            data = _contents(path, config)
        except OSError:
            stale[key] = ""  # the loader says why, as it does for every command
            wanted_paths.append(str(path))
            continue
        extra = ""
        if by_file or history.by_file:
            real = _real(path)
            extra = json.dumps([by_file.get(real), history.by_file.get(real)], sort_keys=True)
        wanted = manifests.digest(context, data, extra)
        before = old.accounts.get(key)
        if before is not None and before.get("input") == wanted and _present(folder, before):
            new.accounts[key] = before
            result.kept += 1
        else:
            stale[key] = wanted
            wanted_paths.append(str(path))
    if stale:
        if jobs_wanted(len(stale), PER_CORE) > 1:
            prepare()  # for workers to inherit; a rebuild of a few pages needs only its own
        work = partial(
            make_page,
            gaps=config.gaps,
            today=today,
            changes=changes,
            history=history.by_account,
            folder=folder,
            timeout=timeout,
        )
        try:
            selection = load_selection(
                wanted_paths, config, analyse=work, keep_maps=False, per_core=PER_CORE
            )
        except SelectionError as exc:
            raise SiteError(str(exc)) from None
        result.unreadable.extend(selection.unreadable)
        result.errors = [f for f in selection.findings if f.severity == "error"]
        for summary, written in selection.results:
            entry = {"input": stale.get(summary["file"], ""), "summary": summary}
            new.accounts[summary["file"]] = entry
            result.written += written
            result.kept += not written
    summaries = [entry["summary"] for entry in new.accounts.values()]
    result.accounts = len(summaries)
    _write_shared(folder, summaries, today, history.trend, old, new, result)
    new.files.extend(entry["summary"]["page"] for entry in new.accounts.values())
    for name in sorted(set(old.files) - set(new.files)):
        if leads_out(folder / name, folder) is None:  # never through a symlink out of the site
            (folder / name).unlink(missing_ok=True)
            result.removed += 1
    manifests.write(folder, new)
    return result


def check_folder(folder: Path, force: bool) -> manifests.Manifest | None:
    """The manifest of the site already in `folder`, or None for a new one; SiteError for a
    folder that holds something else, unless `force`."""
    if folder.exists() and not folder.is_dir():
        raise SiteError(f"{folder} exists and is not a folder")
    found = manifests.read(folder)
    if found is None and folder.is_dir() and any(folder.iterdir()) and not force:
        raise SiteError(
            f"{folder} exists and is not an acmap site (no {manifests.NAME}); "
            "add --force to build into it"
        )
    return found


def _present(folder: Path, entry: dict[str, Any]) -> bool:
    summary = entry.get("summary")
    return isinstance(summary, dict) and (folder / str(summary.get("page", ""))).is_file()


def _write_shared(
    folder: Path,
    summaries: list[dict[str, Any]],
    today: date,
    trend: list[list[Any]],
    old: manifests.Manifest,
    new: manifests.Manifest,
    result: SiteResult,
) -> None:
    """Every file that is not an account's page, each written only when its bytes differ."""
    from acmap.site.pages import assets
    from acmap.site.portfolio import SEARCH_INDEX, pages, search_index

    shared: list[tuple[str, bytes]] = [
        (f"{ASSETS}/{name}", data) for name, data in assets().items()
    ]
    shared.append((SEARCH_INDEX, search_index(summaries).encode("utf-8")))
    for name, data in shared:
        new.files.append(name)
        _count(result, _write(folder, name, data))
    for name, inputs, make in pages(summaries, today.isoformat(), trend):
        new.files.append(name)
        if inputs:
            new.pages[name] = inputs
            if old.pages.get(name) == inputs and (folder / name).is_file():
                result.kept += 1  # what it shows has not changed: not even made again
                continue
        _count(result, _write(folder, name, make().encode("utf-8")))


def _count(result: SiteResult, written: bool) -> None:
    if written:
        result.written += 1
    else:
        result.kept += 1


def _write(folder: Path, name: str, data: bytes) -> bool:
    """Write unless the file holds these bytes; never through a symlink out of `folder`."""
    from acmap.edit.atomic import same_bytes, write_atomic

    if same_bytes(folder / name, data):
        return False
    write_atomic(folder / name, data, root=folder, durable=False)
    return True


def _contents(path: Path, config: Settings) -> bytes:
    """What the page's hash takes of the map: its bytes, or at a commit its blob id (which
    names the bytes: nothing need be read). OSError when the loader will say why not."""
    at = config.snapshot
    if at is None:
        return path.read_bytes()
    from acmap.load.snapshot import repository_path

    blob = at.files.get(repository_path(path, at) or "")
    if blob is None:
        raise OSError(f"{path} is not a file at {at.label}")
    return f"blob {blob}".encode()


def _real(path: Path) -> str:
    return str(path.resolve())


def latest_changes(
    config: Settings, today: date
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """What changed in each account since the previous commit (by account id, and by the map
    file's real path); nothing when the maps are not in git or there is no previous commit.
    At a commit (--at): what that commit changed, against its first parent."""
    from acmap.analysis.changes import diff_revisions
    from acmap.git import GitError

    at = config.snapshot
    base, head = (f"{at.commit}~1", at.commit) if at else (GIT_BASE, None)
    label = f"{at.label}~1" if at else GIT_BASE
    try:
        diff = diff_revisions(base, head, [], config, today)
        from acmap.git import toplevel

        top = toplevel(Path.cwd())
    except (GitError, OSError):
        return {}, {}
    by_account: dict[str, dict[str, Any]] = {}
    by_file: dict[str, dict[str, Any]] = {}
    for account in diff.accounts:
        if account.new_file is None or account.invalid:
            continue
        told = {
            "base": label,
            "kind": account.kind,
            "status": list(account.status),
            "score": list(account.score),
            "changes": [c.text for c in account.changes],
            "opened": [g.text for g in account.opened],
            "closed": [g.text for g in account.closed],
        }
        by_account[account.account] = told
        by_file[str((top / account.new_file).resolve())] = told
    return by_account, by_file
