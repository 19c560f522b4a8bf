"""G5xx partner and deal rules."""

from __future__ import annotations

from tests.rules.helpers import check, where

PARTNER = """
acmap: 1
account:
  id: acme
  name: Acme
  team: [{{id: tomas, name: Tomás Reyes}}]
stakeholders:
  - {{id: coo, name: Frank Deluca, title: COO, influence: high{extra}}}
  - {{id: eng, name: Eve, influence: low}}
partners:
  - id: northwind
    name: Northwind Consulting
    owner: tomas
    knows:
      - {{stakeholder: coo, strength: strong}}
      - {{stakeholder: eng}}
"""

# --- G501 partner-intro ------------------------------------------------------------------------


def test_g501_a_partner_knows_a_key_person_we_do_not_reach() -> None:
    [found] = check("G501", PARTNER.format(extra=", last_contact: 2026-04-22"))
    assert found.message == (
        "Northwind Consulting knows Frank Deluca (COO, high influence) well; we are not engaged "
        "(last contact 2026-04-22) — ask Tomás Reyes to request an introduction"
    )
    assert where([found]) == [(15, 9)]  # the knows entry
    assert found.subject == "coo"


def test_g501_edge_of_engaged_days() -> None:
    assert check("G501", PARTNER.format(extra=", last_contact: 2026-08-24")) == []
    assert len(check("G501", PARTNER.format(extra=", last_contact: 2026-08-23"))) == 1


def test_g501_never_contacted() -> None:
    assert "(never contacted)" in check("G501", PARTNER.format(extra=""))[0].message


# --- G502 buying-group-gap ---------------------------------------------------------------------

DEAL = """
acmap: 1
account:
  id: acme
  name: Acme
  opportunities:
    - {{id: big, name: Big deal, stage: {stage}, buying_group: [{group}]}}
stakeholders:
  - {{id: cfo, name: Mary Lee, roles: [economic_buyer]}}
  - {{id: cio, name: Ann Lo, roles: [decision_maker]}}
  - {{id: gone, name: Greg, roles: [decision_maker], status: left}}
"""


def test_g502_an_open_deal_without_its_decision_maker() -> None:
    [found] = check("G502", DEAL.format(stage="proposal", group="cfo"))
    assert found.message == (
        "open deal 'Big deal' has no decision maker in its buying group — add Ann Lo to it if "
        "they are part of this decision"
    )
    assert found.subject == "big"
    assert found.severity == "warning"


def test_g502_both_missing_and_leavers_do_not_count() -> None:
    [found] = check("G502", DEAL.format(stage="negotiation", group="gone"))
    assert "has no economic buyer and no decision maker" in found.message


def test_g502_quiet_for_complete_groups_and_closed_deals() -> None:
    assert check("G502", DEAL.format(stage="proposal", group="cfo, cio")) == []
    assert check("G502", DEAL.format(stage="closed_lost", group="")) == []
    assert check("G502", DEAL.format(stage="closed_won", group="cfo")) == []


def test_g502_a_deal_without_stage_is_open() -> None:
    source = DEAL.format(stage="proposal", group="").replace("stage: proposal, ", "")
    assert len(check("G502", source)) == 1
