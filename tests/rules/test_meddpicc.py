"""`acmap qualify`'s letters: every level 0..3 of every MEDDPICC letter is reachable from the facts
of a map, and the facts that decided it are named."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from acmap.model import (
    MEDDPICC,
    AccountMap,
    CompellingEvent,
    Criterion,
    Link,
    Metric,
    Rival,
    Step,
)
from acmap.rules.meddpicc import has_deal_facts, score_deal
from tests.rules.deal_story import context, deal, evidence, story

Change = Callable[[AccountMap], None]


def nothing(account_map: AccountMap) -> None:
    """The story as written: part one's facts only."""


def metrics(*items: Metric) -> Change:
    return lambda m: setattr(deal(m), "metrics", list(items))


def criteria(*items: Criterion) -> Change:
    return lambda m: setattr(deal(m), "decision_criteria", list(items))


def steps(field: str, *items: Step) -> Change:
    return lambda m: setattr(deal(m), field, list(items))


def both(*changes: Change) -> Change:
    def apply(account_map: AccountMap) -> None:
        for change in changes:
            change(account_map)

    return apply


def person(index: int, **fields: object) -> Change:
    def apply(account_map: AccountMap) -> None:
        for name, value in fields.items():
            setattr(account_map.stakeholders[index], name, value)

    return apply


def no_pains(account_map: AccountMap) -> None:
    account_map.account.pains = []


def event(day: date | None, what: str = "Carrier renewal") -> Change:
    return lambda m: setattr(deal(m), "compelling_event", CompellingEvent(date=day, what=what))


def proof(day: date) -> Change:
    return lambda m: setattr(deal(m), "champion_evidence", [evidence(day)])


def rivals(*items: Rival) -> Change:
    return lambda m: setattr(deal(m), "competition", list(items))


def cut_the_reporting_line(account_map: AccountMap) -> None:
    account_map.stakeholders[1].reports_to = None


SOON, LATER, PAST = date(2027, 1, 10), date(2027, 3, 1), date(2026, 11, 1)
MEASURED = Metric(what="Cost per load", baseline=410, target=370, unit="USD")

CASES: list[tuple[str, int, Change, str]] = [
    ("M", 0, nothing, "no metrics"),
    ("M", 1, metrics(Metric(what="Cost per load")), "none with a baseline and a target"),
    ("M", 2, metrics(MEASURED), "confirmed by nobody active at the account"),
    (
        "M",
        3,
        metrics(Metric(what="Cost per load", baseline=410, target=370, confirmed_by="mlee")),
        "confirmed by Mary Lee (CFO)",
    ),
    ("E", 0, person(0, roles=[]), "no active economic buyer for this deal"),
    ("E", 1, person(0, last_contact=date(2026, 1, 5)), "not engaged: gone dark, 321 days ago"),
    ("E", 1, person(0, name=None), "not yet named"),
    ("E", 2, person(0, stance="skeptic"), "stance skeptic, not advocate or supporter"),
    ("E", 3, nothing, "stance supporter"),
    ("D1", 0, nothing, "no decision criteria"),
    ("D1", 1, criteria(Criterion(text="3-year TCO", us="ahead")), "no owner at the account"),
    ("D1", 1, criteria(Criterion(text="TCO", owner="mlee")), "where we stand unknown: 'TCO'"),
    ("D1", 2, criteria(Criterion(text="TCO", owner="mlee", us="behind")), "behind on 'TCO'"),
    ("D1", 2, criteria(Criterion(text="TCO", owner="mlee", us="even")), "ahead on none"),
    (
        "D1",
        3,
        criteria(
            Criterion(text="TCO", owner="mlee", us="ahead"),
            Criterion(text="Security", owner="ciso", us="even"),
        ),
        "ahead on 'TCO', behind on none",
    ),
    ("D2", 0, nothing, "no decision process steps"),
    (
        "D2",
        1,
        steps("decision_process", Step(step="Security review", owner="ciso")),
        "without an owner at the account or a due date: 'Security review'",
    ),
    (
        "D2",
        2,
        steps("decision_process", Step(step="Security review", owner="ciso", due=PAST)),
        "slipped or overdue: 'Security review'",
    ),
    (
        "D2",
        2,
        steps("decision_process", Step(step="Board", owner="mlee", due=SOON, status="slipped")),
        "slipped or overdue: 'Board'",
    ),
    (
        "D2",
        3,
        steps(
            "decision_process",
            Step(step="Security review", owner="ciso", due=PAST, status="done"),
            Step(step="Board", owner="mlee", due=SOON),
        ),
        "none slipped or overdue (1 of 2 done)",
    ),
    ("P", 0, nothing, "no paper process steps"),
    ("P", 1, steps("paper_process", Step(step="MSA", due=SOON)), "'MSA'"),
    (
        "P",
        2,
        steps("paper_process", Step(step="MSA", owner="mlee", due=SOON, status="slipped")),
        "slipped or overdue: 'MSA'",
    ),
    ("P", 3, steps("paper_process", Step(step="MSA", owner="mlee", due=SOON)), "0 of 1 done"),
    ("I", 0, no_pains, "no compelling event and no pains listed"),
    ("I", 1, nothing, "pains listed (1) but no compelling event"),
    ("I", 1, event(None), "compelling event 'Carrier renewal' without a date"),
    ("I", 1, event(PAST), "has passed"),
    ("I", 2, event(SOON), "the deal closes after it (2027-01-15)"),
    ("I", 3, event(LATER), "the deal closes by then (2027-01-15)"),
    ("C1", 0, person(1, roles=[]), "no active champion for this deal"),
    ("C1", 1, person(1, stance="neutral"), "stance neutral, not advocate or supporter"),
    ("C1", 1, proof(date(2026, 6, 1)), "no champion_evidence within 90 days"),
    (
        "C1",
        2,
        both(proof(date(2026, 10, 20)), person(1, influence="medium")),
        "influence medium, not high",
    ),
    (
        "C1",
        2,
        both(proof(date(2026, 10, 20)), cut_the_reporting_line),
        "no warm path to the economic buyer Mary Lee",
    ),
    ("C1", 3, proof(date(2026, 10, 20)), "warm path to the economic buyer Mary Lee"),
    ("C2", 0, nothing, 'no competition listed (write "status quo" when there is none)'),
    ("C2", 1, rivals(Rival(name="Initrode")), "status unknown: 'Initrode'"),
    (
        "C2",
        2,
        both(rivals(Rival(name="Initrode", status="evaluating")), person(0, favours="initrode")),
        "Mary Lee favours a rival still in the deal",
    ),
    (
        "C2",
        3,
        both(rivals(Rival(name="Initrode", status="eliminated")), person(0, favours="Initrode")),
        "nobody with a role in the deal favours a rival still in it",
    ),
]


@pytest.mark.parametrize(("letter", "level", "change", "fact"), CASES)
def test_each_level_of_each_letter(letter: str, level: int, change: Change, fact: str) -> None:
    account_map = story()
    change(account_map)
    scored = score_deal(account_map, deal(account_map), context(account_map))
    assert list(scored) == list(MEDDPICC)
    assert scored[letter].score == level, scored[letter].facts
    assert any(fact in said for said in scored[letter].facts), scored[letter].facts


def test_every_level_of_every_letter_is_covered() -> None:
    assert {(letter, level) for letter, level, _, _ in CASES} == {
        (letter, level) for letter in MEDDPICC for level in range(4)
    }


def test_a_link_counts_as_a_warm_path_and_a_conflict_does_not() -> None:
    account_map = story()
    proof(date(2026, 10, 20))(account_map)
    cut_the_reporting_line(account_map)
    account_map.links = [Link(source="jkim", target="mlee", type="conflicts")]
    assert score_deal(account_map, deal(account_map), context(account_map))["C1"].score == 2
    account_map.links = [Link(source="jkim", target="mlee", type="influences")]
    assert score_deal(account_map, deal(account_map), context(account_map))["C1"].score == 3


def test_the_deal_s_own_committee_decides_who_is_its_economic_buyer() -> None:
    account_map = story()
    deal(account_map).roles = {"ciso": ["economic_buyer"]}
    [fact, *_] = score_deal(account_map, deal(account_map), context(account_map))["E"].facts
    assert fact == "economic buyer: Sam Ray (CISO)"
    assert has_deal_facts(deal(account_map))
    assert not has_deal_facts(deal(story()))
