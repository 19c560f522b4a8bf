"""The gap rules of SPEC §4, one module per family, listed here explicitly (no discovery magic).

Order is the registry's (acmap.format.codes.GAP_RULES), which is the README's and `--help`'s.
Each entry is a Rule: its registry entry, a pure `check(account_map, ctx)` generator and the
knobs it reads. KNOBS gathers those knobs: what acmap.toml's `[gaps]` may set, and their defaults.
"""

from __future__ import annotations

from collections.abc import Mapping

from acmap.rules import (
    bridges,
    coverage,
    deals,
    dynamics,
    engagement,
    hygiene,
    moves,
    partners,
    plan,
)
from acmap.rules.base import CONTEXT_KNOBS, Rule

RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        coverage.no_economic_buyer,  # G101
        coverage.no_decision_maker,  # G102
        coverage.no_champion,  # G103
        coverage.single_threaded,  # G104
        coverage.uncovered_unit,  # G105
        coverage.no_power_access,  # G106
        engagement.gone_dark,  # G201
        engagement.never_contacted,  # G202
        engagement.no_owner,  # G203
        engagement.weak_champion,  # G204
        engagement.left_key_role,  # G205
        plan.overdue_action,  # G206
        plan.no_plan,  # G207
        dynamics.unaddressed_blocker,  # G301
        dynamics.no_path_to_power,  # G302
        dynamics.isolated_stakeholder,  # G303
        dynamics.rose_tinted,  # G304
        dynamics.hidden_influencer,  # G305
        bridges.single_point_of_failure,  # G306
        hygiene.unknown_stance,  # G401
        hygiene.missing_preferences,  # G402
        hygiene.no_goals,  # G403
        hygiene.stale_map,  # G404
        hygiene.unidentified_key_person,  # G405
        partners.partner_intro,  # G501
        partners.buying_group_gap,  # G502
        moves.champion_moved_here,  # G503: per map nothing; see moves.champion_moved
        deals.qualification_gate,  # G601
        deals.no_compelling_event,  # G602
        deals.unproven_champion,  # G603
        deals.favours_competitor,  # G604
    )
}


def _knobs(*declared: tuple[str, Mapping[str, int]]) -> dict[str, int]:
    """Every declared knob with its default; a knob two places declare must agree on it."""
    knobs: dict[str, int] = {}
    owner: dict[str, str] = {}
    for who, declares in declared:
        for knob, default in declares.items():
            if knobs.setdefault(knob, default) != default:
                raise ValueError(f"{who} and {owner[knob]} disagree on the default of {knob}")
            owner.setdefault(knob, who)
    return knobs


KNOBS: dict[str, int] = _knobs(
    ("Context", CONTEXT_KNOBS), *((r.code, r.knobs) for r in RULES.values())
)

__all__ = ["KNOBS", "RULES", "Rule"]
