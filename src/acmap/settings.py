"""acmap.toml: found by walking up from the working directory, like ruff's pyproject lookup;
and the project-root guard (`project_of`, `leads_out`), here because the settings say where the
project is and every layer that reads or writes a file sits above this module.

Parsed structurally: types, tiers, severities, and rule names checked against the registry of
codes. The thresholds `[gaps]` may set ("knobs") are declared by the gap rules, which sit above
this module: the caller passes their names in (acmap.analysis.policy.load_settings does), and
the rules engine fills in the defaults.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from acmap.findings import SEVERITIES
from acmap.format.codes import rule_words
from acmap.model import MEDDPICC, STAGES, TIERS
from acmap.words import did_you_mean

CONFIG_NAME = "acmap.toml"
SEVERITY_CHOICES = (*SEVERITIES, "off")


class ConfigError(Exception):
    """acmap.toml is unreadable or says something acmap does not understand."""


# The knob names the rules declare, asked for only when acmap.toml has a [gaps] table.
KnobNames = Callable[[], Collection[str]]


@dataclass(frozen=True, slots=True)
class GapSettings:
    """acmap.toml's [gaps]: the knob values it sets (the rules hold the defaults) and the
    severities it forces. Read by the rules engine (acmap.rules.engine.Policy)."""

    base: dict[str, int] = field(default_factory=dict)  # [gaps] stale_days = 30 …
    per_tier: dict[str, dict[str, int]] = field(default_factory=dict)  # [gaps.tier.<tier>]
    # Keyed by rule code ("G304") or kebab name ("stale-map"); values error|warning|info|off.
    severity: dict[str, str] = field(default_factory=dict)
    # acmap.toml's [qualify.gates]: stage → MEDDPICC letter → the least score (0–3) to be at it.
    # Kept here, where the rules engine reads its settings, because G601 applies them.
    gates: dict[str, dict[str, int]] = field(default_factory=dict)

    def overrides(self, tier: str) -> dict[str, int]:
        """The knob values set for accounts of `tier`: [gaps], then [gaps.tier.<tier>]."""
        return {**self.base, **self.per_tier.get(tier, {})}


class SnapshotError(Exception):
    """Git could not give a snapshot's blobs (git gone, a broken repository): exit 2."""


# A snapshot's reader: blob ids → their bytes; an int is the size of a blob over the limit, and
# None a blob the repository does not have. SnapshotError when git cannot answer at all.
ReadBlobs = Callable[[Collection[str]], Mapping[str, bytes | int | None]]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The files of one git commit, for `--at REV`: every map comes from here, never from the
    work tree. A plain value (this module cannot import acmap.git): acmap.analysis.policy builds
    it. Paths are the repository's, relative to `top`, as git has them."""

    commit: str
    label: str  # the revision as the user wrote it, for messages
    top: Path  # the repository's root in the work tree: a path on the command line means this
    files: Mapping[str, str]  # path → blob id; symlinks that stay inside the tree are followed
    refused: Mapping[str, str]  # path → why it is not read (a symlink out of the repository)
    read: ReadBlobs


@dataclass(frozen=True, slots=True)
class Settings:
    root: Path
    maps: Path
    today: date | None = None
    gaps: GapSettings = field(default_factory=GapSettings)
    snapshot: Snapshot | None = None  # --at REV: the maps as they were at that commit


# --- the project-root guard -------------------------------------------------------------------
# A pull request can commit a symlink (maps/ -> ~/.aws, .github/workflows -> /etc) or an
# acmap.toml with maps = "/etc". One rule for every read and write: a symlink inside the project
# is followed only when it resolves inside the project; settings paths must stay inside it.


def project_of(folder: Path) -> Path:
    """The project `folder` belongs to: the git work tree around it, else the folder itself."""
    root = folder.resolve()
    for candidate in (root, *root.parents):
        if (candidate / ".git").exists():
            return candidate
    return root


def inside(path: Path, root: Path) -> bool:
    """True when `path`, every symlink followed, is `root` or lies under it."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL
        return False


def leads_out(path: Path, root: Path) -> Path | None:
    """The first symlink on the way to `path` that lies inside `root` and resolves outside it
    (as the path names it), or None. Symlinks outside `root` are the user's own and followed:
    an output path the user typed (`-o /tmp/out.svg`) is theirs to choose."""
    root = root.resolve()
    given = path if path.is_absolute() else Path.cwd() / path
    current = Path(given.anchor)
    for depth, part in enumerate(given.parts[1:], start=2):
        if part == "..":
            current = current.parent
            continue
        step = current / part
        if not step.is_symlink():
            current = step
            continue
        try:
            target: Path | None = step.resolve(strict=False)
        except (OSError, RuntimeError):
            target = None  # a symlink loop: never followed
        if target is None or (current.is_relative_to(root) and not target.is_relative_to(root)):
            return Path(*given.parts[:depth])
        current = target
    return None


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_settings(cwd: Path | None = None, *, knobs: KnobNames) -> Settings:
    start = (cwd or Path.cwd()).resolve()
    path = find_config(start)
    if path is None:
        return Settings(root=start, maps=start / "maps")
    if path.is_symlink() and not inside(path, project_of(path.parent)):
        raise ConfigError(f"{path}: symlink to a file outside the project is not followed")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return settings_from_bytes(data, path, knobs=knobs)


def settings_from_bytes(
    data: bytes, path: Path, *, knobs: KnobNames, label: str | None = None
) -> Settings:
    """acmap.toml's bytes (at `path`, which says where the project is) checked; every message
    names the file as `label` (default the path): `acmap.toml@v1:3:8` for a file at a revision."""
    where = label or str(path)
    try:
        text = data.decode("utf-8")
        raw = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{where}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_toml_error(where, exc)) from None
    return parse_settings(raw, path, knobs=knobs, text=text, label=label)


def _toml_error(path: Path | str, exc: tomllib.TOMLDecodeError) -> str:
    # tomllib says "Invalid value (at line 3, column 8)": put the place where every finding has it.
    message = str(exc)
    found = re.search(r" \(at line (\d+), column (\d+)\)$", message)
    if found is None:
        return f"{path}: not valid TOML: {message}"
    return f"{path}:{found[1]}:{found[2]}: not valid TOML: {message[: found.start()]}"


def parse_settings(
    raw: dict[str, Any], path: Path, *, knobs: KnobNames, text: str = "", label: str | None = None
) -> Settings:
    """`raw` checked; `text` (the file's own) only to say which line a mistake is on, and
    `label` (default the path) how messages name the file."""
    where = Where(label or str(path), text)
    _known(raw, ("maps", "today", "gaps", "qualify"), where, ())
    root = path.parent
    maps = raw.get("maps", "maps")
    if not isinstance(maps, str) or not maps:
        raise ConfigError(f"{where.value('maps')}: maps must be a folder name, got {maps!r}")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in maps):
        raise ConfigError(f"{where.value('maps')}: maps {maps!r} holds a control character")
    # Set in the file: checked here. The default maps/ is guarded where it is used (a symlink
    # out of the project is refused by the walk and by every write), as without acmap.toml.
    if "maps" in raw and (Path(maps).is_absolute() or not inside(root / maps, root)):
        raise ConfigError(
            f"{where.value('maps')}: maps = {maps!r} is outside the folder of acmap.toml (an "
            "absolute path, '..' or a symlink out of it); maps must be a folder inside the project"
        )
    today = raw.get("today")
    if today is not None:
        today = _date(today, f"{where.value('today')}: today")
    gaps = _gap_settings(raw["gaps"], where, tuple(knobs())) if "gaps" in raw else GapSettings()
    if "qualify" in raw:
        gaps = replace(gaps, gates=_gates(raw["qualify"], where))
    return Settings(root=root, maps=root / maps, today=today, gaps=gaps)


def _gap_settings(raw: Any, where: Where, knobs: tuple[str, ...]) -> GapSettings:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where.key('gaps')}: [gaps] must be a table")
    _known(raw, (*knobs, "tier", "severity"), where, ("gaps",))
    base = _thresholds(raw, knobs, where, ("gaps",))
    tiers = raw.get("tier", {})
    if not isinstance(tiers, dict):
        raise ConfigError(f"{where.key('gaps', 'tier')}: [gaps.tier] must be a table")
    _known(tiers, TIERS, where, ("gaps", "tier"), noun="tier")
    per_tier = {}
    for tier, table in tiers.items():
        if not isinstance(table, dict):
            raise ConfigError(
                f"{where.key('gaps', 'tier', tier)}: [gaps.tier.{tier}] must be a table"
            )
        _known(table, knobs, where, ("gaps", "tier", tier))
        per_tier[tier] = _thresholds(table, knobs, where, ("gaps", "tier", tier))
    severity = raw.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{where.key('gaps', 'severity')}: [gaps.severity] must be a table")
    _known(severity, rule_words(), where, ("gaps", "severity"), noun="rule")
    for rule, level in severity.items():
        if level not in SEVERITY_CHOICES:
            hint = (
                did_you_mean(level.casefold(), SEVERITY_CHOICES) if isinstance(level, str) else ""
            )
            raise ConfigError(
                f"{where.value('gaps', 'severity', rule)}: [gaps.severity] {rule} = {level!r} is "
                f"not a severity{hint}: expected one of {', '.join(SEVERITY_CHOICES)}"
            )
    return GapSettings(base=base, per_tier=per_tier, severity=dict(severity))


def _gates(raw: Any, where: Where) -> dict[str, dict[str, int]]:
    """[qualify.gates]: per stage, the least score per MEDDPICC letter (SPEC §10)."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where.key('qualify')}: [qualify] must be a table")
    _known(raw, ("gates",), where, ("qualify",))
    stages = raw.get("gates", {})
    if not isinstance(stages, dict):
        raise ConfigError(f"{where.key('qualify', 'gates')}: [qualify.gates] must be a table")
    _known(stages, STAGES, where, ("qualify", "gates"), noun="stage")
    gates: dict[str, dict[str, int]] = {}
    for stage, gate in stages.items():
        table = ("qualify", "gates", stage)
        if not isinstance(gate, dict):
            raise ConfigError(
                f"{where.value(*table)}: [qualify.gates] {stage} must be a table of MEDDPICC "
                f"letters, such as {stage} = {{E = 2, C1 = 2}}"
            )
        _known(gate, MEDDPICC, where, table, noun="MEDDPICC letter")
        for letter, least in gate.items():
            if isinstance(least, bool) or not isinstance(least, int) or not 0 <= least <= 3:
                raise ConfigError(
                    f"{where.value(*table, letter)}: [qualify.gates] {stage}.{letter} must be a "
                    f"score 0–3, got {least!r}"
                )
        gates[stage] = dict(gate)
    return gates


def _thresholds(
    raw: dict[str, Any], knobs: tuple[str, ...], where: Where, table: tuple[str, ...]
) -> dict[str, int]:
    values = {}
    for key in knobs:
        if key in raw:
            value = raw[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                quoted = isinstance(value, str) and value.strip().isdigit()
                hint = f" (write it without quotes: {key} = {value.strip()})" if quoted else ""
                raise ConfigError(
                    f"{where.value(*table, key)}: [{'.'.join(table)}] {key} must be a whole "
                    f"number ≥ 0, got {value!r}{hint}"
                )
            values[key] = value
    return values


def _known(
    raw: dict[str, Any],
    allowed: Collection[str],
    where: Where,
    table: tuple[str, ...],
    noun: str = "key",
) -> None:
    for key in raw:
        if key in allowed:
            continue
        label = f"[{'.'.join(table)}]: " if table else ""
        hint = did_you_mean(key, allowed)
        if not hint and not table and key in _GAPS_KEYS:
            hint = " (it belongs under [gaps])"
        elif not hint and noun != "rule":
            # Few enough to list: the tiers, the knobs, the top-level keys.
            hint = f"; expected one of: {', '.join(allowed)}"
        raise ConfigError(f"{where.key(*table, key)}: {label}unknown {noun} {key!r}{hint}")


# Keys that belong in [gaps] (its tables and the default knobs), when written at the top.
_GAPS_KEYS = frozenset(
    {"tier", "severity", "stale_days", "engaged_days", "review_days", "min_engaged"}
)


def _date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ConfigError(f"{where} must be a date YYYY-MM-DD, got {value!r}")


# --- where in acmap.toml ------------------------------------------------------------------------
# tomllib gives values without positions. Mistakes are rare and the file is small, so the line of
# a key is found afterwards in the text: table headers and `key = value` lines, dotted keys and
# quoted keys included. A key written another way (in an inline table) is named by the line of its table.

_BARE = r"[A-Za-z0-9_-]+"
_KEY_PART = rf'(?:{_BARE}|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\')'
_DOTTED = rf"{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*"
_HEADER = re.compile(rf"[ \t]*\[\[?[ \t]*({_DOTTED})[ \t]*\]")
_ASSIGN = re.compile(rf"[ \t]*({_DOTTED})[ \t]*=[ \t]*")
_PART = re.compile(_KEY_PART)


class Where:
    """file:line:col of a key (or its value) in acmap.toml, or just the file when not found."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text

    def key(self, *path: str) -> str:
        return self._at(path, value=False)

    def value(self, *path: str) -> str:
        return self._at(path, value=True)

    def _at(self, path: tuple[str, ...], *, value: bool) -> str:
        for size in range(len(path), 0, -1) if self.text else ():
            found = _locate(self.text, path[:size], value=value and size == len(path))
            if found is not None:
                return f"{self.file}:{found[0]}:{found[1]}"
        return self.file


def _parts(dotted: str, start: int) -> list[tuple[str, int]]:
    """Each key of `a."b c".d` with its 0-based column (start: where `dotted` begins)."""
    out = []
    for match in _PART.finditer(dotted):
        raw = match.group()
        name = raw
        if raw[:1] == '"':
            try:
                name = tomllib.loads(f"k = {raw}")["k"]
            except tomllib.TOMLDecodeError:
                name = raw[1:-1]
        elif raw[:1] == "'":
            name = raw[1:-1]
        out.append((name, start + match.start()))
    return out


def _locate(text: str, path: tuple[str, ...], *, value: bool) -> tuple[int, int] | None:
    table: list[str] = []
    # TOML ends lines at \n (or \r\n) only; str.splitlines would also split at U+0085 or
    # U+2028 inside a quoted key and miscount every line below it.
    for number, line in enumerate(text.split("\n"), start=1):
        header = _HEADER.match(line)
        if header:
            parts = _parts(header[1], header.start(1))
            table = [name for name, _ in parts]
            if tuple(table[: len(path)]) == path:
                # The table itself, or the first table under it ([gaps.tier.gold] for gaps.tier).
                return number, parts[len(path) - 1][1] + 1
            continue
        assign = _ASSIGN.match(line)
        if not assign:
            continue
        parts = _parts(assign[1], assign.start(1))
        full = (*table, *(name for name, _ in parts))
        if full[: len(path)] == path:
            if value and len(full) == len(path):
                return number, assign.end() + 1
            return number, parts[len(path) - len(table) - 1][1] + 1 if len(path) > len(table) else 1
    return None
