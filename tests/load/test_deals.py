"""The format additions of SPEC §7 as the loader reads them: a deal's committee and MEDDPICC facts,
favours, moved_to and the engagement plan, with a finding at the right place for each mistake."""

from __future__ import annotations

import json
import textwrap
from datetime import date

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acmap.format.schema import json_schema
from acmap.load.yamlnodes import NodeLoader
from acmap.model import ACTION_STATUSES, ROLES
from tests.helpers import load_yaml
from tests.schema.test_agreement import as_json

DEAL = """\
acmap: 1
account:
  id: acme
  name: Acme
  owner: dana
  team:
    - {id: dana, name: Dana Ruiz}
  competitors: [Initrode]
  opportunities:
    - id: tms
      name: TMS rollout
      stage: proposal
      roles:
        mlee: [economic_buyer]
        jkim: [champion, technical_buyer]
      compelling_event: {date: 2027-01-31, what: Carrier contract renewal}
      metrics:
        - {what: Freight cost per load, baseline: 410, target: 370, unit: USD, confirmed_by: mlee}
      decision_criteria:
        - {id: tco, text: 3-year TCO, owner: mlee, us: ahead}
      decision_process:
        - {step: Security review, owner: jkim, due: 2027-01-15, status: planned}
      paper_process:
        - {step: MSA redlines, owner: jkim, due: 2027-02-01, status: done}
      competition:
        - {name: Initrode, status: evaluating}
      champion_evidence:
        - {date: 2026-10-20, what: Shared the internal budget memo}
stakeholders:
  - id: mlee
    name: Mary Lee
    favours: Initrode
    x-crm-id: 0031A
  - id: jkim
    name: Jin Kim
    status: left
    moved_to: {account: initech, on: 2026-09-01}
actions:
  - what: Executive briefing on freight TCO
    owner: dana
    with: [mlee]
    due: 2026-12-10
    status: open
    opportunity: tms
"""


def deal(old: str, new: str) -> str:
    assert old in DEAL, old
    return DEAL.replace(old, new, 1)


def found(source: str) -> list[str]:
    return [f"{f.code} {f.line}:{f.col} {f.message}" for f in load_yaml(source).findings]


def test_every_key_of_the_deal_is_read_with_where_it_stood() -> None:
    loaded = load_yaml(DEAL)
    assert loaded.findings == []
    assert loaded.map is not None
    tms = loaded.map.account.opportunities[0]
    assert tms.roles == {"mlee": ["economic_buyer"], "jkim": ["champion", "technical_buyer"]}
    assert tms.where("roles.jkim") == (15, 9)
    assert tms.where("roles.jkim[1]") == (15, 26)
    assert tms.compelling_event is not None
    assert (tms.compelling_event.date, tms.compelling_event.what) == (
        date(2027, 1, 31),
        "Carrier contract renewal",
    )
    metric = tms.metrics[0]
    assert (metric.baseline, metric.target, metric.unit, metric.confirmed_by) == (
        410,
        370,
        "USD",
        "mlee",
    )
    assert metric.where("confirmed_by") == (18, 94)
    criterion = tms.decision_criteria[0]
    assert (criterion.id, criterion.text, criterion.owner, criterion.us) == (
        "tco",
        "3-year TCO",
        "mlee",
        "ahead",
    )
    assert tms.decision_process[0].due == date(2027, 1, 15)
    assert tms.paper_process[0].status == "done"
    assert (tms.competition[0].name, tms.competition[0].status) == ("Initrode", "evaluating")
    assert tms.champion_evidence[0].date == date(2026, 10, 20)
    mlee, jkim = loaded.map.stakeholders
    assert (mlee.favours, mlee.crm_id) == ("Initrode", "0031A")
    assert jkim.moved_to is not None
    assert (jkim.moved_to.account, jkim.moved_to.on) == ("initech", date(2026, 9, 1))
    (action,) = loaded.map.actions
    assert (action.what, action.owner, action.people, action.due, action.status) == (
        "Executive briefing on freight TCO",
        "dana",
        ["mlee"],
        date(2026, 12, 10),
        "open",
    )
    assert action.opportunity == "tms"
    assert action.where("people[0]") == (41, 12)


def test_defaults_when_the_map_leaves_them_out() -> None:
    loaded = load_yaml(
        DEAL.replace(", us: ahead", "")
        .replace(", status: planned", "")
        .replace("    status: open\n", "")
    )
    assert loaded.map is not None, loaded.findings
    tms = loaded.map.account.opportunities[0]
    assert tms.decision_criteria[0].us == "unknown"
    assert tms.decision_process[0].status == "planned"
    assert loaded.map.actions[0].status == "open"


def test_a_deal_without_a_committee_keeps_the_account_roles() -> None:
    loaded = load_yaml(
        DEAL.replace("      roles:\n        mlee: [economic_buyer]\n", "").replace(
            "        jkim: [champion, technical_buyer]\n", ""
        )
    )
    assert loaded.map is not None, loaded.findings
    assert loaded.map.account.opportunities[0].roles is None


def test_an_empty_committee_names_nobody() -> None:
    start = DEAL.index("      roles:")
    end = DEAL.index("      compelling_event")
    loaded = load_yaml(DEAL[:start] + "      roles: {}\n" + DEAL[end:])
    assert loaded.map is not None, loaded.findings
    tms = loaded.map.account.opportunities[0]
    assert tms.roles == {}
    assert tms.roles_of(loaded.map.stakeholders[0]) == []


def test_an_empty_role_list_is_a_member_with_no_role() -> None:
    loaded = load_yaml(deal("mlee: [economic_buyer]", "mlee:"))
    assert loaded.map is not None, loaded.findings
    assert loaded.map.account.opportunities[0].roles == {
        "mlee": [],
        "jkim": ["champion", "technical_buyer"],
    }


# --- one finding per mistake, at the offending value ---------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "us: ahead",
            "us: aheadd",
            "E005 20:56 account.opportunities[0].decision_criteria[0].us: 'aheadd' is not allowed "
            "(did you mean 'ahead'?); expected one of: ahead, even, behind, unknown",
        ),
        (
            "due: 2027-01-15, status: planned",
            "due: 2027-01-15, status: slippd",
            "E005 22:73 account.opportunities[0].decision_process[0].status: 'slippd' is not "
            "allowed (did you mean 'slipped'?); expected one of: planned, done, slipped",
        ),
        (
            "status: evaluating",
            "status: incumbant",
            "E005 26:36 account.opportunities[0].competition[0].status: 'incumbant' is not "
            "allowed (did you mean 'incumbent'?); expected one of: incumbent, evaluating, "
            "eliminated",
        ),
        (
            "    status: open\n",
            "    status: Done\n",
            "E005 43:13 actions[0].status: 'Done' is not allowed (did you mean 'done'?); "
            "expected one of: open, done, dropped",
        ),
        (
            "jkim: [champion, technical_buyer]",
            "jkim: [champion, technical buyer]",
            "E005 15:26 account.opportunities[0].roles.jkim[1]: 'technical buyer' is not allowed "
            "(did you mean 'technical_buyer'?); expected one of: " + ", ".join(ROLES),
        ),
        (
            "compelling_event: {date: 2027-01-31,",
            "compelling_event: {date: 2027-02-30,",
            "E005 16:32 account.opportunities[0].compelling_event.date: '2027-02-30' is not a "
            "valid date (YYYY-MM-DD)",
        ),
        (
            "due: 2026-12-10",
            "due: next week",
            "E005 42:10 actions[0].due: 'next week' is not a valid date (YYYY-MM-DD)",
        ),
        (
            "{date: 2026-10-20, what",
            "{date: 20/10/2026, what",
            "E005 28:18 account.opportunities[0].champion_evidence[0].date: '20/10/2026' is not "
            "a valid date (YYYY-MM-DD)",
        ),
        (
            "baseline: 410",
            "baseline: lots",
            "E005 18:51 account.opportunities[0].metrics[0].baseline: expected a number, got "
            "text 'lots'",
        ),
        (
            "      roles:\n        mlee: [economic_buyer]\n        jkim: [champion, technical_buyer]\n",
            "      roles: [mlee, jkim]\n",
            "E005 13:14 account.opportunities[0].roles: expected a mapping of ids to lists, got "
            "a list (write `roles: {id: [...]}`)",
        ),
        (
            "mlee: [economic_buyer]",
            "mlee: economic buyer",
            "E005 14:15 account.opportunities[0].roles.mlee: expected a list, got text: write "
            "`mlee: [economic_buyer]`",
        ),
        (
            "        mlee: [economic_buyer]\n",
            "        mlee: [economic_buyer]\n        mlee: [coach]\n",
            "E002 15:9 account.opportunities[0].roles: duplicate key 'mlee' (first at line 14)",
        ),
        (
            "    with: [mlee]\n",
            "    with: mlee\n",
            "E005 41:11 actions[0].with: expected a list, got text: write `with: [mlee]`",
        ),
        (
            "  - what: Executive briefing on freight TCO\n",
            "  - what: Executive briefing on freight TCO\n    when: soon\n",
            "E003 40:5 actions[0]: unknown field 'when'",
        ),
        (
            "    owner: dana\n    with",
            "    with",
            None,
        ),
    ],
)
def test_a_bad_value_is_one_finding_at_its_place(old: str, new: str, expected: str | None) -> None:
    assert found(deal(old, new)) == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "jkim: [champion",
            "jkm: [champion",
            "E007 15:9 opportunity tms.roles: no stakeholder with id 'jkm' (did you mean jkim "
            "(Jin Kim)?)",
        ),
        (
            "jkim: [champion",
            "Jin Kim: [champion",
            "E005 15:9 account.opportunities[0].roles: 'Jin Kim' is not a valid id (did you mean "
            "jkim (Jin Kim)?)",
        ),
        (
            "confirmed_by: mlee",
            "confirmed_by: mle",
            "E007 18:94 opportunity tms.metrics[0].confirmed_by: no stakeholder with id 'mle' "
            "(did you mean mlee (Mary Lee)?)",
        ),
        (
            "text: 3-year TCO, owner: mlee",
            "text: 3-year TCO, owner: lee",
            "E007 20:46 opportunity tms.decision_criteria[0].owner: no stakeholder with id 'lee' "
            "(did you mean mlee (Mary Lee)?)",
        ),
        (
            "{step: Security review, owner: jkim",
            "{step: Security review, owner: kim",
            "E007 22:42 opportunity tms.decision_process[0].owner: no stakeholder with id 'kim' "
            "(did you mean jkim (Jin Kim)?)",
        ),
        (
            "{step: MSA redlines, owner: jkim",
            "{step: MSA redlines, owner: dana",
            "E007 24:39 opportunity tms.paper_process[0].owner: no stakeholder with id 'dana'",
        ),
        (
            "    owner: dana\n    with",
            "    owner: dan\n    with",
            "E007 40:12 actions[0].owner: no team member with id 'dan' (did you mean dana "
            "(Dana Ruiz)?)",
        ),
        (
            "    owner: dana\n    with",
            "    owner: mlee\n    with",
            "E007 40:12 actions[0].owner: no team member with id 'mlee'",
        ),
        (
            "with: [mlee]",
            "with: [mlee, jkin]",
            "E007 41:18 actions[0].with: no stakeholder with id 'jkin' (did you mean jkim "
            "(Jin Kim)?)",
        ),
        (
            "opportunity: tms\n",
            "opportunity: tmss\n",
            "E007 44:18 actions[0].opportunity: no opportunity with id 'tmss' (did you mean tms "
            "(TMS rollout)?)",
        ),
        (
            "opportunity: tms\n",
            "opportunity: TMS rollout\n",
            "E005 44:18 actions[0].opportunity: 'TMS rollout' is not a valid id (did you mean "
            "tms (TMS rollout)?)",
        ),
    ],
)
def test_an_unknown_id_is_e007_with_did_you_mean(old: str, new: str, expected: str) -> None:
    assert found(deal(old, new)) == [expected]


def test_moved_to_needs_status_left() -> None:
    assert found(deal("    status: left\n", "")) == [
        "E005 36:15 stakeholder jkim.moved_to: only for someone who left (add `status: left`, "
        "or remove moved_to)"
    ]


def test_moved_to_names_an_account_outside_the_file_without_a_finding() -> None:
    # SPEC §7: the account may be outside the files being checked.
    assert found(deal("account: initech", "account: nowhere-yet")) == []
    assert found(deal("account: initech, ", "")) == [
        "E004 37:15 stakeholders[1].moved_to: missing required field 'account'"
    ]


def test_each_item_needs_its_text() -> None:
    assert found(deal("{name: Initrode, status: evaluating}", "{status: evaluating}")) == [
        "E004 26:11 account.opportunities[0].competition[0]: missing required field 'name'"
    ]
    assert found(deal("  - what: Executive briefing on freight TCO\n", "  -\n")) == [
        "E004 40:5 actions[0]: missing required field 'what'"
    ]


def test_a_forgotten_dash_between_actions_is_read_as_two() -> None:
    source = DEAL + "    what: Send the ROI model\n    owner: dana\n"
    assert found(source) == [
        "E002 45:5 actions[1]: a new item starts here: add `- ` before `what:`"
    ]


def test_x_crm_id_stays_a_user_key_whatever_it_holds() -> None:
    loaded = load_yaml(deal("x-crm-id: 0031A", "x-crm-id: {sf: 0031A}"))
    assert loaded.map is not None, loaded.findings
    assert loaded.map.stakeholders[0].crm_id is None
    numeric = load_yaml(deal("x-crm-id: 0031A", "x-crm-id: 12345"))
    assert numeric.map is not None
    assert numeric.map.stakeholders[0].crm_id == "12345"


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=12))
def test_any_action_status_is_read_or_refused_never_a_crash(word: str) -> None:
    source = deal("    status: open\n", f"    status: {word!r}\n".replace("'", '"', 0))
    text = textwrap.dedent(source)
    loaded = load_yaml(text.replace(f"status: {word!r}", "status: " + _quoted(word)))
    if word in ACTION_STATUSES:
        assert loaded.map is not None, loaded.findings
        assert loaded.map.actions[0].status == word
    else:
        assert loaded.map is None
        assert {f.code for f in loaded.findings} <= {"E005", "E001", "E011"}


def _quoted(word: str) -> str:
    return json.dumps(word)


# --- the JSON Schema agrees with the loader on the new keys --------------------------------------


def _schema_errors(source: str) -> list[str]:
    loader = NodeLoader(textwrap.dedent(source))
    try:
        document = as_json(loader.get_single_node())
    finally:
        loader.dispose()
    return [e.message for e in jsonschema.Draft7Validator(json_schema()).iter_errors(document)]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("us: ahead", "us: aheadd"),
        ("status: evaluating", "status: incumbant"),
        ("    status: open\n", "    status: Done\n"),
        ("jkim: [champion, technical_buyer]", "jkim: [champion, technical buyer]"),
        ("compelling_event: {date: 2027-01-31,", "compelling_event: {date: 2027-02-30,"),
        ("due: 2026-12-10", "due: next week"),
        ("baseline: 410", "baseline: lots"),
        ("mlee: [economic_buyer]", "mlee: economic buyer"),
        ("jkim: [champion", "Jin Kim: [champion"),
        ("    with: [mlee]\n", "    with: mlee\n"),
        ("{name: Initrode, status: evaluating}", "{status: evaluating}"),
        ("    status: left\n", ""),
        ("account: initech, ", ""),
    ],
)
def test_the_schema_refuses_what_the_loader_refuses(old: str, new: str) -> None:
    assert load_yaml(deal(old, new)).map is None
    assert _schema_errors(deal(old, new))


def test_the_schema_accepts_the_full_deal() -> None:
    assert _schema_errors(DEAL) == []
    assert _schema_errors(deal("mlee: [economic_buyer]", "mlee:")) == []
