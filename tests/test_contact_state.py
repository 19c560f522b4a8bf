"""One contact state (acmap.contact) in every output: `render`, `show` and `gaps` agree on who is
engaged, gone dark, never contacted or gone — through the real CLI, on one map."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from acmap.contact import ENGAGED, GONE_DARK, LEFT, NEVER_CONTACTED, ContactState, contact_state
from acmap.load import load_file
from acmap.model import AccountMap
from tests.helpers import run_acmap, write_map_file

TODAY = date(2026, 11, 22)
ENGAGED_DAYS = STALE_DAYS = 90  # the defaults: this project's acmap.toml sets none

MAP = """\
acmap: 1
account:
  id: contact-co
  name: Contact Co
  tier: key
  owner: dana
  team:
    - {id: dana, name: Dana Ruiz, role: account_executive}
stakeholders:
  - id: cfo
    name: Mary Lee
    title: CFO
    roles: [economic_buyer]
    stance: supporter
    influence: high
    owner: dana
    last_contact: 2026-05-06
  - id: analyst
    name: Sam Park
    title: Analyst
    roles: [user]
    stance: neutral
    influence: low
    owner: dana
    last_contact: 2026-03-01
  - id: cto
    name: Raj Iyer
    title: CTO
    roles: [decision_maker]
    stance: neutral
    influence: high
    owner: dana
  - id: clerk
    name: Ann Cole
    title: Clerk
    stance: neutral
    influence: low
    owner: dana
  - id: champ
    name: Jorge Castillo
    title: Director
    roles: [champion]
    stance: advocate
    influence: medium
    owner: dana
    last_contact: 2026-11-10
  - id: gone
    name: Greg Hollis
    title: Buyer
    roles: [user]
    stance: neutral
    influence: low
    status: left
    last_contact: 2026-01-05
"""

EXPECTED = {
    "cfo": ContactState(GONE_DARK, 200),  # key: G201
    "analyst": ContactState(GONE_DARK, 266),  # not key: no rule speaks, but gone dark all the same
    "cto": ContactState(NEVER_CONTACTED),  # key: G202
    "clerk": ContactState(NEVER_CONTACTED),  # not key
    "champ": ContactState(ENGAGED, 12),
    "gone": ContactState(LEFT),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("contact")
    (root / "acmap.toml").write_text('maps = "maps"\n', encoding="utf-8")
    write_map_file(root, "contact-co.yaml", MAP)
    return root


@pytest.fixture(scope="module")
def account_map(project: Path) -> AccountMap:
    loaded = load_file(project / "maps" / "contact-co.yaml")
    assert loaded.map is not None, loaded.findings
    return loaded.map


@pytest.fixture(scope="module")
def states(account_map: AccountMap) -> dict[str, ContactState]:
    return {
        p.id: contact_state(p, TODAY, ENGAGED_DAYS, STALE_DAYS) for p in account_map.stakeholders
    }


def acmap(project: Path, *args: str) -> str:
    result = run_acmap(*args, "--today", TODAY.isoformat(), cwd=project, env={"COLUMNS": "200"})
    assert result.code in (0, 1), result.err  # gaps exits 1 on error findings
    assert "Traceback" not in result.err
    return result.out


def test_the_map_has_every_state(states: dict[str, ContactState]) -> None:
    assert states == EXPECTED


def test_show_says_each_persons_state(
    project: Path, account_map: AccountMap, states: dict[str, ContactState]
) -> None:
    lines = acmap(project, "show", "contact-co").splitlines()
    for person in account_map.stakeholders:
        # A person is two lines of the tree: name and title, then roles · stance · … · owner.
        at = next(i for i, line in enumerate(lines) if person.display in line)
        head, details = lines[at], lines[at + 1]
        state = states[person.id]
        if state.state == LEFT:
            assert "(left)" in head
            assert not any(s in details for s in ("engaged", "gone dark", "never", "contact"))
        else:
            assert f"· {state.words()} ·" in details, (person.id, details)
    text = "\n".join(lines)
    assert "gone dark, 266 days ago" in text  # the non-key analyst, no longer "last contact"
    assert "gone dark, 200 days ago" in text


def test_the_diagram_says_the_same(
    project: Path, account_map: AccountMap, states: dict[str, ContactState]
) -> None:
    dot = acmap(project, "render", "contact-co", "-f", "dot")
    for person in account_map.stakeholders:
        node = next(line for line in dot.splitlines() if f">{person.display}<" in line)
        state = states[person.id]
        faded = 'color="#9a9a9a"' in node
        assert faded is not state.in_touch, (person.id, node)
        if state.state == LEFT:
            assert "<S>" in node and "left the account" in node
        elif state.in_touch:
            assert not re.search("gone dark|never contacted|left the account", node)
        else:
            assert state.short() in node, (person.id, node)
    assert "gone dark · 266 days" in dot
    assert "gone dark · 200 days" in dot


def test_the_rules_fire_exactly_for_key_people_gone_dark_or_never_contacted(
    project: Path, account_map: AccountMap, states: dict[str, ContactState]
) -> None:
    findings = json.loads(acmap(project, "gaps", "contact-co", "-f", "json"))["findings"]
    fired = {(f["code"], f["subject"]) for f in findings if f["code"] in ("G201", "G202")}
    rule = {GONE_DARK: "G201", NEVER_CONTACTED: "G202"}
    expected = {
        (rule[states[p.id].state], p.id)
        for p in account_map.stakeholders
        if p.is_key and states[p.id].state in rule
    }
    assert fired == expected == {("G201", "cfo"), ("G202", "cto")}


def test_show_is_loud_only_where_a_rule_speaks(
    account_map: AccountMap, states: dict[str, ContactState]
) -> None:
    from acmap.analysis.account import account_view
    from acmap.report.account_people import person_label
    from acmap.settings import GapSettings

    view = account_view(account_map, GapSettings(), TODAY)
    assert view.contacts == states

    def style_of(person_id: str) -> str:
        label = person_label(view.people[person_id], view, width=200)
        words = states[person_id].words()
        start = label.plain.index(words)
        return next(str(s.style) for s in label.spans if s.start == start)

    assert style_of("cfo") == "bold red"
    assert style_of("analyst") == "dim"
    assert style_of("cto") == "yellow"
    assert style_of("clerk") == "dim"
    assert style_of("champ") == "green"
