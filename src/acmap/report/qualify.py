"""The `qualify` subject: each open deal's MEDDPICC letters with the facts behind them, as text
or SPEC §9's JSON."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from acmap.model import MEDDPICC
from acmap.report.layout import Segment
from acmap.report.terminal import Lines, width
from acmap.words import plural

if TYPE_CHECKING:
    from acmap.analysis.qualify import DealScore, QualifyResult

# How a score reads at a glance: 0 nothing, 3 proven.
SCORE_STYLE = {0: "red", 1: "yellow", 2: "cyan", 3: "green"}


def to_text(result: QualifyResult) -> None:
    total = width()
    out = Lines()
    for deal in result.deals:
        _deal_block(out, deal, total)
        out.write()
    missed = len(result.missed)
    summary = plural(len(result.deals), "open deal")
    if result.gates:
        summary += f"; {plural(missed, 'gate')} missed" if missed else "; every gate met"
    else:
        summary += "; no gates set (acmap.toml [qualify.gates])"
    out.hanging([(summary, "bold")], total, 2)
    out.write()


def _gate_words(deal: DealScore) -> Segment:
    gate = deal.gate
    if not gate.least:
        return (f"no gate for {gate.stage or 'an unstaged deal'}", "dim")
    if gate.met:
        return (f"{gate.stage} gate met", "green")
    return (f"{gate.stage} gate missed: {', '.join(gate.missing)}", "bold red")


def _deal_block(out: Lines, deal: DealScore, total: int) -> None:
    out.hanging(
        [
            (deal.account, "bold"),
            ("·", "dim"),
            (deal.name, "bold"),
            (f"({deal.opportunity})", "dim"),
            ("·", "dim"),
            (deal.stage or "no stage", ""),
            ("·", "dim"),
            (f"{deal.score}/24", "bold"),
            ("·", "dim"),
            _gate_words(deal),
        ],
        total,
        4,
    )
    for letter in MEDDPICC:
        scored = deal.letters[letter]
        wanted = deal.gate.least.get(letter)
        need = f"≥{wanted}" if wanted is not None else ""
        prefix: list[Segment] = [
            (f"  {letter:<3}", "bold"),
            (f"{scored.score}", SCORE_STYLE.get(scored.score, "")),
            (f" {need:<3} ", "red" if letter in deal.gate.missing else "dim"),
        ]
        out.wrapped(prefix, "; ".join(scored.facts), 2 + 3 + 1 + 5, total)
    out.add()


def to_json(result: QualifyResult) -> None:
    from acmap.report.json import JSON_VERSION, write_json

    write_json(
        sys.stdout,
        {"version": JSON_VERSION, "opportunities": [d.as_json() for d in result.deals]},
    )


REPORTERS = {"text": to_text, "json": to_json}
