"""Map text in `qualify` and `actions` text output stays text: no terminal control gets through."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from acmap.analysis.plan import PlanResult, choose, planned
from acmap.analysis.qualify import QualifyResult, qualify_map
from acmap.model import Criterion, Rival
from acmap.report.actions import to_text as actions_text
from acmap.report.qualify import to_text as qualify_text
from acmap.settings import GapSettings
from tests.rules.deal_story import action, deal, story

TODAY = date(2026, 11, 22)
HOSTILE = st.text(alphabet=st.sampled_from("ab \x1b[31m\x07\r\n\x9b\u202e]8;;"), min_size=1)


def controls(text: str) -> set[str]:
    return {c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) < 0xA0}


@settings(max_examples=30, deadline=None)
@given(HOSTILE)
def test_qualify_text_keeps_map_text_visible(text: str) -> None:
    account_map = story()
    deal(account_map).name = text
    deal(account_map).decision_criteria = [Criterion(text=text, owner="mlee", us="ahead")]
    deal(account_map).competition = [Rival(name=text)]
    account_map.stakeholders[0].name = text
    gates = GapSettings(gates={"proposal": {"E": 3}})
    with redirect_stdout(io.StringIO()) as out:
        qualify_text(QualifyResult(qualify_map(account_map, gates, TODAY), gates.gates, [], []))
    assert controls(out.getvalue()) == set()


@settings(max_examples=30, deadline=None)
@given(HOSTILE)
def test_actions_text_keeps_map_text_visible(text: str) -> None:
    account_map = story()
    account_map.account.team[0].name = text
    account_map.actions = [action(text, people=["mlee"], due=date(2026, 11, 1))]
    with redirect_stdout(io.StringIO()) as out:
        actions_text(PlanResult(choose(planned(account_map, TODAY)), TODAY, [], []))
    assert controls(out.getvalue()) == set()
