"""Property test: on any loadable variation of the example maps, the rules never raise."""

from __future__ import annotations

import copy
import io
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from acmap.analysis.health import assess
from acmap.load import load_text
from acmap.model import INFLUENCE_LEVELS, ROLES, STAGES, STANCES, STATUSES, TIERS
from acmap.rules import KNOBS
from acmap.settings import GapSettings
from tests.helpers import EXAMPLE_MAPS

_yaml = YAML(typ="safe")
DATA = {
    p.stem: _yaml.load(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLE_MAPS.glob("*.yaml"))
}
DATES = st.dates(min_value=date(2019, 1, 1), max_value=date(2031, 12, 31))


@st.composite
def person_change(draw: st.DrawFn) -> tuple[str, Any]:
    field = draw(
        st.sampled_from(
            [
                "stance",
                "influence",
                "status",
                "roles",
                "last_contact",
                "owner",
                "prefers",
                "name",
                "reports_to",
                "unit",
            ]
        )
    )
    if field == "stance":
        return field, draw(st.sampled_from(STANCES))
    if field == "influence":
        return field, draw(st.sampled_from((*INFLUENCE_LEVELS, None)))
    if field == "status":
        return field, draw(st.sampled_from(STATUSES))
    if field == "roles":
        return field, draw(st.lists(st.sampled_from(ROLES), max_size=3, unique=True))
    if field == "last_contact":
        return field, draw(st.one_of(st.none(), DATES))
    return field, None  # delete an optional reference or detail


@st.composite
def mutant(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(sorted(DATA)))
    document = copy.deepcopy(DATA[name])
    account = document["account"]
    people = document.get("stakeholders") or []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["person", "person", "person", "link", "partner", "account"]))
        if kind == "person" and people:
            person = draw(st.sampled_from(people))
            field, value = draw(person_change())
            if value is None or value == []:
                person.pop(field, None)
                if field == "name":
                    person.setdefault("title", "Someone")
            else:
                person[field] = value
        elif kind == "link" and document.get("links"):
            document["links"].pop(draw(st.integers(0, len(document["links"]) - 1)))
        elif kind == "partner" and document.get("partners"):
            document["partners"].pop(draw(st.integers(0, len(document["partners"]) - 1)))
        elif kind == "account":
            choice = draw(st.sampled_from(["tier", "reviewed", "goals", "units", "stage"]))
            if choice == "tier":
                account["tier"] = draw(st.sampled_from(TIERS))
            elif choice == "reviewed":
                account["reviewed"] = draw(st.one_of(st.none(), DATES))
            elif choice == "goals":
                account.pop("goals", None)
            elif choice == "units":
                document.pop("units", None)
                for person in people:
                    person.pop("unit", None)
            elif account.get("opportunities"):
                deal = draw(st.sampled_from(account["opportunities"]))
                deal["stage"] = draw(st.sampled_from(STAGES))
                deal["buying_group"] = draw(
                    st.lists(st.sampled_from([p["id"] for p in people] or ["x"]), max_size=3)
                )
    out = io.StringIO()
    dumper = YAML(typ="safe", pure=True)
    dumper.default_flow_style = False
    dumper.dump(document, out)
    return out.getvalue()


# Every knob the rules declare, so that a new one is exercised too.
THRESHOLDS = st.fixed_dictionaries(
    {knob: st.integers(0, 12 if knob == "min_engaged" else 400) for knob in KNOBS}
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutant(), today=DATES, thresholds=THRESHOLDS)
def test_rules_never_raise_on_a_loadable_map(
    text: str, today: date, thresholds: dict[str, int]
) -> None:
    loaded = load_text(text, "maps/mutant.yaml", stem="mutant")
    if loaded.map is None:
        return  # the mutation broke a reference: validate's business, not the rules'
    report = assess(loaded.map, GapSettings(base=thresholds), today)
    assert 0 <= report.score.total <= 100
    assert report.status in ("red", "amber", "green")
    for finding in report.findings:
        assert finding.line >= 1 and finding.col >= 1
        assert finding.code.startswith("G") and finding.message
        assert finding.severity in ("error", "warning", "info")
    # What the commands make of it renders too.
    from rich.console import Console

    from acmap.analysis.account import account_view
    from acmap.report.account import parts
    from acmap.report.gaps import gaps_markdown

    console = Console(file=io.StringIO(), width=80)
    for part in parts(account_view(loaded.map, GapSettings(base=thresholds), today), 80):
        console.print(part)
    assert gaps_markdown([report], [], "totals").startswith("## acmap gaps")
