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


PEOPLE = """\
acmap: 1
account:
  id: acme
  name: Acme
  opportunities: [{{id: deal, name: Deal, buying_group: [{known}]}}]
stakeholders:
{people}
links:
{links}
partners:
{partners}
"""


def _people(
    people: list[str], links: list[str] | None = None, known: str | None = None
) -> AccountMap:
    """A map of `people` (flow mappings) and `links`; `known` is in a partner's knows and in
    an opportunity's buying group."""
    return _map(
        PEOPLE.format(
            people="\n".join(f"  - {p}" for p in people),
            links="\n".join(f"  - {link}" for link in links or []) or "  []",
            partners=f"  - {{id: p, name: Partner, knows: [{{stakeholder: {known}}}]}}"
            if known
            else "  []",
            known=known or "",
        )
    )


def test_email_pairs_first_then_the_exact_name() -> None:
    from acmap.analysis.changes.renames import id_changes

    old = _people(
        [
            "{id: x, name: Ann Bee, contact: {email: ann@acme.example}}",
            "{id: cd, name: Cy Dee}",
            "{id: ef, name: Ed Eff}",
        ]
    )
    new = _people(
        [
            "{id: ann, name: Ann B. Bee, contact: {email: ANN@acme.example}}",
            "{id: cy-dee, name: Cy Dee}",
            "{id: ed, name: Edward Eff}",  # neither email nor exact name: a new person
        ]
    )
    found = [(c.before, c.after, c.by) for c in id_changes(old, new)]
    assert found == [("x", "ann", "email"), ("cd", "cy-dee", "name")]


def test_an_email_outranks_a_name_that_points_elsewhere() -> None:
    from acmap.analysis.changes.renames import id_changes

    old = _people(
        ["{id: a, name: Sam Lee, contact: {email: sam@acme.example}}", "{id: b, name: Sam Li}"]
    )
    new = _people(["{id: c, name: Sam Li, contact: {email: sam@acme.example}}"])
    assert [(c.before, c.after) for c in id_changes(old, new)] == [("a", "c")]


def test_only_one_to_one_pairs() -> None:
    from acmap.analysis.changes.renames import id_changes

    two_gone = _people(["{id: a, name: Jo Ray}", "{id: b, name: Jo Ray}"])
    one_came = _people(["{id: c, name: Jo Ray}"])
    assert id_changes(two_gone, one_came) == []
    assert id_changes(one_came, two_gone) == []
    shared_email = "contact: {email: team@acme.example}"
    old = _people([f"{{id: a, name: Al, {shared_email}}}", f"{{id: b, name: Bo, {shared_email}}}"])
    new = _people([f"{{id: c, name: Al, {shared_email}}}", f"{{id: d, name: Bo, {shared_email}}}"])
    # One email for two people proves nothing; their names still pair them, one by one.
    assert [(c.before, c.after, c.by) for c in id_changes(old, new)] == [
        ("a", "c", "name"),
        ("b", "d", "name"),
    ]
    nameless = _people(["{id: a, title: CFO}"])
    assert id_changes(nameless, _people(["{id: b, title: CFO}"])) == []  # a seat is not a name


def test_references_that_follow_the_id_are_no_change() -> None:
    old = _people(
        ["{id: boss, name: Big Boss}", "{id: ann, name: Ann Bee, reports_to: boss}"],
        ["{from: ann, to: boss, type: influences}", "{from: boss, to: ann, type: allies}"],
        known="boss",
    )
    new = _people(
        ["{id: big-boss, name: Big Boss}", "{id: ann, name: Ann Bee, reports_to: big-boss}"],
        ["{from: ann, to: big-boss, type: influences}", "{from: big-boss, to: ann, type: allies}"],
        known="big-boss",
    )
    changes = compare(old, new)
    assert [(c.field, c.before, c.after, c.text) for c in changes] == [
        ("id", "boss", "big-boss", "Big Boss: id changed: boss → big-boss")
    ]
