"""The map diff of one opportunity, in words and in fields (acmap.analysis.changes.compare)."""

from __future__ import annotations

from acmap.analysis.changes import compare
from acmap.load import load_file
from acmap.model import AccountMap
from tests.helpers import EXAMPLE_MAPS

BEFORE = (EXAMPLE_MAPS / "brightwater-foods.yaml").read_text(encoding="utf-8")


def _map(text: str) -> AccountMap:
    from acmap.load import load_text

    loaded = load_text(text, "brightwater-foods.yaml", stem="brightwater-foods")
    assert loaded.map is not None, loaded.findings
    return loaded.map


def test_every_opportunity_field_change_reads_as_one_sentence() -> None:
    after = (
        BEFORE.replace(
            "      stage: qualification\n      amount: 410000",
            "      stage: proposal\n      amount: 450000",
        )
        .replace("close_date: 2027-02-26", "close_date: 2027-03-31")
        .replace(
            "buying_group: [vp-supply-chain, dir-demand-planning, bi-manager, it-apps]",
            "buying_group: [vp-supply-chain, dir-demand-planning, bi-manager, cfo]",
        )
        .replace("name: Demand planning analytics", "name: Demand planning suite")
    )
    assert after.count("proposal") > BEFORE.count("proposal")
    changes = [c for c in compare(_map(BEFORE), _map(after)) if c.section == "opportunities"]
    fields = {(c.field, c.before, c.after) for c in changes}
    assert ("stage", "qualification", "proposal") in fields
    assert ("amount", 410000, 450000) in fields
    assert ("name", "Demand planning analytics", "Demand planning suite") in fields
    assert ("buying_group", None, "cfo") in fields
    assert ("buying_group", "it-apps", None) in fields
    texts = [c.text for c in changes]
    assert "Opportunity Demand planning analytics renamed to Demand planning suite" in texts
    assert "Demand planning suite: qualification → proposal" in texts
    assert any("amount USD 410,000 → USD 450,000" in t for t in texts), texts
    assert any("close date 2027-02-26 → 2027-03-31" in t for t in texts), texts
    assert any(t.endswith("joined the buying group") for t in texts), texts
    assert any(t.endswith("left the buying group") for t in texts), texts
    assert all(c.subject == "demand-planning-analytics" for c in changes)


def test_an_unchanged_map_has_no_changes() -> None:
    account_map = load_file(EXAMPLE_MAPS / "brightwater-foods.yaml").map
    assert account_map is not None
    assert compare(account_map, account_map) == []
