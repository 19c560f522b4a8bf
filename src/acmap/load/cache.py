"""A content-hash cache of validation results, like ruff's: unchanged files are not parsed again.

One JSON file per project under the user cache folder (`ACMAP_CACHE_DIR` moves it; `--no-cache`
bypasses it). An entry is keyed by a hash of the file's bytes, the name it is shown under and the
loader's own fingerprint, so a changed file, a renamed file or a new acmap never sees a stale
result. A broken or foreign cache file is ignored, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from acmap import __version__
from acmap.findings import Finding
from acmap.model import Pos

CACHE_VERSION = 1
# Validation results depend only on these modules: a change in any of them empties the cache.
_LOADER_MODULES = (
    "load/read.py",
    "load/parse.py",
    "load/build.py",
    "load/checks.py",
    "load/yamlnodes.py",
    "format/fields.py",
    "format/codes.py",
    "words.py",
)


def cache_folder() -> Path:
    configured = os.environ.get("ACMAP_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "acmap"


def _fingerprint() -> str:
    here = Path(__file__).parent.parent
    parts = [__version__, str(CACHE_VERSION)]
    for name in _LOADER_MODULES:
        try:
            parts.append(str((here / name).stat().st_mtime_ns))
        except OSError:
            parts.append("?")
    return "|".join(parts)


@dataclass(slots=True)
class Entry:
    findings: list[Finding]
    valid: bool
    account_id: str | None
    account_pos: Pos | None


@dataclass(slots=True)
class ValidationCache:
    path: Path
    fingerprint: str
    entries: dict[str, Any] = field(default_factory=dict)
    used: dict[str, Any] = field(default_factory=dict)
    dirty: bool = False

    @classmethod
    def open(cls, project: Path) -> ValidationCache:
        name = hashlib.blake2b(str(project).encode(), digest_size=8).hexdigest()
        path = cache_folder() / f"validate-{name}.json"
        fingerprint = _fingerprint()
        cache = cls(path, fingerprint)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cache
        if isinstance(document, dict) and document.get("fingerprint") == fingerprint:
            entries = document.get("entries")
            if isinstance(entries, dict):
                cache.entries = entries
        return cache

    def key(self, data: bytes, shown: str, stem: str) -> str:
        digest = hashlib.blake2b(data, digest_size=16)
        digest.update(b"\0" + shown.encode() + b"\0" + stem.encode())
        return digest.hexdigest()

    def get(self, key: str) -> Entry | None:
        raw = self.entries.get(key)
        if raw is None:
            return None
        self.used[key] = raw
        try:
            findings = [Finding(*item) for item in raw["findings"]]
            pos = raw["pos"]
            return Entry(findings, raw["valid"], raw["account"], Pos(*pos) if pos else None)
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, key: str, entry: Entry) -> None:
        self.used[key] = {
            "findings": [
                [f.file, f.line, f.col, f.code, f.name, f.severity, f.message, f.account, f.subject]
                for f in entry.findings
            ],
            "valid": entry.valid,
            "account": entry.account_id,
            "pos": list(entry.account_pos) if entry.account_pos else None,
        }
        self.dirty = True

    def save(self) -> None:
        """Keep only the entries this run used, so the cache never grows without bound."""
        if not self.dirty and len(self.used) == len(self.entries):
            return
        document = {"fingerprint": self.fingerprint, "entries": self.used}
        # Not edit.atomic (a layer above load): a cache needs no fsync, since a torn file is
        # ignored on the next run; the rename alone keeps concurrent runs from mixing writes.
        # A read-only home or a full disk must not fail a validation.
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp.write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")
            os.replace(temp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)
