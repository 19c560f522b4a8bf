"""Generated maps with every SPEC §7 key (hostile text included): valid to the loader and the
schema, `fmt` idempotent with every value kept, `diff` of a map with itself empty, `show` and
`export --actions` never crash. A strategy of its own: tests/fuzz's maps stay part one's."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from ruamel.yaml import YAML

from acmap import model as m
from acmap.analysis.account import account_view
from acmap.analysis.changes import compare
from acmap.crm.export import action_rows, plan_record
from acmap.edit.fmt import format_text
from acmap.report.account import parts
from acmap.settings import GapSettings
from tests.fuzz.strategies import DATES, TEXT, TODAY, account_maps, to_yaml
from tests.helpers import load_yaml
from tests.load.test_deals import _schema_errors

FUZZ = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def deal_maps(draw: st.DrawFn) -> dict[str, Any]:
    document = draw(account_maps(max_people=6))
    people = [p["id"] for p in document["stakeholders"]]
    team = [t["id"] for t in document["account"]["team"]]
    person = st.sampled_from(people) if people else st.nothing()
    deals = document["account"].get("opportunities", [])
    for deal in deals:
        if people and draw(st.booleans()):
            members = draw(st.lists(person, max_size=3, unique=True))
            deal["roles"] = {
                p: draw(st.lists(st.sampled_from(m.ROLES), max_size=2, unique=True))
                for p in members
            }
        deal["compelling_event"] = {"date": draw(DATES), "what": draw(TEXT)}
        deal["metrics"] = [{"what": draw(TEXT), "baseline": 1, "target": draw(st.integers(0, 9))}]
        deal["decision_criteria"] = [
            {"id": "c1", "text": draw(TEXT), "us": draw(st.sampled_from(m.VERDICTS))}
        ]
        step = {"step": draw(TEXT), "status": draw(st.sampled_from(m.STEP_STATUSES))}
        if people:
            step["owner"] = draw(person)
            deal["metrics"][0]["confirmed_by"] = draw(person)
        deal["decision_process"] = [step]
        deal["paper_process"] = [{"step": draw(TEXT), "due": draw(DATES)}]
        deal["competition"] = [
            {"name": draw(TEXT), "status": draw(st.sampled_from(m.COMPETITOR_STATUSES))}
        ]
        deal["champion_evidence"] = [{"date": draw(DATES), "what": draw(TEXT)}]
    for stakeholder in document["stakeholders"]:
        if draw(st.booleans()):
            stakeholder["favours"] = draw(TEXT)
        if stakeholder["status"] == "left" and draw(st.booleans()):
            stakeholder["moved_to"] = {"account": "elsewhere", "on": draw(DATES)}
    actions = []
    for _ in range(draw(st.integers(0, 3))):
        action: dict[str, Any] = {
            "what": draw(TEXT),
            "owner": draw(st.sampled_from(team)),
            "status": draw(st.sampled_from(m.ACTION_STATUSES)),
            "due": draw(DATES),
        }
        if people:
            action["with"] = draw(st.lists(person, max_size=2, unique=True))
        if deals and draw(st.booleans()):
            action["opportunity"] = "deal"
        actions.append(action)
    if actions:
        document["actions"] = actions
    return document


def data(text: str) -> Any:
    return YAML(typ="safe").load(text)


@FUZZ
@given(deal_maps())
def test_a_generated_deal_map_is_valid_formats_and_diffs_to_nothing(
    document: dict[str, Any],
) -> None:
    text = to_yaml(document)
    loaded = load_yaml(text, "fuzz.yaml")
    assert loaded.map is not None, loaded.findings
    assert _schema_errors(text) == []
    once = format_text(text, "fuzz.yaml")
    assert format_text(once, "fuzz.yaml") == once
    assert data(once) == data(text)
    again = load_yaml(once, "fuzz.yaml").map
    assert again is not None
    assert compare(loaded.map, again) == []


@FUZZ
@given(deal_maps())
def test_show_and_export_of_a_generated_deal_map(document: dict[str, Any]) -> None:
    loaded = load_yaml(to_yaml(document), "fuzz.yaml")
    assert loaded.map is not None
    console = Console(file=io.StringIO(), width=80, color_system=None)
    for part in parts(account_view(loaded.map, GapSettings(), TODAY), 80):
        console.print(part, crop=False)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b" not in out
    rows = action_rows(plan_record(loaded.map))
    assert len(rows) == len(loaded.map.actions)
