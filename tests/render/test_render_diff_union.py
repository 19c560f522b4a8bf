"""The union of two map versions (analysis/changes/union.py) that the visual diff draws."""

from __future__ import annotations

from acmap.analysis.changes.union import map_union
from acmap.model import AccountMap
from tests.helpers import load_yaml

BASE = """\
acmap: 1
account: {id: acme, name: Acme}
stakeholders:
  - {id: jdoe, name: Jane Doe, contact: {email: jane@acme.example}, stance: supporter}
  - {id: bob, name: Bob Roe, reports_to: jdoe, stance: neutral, influence: low}
  - {id: cy, name: Cy Young, reports_to: jdoe}
links:
  - {from: bob, to: cy, type: allies}
partners:
  - {id: si, name: Some SI, knows: [{stakeholder: cy}]}
"""

HEAD = """\
acmap: 1
account: {id: acme, name: Acme}
stakeholders:
  - {id: jane-doe, name: Jane Doe, contact: {email: jane@acme.example}, stance: blocker}
  - {id: bob, name: Bob Roe, reports_to: jane-doe, stance: neutral, influence: high}
  - {id: dee, name: Dee Fox, reports_to: bob}
links:
  - {from: bob, to: dee, type: mentors}
partners:
  - {id: si, name: Some SI, knows: [{stakeholder: bob}]}
"""


def loaded(source: str) -> AccountMap:
    result = load_yaml(source)
    assert result.map is not None, result.findings
    return result.map


def test_everyone_of_both_versions_once_with_their_marks() -> None:
    union = map_union(loaded(BASE), loaded(HEAD))
    assert [p.id for p in union.map.stakeholders] == ["jane-doe", "bob", "dee", "cy"]
    assert union.people == {
        "jane-doe": "changed",  # renamed, one node
        "bob": "changed",
        "dee": "added",
        "cy": "removed",
    }
    assert union.badges["jane-doe"] == "supporter → blocker; id was jdoe"
    assert union.badges["bob"] == "influence low → high"
    assert union.renamed == {"jdoe": "jane-doe"}


def test_lines_of_both_versions_are_kept_and_marked() -> None:
    union = map_union(loaded(BASE), loaded(HEAD))
    assert union.lines == {
        ("reports_to", "bob", "dee"): "added",
        ("reports_to", "jane-doe", "cy"): "removed",  # under the renamed manager's new id
        ("mentors", "bob", "dee"): "added",
        ("allies", "bob", "cy"): "removed",
        ("knows", "si", "bob"): "added",
        ("knows", "si", "cy"): "removed",
    }
    assert {(link.type, link.source, link.target) for link in union.map.links} == {
        ("mentors", "bob", "dee"),
        ("allies", "bob", "cy"),
    }
    (partner,) = union.map.partners
    assert [k.stakeholder for k in partner.knows] == ["bob", "cy"]


def test_the_same_map_twice_marks_nothing() -> None:
    union = map_union(loaded(BASE), loaded(BASE))
    assert not union.people and not union.lines and not union.badges
    assert union.map.stakeholders == loaded(BASE).stakeholders
