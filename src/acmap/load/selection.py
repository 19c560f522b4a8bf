"""Which map files a command works on, and loading them: in parallel when there are many.

With settings.snapshot (`--at REV`) every map comes from that commit's blobs (load/snapshot.py),
never from the work tree; paths and ids on the command line mean what they mean without it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from acmap.findings import Finding
from acmap.format import codes
from acmap.load.build import Loaded, rejected
from acmap.load.parse import load_file
from acmap.load.read import OUTSIDE, LoadError, OutsideProject, Rejected, Unreadable, read_bytes
from acmap.load.read import display as _display
from acmap.load.snapshot import Blob, CommitFiles, blobs, load_blob
from acmap.model import AccountMap
from acmap.settings import Settings, Snapshot, SnapshotError, leads_out, project_of
from acmap.words import did_you_mean

MAP_SUFFIXES = (".yaml", ".yml")
PARALLEL_FROM = 64  # below this many files a second process costs more than it saves


class SelectionError(LoadError):
    """A target is neither a readable file, a folder nor a known account id: exit 2."""


@dataclass(slots=True)
class Selection:
    """The loaded portfolio: maps without errors, every finding, and what could not be read."""

    maps: list[AccountMap] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    unreadable: list[str] = field(default_factory=list)
    results: list[Any] = field(default_factory=list)  # what `analyse` returned, per valid map


def map_files(targets: Iterable[str], settings: Settings) -> tuple[list[Path], list[str]]:
    """Resolve files, folders and account ids to map files. Returns (files, unreadable)."""
    wanted = list(targets)
    if settings.snapshot is not None:
        return _files_at(wanted, settings, settings.snapshot)
    files: list[Path] = []
    unreadable: list[str] = []
    root = project_root(settings)
    if not wanted:
        _guard(settings.maps, root)
        if not settings.maps.is_dir():
            raise SelectionError(
                f"no maps folder at {settings.maps} (create it, pass paths, or set maps= in "
                "acmap.toml)"
            )
        return _walk(settings.maps, root, unreadable), unreadable
    known_ids: dict[str, Path] | None = None
    for target in wanted:
        path = Path(target)
        # A folder through a symlink out of the project is refused; for a file, the folders on
        # its way are (the file itself is read.py's per-file guard: E011 in a portfolio).
        _guard(path if path.is_dir() else path.parent, root)
        if path.is_dir():
            files.extend(_walk(path, root, unreadable))
        elif path.exists() or path.is_symlink():
            files.append(path)
        elif "/" not in target and not target.endswith(MAP_SUFFIXES):
            if known_ids is None:
                _guard(settings.maps, root)
                known_ids = _ids_in(settings.maps, root)
            if target in known_ids:
                files.append(known_ids[target])
            else:
                hint = did_you_mean(target, known_ids)
                raise SelectionError(f"no map file, folder or account id {target!r}{hint}")
        else:
            unreadable.append(f"{target}: no such file or folder")
    seen: set[Path] = set()
    unique = []
    for file in files:
        key = file.resolve() if file.exists() else file
        if key not in seen:
            seen.add(key)
            unique.append(file)
    return unique, unreadable


def _files_at(
    wanted: list[str], settings: Settings, snapshot: Snapshot
) -> tuple[list[Path], list[str]]:
    """map_files for a commit: the same answers, from its tree."""
    tree = CommitFiles(snapshot)
    at = snapshot.label
    if not wanted:
        name = tree.where(settings.maps)
        if name is None or name not in tree.folders:
            raise SelectionError(f"no maps folder at {_display(settings.maps)} in {at}")
        return tree.walk(settings.maps, name, MAP_SUFFIXES), []
    files: list[Path] = []
    unreadable: list[str] = []
    known_ids: dict[str, Path] | None = None
    for target in wanted:
        path = Path(target)
        name = tree.where(path)
        if name is not None and name in tree.folders:
            files.extend(tree.walk(path, name, MAP_SUFFIXES))
        elif name is not None and tree.is_file(name):
            files.append(path)
        elif "/" not in target and not target.endswith(MAP_SUFFIXES):
            if known_ids is None:
                maps = tree.where(settings.maps)
                walked = (
                    tree.walk(settings.maps, maps, MAP_SUFFIXES)
                    if maps is not None and maps in tree.folders
                    else []
                )
                known_ids = {file.stem: file for file in walked}
            if target not in known_ids:
                hint = did_you_mean(target, known_ids)
                raise SelectionError(f"no map file, folder or account id {target!r} at {at}{hint}")
            files.append(known_ids[target])
        elif name is None:
            unreadable.append(f"{target}: outside the repository (--at reads only its files)")
        else:
            unreadable.append(f"{target}: no such file or folder at {at}")
    seen: set[str | None] = set()
    unique = []
    for file in files:
        if (key := tree.where(file)) not in seen:
            seen.add(key)
            unique.append(file)
    return unique, unreadable


def project_root(settings: Settings) -> Path:
    """The folder a map may live in: the git work tree around the settings root, else that root."""
    return project_of(settings.root)


FOLDER_OUTSIDE = (
    "symlink to a folder outside the project is not followed (acmap reads only files in it)"
)


def _guard(folder: Path, root: Path) -> None:
    """SelectionError when the way to `folder` goes through a symlink out of the project."""
    link = leads_out(folder, root)
    if link is not None:
        raise SelectionError(f"{_display(link)}: {FOLDER_OUTSIDE}")


def _walk(folder: Path, root: Path, unreadable: list[str] | None = None) -> list[Path]:
    """The map files under `folder`, sorted. A subfolder that cannot be listed is reported in
    `unreadable`: skipping it silently would let CI pass without checking its maps. A symlinked
    subfolder is walked when it resolves inside the project (once), reported when it leads out."""

    def report(error: OSError) -> None:
        if unreadable is not None:
            where = _display(Path(error.filename)) if error.filename else str(folder)
            unreadable.append(f"{where}: cannot read folder: {error.strerror or error}")

    top_real = folder.resolve()
    seen = {top_real}
    found = []
    for top, dirs, names in os.walk(folder, onerror=report, followlinks=True):
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(".")):
            sub = Path(top, name)
            real = sub.resolve() if sub.is_symlink() else None
            if real is not None and not real.is_relative_to(root):
                if unreadable is not None:
                    unreadable.append(f"{_display(sub)}: {FOLDER_OUTSIDE}")
                continue
            if real is not None and (
                top_real.is_relative_to(real) or any(real.is_relative_to(s) for s in seen)
            ):
                continue  # a loop, or a folder walked already
            if real is not None:
                seen.add(real)
            kept.append(name)
        dirs[:] = kept
        for name in sorted(names):
            if name.endswith(MAP_SUFFIXES) and not name.startswith("."):
                found.append(Path(top, name))
    return found


def _ids_in(folder: Path, root: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    return {path.stem: path for path in _walk(folder, root)}


# What a worker loads: a work-tree file, or a commit's blob already read (bytes in hand before
# any fork, so workers never ask git).
Source = Path | Blob


def _load_one(
    source: Source, analyse: Callable[[AccountMap], Any] | None, keep_maps: bool, root: Path
) -> tuple[Loaded | str, Any]:
    if isinstance(source, Blob):
        shown = _display(source.path)
        found = load_blob(source, shown)
        if isinstance(found, str):
            return found, None
        loaded = found
    else:
        shown = _display(source)
        try:
            loaded = load_file(source, shown, root)
        except OutsideProject:
            return rejected(shown, 1, 1, "E011", OUTSIDE), None
        except Unreadable as exc:
            return str(exc), None
    result = analyse(loaded.map) if analyse is not None and loaded.map is not None else None
    if not keep_maps:
        loaded.map = _STUB if loaded.map is not None else None
    return loaded, result


# Stands in for a valid map that is not sent back from a worker (validate needs only findings).
_STUB = AccountMap()


def _load_chunk(
    chunk: Sequence[Source],
    analyse: Callable[[AccountMap], Any] | None,
    keep_maps: bool,
    root: Path,
) -> list[tuple[Loaded | str, Any]]:
    return [_load_one(source, analyse, keep_maps, root) for source in chunk]


def jobs_wanted(count: int, per_core: int = 1) -> int:
    """Worker processes for `count` files: ACMAP_JOBS, else one per core (`per_core` per core for
    work that waits on a program of its own, such as the site's `dot`), at most 8"""
    configured = os.environ.get("ACMAP_JOBS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    if count < PARALLEL_FROM:
        return 1
    return max(1, min(len(os.sched_getaffinity(0)) * per_core, 8))


def load_selection(
    targets: Iterable[str],
    settings: Settings,
    analyse: Callable[[AccountMap], Any] | None = None,
    keep_maps: bool = True,
    use_cache: bool = False,
    per_core: int = 1,
) -> Selection:
    """Load every selected file. `analyse` runs on each valid map where it was loaded (in the
    worker process when loading is parallel), so only its result needs to travel back;
    `per_core`: workers per core, for an `analyse` that waits on a program it runs."""
    files, unreadable = map_files(targets, settings)
    root = project_root(settings)
    sources: Sequence[Source] = (
        files if settings.snapshot is None else blobs_at(files, settings.snapshot)
    )
    if use_cache and analyse is None and not keep_maps:
        outcomes = _cached(sources, root)
    else:
        outcomes = _load_all(sources, analyse, keep_maps, root, per_core)
    selection = Selection(files=len(files), unreadable=list(unreadable))
    loaded_files = [outcome for outcome, _ in outcomes if not isinstance(outcome, str)]
    duplicates, skipped = _duplicate_accounts(loaded_files)
    selection.findings.extend(duplicates)
    for outcome, result in outcomes:
        if isinstance(outcome, str):
            selection.unreadable.append(outcome)
            continue
        selection.findings.extend(outcome.findings)
        if outcome.map is not None and id(outcome) not in skipped:
            selection.maps.append(outcome.map)
            selection.results.append(result)
    selection.findings.sort(key=Finding.sort_key)
    return selection


def blobs_at(files: list[Path], snapshot: Snapshot) -> list[Blob]:
    """The commit's contents of `files`, read before any loading (SelectionError when git
    cannot give them)."""
    try:
        return blobs(files, snapshot)
    except SnapshotError as exc:
        raise SelectionError(f"cannot read the maps at {snapshot.label}: {exc}") from None


def _load_all(
    files: Sequence[Source],
    analyse: Callable[[AccountMap], Any] | None,
    keep_maps: bool,
    root: Path,
    per_core: int = 1,
) -> list[tuple[Loaded | str, Any]]:
    jobs = jobs_wanted(len(files), per_core)
    if jobs > 1:
        return _parallel(files, analyse, keep_maps, jobs, root, per_core)
    return [_load_one(source, analyse, keep_maps, root) for source in files]


def _cached(files: Sequence[Source], root: Path) -> list[tuple[Loaded | str, Any]]:
    """Validation results, from the cache where a file's bytes are unchanged."""
    from acmap.load.cache import Entry, ValidationCache

    store = ValidationCache.open(root)
    outcomes: dict[int, tuple[Loaded | str, Any]] = {}
    keys: dict[int, str] = {}
    for at, source in enumerate(files):
        data = _plain_bytes(source, root)
        if data is None:
            continue
        path = source.path if isinstance(source, Blob) else source
        shown = _display(path)
        key = store.key(data, shown, path.stem)
        entry = store.get(key)
        if entry is None:
            keys[at] = key
        else:
            found = Loaded(
                shown,
                _STUB if entry.valid else None,
                entry.findings,
                entry.account_id,
                entry.account_pos,
            )
            outcomes[at] = (found, None)
    misses = [at for at in range(len(files)) if at not in outcomes]
    loaded_misses = _load_all([files[at] for at in misses], None, False, root)
    for at, outcome in zip(misses, loaded_misses, strict=True):
        outcomes[at] = outcome
        loaded = outcome[0]
        if at in keys and isinstance(loaded, Loaded):
            entry = Entry(
                loaded.findings, loaded.map is not None, loaded.account_id, loaded.account_pos
            )
            store.put(keys[at], entry)
    store.save()
    return [outcomes[at] for at in range(len(files))]


def _plain_bytes(source: Source, root: Path) -> bytes | None:
    """The bytes of an ordinary map file inside the project (or of a commit's blob); None sends
    it the long way (where the same read reports why it failed)."""
    if isinstance(source, Blob):
        return source.data if isinstance(source.data, bytes) else None
    try:
        return read_bytes(source, root)
    except (Unreadable, Rejected):
        return None


def _parallel(
    files: Sequence[Source],
    analyse: Callable[[AccountMap], Any] | None,
    keep_maps: bool,
    jobs: int,
    root: Path,
    per_core: int = 1,
) -> list[tuple[Loaded | str, Any]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Interleave files over chunks so that the few very large accounts spread across workers;
    # slower work in smaller chunks, so that no worker is left with a long last one.
    count = jobs * 4 * per_core
    chunks = [files[i::count] for i in range(count)]
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        parts = list(
            pool.map(
                _load_chunk,
                chunks,
                [analyse] * len(chunks),
                [keep_maps] * len(chunks),
                [root] * len(chunks),
            )
        )
    ordered: list[tuple[Loaded | str, Any]] = [("", None)] * len(files)
    for i, part in enumerate(parts):
        for j, outcome in enumerate(part):
            ordered[i + j * count] = outcome
    return ordered


def _duplicate_accounts(loaded_files: list[Loaded]) -> tuple[list[Finding], set[int]]:
    """E010: the same account.id in two files. The later file is reported and skipped."""
    first: dict[str, Loaded] = {}
    findings: list[Finding] = []
    skipped: set[int] = set()
    for loaded in loaded_files:
        account_id = loaded.account_id
        if account_id is None:
            continue
        if account_id not in first:
            first[account_id] = loaded
            continue
        pos = loaded.account_pos
        line, col = (pos.line, pos.col) if pos else (1, 1)
        findings.append(
            codes.finding(
                loaded.file,
                line,
                col,
                "E010",
                f"account id {account_id!r} is also declared in {first[account_id].file}",
                account_id,
                account_id,
            )
        )
        skipped.add(id(loaded))
    return findings, skipped
