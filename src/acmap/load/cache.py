"""A content-hash cache of validation results, like ruff's: unchanged files are not parsed again.

One JSON file per project under the user cache folder (`ACMAP_CACHE_DIR` moves it; `--no-cache`
bypasses it). An entry is keyed by a hash of the file's bytes, the name it is shown under and the
loader's own fingerprint, so a changed file, a renamed file or a new acmap never sees a stale
result.

The cache folder is not trusted: anyone who can write it (a shared CI cache, a restored artefact)
could otherwise make `validate` pass any map. The file carries an HMAC-SHA256 made with a per-user
key kept outside the cache folder (`ACMAP_CACHE_KEY` names the key file; by default
`$XDG_CONFIG_HOME/acmap/cache.key`, created 0600). A file whose MAC does not verify, and any entry
of the wrong shape, is a miss: the map is checked again, never trusted, never a crash. Without a
usable key or folder acmap runs without the cache; it never creates a folder whose parent does
not exist (so `HOME=/nonexistent` stays nonexistent).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from acmap import __version__
from acmap.findings import Finding
from acmap.format import codes
from acmap.model import Pos

CACHE_VERSION = 3  # 3: findings carry their line (Finding.excerpt) for the code frame
_KEY_BYTES = 32
# Validation results depend only on these modules: a change in any of them empties the cache.
# Every file of load/ is here, and what it imports from format/ and words (tests/test_cache.py).
_LOADER_MODULES = (
    "load/__init__.py",
    "load/read.py",
    "load/parse.py",
    "load/syntax/__init__.py",
    "load/syntax/marks.py",
    "load/syntax/lines.py",
    "load/syntax/quotes.py",
    "load/syntax/brackets.py",
    "load/syntax/indentation.py",
    "load/syntax/keys.py",
    "load/syntax/values.py",
    "load/syntax/recognisers.py",
    "load/build.py",
    "load/describe.py",
    "load/merged.py",
    "load/numbers.py",
    "load/suggest.py",
    "load/checks.py",
    "load/yamlnodes.py",
    "load/cache.py",
    "load/selection.py",
    "load/single.py",
    "load/snapshot.py",
    "load/worktree.py",
    "format/fields.py",
    "format/codes.py",
    "words.py",
)


def cache_folder() -> Path | None:
    configured = os.environ.get("ACMAP_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "acmap"
    home = _home()
    return home / ".cache" / "acmap" if home else None


def key_file() -> Path | None:
    configured = os.environ.get("ACMAP_CACHE_KEY")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CONFIG_HOME")
    if base:
        return Path(base) / "acmap" / "cache.key"
    home = _home()
    return home / ".config" / "acmap" / "cache.key" if home else None


def _home() -> Path | None:
    try:
        home = Path.home()
    except (RuntimeError, KeyError):
        return None
    return home if home.is_absolute() and home.is_dir() else None


def _ensure_folder(folder: Path) -> bool:
    """The folder exists afterwards; only a last component whose parent exists is created, or
    missing folders inside an existing home. Never a tree under a path that is not there."""
    if folder.is_dir():
        return True
    home = _home()
    inside_home = home is not None and folder.is_absolute() and folder.is_relative_to(home)
    if not folder.parent.is_dir() and not inside_home:
        return False
    try:
        folder.mkdir(mode=0o700, parents=inside_home, exist_ok=True)
    except OSError:
        return False
    return folder.is_dir()


def _read_key(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o022:
            return None  # a key others may write is no key
        data = handle.read(4 * _KEY_BYTES)
    key = data.strip()
    return key if len(key) >= _KEY_BYTES else None


def load_key(cache: Path) -> bytes | None:
    """The per-user MAC key, created on first use; None when there is none to be had (then the
    cache is not used)."""
    path = key_file()
    if path is None:
        return None
    if path.parent.resolve() == cache.resolve() or path.resolve().is_relative_to(cache.resolve()):
        return None  # a key inside the untrusted folder protects nothing
    key = _read_key(path)
    if key is not None or path.exists() or path.is_symlink():
        return key
    if not _ensure_folder(path.parent):
        return None
    temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_hex(_KEY_BYTES).encode() + b"\n")
        with contextlib.suppress(FileExistsError):
            os.link(temp, path)  # first writer wins; everyone then reads the same key
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return _read_key(path)


def _fingerprint() -> str:
    here = Path(__file__).parent.parent
    parts = [__version__, str(CACHE_VERSION)]
    for name in _LOADER_MODULES:
        try:
            parts.append(str((here / name).stat().st_mtime_ns))
        except OSError:
            parts.append("?")
    return "|".join(parts)


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


@dataclass(slots=True)
class Entry:
    findings: list[Finding]
    valid: bool
    account_id: str | None
    account_pos: Pos | None


@dataclass(slots=True)
class ValidationCache:
    path: Path | None  # None: no usable folder or key, nothing is read or written
    fingerprint: str
    secret: bytes = b""
    project: str = ""
    entries: dict[str, Any] = field(default_factory=dict)
    used: dict[str, Any] = field(default_factory=dict)
    dirty: bool = False

    @classmethod
    def open(cls, project: Path, kind: str = "validate", extra: str = "") -> ValidationCache:
        """The project's cache file of `kind`; `extra` joins the loader's fingerprint (another
        kind of result depends on more modules: `acmap history` keeps its entries this way,
        with its own shape, signed the same)."""
        fingerprint = _fingerprint() + (f"|{extra}" if extra else "")
        folder = cache_folder()
        key = load_key(folder) if folder is not None and _ensure_folder(folder) else None
        if folder is None or key is None:
            return cls(None, fingerprint)
        name = hashlib.blake2b(_encode(str(project)), digest_size=8).hexdigest()
        cache = cls(folder / f"{kind}-{name}.json", fingerprint, key, str(project))
        try:
            raw = cache.path.read_bytes()  # type: ignore[union-attr]
        except OSError:
            return cache
        mac, _, body = raw.partition(b"\n")
        if not hmac.compare_digest(mac, cache._mac(body)):
            return cache  # forged, foreign or torn: checked again from scratch
        try:
            document = json.loads(body)
        except ValueError:
            return cache
        if isinstance(document, dict) and document.get("fingerprint") == fingerprint:
            entries = document.get("entries")
            if isinstance(entries, dict):
                cache.entries = entries
        return cache

    def _mac(self, body: bytes) -> bytes:
        signed = hmac.new(self.secret, _encode(self.project) + b"\0", hashlib.sha256)
        signed.update(body)
        return signed.hexdigest().encode()

    def key(self, data: bytes, shown: str, stem: str) -> str:
        digest = hashlib.blake2b(data, digest_size=16)
        digest.update(b"\0" + _encode(shown) + b"\0" + _encode(stem))
        return digest.hexdigest()

    def get(self, key: str) -> Entry | None:
        if self.path is None:
            return None
        entry = _entry(self.entries.get(key))
        if entry is not None:
            self.used[key] = self.entries[key]
        return entry

    def put(self, key: str, entry: Entry) -> None:
        if self.path is None:
            return
        self.used[key] = {
            "findings": [
                [
                    f.file,
                    f.line,
                    f.col,
                    f.code,
                    f.name,
                    f.severity,
                    f.message,
                    f.account,
                    f.subject,
                    list(f.excerpt) if f.excerpt else None,
                ]
                for f in entry.findings
            ],
            "valid": entry.valid,
            "account": entry.account_id,
            "pos": list(entry.account_pos) if entry.account_pos else None,
        }
        self.dirty = True

    def save(self) -> None:
        """Keep only the entries this run used, so the cache never grows without bound."""
        if self.path is None or (not self.dirty and len(self.used) == len(self.entries)):
            return
        body = json.dumps(
            {"fingerprint": self.fingerprint, "entries": self.used}, separators=(",", ":")
        ).encode()  # ASCII: json escapes every other character, surrogates included
        # Not edit.atomic (a layer above load): a cache needs no fsync, since a torn file fails
        # its MAC on the next run; the rename alone keeps concurrent runs from mixing writes.
        # A read-only home or a full disk must not fail a validation.
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            temp.write_bytes(self._mac(body) + b"\n" + body)
            os.replace(temp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)


def _entry(raw: Any) -> Entry | None:
    """An entry of exactly the shape `put` writes, or None (a miss)."""
    if not isinstance(raw, dict) or set(raw) != {"findings", "valid", "account", "pos"}:
        return None
    items, valid, account, pos = raw["findings"], raw["valid"], raw["account"], raw["pos"]
    if not isinstance(items, list) or not isinstance(valid, bool):
        return None
    if not (account is None or isinstance(account, str)):
        return None
    if pos is not None and not (
        isinstance(pos, list) and len(pos) == 2 and all(_count(n) for n in pos)
    ):
        return None
    findings = []
    for item in items:
        finding = _finding(item)
        if finding is None:
            return None
        findings.append(finding)
    if valid and any(f.severity == "error" for f in findings):
        return None
    return Entry(findings, valid, account, Pos(*pos) if pos else None)


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0


def _finding(item: Any) -> Finding | None:
    if not isinstance(item, list) or len(item) != 10:
        return None
    file, line, col, code, name, severity, message, account, subject, excerpt = item
    texts = (file, code, name, message)
    if not all(isinstance(t, str) for t in texts) or not (_count(line) and _count(col)):
        return None
    known = codes.VALIDATION_CODES.get(code)
    if known is None or (name, severity) != (known.name, known.severity):
        return None
    if not all(v is None or isinstance(v, str) for v in (account, subject)):
        return None
    if excerpt is not None and not (
        isinstance(excerpt, list)
        and len(excerpt) == 2
        and _count(excerpt[0])
        and isinstance(excerpt[1], str)
    ):
        return None
    shown = (excerpt[0], excerpt[1]) if excerpt else None
    return Finding(file, line, col, code, name, severity, message, account, subject, shown)
