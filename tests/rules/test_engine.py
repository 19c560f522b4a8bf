"""Settings applied to the rules: severity overrides, off, per-tier thresholds, x-acmap-ignore."""

from __future__ import annotations

import pytest

from acmap.format.codes import GAP_RULES, gap_rule, rule_words
from acmap.rules import KNOBS, RULES
from acmap.rules.base import CONTEXT_KNOBS
from acmap.rules.engine import check_map, context_for
from acmap.settings import GapSettings
from tests.rules.helpers import TODAY, check, load

BARE = "stakeholders: []\n"


def codes(findings: list) -> list[str]:  # type: ignore[type-arg]
    return sorted({f.code for f in findings})


SPEC_CODES = (
    [f"G10{i}" for i in range(1, 7)]
    + [f"G20{i}" for i in range(1, 8)]
    + [f"G30{i}" for i in range(1, 7)]
    + [f"G40{i}" for i in range(1, 6)]
    + ["G501", "G502", "G503"]
    + [f"G60{i}" for i in range(1, 5)]
)


def test_the_rules_are_the_registry_s_gap_rules_in_order() -> None:
    assert list(GAP_RULES) == SPEC_CODES
    assert list(RULES) == list(GAP_RULES)
    for rule in RULES.values():
        entry = GAP_RULES[rule.code]
        assert (rule.name, rule.severity) == (entry.name, entry.severity)
        assert rule.severity in ("error", "warning", "info")
    assert len({r.name for r in RULES.values()}) == len(RULES)


def test_settings_may_name_rules_by_code_or_name() -> None:
    assert {"G201", "gone-dark", "G305", "hidden-influencer"} <= set(rule_words())
    assert gap_rule("gone-dark") is GAP_RULES["G201"]
    assert gap_rule("g201") is GAP_RULES["G201"]
    assert gap_rule("G999") is None


def test_the_knobs_are_what_the_rules_declare_with_their_defaults() -> None:
    assert KNOBS == {"engaged_days": 90, "min_engaged": 3, "stale_days": 90, "review_days": 180}
    assert RULES["G201"].knobs == {"stale_days": 90}
    assert RULES["G104"].knobs == {"min_engaged": 3}
    assert RULES["G404"].knobs == {"review_days": 180}
    assert set(KNOBS) == set(CONTEXT_KNOBS).union(*(r.knobs for r in RULES.values()))


def test_the_context_holds_every_knob_with_tier_overrides_over_gaps_over_defaults() -> None:
    account_map = load("acmap: 1\naccount: {id: acme, name: Acme, tier: key}\n")
    gaps = GapSettings(
        base={"stale_days": 30, "min_engaged": 4}, per_tier={"key": {"stale_days": 10}}
    )
    knobs = context_for(account_map, gaps, TODAY).thresholds
    assert dict(knobs) == {
        "engaged_days": 90,
        "min_engaged": 4,
        "stale_days": 10,
        "review_days": 180,
    }
    assert knobs.stale_days == knobs["stale_days"] == 10
    with pytest.raises(AttributeError):
        _ = knobs.stale_dayz


def test_severity_override_by_code_and_by_name() -> None:
    [by_code] = check("G403", BARE, severity={"G403": "error"})
    assert by_code.severity == "error"
    [by_name] = check("G403", BARE, severity={"no-goals": "info"})
    assert by_name.severity == "info"


def test_an_override_beats_a_rule_s_own_severity_choice() -> None:
    strategic = "acmap: 1\naccount: {id: acme, name: Acme, tier: strategic}\n"
    assert [f.severity for f in check("G101", strategic, severity={"G101": "info"})] == ["info"]


def test_off_disables_a_rule() -> None:
    assert check("G403", BARE, severity={"G403": "off"}) == []
    assert check("G403", BARE, severity={"no-goals": "off"}) == []


def test_per_tier_thresholds() -> None:
    source = """
    acmap: 1
    account: {id: acme, name: Acme, tier: strategic}
    stakeholders:
      - {id: a, name: Ann, last_contact: 2026-11-20}
      - {id: b, name: Bo, last_contact: 2026-11-20}
      - {id: c, name: Cy, last_contact: 2026-11-20}
    """
    account_map = load(source)
    plain = GapSettings()
    assert check_map(account_map, plain, TODAY, only={"G104"}) == []
    strict = GapSettings(per_tier={"strategic": {"min_engaged": 5}})
    [found] = check_map(account_map, strict, TODAY, only={"G104"})
    assert "5 wanted for a strategic account" in found.message
    other_tier = GapSettings(per_tier={"key": {"min_engaged": 5}})
    assert check_map(account_map, other_tier, TODAY, only={"G104"}) == []


def test_x_acmap_ignore_silences_rules_by_code_or_name_for_this_map_only() -> None:
    source = """
    acmap: 1
    account:
      id: acme
      name: Acme
      x-acmap-ignore: [G403, stale-map, no-such-rule]
    """
    found = check_map(load(source), GapSettings(), TODAY)
    assert "G403" not in codes(found)
    assert "G404" not in codes(found)
    assert "G101" in codes(found)


def test_findings_carry_file_account_and_sort_by_place() -> None:
    found = check_map(load(BARE), GapSettings(), TODAY)
    assert {f.file for f in found} == {"maps/acme.yaml"}
    assert {f.account for f in found} == {"acme"}
    assert found == sorted(found, key=lambda f: f.sort_key())
    assert all(f.name == RULES[f.code].name for f in found)


def test_summaries_that_quote_a_constant_quote_the_rule_s() -> None:
    from acmap.rules.dynamics import ROSE_TINTED_MIN

    assert GAP_RULES["G304"].summary.startswith(f"{ROSE_TINTED_MIN} or more stances known")
