"""A small account with one open deal, for the rules and letters of deals and plans.

Written in part one's YAML, which the loader reads; the deal and plan keys of SPEC §7 are then
set on the model objects, as the loader will set them (acmap.model holds their types).
"""

from __future__ import annotations

from datetime import date

from acmap.findings import Finding
from acmap.model import AccountMap, Action, Evidence, Opportunity
from acmap.rules.base import Context
from acmap.rules.engine import check_map, context_for
from acmap.settings import GapSettings
from tests.rules.helpers import TODAY, load

STORY = """
acmap: 1
account:
  id: acme
  name: Acme Corp
  team: [{id: dana, name: Dana Ruiz}, {id: tomas, name: Tomás Reyes}]
  competitors: [Initrode]
  pains: [Freight costs]
  opportunities:
    - {id: tms, name: TMS rollout, stage: proposal, close_date: 2027-01-15}
stakeholders:
  - id: mlee
    name: Mary Lee
    title: CFO
    roles: [economic_buyer]
    stance: supporter
    influence: high
    last_contact: 2026-11-01
    owner: dana
  - id: jkim
    name: Jin Kim
    title: Ops Director
    roles: [champion]
    stance: advocate
    influence: high
    last_contact: 2026-11-10
    reports_to: mlee
    owner: dana
  - id: ciso
    name: Sam Ray
    title: CISO
    stance: neutral
    influence: high
    last_contact: 2026-11-10
"""


def story() -> AccountMap:
    return load(STORY)


def deal(account_map: AccountMap) -> Opportunity:
    return account_map.account.opportunities[0]


def gates(**stages: dict[str, int]) -> GapSettings:
    return GapSettings(gates=dict(stages))


def run(code: str, account_map: AccountMap, settings: GapSettings | None = None,
        today: date = TODAY) -> list[Finding]:  # fmt: skip
    return check_map(account_map, settings or GapSettings(), today, only={code})


def context(account_map: AccountMap, today: date = TODAY) -> Context:
    return context_for(account_map, GapSettings(), today)


def evidence(day: date, what: str = "Shared the budget memo") -> Evidence:
    return Evidence(date=day, what=what)


def action(what: str = "Executive briefing", **fields: object) -> Action:
    made = Action(what=what, owner="dana")
    for name, value in fields.items():
        setattr(made, name, value)
    return made
