"""`acmap qualify`: each open deal of the selection scored on MEDDPICC from the facts in its map
(acmap.rules.meddpicc, the scores G601 reads), and held against the gate of its stage from
acmap.toml's `[qualify.gates]`.

`qualify_map` runs on one map (in a worker process when the portfolio is large) and returns small
records; `qualify` is the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from acmap.findings import Finding
from acmap.model import MEDDPICC, STAGES, AccountMap
from acmap.rules.meddpicc import Letter
from acmap.settings import GapSettings, Settings

STAGE_ORDER = {stage: rank for rank, stage in enumerate(STAGES)}


@dataclass(frozen=True, slots=True)
class Gate:
    """The gate of a deal's stage: the least score per letter, and which letters fall short.
    `least` is empty when acmap.toml sets no gate for the stage (then it is met)."""

    stage: str | None
    least: dict[str, int] = field(default_factory=dict)
    missing: tuple[str, ...] = ()

    @property
    def met(self) -> bool:
        return not self.missing

    def as_json(self) -> dict[str, Any]:
        return {"stage": self.stage, "met": self.met, "missing": list(self.missing)}


@dataclass(frozen=True, slots=True)
class DealScore:
    """One open deal: its MEDDPICC letters (in MEDDPICC order) and its gate."""

    account: str
    account_name: str
    file: str
    opportunity: str
    name: str
    stage: str | None
    letters: dict[str, Letter]
    gate: Gate

    @property
    def score(self) -> int:
        return sum(letter.score for letter in self.letters.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "opportunity": self.opportunity,
            "stage": self.stage,
            "score": self.score,
            "gate": self.gate.as_json(),
            "letters": {
                x: {"score": self.letters[x].score, "facts": list(self.letters[x].facts)}
                for x in MEDDPICC
            },
        }


def qualify_map(account_map: AccountMap, gaps: GapSettings, today: date) -> list[DealScore]:
    """Every open deal of one map, scored."""
    deals = [d for d in account_map.account.opportunities if d.is_open]
    if not deals:
        return []
    from acmap.rules.engine import context_for
    from acmap.rules.meddpicc import missing, score_deal

    ctx = context_for(account_map, gaps, today)
    scored = []
    for deal in deals:
        letters = score_deal(account_map, deal, ctx)
        least = dict(gaps.gates.get(deal.stage or "", {}))
        scored.append(
            DealScore(
                account=account_map.account.id,
                account_name=account_map.account.name,
                file=account_map.path.as_posix(),
                opportunity=deal.id,
                name=deal.name,
                stage=deal.stage,
                letters=letters,
                gate=Gate(deal.stage, least, tuple(missing(letters, least))),
            )
        )
    return scored


class QualifyResult(NamedTuple):
    """`acmap qualify`: the open deals of the selection, gates missed first."""

    deals: list[DealScore]
    gates: Mapping[str, Mapping[str, int]]  # as acmap.toml sets them
    findings: list[Finding]  # of the selected files: those with errors were left out
    unreadable: list[str]

    @property
    def missed(self) -> list[DealScore]:
        return [d for d in self.deals if not d.gate.met]


def qualify(targets: Iterable[str], config: Settings, today: date) -> QualifyResult:
    """The pipeline: load, score each open deal, order them (missed gates first, then the
    latest stage, then the lowest score)."""
    from functools import partial

    from acmap.load.selection import load_selection

    analyse = partial(qualify_map, gaps=config.gaps, today=today)
    selection = load_selection(targets, config, analyse=analyse, keep_maps=False)
    deals = [d for found in selection.results for d in found]
    deals.sort(
        key=lambda d: (
            d.gate.met,
            -STAGE_ORDER.get(d.stage or "", -1),
            d.score,
            d.account,
            d.opportunity,
        )
    )
    return QualifyResult(deals, config.gaps.gates, selection.findings, selection.unreadable)
