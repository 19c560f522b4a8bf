"""Each account's finished history, cached: a warm run reads its versions' summaries and its gap
lives instead of reading every version's gaps and working the lives out again.

An entry is keyed by the account's whole step sequence (each step's place in the log, commit,
blob, file name and day), so a commit that touches the account, a rewritten history or another
--until makes a new key and the account is worked out from its versions (versions.py's cache).
The lives do not depend on --since/--until (run.py filters them afterwards). The file is
load/cache.py's, signed the same, with the versions' fingerprint (the rules, the settings and
this package's modules): anything of the wrong shape is a miss, never a crash.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acmap.analysis.history.lives import GapLife
from acmap.analysis.history.timeline import Track
from acmap.analysis.history.versions import INVALID, STATUSES, Version, fingerprint
from acmap.git.log import Commit
from acmap.settings import GapSettings

if TYPE_CHECKING:
    from acmap.load.cache import ValidationCache

KIND = "history-accounts"
MESSAGES = "history-messages"


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cycle collection while the caches are read: json.loads and the entries make hundreds
    of thousands of lists and lives, none in a cycle, and every 700 allocations Python would
    look through them all again (a tenth of a warm run). Frozen afterwards, so no later
    collection walks them either (they live until the report is written)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


@dataclass(slots=True)
class Finished:
    """The accounts' cache, and their gap messages in a file of their own: only JSON shows a
    gap's message, and they are most of the bytes, so a text or CSV run never reads them.
    Lives read without their messages have message "" (`messages` False)."""

    accounts: ValidationCache
    gaps: GapSettings
    project: Path
    messages: bool
    texts: ValidationCache | None = None  # opened when messages are read or written

    def _texts(self) -> ValidationCache:
        if self.texts is None:
            from acmap.load.cache import ValidationCache

            self.texts = ValidationCache.open(self.project, MESSAGES, fingerprint(self.gaps))
        return self.texts

    def read(self, track: Track, commits: list[Commit]) -> list[GapLife] | None:
        """The track's gap lives from the cache, its steps' versions set (without their gaps,
        which only the lives needed); None on a miss, the steps untouched."""
        key = track_key(track)
        raw = self.accounts.entries.get(key)
        if not isinstance(raw, dict) or set(raw) != {"versions", "lives"}:
            return None
        texts = None
        if self.messages:
            texts = self._texts().entries.get(key)
            if type(texts) is not list or not all(type(t) is str for t in texts):
                return None
        versions = _versions(raw["versions"], track)
        lives = _lives(raw["lives"], commits, texts)
        if versions is None or lives is None:
            return None
        for step, version in zip(track.steps, versions, strict=True):
            step.version = version
        self.accounts.used[key] = raw
        if texts is not None:
            self._texts().used[key] = texts
        return lives

    def keep(self, track: Track, lives: list[GapLife]) -> None:
        """Keep the track (its steps' versions set) and `lives`, its gap lives, for the next
        run."""
        key = track_key(track)
        self.accounts.used[key] = {"versions": _stored(track), "lives": _stored_lives(lives)}
        self.accounts.dirty = True
        texts = self._texts()
        texts.used[key] = [g.message for g in lives]
        texts.dirty = True

    def save(self, hits: list[Track]) -> None:
        """Write what changed; the messages of `hits` (read without them) stay."""
        self.accounts.save()
        if self.texts is None:
            return
        if not self.messages:
            for track in hits:
                key = track_key(track)
                if key in self.texts.entries:
                    self.texts.used[key] = self.texts.entries[key]
        self.texts.save()


def open_finished(
    gaps: GapSettings, project: Path, use_cache: bool, messages: bool = True
) -> Finished | None:
    """The project's cache of finished account histories (None with --no-cache)."""
    if not use_cache:
        return None
    from acmap.load.cache import ValidationCache

    store = ValidationCache.open(project, KIND, fingerprint(gaps))
    return Finished(store, gaps, project, messages) if store.path is not None else None


def track_key(track: Track) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for step in track.steps:
        wanted = step.wanted
        if wanted is None:
            text = f"{step.seq}\0{step.commit.id}\0-\n"
        else:
            text = f"{step.seq}\0{step.commit.id}\0{wanted.blob}\0{wanted.path}\0{wanted.day}\n"
        digest.update(text.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _stored(track: Track) -> list[list[Any] | None]:
    return [
        None
        if s.version is None
        else [
            s.version.account,
            s.version.owner,
            s.version.status,
            s.version.score,
            s.version.error,
            s.version.warning,
            s.version.info,
        ]
        for s in track.steps
    ]


def _stored_lives(lives: list[GapLife]) -> list[list[Any]]:
    return [[g.code, g.subject, g.severity, g.opened_seq, g.closed_seq, g.owner] for g in lives]


def _versions(raw: Any, track: Track) -> list[Version | None] | None:
    if type(raw) is not list or len(raw) != len(track.steps):
        return None
    found: list[Version | None] = []
    for item, step in zip(raw, track.steps, strict=True):
        if item is None:
            if step.wanted is not None:
                return None
            found.append(None)
            continue
        if type(item) is not list or len(item) != 7 or step.wanted is None:
            return None
        account, owner, status, score, error, warning, info = item
        if not all(v is None or type(v) is str for v in (account, owner)):
            return None
        if status not in STATUSES or not all(
            type(n) is int and n >= 0 for n in (error, warning, info)
        ):
            return None
        if (score is None) != (status == INVALID) or not (score is None or type(score) is int):
            return None
        found.append(Version(account, owner, status, score, error, warning, info))
    return found


def _lives(raw: Any, commits: list[Commit], texts: list[str] | None) -> list[GapLife] | None:
    if type(raw) is not list or (texts is not None and len(texts) != len(raw)):
        return None
    end = len(commits)
    lives = []
    for index, item in enumerate(raw):  # tens of thousands: plain checks, no generators
        if type(item) is not list or len(item) != 6:
            return None
        code, subject, severity, opened, closed, owner = item
        if type(code) is not str or type(severity) is not str:
            return None
        if (subject is not None and type(subject) is not str) or (
            owner is not None and type(owner) is not str
        ):
            return None
        if type(opened) is not int or not 0 <= opened < end:
            return None
        if closed is not None and (type(closed) is not int or not opened <= closed < end):
            return None
        message = texts[index] if texts is not None else ""
        life = GapLife(code, subject, severity, message, commits[opened], opened, owner=owner)
        if closed is not None:
            life.closed, life.closed_seq = commits[closed], closed
        lives.append(life)
    return lives
