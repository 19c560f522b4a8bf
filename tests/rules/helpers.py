"""Run one gap rule on a few lines of YAML, so that each test reads as a small story."""

from __future__ import annotations

import textwrap
from datetime import date

from acmap.findings import Finding
from acmap.load import load_text
from acmap.model import AccountMap
from acmap.rules.engine import check_map
from acmap.settings import GapSettings

TODAY = date(2026, 11, 22)
HEAD = "acmap: 1\naccount: {id: acme, name: Acme Corp}\n"


def load(source: str) -> AccountMap:
    """A map from YAML; a source without `acmap:` gets a minimal account header."""
    text = textwrap.dedent(source)
    if "acmap:" not in text:
        text = HEAD + text
    loaded = load_text(text, "maps/acme.yaml", stem="acme")
    assert loaded.map is not None, [f"{f.code} {f.message}" for f in loaded.findings]
    return loaded.map


def check(
    code: str,
    source: str,
    today: date = TODAY,
    severity: dict[str, str] | None = None,
    **thresholds: int,
) -> list[Finding]:
    """The findings of rule `code` on `source`, with threshold overrides such as stale_days=30."""
    settings = GapSettings(base=thresholds, severity=severity or {})
    return check_map(load(source), settings, today, only={code})


def where(findings: list[Finding]) -> list[tuple[int, int]]:
    return [(f.line, f.col) for f in findings]


def subjects(findings: list[Finding]) -> list[str | None]:
    return [f.subject for f in findings]
