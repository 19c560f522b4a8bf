"""Settings meet the rules: acmap.toml read with the knobs the gap rules declare.

acmap.settings parses the file but sits below the rules, so it cannot know which thresholds
`[gaps]` may set; the rules declare them (`@rule("G201", stale_days=90)`), and this is the one
place that joins the two. Commands load their settings here.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from acmap import settings
from acmap.settings import Settings


def load_settings(cwd: Path | None = None) -> Settings:
    """acmap.toml from `cwd` upwards, its `[gaps]` knobs checked against the rules' (with a
    "did you mean"); raises acmap.settings.ConfigError."""
    return settings.load_settings(cwd, knobs=knob_names)


def knob_names() -> Collection[str]:
    # Imported here: only an acmap.toml with a [gaps] table needs the rules.
    from acmap.rules import KNOBS

    return KNOBS
