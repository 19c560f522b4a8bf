"""`acmap diff` on SPEC §7's keys: each new field's change is one sentence in sales words, with
field, before and after for machines; text, JSON and Markdown on a real git repository."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.helpers import commit, load_yaml, map_repo, run_acmap, write_map_file
from tests.load.test_deals import DEAL

from acmap.analysis.changes import Change, compare
from acmap.model import AccountMap


def _map(source: str) -> AccountMap:
    loaded = load_yaml(source)
    assert loaded.map is not None, loaded.findings
    return loaded.map


def changes(old: str, new: str, after: str | None = None) -> list[Change]:
    before = _map(DEAL)
    assert old in DEAL, old
    return compare(before, _map(after if after is not None else DEAL.replace(old, new, 1)))


def texts(old: str, new: str) -> list[str]:
    return [c.text for c in changes(old, new)]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "mlee: [economic_buyer]",
            "mlee: [economic_buyer, decision_maker]",
            ["TMS rollout: Mary Lee is now its decision maker"],
        ),
        (
            "jkim: [champion, technical_buyer]",
            "jkim: [technical_buyer]",
            ["TMS rollout: Jin Kim is no longer its champion"],
        ),
        (
            "        mlee: [economic_buyer]\n",
            "",
            ["TMS rollout: Mary Lee is no longer its economic buyer"],
        ),
        (
            "{date: 2027-01-31, what: Carrier contract renewal}",
            "{date: 2027-02-28, what: Carrier contract renewal}",
            ["TMS rollout: compelling event moved: 2027-01-31 → 2027-02-28"],
        ),
        (
            "      compelling_event: {date: 2027-01-31, what: Carrier contract renewal}\n",
            "",
            ["TMS rollout: compelling event removed (was Carrier contract renewal on 2027-01-31)"],
        ),
        (
            "baseline: 410, target: 370",
            "baseline: 410, target: 360",
            ["TMS rollout: metric 'Freight cost per load': target 370 → 360"],
        ),
        (
            ", confirmed_by: mlee}",
            "}",
            ["TMS rollout: metric 'Freight cost per load': no longer confirmed (was by Mary Lee)"],
        ),
        (
            "us: ahead",
            "us: even",
            ["TMS rollout: decision criterion '3-year TCO': ahead → even"],
        ),
        (
            "owner: mlee, us: ahead",
            "owner: jkim, us: ahead",
            ["TMS rollout: decision criterion '3-year TCO': owner Mary Lee → Jin Kim"],
        ),
        (
            "due: 2027-01-15, status: planned",
            "due: 2027-01-15, status: done",
            ["TMS rollout: decision step 'Security review' done"],
        ),
        (
            "due: 2027-01-15, status: planned",
            "due: 2027-01-29, status: slipped",
            [
                "TMS rollout: decision step 'Security review' slipped",
                "TMS rollout: decision step 'Security review': due 2027-01-15 → 2027-01-29",
            ],
        ),
        (
            "owner: jkim, due: 2027-02-01, status: done",
            "owner: jkim, due: 2027-02-01, status: planned",
            ["TMS rollout: paper step 'MSA redlines' planned again"],
        ),
        (
            "{name: Initrode, status: evaluating}",
            "{name: Initrode, status: eliminated}",
            ["TMS rollout: competitor Initrode: evaluating → eliminated"],
        ),
        (
            "        - {name: Initrode, status: evaluating}\n",
            "        - {name: Initrode, status: evaluating}\n        - {name: status quo}\n",
            ["TMS rollout: competitor added: status quo"],
        ),
        (
            "        - {date: 2026-10-20, what: Shared the internal budget memo}\n",
            "        - {date: 2026-10-20, what: Shared the internal budget memo}\n"
            "        - {date: 2026-11-02, what: Set up the CFO meeting}\n",
            ["TMS rollout: champion evidence added: Set up the CFO meeting (2026-11-02)"],
        ),
        ("favours: Initrode", "favours: Hooli", ["Mary Lee: now favours Hooli (was Initrode)"]),
        ("    favours: Initrode\n", "", ["Mary Lee: no longer favours Initrode"]),
        (
            "{account: initech, on: 2026-09-01}",
            "{account: hooli, on: 2026-10-01}",
            ["Jin Kim: moved to another account: hooli on 2026-10-01"],
        ),
        (
            "    status: open\n",
            "    status: done\n",
            ["Action 'Executive briefing on freight TCO' done"],
        ),
        (
            "    status: open\n",
            "    status: dropped\n",
            ["Action 'Executive briefing on freight TCO' dropped"],
        ),
        (
            "due: 2026-12-10",
            "due: 2026-12-17",
            ["Action 'Executive briefing on freight TCO' due 2026-12-10 → 2026-12-17"],
        ),
        (
            "with: [mlee]",
            "with: [mlee, jkim]",
            ["Action 'Executive briefing on freight TCO' now with Jin Kim"],
        ),
        (
            "    opportunity: tms\n",
            "",
            ["Action 'Executive briefing on freight TCO' now for no deal (was TMS rollout)"],
        ),
        (
            "    opportunity: tms\n",
            "    opportunity: tms\n  - {what: Send the ROI model, owner: dana, due: 2026-12-20}\n",
            ["New action 'Send the ROI model' (Dana Ruiz, due 2026-12-20)"],
        ),
    ],
)
def test_each_new_field_changes_in_one_sentence(old: str, new: str, expected: list[str]) -> None:
    assert texts(old, new) == expected


def test_a_deal_gets_its_own_committee() -> None:
    start, end = DEAL.index("      roles:"), DEAL.index("      compelling_event")
    without = DEAL[:start] + DEAL[end:]
    found = compare(_map(without), _map(DEAL))
    assert [(c.text, c.field, c.before, c.after) for c in found] == [
        ("TMS rollout: Mary Lee is now its economic buyer", "roles.mlee", None, "economic_buyer"),
        ("TMS rollout: Jin Kim is now its champion", "roles.jkim", None, "champion"),
        ("TMS rollout: Jin Kim is now its technical buyer", "roles.jkim", None, "technical_buyer"),
    ]


def test_fields_for_machines() -> None:
    (change,) = changes("us: ahead", "us: behind")
    assert change.as_json() == {
        "section": "opportunities",
        "subject": "tms",
        "field": "decision_criteria.us",
        "before": "ahead",
        "after": "behind",
        "text": "TMS rollout: decision criterion '3-year TCO': ahead → behind",
    }
    (action,) = changes("    status: open\n", "    status: done\n")
    assert (action.section, action.subject, action.field) == (
        "actions",
        "Executive briefing on freight TCO",
        "status",
    )


def test_a_renamed_person_keeps_their_deal_roles_and_actions() -> None:
    renamed = DEAL.replace("id: mlee", "id: mary-lee").replace("mlee", "mary-lee")
    found = [c.text for c in compare(_map(DEAL), _map(renamed))]
    assert found == ["Mary Lee: id changed: mlee → mary-lee"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return map_repo(tmp_path / "repo", {"acme.yaml": DEAL})


def _deal_moves(repo: Path) -> None:
    source = (
        DEAL.replace("us: ahead", "us: even")
        .replace("    status: open\n", "    status: done\n")
        .replace("mlee: [economic_buyer]", "mlee: [economic_buyer, decision_maker]")
    )
    write_map_file(repo, "acme.yaml", source)
    commit(repo, "Deal review")


def test_diff_says_it_in_text_json_and_markdown(repo: Path) -> None:
    _deal_moves(repo)
    text = run_acmap("diff", "HEAD~1", "HEAD", cwd=repo)
    assert text.code == 0, text.err
    for line in (
        "TMS rollout: Mary Lee is now its decision maker",
        "TMS rollout: decision criterion '3-year TCO': ahead → even",
        "Action 'Executive briefing on freight TCO' done",
    ):
        assert line in text.out
    doc = json.loads(run_acmap("diff", "HEAD~1", "HEAD", "-f", "json", cwd=repo).out)
    (account,) = doc["accounts"]
    got = {(c["section"], c["field"], c["before"], c["after"]) for c in account["changes"]}
    assert got == {
        ("opportunities", "roles.mlee", None, "decision_maker"),
        ("opportunities", "decision_criteria.us", "ahead", "even"),
        ("actions", "status", "open", "done"),
    }
    markdown = run_acmap("diff", "HEAD~1", "HEAD", "-f", "markdown", cwd=repo).out
    assert "- Action 'Executive briefing on freight TCO' done" in markdown
    assert "- TMS rollout: decision criterion '3-year TCO': ahead → even" in markdown
