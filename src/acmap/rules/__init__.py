"""The gap rules of SPEC §4, one module per family, listed here explicitly (no discovery magic).

Order is the order of the README and of `acmap gaps --rule` help. Each entry is a Rule: a code,
a kebab name, a default severity and a pure `check(account_map, ctx)` generator.
"""

from __future__ import annotations

from acmap.rules import coverage, dynamics, engagement, hygiene, partners
from acmap.rules.base import Context, Problem, Rule

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
        dynamics.unaddressed_blocker,  # G301
        dynamics.no_path_to_power,  # G302
        dynamics.isolated_stakeholder,  # G303
        dynamics.rose_tinted,  # G304
        dynamics.hidden_influencer,  # G305
        hygiene.unknown_stance,  # G401
        hygiene.missing_preferences,  # G402
        hygiene.no_goals,  # G403
        hygiene.stale_map,  # G404
        hygiene.unidentified_key_person,  # G405
        partners.partner_intro,  # G501
        partners.buying_group_gap,  # G502
    )
}

# Codes of SPEC §4 whose rule has not landed yet. Settings and x-acmap-ignore may already name
# them, so that a config written against the spec keeps working when the rule arrives.
RESERVED: dict[str, str] = {"G305": "hidden-influencer"}
RESERVED = {code: name for code, name in RESERVED.items() if code not in RULES}

BY_NAME: dict[str, Rule] = {r.name: r for r in RULES.values()}


def rule_names() -> list[str]:
    """Every word that names a rule in settings: codes and kebab names, reserved ones included."""
    known = [word for r in RULES.values() for word in (r.code, r.name)]
    known += [word for code, name in RESERVED.items() for word in (code, name)]
    return known


def lookup(word: str) -> Rule | None:
    """The rule a code (any case) or kebab name stands for."""
    return RULES.get(word.upper()) or BY_NAME.get(word)


__all__ = ["BY_NAME", "RESERVED", "RULES", "Context", "Problem", "Rule", "lookup", "rule_names"]
