"""acmap.toml: found by walking up from the working directory, like ruff's pyproject lookup."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from acmap.words import did_you_mean

CONFIG_NAME = "acmap.toml"
SEVERITY_CHOICES = ("error", "warning", "info", "off")
TIER_NAMES = ("strategic", "key", "growth", "standard")


class ConfigError(Exception):
    """acmap.toml is unreadable or says something acmap does not understand."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    stale_days: int = 90
    engaged_days: int = 90
    review_days: int = 180
    min_engaged: int = 3


THRESHOLD_KEYS = tuple(Thresholds.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class GapSettings:
    base: Thresholds = field(default_factory=Thresholds)
    per_tier: dict[str, Thresholds] = field(default_factory=dict)
    # Keyed by rule code ("G304") or kebab name ("stale-map"); values error|warning|info|off.
    severity: dict[str, str] = field(default_factory=dict)

    def thresholds(self, tier: str) -> Thresholds:
        return self.per_tier.get(tier, self.base)


@dataclass(frozen=True, slots=True)
class Settings:
    root: Path
    maps: Path
    today: date | None = None
    gaps: GapSettings = field(default_factory=GapSettings)
    file: Path | None = None  # the acmap.toml these came from, if any


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_settings(cwd: Path | None = None) -> Settings:
    start = (cwd or Path.cwd()).resolve()
    path = find_config(start)
    if path is None:
        return Settings(root=start, maps=start / "maps")
    try:
        with path.open("rb") as stream:
            raw = tomllib.load(stream)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return parse_settings(raw, path)


def parse_settings(raw: dict[str, Any], path: Path) -> Settings:
    where = str(path)
    _known(raw, ("maps", "today", "gaps"), where)
    root = path.parent
    maps = raw.get("maps", "maps")
    if not isinstance(maps, str) or not maps:
        raise ConfigError(f"{where}: maps must be a folder name, got {maps!r}")
    today = raw.get("today")
    if today is not None:
        today = _date(today, f"{where}: today")
    gaps = _gap_settings(raw.get("gaps", {}), where)
    return Settings(root=root, maps=root / maps, today=today, gaps=gaps, file=path)


def _gap_settings(raw: Any, where: str) -> GapSettings:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: [gaps] must be a table")
    _known(raw, (*THRESHOLD_KEYS, "tier", "severity"), f"{where}: [gaps]")
    base = _thresholds(raw, Thresholds(), f"{where}: [gaps]")
    tiers = raw.get("tier", {})
    if not isinstance(tiers, dict):
        raise ConfigError(f"{where}: [gaps.tier] must be a table")
    _known(tiers, TIER_NAMES, f"{where}: [gaps.tier]")
    per_tier = {}
    for tier, table in tiers.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: [gaps.tier.{tier}] must be a table")
        _known(table, THRESHOLD_KEYS, f"{where}: [gaps.tier.{tier}]")
        per_tier[tier] = _thresholds(table, base, f"{where}: [gaps.tier.{tier}]")
    severity = raw.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{where}: [gaps.severity] must be a table")
    for rule, level in severity.items():
        if level not in SEVERITY_CHOICES:
            raise ConfigError(
                f"{where}: [gaps.severity] {rule} = {level!r}: "
                f"expected one of {', '.join(SEVERITY_CHOICES)}"
            )
    _check_rule_names(severity, f"{where}: [gaps.severity]")
    return GapSettings(base=base, per_tier=per_tier, severity=dict(severity))


def _check_rule_names(severity: dict[str, Any], where: str) -> None:
    # Imported here: the rules package is only needed when a config names rules.
    try:
        from acmap.rules import rule_names
    except ImportError:  # pragma: no cover - the rules package ships with acmap
        return
    known = rule_names()
    _known(severity, tuple(known), where, noun="rule")


def _thresholds(raw: dict[str, Any], defaults: Thresholds, where: str) -> Thresholds:
    values = {}
    for key in THRESHOLD_KEYS:
        if key in raw:
            value = raw[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ConfigError(f"{where} {key} must be a whole number ≥ 0, got {value!r}")
            values[key] = value
    return replace(defaults, **values)


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
