"""Every generated map with every SPEC §7 key (tests/load/test_deals_fuzz.py's deal maps) makes an
account page whose deal, plan and history sections render, with no markup from the map: the
page's own elements only, no handler, no script but the site's, no link but its own anchors."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from acmap.analysis.account import account_view
from acmap.analysis.plan import planned
from acmap.analysis.qualify import qualify_map
from acmap.settings import GapSettings
from acmap.site.pages import render
from acmap.site.sections import PageFacts, page_sections
from tests.fuzz.strategies import TODAY, to_yaml
from tests.helpers import load_yaml
from tests.load.test_deals_fuzz import FUZZ, deal_maps
from tests.site.parsing import Page

SCORES = st.lists(st.integers(min_value=0, max_value=100), max_size=6)


@FUZZ
@given(deal_maps(), SCORES)
def test_a_generated_map_makes_a_page_with_no_markup_from_it(
    document: dict[str, Any], scores: list[int]
) -> None:
    loaded = load_yaml(to_yaml(document), "fuzz.yaml")
    assert loaded.map is not None, loaded.findings
    account_map = loaded.map
    gaps = GapSettings(gates={"proposal": {"E": 2, "C1": 2}, "negotiation": {"P": 3}})
    history = [[f"2026-11-{i + 1:02d}", score, "amber"] for i, score in enumerate(scores)]
    facts = PageFacts(
        account_view(account_map, gaps, TODAY),
        deals={d.opportunity: d for d in qualify_map(account_map, gaps, TODAY)},
        plan=planned(account_map, TODAY),
        history=history,
    )
    sections = page_sections(facts)
    ids = {s.id for s in sections}
    assert ("Actions" in ids) == bool(account_map.actions)
    assert ("History" in ids) == bool(scores)
    html = render(
        "account.html",
        root="../",
        title=account_map.account.name,
        account=account_map.account,
        sections=sections,
        today=TODAY.isoformat(),
    )
    for deal in facts.deals.values():
        assert f"({deal.score}/24)" in html  # every open deal scored on the page
    page = Page()
    page.feed(html)
    page.close()
    assert not page.handlers
    assert [s.get("src") for s in page.scripts] == ["../assets/site.js"]
    for url in page.urls:
        assert url.startswith(("#", "../owners/", "../partners/", "../assets/", "../index")), url
