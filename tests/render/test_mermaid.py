"""`acmap render ID --format mermaid`, drawn by the real Mermaid in headless Chromium."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from acmap.load import load_file
from acmap.model import AccountMap
from acmap.render import style
from acmap.render.canvas import RenderOptions
from acmap.render.mermaid import Marks, build_mermaid
from tests.helpers import REPO, run_acmap
from tests.mermaid_check import Drawn, MermaidCheck, describe
from tests.render.test_safety import HOSTILE, hostile_map

EXAMPLES = ("brightwater-foods", "halcyon-bank", "lumen-robotics", "meridian-health")
PERSON = re.compile(r"^\s*(n\d+)\[", re.M)


def mermaid(*args: str, cwd: Path = REPO) -> str:
    result = run_acmap("render", *args, "--format", "mermaid", cwd=cwd)
    assert result.code == 0, result.err
    return result.out


def people_in(text: str) -> set[str]:
    return set(PERSON.findall(text))


def assert_safe(drawn: Drawn) -> None:
    assert not drawn.problems, describe(drawn)
    assert drawn.anchors == 0 and drawn.scripts == 0, describe(drawn)
    assert not drawn.handlers and not drawn.hrefs, (drawn.handlers, drawn.hrefs)


def load(path: Path) -> AccountMap:
    account_map = load_file(path).map
    assert account_map is not None
    return account_map


@pytest.fixture(scope="module")
def sixty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sixty")
    generate = [sys.executable, str(REPO / "benchmarks" / "generate.py"), str(folder)]
    subprocess.run([*generate, "--single", "60"], check=True, capture_output=True)
    return next((folder / "maps").glob("*.yaml"))


@pytest.mark.parametrize("account", EXAMPLES)
def test_every_example_map_draws_each_person_with_their_name(
    mermaid_check: MermaidCheck, account: str
) -> None:
    text = mermaid(account)
    drawn = mermaid_check.render(text)
    assert_safe(drawn)
    people = load(REPO / "maps" / f"{account}.yaml").stakeholders
    assert len(people_in(text)) == len(people)
    persons = [n for n in drawn.nodes if re.search(r"-n\d+-\d+$", n["id"])]
    assert len(persons) == len(people)
    for i, person in enumerate(people, 1):
        assert (person.name or "not yet identified") in drawn.node(f"n{i}")["text"]


def test_a_sixty_person_account_draws_under_mermaids_default_limits(
    mermaid_check: MermaidCheck, sixty: Path
) -> None:
    text = mermaid(str(sixty), cwd=sixty.parents[1])
    assert len(text) < 50_000  # Mermaid's (and GitHub's) maxTextSize
    drawn = mermaid_check.render(text)
    assert_safe(drawn)
    assert len([n for n in drawn.nodes if re.search(r"-n\d+-\d+$", n["id"])]) == len(
        people_in(text)
    )


def test_units_nest_as_subgraphs_stances_are_classes_and_lines_have_their_own_arrows(
    mermaid_check: MermaidCheck,
) -> None:
    text = mermaid("halcyon-bank")
    account_map = load(REPO / "maps" / "halcyon-bank.yaml")
    # A subgraph per unit with someone in or below it, as the Graphviz diagram's clusters,
    # nested by parent (Finance inside the Executive Committee).
    dot = run_acmap("render", "halcyon-bank", "--format", "dot", cwd=REPO).out
    units = len(re.findall(r"^\s*subgraph u\d+\[", text, re.M))
    assert units == len(re.findall(r"subgraph cluster_u\d+ ", dot)) == len(account_map.units) - 1
    lines = text.splitlines()
    executive = lines.index('    subgraph u1["Executive Committee"]')
    assert lines[executive + 3] == '      subgraph u2["Finance"]'
    for stance in {p.stance for p in account_map.stakeholders}:  # the Graphviz diagram's colours
        look = style.STANCES[stance]
        assert f"\n  classDef {stance} fill:{look.fill},color:{look.ink}," in text, stance
    assert re.search(r"^  n\d+ --> n\d+$", text, re.M)  # reporting line: solid arrow
    assert re.search(r"^  n\d+ -\.-> n\d+$", text, re.M)  # influence: dotted
    assert re.search(r"^  n\d+ === n\d+$", text, re.M)  # allies: thick
    assert re.search(r"^  n\d+ x==x n\d+$", text, re.M)  # conflict: thick, crossed ends
    assert re.search(r"^  p\d+ -\.-o n\d+$", text, re.M)  # what a partner knows
    assert re.search(r"^  linkStyle [\d,]+ stroke:#d55e00,", text, re.M)  # conflict colour
    assert 'subgraph key["Key"]' in text

    drawn = mermaid_check.render(text)
    assert_safe(drawn)
    clusters = {c["id"].split("-")[-1]: c["text"] for c in drawn.clusters}
    assert clusters["u2"].startswith("Finance") and clusters["key"].startswith("Key")
    for words in ("reports to (manager → report)", "conflicts", "allies", "partner knows"):
        assert words in drawn.text, words  # the Key's sample lines are labelled
    cfo = next(p for p in account_map.stakeholders if p.title == "Chief Financial Officer")
    index = account_map.stakeholders.index(cfo) + 1
    assert cfo.stance in drawn.node(f"n{index}")["classes"].split()
    assert "$ ECONOMIC BUYER" in drawn.node(f"n{index}")["text"]
    links = len(re.findall(r"^  [np]\d+ \S+ n\d+$", text, re.M))
    key_lines = len(re.findall(r"^    k\d+ \S+\|", text, re.M))
    assert drawn.edges == links + key_lines


@pytest.mark.parametrize(
    "options",
    [
        ("--view", "org"),
        ("--view", "influence"),
        ("--focus", "cdo"),
        ("--focus", "cdo", "--depth", "0"),
        ("--focus", "cdo", "--depth", "2", "--view", "influence"),
    ],
)
def test_view_and_focus_select_the_same_people_as_the_graphviz_diagram(
    mermaid_check: MermaidCheck, options: tuple[str, ...]
) -> None:
    full = people_in(mermaid("halcyon-bank"))
    text = mermaid("halcyon-bank", *options)
    dot = run_acmap("render", "halcyon-bank", "--format", "dot", *options, cwd=REPO)
    assert dot.code == 0, dot.err
    assert people_in(text) == set(re.findall(r"^\s*(n\d+) \[", dot.out, re.M))
    if "--focus" in options or "influence" in options:
        assert people_in(text) < full
    if "org" in options:
        assert "-.->" not in text and "===" not in text and "partners" not in text
    assert_safe(mermaid_check.render(text))


def test_an_unknown_focus_is_a_usage_error() -> None:
    result = run_acmap("render", "halcyon-bank", "--format", "mermaid", "--focus", "nobody")
    assert result.code == 2
    assert "no such stakeholder" in result.err and "Traceback" not in result.err


def test_the_render_safety_map_is_drawn_literally_with_no_link_or_script(
    mermaid_check: MermaidCheck, tmp_path: Path
) -> None:
    source = tmp_path / "maps" / "evil.yaml"
    source.parent.mkdir()
    source.write_text(hostile_map(), encoding="utf-8")
    text = mermaid(str(source), cwd=tmp_path)
    drawn = mermaid_check.render(text)
    assert_safe(drawn)
    for key, value in HOSTILE.items():
        assert " ".join(value.split()) in drawn.text, key
    assert people_in(text) == {"n1", "n2", "n3", "n4"}


MERMAID_HOSTILE = [
    '"] click n1 href "javascript:alert(1)"',
    "#quot; #35; #lt;b#gt; &amp; &#60;",
    '%%{init: {"securityLevel": "loose"}}%%',
    "click n2 call alert(1)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(document.domain)",
    "**bold** _it_ `code` [a](https://x.io)",
    "a:::blocker --> b; end",
    "style n1 fill:#f00; %% note",
    "<a href='https://x.io'>x</a>",
    "line one\nline two<br>three",
]


def test_text_aimed_at_mermaid_shows_literally_and_injects_nothing(
    mermaid_check: MermaidCheck, tmp_path: Path
) -> None:
    q = json.dumps
    people = "\n".join(
        f"  - {{id: s{i}, name: {q(value)}, title: {q(value)}, unit: u{i % 2}, "
        f"stance: advocate{', reports_to: s0' if i else ''}}}"
        for i, value in enumerate(MERMAID_HOSTILE)
    )
    source = tmp_path / "maps" / "evil.yaml"
    source.parent.mkdir()
    source.write_text(
        f"acmap: 1\naccount:\n  id: evil\n  name: {q(MERMAID_HOSTILE[0])}\n"
        f"units:\n  - {{id: u0, name: {q(MERMAID_HOSTILE[2])}}}\n"
        f"  - {{id: u1, name: {q(MERMAID_HOSTILE[4])}}}\n"
        f"stakeholders:\n{people}\n"
        f"links:\n  - {{from: s1, to: s2, type: conflicts, note: {q(MERMAID_HOSTILE[3])}}}\n",
        encoding="utf-8",
    )
    text = mermaid(str(source), cwd=tmp_path)
    # No directive, comment, class shorthand or statement of the map's own making: "click" and
    # "style" only ever inside a label, never at the start of a line.
    assert "%%" not in text and ":::" not in text
    assert not re.search(r"^\s*(click|%%|linkStyle \D)", text, re.M)
    assert re.findall(r"^\s*style (\S+) ", text, re.M) == ["acct", "u1", "u2", "key"]
    drawn = mermaid_check.render(text)
    assert_safe(drawn)
    assert "<script" not in drawn.svg and "<img" not in drawn.svg and "<a " not in drawn.svg
    for i, value in enumerate(MERMAID_HOSTILE, 1):
        assert " ".join(value.split()) in drawn.node(f"n{i}")["text"], value
    assert people_in(text) == {f"n{i}" for i in range(1, len(MERMAID_HOSTILE) + 1)}
    assert drawn.node("n1")["classes"].split().count("advocate") == 1


def test_a_change_view_marks_people_and_lines_as_classes(mermaid_check: MermaidCheck) -> None:
    """The hooks a diff view uses: a mark per person and per line, no second writer."""
    account_map = load(REPO / "maps" / "halcyon-bank.yaml")
    first, second = account_map.stakeholders[:2]
    options = RenderOptions(today=date(2026, 12, 1))
    marks = Marks(
        people={first.id: "changed", second.id: "added"},
        lines={("reports_to", first.id, second.id): "removed"},
    )
    text = build_mermaid(account_map, options, marks)
    assert "classDef acmap-added " in text and "class n2 acmap-added" in text
    assert re.search(r"^  linkStyle 0 stroke:#9a9a9a,.*stroke-dasharray", text, re.M)
    drawn = mermaid_check.render(text)
    assert_safe(drawn)
    assert "acmap-changed" in drawn.node("n1")["classes"].split()
    assert "acmap-added" in drawn.node("n2")["classes"].split()


def test_o_mmd_writes_the_mermaid_file_and_a_wrong_suffix_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "halcyon.mmd"
    result = run_acmap("render", "halcyon-bank", "-o", str(out), cwd=REPO)
    assert result.code == 0, result.err
    assert out.read_text(encoding="utf-8") == mermaid("halcyon-bank")
    wrong = run_acmap(
        "render", "halcyon-bank", "--format", "mermaid", "-o", str(tmp_path / "x.svg"), cwd=REPO
    )
    assert wrong.code == 2 and "does not match" in wrong.err


def test_a_flowchart_too_big_for_github_says_so_and_focus_makes_it_fit(tmp_path: Path) -> None:
    people = "\n".join(
        f"  - {{id: s{i}, name: Person {i}, title: Analyst {i}, stance: neutral"
        f"{f', reports_to: s{i // 2}' if i else ''}}}"
        for i in range(600)
    )
    source = tmp_path / "maps" / "big.yaml"
    source.parent.mkdir()
    source.write_text(
        f"acmap: 1\naccount:\n  id: big\n  name: Big\nstakeholders:\n{people}\n", "utf-8"
    )
    whole = run_acmap("render", str(source), "--format", "mermaid", cwd=tmp_path)
    assert whole.code == 0
    # 599 reporting lines and the Key's sample line
    assert "600 lines; GitHub draws at most 50,000 characters and 500 lines" in whole.err
    assert "--focus" in whole.err and whole.out.startswith("flowchart TB")
    focused = run_acmap("render", str(source), "--format", "mermaid", "--focus", "s1", cwd=tmp_path)
    assert focused.code == 0 and focused.err == ""


def test_render_all_writes_one_mmd_per_account(tmp_path: Path) -> None:
    out = tmp_path / "diagrams"
    out.mkdir()
    result = run_acmap("render", "--all", "--format", "mermaid", "-o", str(out), cwd=REPO)
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == [f"{a}.mmd" for a in EXAMPLES]
    assert (out / "halcyon-bank.mmd").read_text(encoding="utf-8") == mermaid("halcyon-bank")
