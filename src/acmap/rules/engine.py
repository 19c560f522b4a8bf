"""Runs the gap rules on one map and applies the settings: severity overrides, "off", per-tier
thresholds and the map's own `x-acmap-ignore`. The rules stay pure; this is where policy lives.

The engine reads settings through the small `Policy` shape below (acmap.settings.GapSettings has
it), so that the rules need not import acmap.settings, which sits below them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date
from typing import Protocol

from acmap.findings import Finding
from acmap.format.codes import gap_rule
from acmap.model import AccountMap
from acmap.rules import KNOBS, RULES, Rule
from acmap.rules.base import Context, Problem, Thresholds
from acmap.rules.moves import Place


class Policy(Protocol):
    """What the engine needs of acmap.toml's `[gaps]`: severities by rule code or name, and the
    knob values a tier's accounts override; and [qualify.gates], which G601 applies."""

    @property
    def severity(self) -> Mapping[str, str]: ...

    def overrides(self, tier: str) -> Mapping[str, int]: ...

    @property
    def gates(self) -> Mapping[str, Mapping[str, int]]: ...


def thresholds(gaps: Policy, tier: str) -> Thresholds:
    """Every knob for an account of `tier`: the declared default, unless acmap.toml sets it."""
    overrides = gaps.overrides(tier)
    return Thresholds({knob: overrides.get(knob, default) for knob, default in KNOBS.items()})


def context_for(account_map: AccountMap, gaps: Policy, today: date) -> Context:
    return Context(account_map, today, thresholds(gaps, account_map.account.tier), gaps.gates)


def configured_severity(rule: Rule, gaps: Policy) -> str | None:
    """The severity the settings force on a rule ("off" included), or None to keep the rule's."""
    return gaps.severity.get(rule.code) or gaps.severity.get(rule.name)


def ignored_codes(account_map: AccountMap) -> set[str]:
    codes = set()
    for word in account_map.account.ignore:
        found = gap_rule(word.strip())
        if found is not None:
            codes.add(found.code)
    return codes


def check_map(
    account_map: AccountMap,
    gaps: Policy,
    today: date,
    *,
    only: Collection[str] | None = None,
    ctx: Context | None = None,
) -> list[Finding]:
    """Every gap finding for one map, sorted by line, column and code.

    `only` restricts the run to these rule codes (`acmap gaps --rule`).
    """
    ctx = ctx or context_for(account_map, gaps, today)
    ignored = ignored_codes(account_map) if account_map.account.ignore else set()
    file = account_map.path.as_posix()
    account = account_map.account.id or None
    findings: list[Finding] = []
    for code, rule in RULES.items():
        if code in ignored or (only is not None and code not in only):
            continue
        forced = configured_severity(rule, gaps)
        if forced == "off":
            continue
        for problem in rule.check(account_map, ctx):
            findings.append(_finding(rule, forced, problem, file, account))
    findings.sort(key=Finding.sort_key)
    return findings


def _finding(
    rule: Rule, forced: str | None, problem: Problem, file: str, account: str | None
) -> Finding:
    """A rule's problem as a finding: the configured severity beats the problem's own (G101 on
    a strategic account), which beats the rule's default."""
    severity = forced or problem.severity or rule.severity
    return Finding(
        file,
        problem.pos.line,
        problem.pos.col,
        rule.code,
        rule.name,
        severity,
        problem.message,
        account,
        problem.subject,
    )


def portfolio_findings(
    code: str,
    problems: Iterable[tuple[str, Problem]],
    places: Mapping[str, Place],
    gaps: Policy,
    ignored: Mapping[str, Collection[str]],
) -> dict[str, list[Finding]]:
    """Findings of a cross-map rule (G503), by account id, with the same policy as `check_map`:
    the configured severity or "off", and each account's own x-acmap-ignore."""
    rule = RULES[code]
    forced = configured_severity(rule, gaps)
    found: dict[str, list[Finding]] = {}
    if forced == "off":
        return found
    for account, problem in problems:
        where = places.get(account)
        if where is None or code in ignored.get(account, ()):
            continue
        found.setdefault(account, []).append(_finding(rule, forced, problem, where.file, account))
    return found
