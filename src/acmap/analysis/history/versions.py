"""What one version of a map said on the day it was committed: its status, score, counts and gaps.

A version is one (blob, file name, commit date): the same bytes judged on another day can say
something else (a contact goes stale), so the day is part of what is evaluated. Each distinct
version is loaded and assessed once per run, in worker processes when there are many, and kept
in the signed results cache (load/cache.py's file, key and HMAC) so a second run reads it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acmap import __version__
from acmap.settings import GapSettings

if TYPE_CHECKING:
    from acmap.load.cache import ValidationCache

Gap = tuple[str, str | None, str, str]  # code, subject, severity, message
INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class Version:
    """One evaluated version: `status` is "invalid" when the file has errors (then score is
    None and only the loader's findings are counted)."""

    account: str | None
    owner: str | None
    status: str
    score: int | None
    error: int
    warning: int
    info: int
    gaps: tuple[Gap, ...] = ()

    @property
    def valid(self) -> bool:
        return self.status != INVALID


@dataclass(frozen=True, slots=True)
class Wanted:
    """A version to evaluate: its blob id, the file's name in the repository, the day."""

    blob: str
    path: str
    day: date


def evaluate(data: bytes | int | None, path: str, day: date, gaps: GapSettings) -> Version:
    """Load `data` as the map file `path` and assess it with today = `day`."""
    from acmap.analysis.health import assess
    from acmap.findings import count_by_severity
    from acmap.load.build import rejected
    from acmap.load.parse import load_text
    from acmap.load.read import too_big

    if data is None:
        loaded = rejected(path, 1, 1, "E011", "git has no such blob")
    elif isinstance(data, int):
        loaded = rejected(path, 1, 1, "E011", too_big(data))
    else:
        loaded = load_text(data, path, stem=Path(path).stem)
    if loaded.map is None:
        counts = count_by_severity(loaded.findings)
        account = loaded.account_id
        return Version(account, None, INVALID, None, counts["error"], 0, 0)
    report = assess(loaded.map, gaps, day)
    counts = count_by_severity([*loaded.findings, *report.findings])
    found = tuple((f.code, f.subject, f.severity, f.message) for f in report.findings)
    return Version(
        report.id,
        report.owner,
        report.status,
        report.score.total,
        counts["error"],
        counts["warning"],
        counts["info"],
        found,
    )


# --- the signed cache ------------------------------------------------------------------------

# Beyond the loader (load/cache.py fingerprints it), a version's summary depends on these.
_ANALYSIS_PARTS = ("rules", "analysis/health.py", "analysis/history", "model.py", "findings.py")


def fingerprint(gaps: GapSettings) -> str:
    here = Path(__file__).resolve().parent.parent.parent
    stamps = [__version__, "history-1", repr(gaps)]
    for part in _ANALYSIS_PARTS:
        where = here / part
        files = sorted(where.glob("*.py")) if where.is_dir() else [where]
        stamps.extend(f"{f.name}:{_mtime(f)}" for f in files)
    return hashlib.blake2b("|".join(stamps).encode(), digest_size=16).hexdigest()


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


def _key(wanted: Wanted) -> str:
    text = f"{wanted.blob}\0{wanted.day.isoformat()}\0{wanted.path}"
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _stored(version: Version) -> list[Any]:
    return [
        version.account,
        version.owner,
        version.status,
        version.score,
        version.error,
        version.warning,
        version.info,
        [list(g) for g in version.gaps],
    ]


STATUSES = ("red", "amber", "green", INVALID)


def _version(raw: Any) -> Version | None:
    """A cached entry of exactly the shape `_stored` writes, or None (a miss)."""
    if not isinstance(raw, list) or len(raw) != 8:
        return None
    account, owner, status, score, error, warning, info, gaps = raw
    if not all(v is None or isinstance(v, str) for v in (account, owner)):
        return None
    if status not in STATUSES or not isinstance(gaps, list):
        return None
    if not all(type(n) is int and n >= 0 for n in (error, warning, info)):
        return None
    if (score is None) != (status == INVALID) or not (score is None or type(score) is int):
        return None
    found = []
    for gap in gaps:  # tens of thousands on a long history: plain checks, no generators
        if type(gap) is not list or len(gap) != 4:
            return None
        code, subject, severity, message = gap
        if type(code) is not str or type(severity) is not str or type(message) is not str:
            return None
        if subject is not None and type(subject) is not str:
            return None
        found.append((code, subject, severity, message))
    return Version(account, owner, status, score, error, warning, info, tuple(found))


Progress = Callable[[int, int], None]  # (versions done, versions in all)


def open_store(gaps: GapSettings, project: Path, use_cache: bool) -> ValidationCache | None:
    """The project's signed history cache (None with --no-cache)."""
    from acmap.load.cache import ValidationCache

    return ValidationCache.open(project, "history", fingerprint(gaps)) if use_cache else None


def evaluate_all(
    wanted: Sequence[Wanted],
    read: Callable[[list[str]], dict[str, bytes | int | None]],
    gaps: GapSettings,
    project: Path,
    *,
    use_cache: bool = True,
    progress: Progress | None = None,
    opened: ValidationCache | None = None,
    keep: Sequence[Wanted] = (),
) -> dict[Wanted, Version]:
    """Every distinct version in `wanted`, from the cache where it is there; `read(blob ids)`
    fetches the contents of the rest (one `git cat-file --batch`). The cached versions of
    `keep` stay in the cache unread (accounts finished.py had: their next change needs them)."""
    distinct = list(dict.fromkeys(wanted))
    store = opened if opened is not None else open_store(gaps, project, use_cache)
    found: dict[Wanted, Version] = {}
    keys = {w: _key(w) for w in distinct} if store is not None else {}
    if store is not None:
        for w in keep:
            key = _key(w)
            if key in store.entries:
                store.used[key] = store.entries[key]
    if store is not None and store.path is not None:
        for w in distinct:
            raw = store.entries.get(keys[w])
            version = _version(raw)
            if version is not None:
                found[w] = version
                store.used[keys[w]] = raw
    misses = [w for w in distinct if w not in found]
    if misses:
        blobs = read([w.blob for w in misses])
        results = _evaluate_many([(blobs.get(w.blob), w) for w in misses], gaps, progress)
        for w, version in zip(misses, results, strict=True):
            found[w] = version
            if store is not None and store.path is not None:
                store.used[keys[w]] = _stored(version)
                store.dirty = True
    if store is not None:
        store.save()
    return found


# The work of a run, where forked workers find it: the blobs are not pickled to them.
_WORK: list[tuple[bytes | int | None, Wanted]] = []


def _chunk(indices: list[int], gaps: GapSettings) -> list[Version]:
    return [evaluate(_WORK[i][0], _WORK[i][1].path, _WORK[i][1].day, gaps) for i in indices]


def _evaluate_many(
    work: list[tuple[bytes | int | None, Wanted]],
    gaps: GapSettings,
    progress: Progress | None,
) -> list[Version]:
    from acmap.load.selection import jobs_wanted

    jobs = jobs_wanted(len(work))
    total = len(work)
    if jobs <= 1 or os.name != "posix":
        results = []
        for i, (data, w) in enumerate(work):
            results.append(evaluate(data, w.path, w.day, gaps))
            if progress is not None and i % 50 == 49:
                progress(i + 1, total)
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    global _WORK
    _WORK = work
    parts = jobs * 8  # small parts: the progress moves, and a slow map does not hold one worker
    chunks = [list(range(i, total, parts)) for i in range(min(parts, total))]
    ordered: list[Version | None] = [None] * total
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            futures = {pool.submit(_chunk, chunk, gaps): chunk for chunk in chunks}
            done = 0
            for future in as_completed(futures):
                for index, version in zip(futures[future], future.result(), strict=True):
                    ordered[index] = version
                done += len(futures[future])
                if progress is not None:
                    progress(done, total)
    finally:
        _WORK = []
    return [v for v in ordered if v is not None]
