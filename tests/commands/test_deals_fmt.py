"""`acmap fmt` on SPEC §7's keys: SPEC order for each new mapping, comments and `x-` keys kept,
a committee's people in the rep's order; idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import load_yaml, run_acmap, write_map_file

from acmap.edit.fmt import comments, format_text

MESSY = """\
acmap: 1
actions:   # the plan
  - status: open
    due: 2026-12-10
    # who we meet
    with: [mlee]
    opportunity: tms
    owner: dana
    what: Executive briefing   # the big one
stakeholders:
  - moved_to: {on: 2026-09-01, account: initech}
    status: left
    favours: Initrode   # leans to them
    x-crm-id: "0031A"
    name: Mary Lee
    id: mlee
account:
  id: acme
  name: Acme
  team:
    - {id: dana, name: Dana Ruiz}
  opportunities:
    - champion_evidence:
        - {what: Shared the budget memo, date: 2026-10-20}
      competition:
        - {status: evaluating, name: Initrode}
      paper_process:
        - {status: planned, due: 2027-02-01, owner: mlee, step: MSA redlines}
      decision_process:
        - status: done
          step: Security review   # passed
      decision_criteria:
        - {us: ahead, owner: mlee, text: 3-year TCO, id: tco}
      metrics:
        - {confirmed_by: mlee, unit: USD, target: 370, baseline: 410, what: Cost per load}
      compelling_event: {what: Carrier renewal, date: 2027-01-31}
      roles:
        zed: [champion]   # the committee, in the rep's order
        mlee: [economic_buyer]
      name: TMS rollout
      id: tms
"""

TIDY = """\
acmap: 1
account:
  id: acme
  name: Acme
  team:
    - {id: dana, name: Dana Ruiz}
  opportunities:
    - id: tms
      name: TMS rollout
      roles:
        zed: [champion]   # the committee, in the rep's order
        mlee: [economic_buyer]
      compelling_event: {date: 2027-01-31, what: Carrier renewal}
      metrics:
        - {what: Cost per load, baseline: 410, target: 370, unit: USD, confirmed_by: mlee}
      decision_criteria:
        - {id: tco, text: 3-year TCO, owner: mlee, us: ahead}
      decision_process:
        - step: Security review   # passed
          status: done
      paper_process:
        - {step: MSA redlines, owner: mlee, due: 2027-02-01, status: planned}
      competition:
        - {name: Initrode, status: evaluating}
      champion_evidence:
        - {date: 2026-10-20, what: Shared the budget memo}
stakeholders:
  - id: mlee
    name: Mary Lee
    status: left
    favours: Initrode   # leans to them
    x-crm-id: "0031A"
    moved_to: {account: initech, on: 2026-09-01}
actions:   # the plan
  - what: Executive briefing   # the big one
    owner: dana
    # who we meet
    with: [mlee]
    due: 2026-12-10
    status: open
    opportunity: tms
"""


def test_new_keys_take_spec_order_and_keep_their_comments() -> None:
    result = format_text(MESSY)
    assert result == TIDY
    assert sorted(comments(result)) == sorted(comments(MESSY))


def test_formatting_the_deal_is_idempotent() -> None:
    assert format_text(TIDY) == TIDY


def test_fmt_writes_the_deal_in_order(tmp_path: Path) -> None:
    path = write_map_file(tmp_path, "acme.yaml", MESSY)
    result = run_acmap("fmt", str(path), cwd=tmp_path)
    assert result.code == 0, result.err
    assert path.read_text(encoding="utf-8") == TIDY


@pytest.mark.parametrize("source", [MESSY, TIDY])
def test_the_formatted_deal_means_the_same(source: str) -> None:
    before = load_yaml(source)
    after = load_yaml(format_text(source))
    assert [f.code for f in before.findings] == [f.code for f in after.findings]
