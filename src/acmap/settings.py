"""acmap.toml: found by walking up from the working directory, like ruff's pyproject lookup;
and the project-root guard (`project_of`, `leads_out`), here because the settings say where the
project is and every layer that reads or writes a file sits above this module.

Parsed structurally: types, tiers, severities, and rule names checked against the registry of
codes. The thresholds `[gaps]` may set ("knobs") are declared by the gap rules, which sit above
this module: the caller passes their names in (acmap.analysis.policy.load_settings does), and
the rules engine fills in the defaults.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from acmap.findings import SEVERITIES
from acmap.format.codes import rule_words
from acmap.model import TIERS
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

    def overrides(self, tier: str) -> dict[str, int]:
        """The knob values set for accounts of `tier`: [gaps], then [gaps.tier.<tier>]."""
        return {**self.base, **self.per_tier.get(tier, {})}


@dataclass(frozen=True, slots=True)
class Settings:
    root: Path
    maps: Path
    today: date | None = None
    gaps: GapSettings = field(default_factory=GapSettings)


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
        with path.open("rb") as stream:
            raw = tomllib.load(stream)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return parse_settings(raw, path, knobs=knobs)


def parse_settings(raw: dict[str, Any], path: Path, *, knobs: KnobNames) -> Settings:
    where = str(path)
    _known(raw, ("maps", "today", "gaps"), where)
    root = path.parent
    maps = raw.get("maps", "maps")
    if not isinstance(maps, str) or not maps:
        raise ConfigError(f"{where}: maps must be a folder name, got {maps!r}")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in maps):
        raise ConfigError(f"{where}: maps {maps!r} holds a control character")
    # Set in the file: checked here. The default maps/ is guarded where it is used (a symlink
    # out of the project is refused by the walk and by every write), as without acmap.toml.
    if "maps" in raw and (Path(maps).is_absolute() or not inside(root / maps, root)):
        raise ConfigError(
            f"{where}: maps = {maps!r} is outside the folder of acmap.toml (an absolute path, "
            "'..' or a symlink out of it); maps must be a folder inside the project"
        )
    today = raw.get("today")
    if today is not None:
        today = _date(today, f"{where}: today")
    gaps = _gap_settings(raw["gaps"], where, tuple(knobs())) if "gaps" in raw else GapSettings()
    return Settings(root=root, maps=root / maps, today=today, gaps=gaps)


def _gap_settings(raw: Any, where: str, knobs: tuple[str, ...]) -> GapSettings:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: [gaps] must be a table")
    _known(raw, (*knobs, "tier", "severity"), f"{where}: [gaps]")
    base = _thresholds(raw, knobs, f"{where}: [gaps]")
    tiers = raw.get("tier", {})
    if not isinstance(tiers, dict):
        raise ConfigError(f"{where}: [gaps.tier] must be a table")
    _known(tiers, TIERS, f"{where}: [gaps.tier]")
    per_tier = {}
    for tier, table in tiers.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: [gaps.tier.{tier}] must be a table")
        _known(table, knobs, f"{where}: [gaps.tier.{tier}]")
        per_tier[tier] = _thresholds(table, knobs, f"{where}: [gaps.tier.{tier}]")
    severity = raw.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{where}: [gaps.severity] must be a table")
    for rule, level in severity.items():
        if level not in SEVERITY_CHOICES:
            raise ConfigError(
                f"{where}: [gaps.severity] {rule} = {level!r}: "
                f"expected one of {', '.join(SEVERITY_CHOICES)}"
            )
    _known(severity, rule_words(), f"{where}: [gaps.severity]", noun="rule")
    return GapSettings(base=base, per_tier=per_tier, severity=dict(severity))


def _thresholds(raw: dict[str, Any], knobs: tuple[str, ...], where: str) -> dict[str, int]:
    values = {}
    for key in knobs:
        if key in raw:
            value = raw[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ConfigError(f"{where} {key} must be a whole number ≥ 0, got {value!r}")
            values[key] = value
    return values


def _known(raw: dict[str, Any], allowed: tuple[str, ...], where: str, noun: str = "key") -> None:
    for key in raw:
        if key not in allowed:
            raise ConfigError(f"{where}: unknown {noun} {key!r}{did_you_mean(key, allowed)}")


def _date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ConfigError(f"{where} must be a date YYYY-MM-DD, got {value!r}")
