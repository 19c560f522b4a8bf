"""`acmap render ID --diff BASE[..HEAD]` on real temp git repos, drawn by the real `dot`."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from acmap.render.canvas import shorten
from acmap.render.marks import BADGE_WIDTH, badge
from acmap.render.safe import clean
from tests.helpers import commit, map_repo, run_acmap
from tests.mermaid_check import MermaidCheck, describe
from tests.render.test_safety import HOSTILE, hostile_map

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")

BASE = """\
acmap: 1
account:
  id: acme
  name: Acme Corp
  team: [{id: dana, name: Dana Ruiz}, {id: omar, name: Omar Haddad}]
units:
  - {id: exec, name: Executive}
  - {id: fin, name: Finance, parent: exec}
  - {id: ops, name: Operations, parent: exec}
stakeholders:
  - {id: ceo, name: Hank Scorpio, title: CEO, unit: exec, roles: [economic_buyer],
     stance: supporter, influence: high, owner: dana, last_contact: 2026-11-20}
  - {id: mlee, name: Mary Lee, title: CFO, unit: fin, reports_to: ceo, roles: [decision_maker],
     stance: neutral, influence: high, owner: dana, last_contact: 2026-11-20}
  - {id: jkim, name: Jin Kim, title: VP Operations, unit: ops, reports_to: ceo,
     roles: [champion], stance: advocate, owner: omar, last_contact: 2026-11-20}
  - {id: tpark, name: Tom Park, title: Ops Manager, unit: ops, reports_to: jkim,
     stance: supporter, last_contact: 2026-11-20}
  - {id: alee, name: Ann Lee, title: Ops Analyst, unit: ops, reports_to: jkim,
     stance: neutral, last_contact: 2026-11-20}
links:
  - {from: jkim, to: mlee, type: influences, strength: strong}
"""

HEAD = (
    BASE.replace("stance: neutral, influence: high", "stance: blocker, influence: high")
    .replace(
        """  - {id: tpark, name: Tom Park, title: Ops Manager, unit: ops, reports_to: jkim,
     stance: supporter, last_contact: 2026-11-20}
""",
        """  - {id: rsingh, name: Ravi Singh, title: Controller, unit: fin, reports_to: mlee,
     stance: skeptic, last_contact: 2026-11-20}
""",
    )
    .replace(
        "type: influences, strength: strong}",
        "type: influences, strength: strong}\n  - {from: rsingh, to: alee, type: allies}",
    )
)
UNCHANGED = ("Hank Scorpio", "Jin Kim", "Ann Lee")


def repo_with_change(tmp_path: Path) -> Path:
    """BASE committed, HEAD in the work tree."""
    repo = map_repo(tmp_path / "repo", {"acme.yaml": BASE})
    (repo / "maps" / "acme.yaml").write_text(HEAD, encoding="utf-8")
    return repo


def svg_of(repo: Path, *args: str) -> ET.Element:
    result = run_acmap("render", "acme", *args, "--format", "svg", cwd=repo)
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    return ET.fromstring(result.out)


def nodes(root: ET.Element) -> dict[str, ET.Element]:
    """Every drawn person or partner by the first line of its label (the name)."""
    found = {}
    for g in root.iter(f"{SVG}g"):
        if "node" in (g.get("class") or "").split():
            texts = ["".join(t.itertext()) for t in g.iter(f"{SVG}text")]
            if texts:
                found[texts[0]] = g
    return found


def centre(node: ET.Element) -> tuple[float, float]:
    """The middle of a node's outline (a path for rounded boxes, else a polygon)."""
    shape = next(e for e in node if e.tag in (f"{SVG}path", f"{SVG}polygon", f"{SVG}ellipse"))
    raw = shape.get("d") or shape.get("points") or ""
    values = [float(v) for v in NUMBER.findall(raw)]
    xs, ys = values[0::2], values[1::2]
    return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)


def classes(node: ET.Element) -> list[str]:
    return (node.get("class") or "").split()


def test_added_removed_and_changed_people_carry_their_classes(tmp_path: Path) -> None:
    repo = repo_with_change(tmp_path)
    root = svg_of(repo, "--diff", "HEAD")
    drawn = nodes(root)
    assert "acmap-added" in classes(drawn["Ravi Singh"])
    assert "acmap-removed" in classes(drawn["Tom Park"])  # still drawn, where it was
    assert "acmap-changed" in classes(drawn["Mary Lee"])
    mary = " ".join("".join(t.itertext()) for t in drawn["Mary Lee"].iter(f"{SVG}text"))
    assert "neutral → blocker" in mary
    for name in UNCHANGED:
        assert not [c for c in classes(drawn[name]) if c.startswith("acmap-")], name
    edges = [classes(g) for g in root.iter(f"{SVG}g") if "edge" in classes(g)]
    assert sum("acmap-added" in c for c in edges) == 2  # reports to Mary Lee, allies with Ann
    assert sum("acmap-removed" in c for c in edges) == 1  # Tom Park's reporting line
    panel = "".join(root.itertext())
    assert "WHAT THE CHANGE DID TO THE GAPS" in panel
    assert "Marked: what changed since HEAD" in panel
    assert "▼ closed: \nG304 rose-tinted" in panel  # lead and gap: two text runs


def test_unchanged_people_stay_where_the_base_diagram_has_them(tmp_path: Path) -> None:
    repo = map_repo(tmp_path / "repo", {"acme.yaml": BASE})
    before = nodes(svg_of(repo))
    (repo / "maps" / "acme.yaml").write_text(HEAD, encoding="utf-8")
    after = nodes(svg_of(repo, "--diff", "HEAD"))
    plain_after = nodes(svg_of(repo))

    # The whole drawing may move (the page grew): compare each person's offset from the first.
    def offsets(drawn: dict[str, ET.Element], names: tuple[str, ...]) -> list[tuple[float, float]]:
        x0, y0 = centre(drawn[names[0]])
        return [(centre(drawn[n])[0] - x0, centre(drawn[n])[1] - y0) for n in names]

    kept = (*UNCHANGED, "Mary Lee", "Tom Park")  # changed and removed people keep their spot too
    for (bx, by), (ax, ay) in zip(offsets(before, kept), offsets(after, kept), strict=True):
        assert abs(bx - ax) <= 3 and abs(by - ay) <= 3, (kept, (bx, by), (ax, ay))
    # Without pinning, dot moves them: the test would notice a relayout.
    moved = max(
        abs(b[0] - a[0]) + abs(b[1] - a[1])
        for b, a in zip(offsets(before, UNCHANGED), offsets(plain_after, UNCHANGED), strict=True)
    )
    assert moved > 3


def test_base_dot_dot_head_compares_two_commits_and_ignores_the_work_tree(tmp_path: Path) -> None:
    repo = map_repo(tmp_path / "repo", {"acme.yaml": BASE})
    (repo / "maps" / "acme.yaml").write_text(HEAD, encoding="utf-8")
    commit(repo, "Ravi in, Tom out, Mary a blocker")
    (repo / "maps" / "acme.yaml").write_text(BASE, encoding="utf-8")  # the work tree went back
    drawn = nodes(svg_of(repo, "--diff", "HEAD~1..HEAD"))
    assert "acmap-added" in classes(drawn["Ravi Singh"])
    assert "acmap-removed" in classes(drawn["Tom Park"])
    same = nodes(svg_of(repo, "--diff", "HEAD"))  # HEAD to the work tree: the change undone
    assert "acmap-added" in classes(same["Tom Park"])
    unchanged = nodes(svg_of(repo, "--diff", "HEAD~1..HEAD~1"))
    assert not [c for n in unchanged.values() for c in classes(n) if c.startswith("acmap-")]


def test_a_bad_revision_is_exit_2_with_gits_reason(tmp_path: Path) -> None:
    repo = repo_with_change(tmp_path)
    result = run_acmap("render", "acme", "--diff", "no-such-branch", "-f", "svg", cwd=repo)
    assert result.code == 2
    assert "no-such-branch" in result.err and "Traceback" not in result.err
    both = run_acmap("render", "--all", "-o", str(tmp_path / "out"), "--diff", "HEAD", cwd=repo)
    assert both.code == 2 and "--all" in both.err


def test_hostile_text_in_badges_and_the_side_panel_stays_literal(tmp_path: Path) -> None:
    repo = map_repo(tmp_path / "repo", {"evil.yaml": hostile_map()})
    head = hostile_map().replace("stance: advocate", "stance: blocker")
    head = head.replace("reports_to: a}", "reports_to: a, owner: dana}", 1)  # b, by the team
    newcomer = f"  - {{id: e, name: {json.dumps(HOSTILE['injection'])}}}\nlinks:\n"
    head = head.replace("links:\n", newcomer, 1)
    (repo / "maps" / "evil.yaml").write_text(head, encoding="utf-8")
    result = run_acmap("render", "evil", "--diff", "HEAD", "-f", "svg", cwd=repo)
    assert result.code == 0, result.err
    root = ET.fromstring(result.out)  # still well-formed
    drawn = "\n".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert HOSTILE["injection"] in drawn and HOSTILE["html"] in drawn
    assert "advocate → blocker" in drawn
    assert f"owner → {HOSTILE['html']}" in drawn  # the badge names the team member literally
    assert "<image" not in result.out and "xlink:href" not in result.out
    titles = {
        "".join(g.find(f"{SVG}title").itertext())
        for g in root.iter(f"{SVG}g")  # type: ignore[union-attr]
        if "node" in classes(g)
    }
    assert titles == {"n1", "n2", "n3", "n4", "n5", "p1", "gaps"}, titles


def test_the_diff_in_mermaid_marks_classes_and_parses(
    tmp_path: Path, mermaid_check: MermaidCheck
) -> None:
    repo = repo_with_change(tmp_path)
    result = run_acmap("render", "acme", "--diff", "HEAD", "--format", "mermaid", cwd=repo)
    assert result.code == 0, result.err
    drawn = mermaid_check.render(result.out)
    assert not drawn.problems, describe(drawn)

    def marked(name: str) -> list[str]:
        found = [n["classes"].split() for n in drawn.nodes if name in n["text"]]
        assert len(found) == 1, (name, drawn.nodes)
        return found[0]

    assert "acmap-added" in marked("Ravi Singh")
    assert "acmap-removed" in marked("Tom Park")
    assert "acmap-changed" in marked("Mary Lee")
    assert "neutral → blocker" in drawn.text
    assert "closed: G304 rose-tinted" in drawn.text  # the gaps panel, as a subgraph


@given(st.text())
def test_any_badge_text_stays_text(words: str) -> None:
    """A badge can name a team member (owner → NAME): whatever it holds stays characters."""
    root = ET.fromstring(f"<R>{badge(words).markup}</R>")
    assert {e.tag for e in root.iter()} <= {"R", "TABLE", "TR", "TD", "FONT", "B"}
    shown = clean(shorten(words, BADGE_WIDTH)).replace("\\", "\\\\")  # dot halves them again
    assert "".join(root.itertext()) == shown


def test_a_renamed_person_is_one_changed_node_in_the_same_place(tmp_path: Path) -> None:
    repo = map_repo(tmp_path / "repo", {"acme.yaml": BASE})
    before = nodes(svg_of(repo))
    renamed = BASE.replace("id: jkim", "id: jin-kim").replace(
        "reports_to: jkim", "reports_to: jin-kim"
    )
    renamed = renamed.replace("from: jkim", "from: jin-kim").replace(
        "stance: advocate", "stance: supporter"
    )
    (repo / "maps" / "acme.yaml").write_text(renamed, encoding="utf-8")
    root = svg_of(repo, "--diff", "HEAD")
    after = nodes(root)
    panel = "Marked: what changed since HEAD"  # the first line of the side panel
    assert sorted(set(after) - {panel}) == sorted(before)  # one Jin Kim, nobody added
    assert "acmap-changed" in classes(after["Jin Kim"])
    jin = " ".join("".join(t.itertext()) for t in after["Jin Kim"].iter(f"{SVG}text"))
    assert "advocate → supporter; id was jkim" in jin
    (bx, by), (ax, ay) = centre(before["Hank Scorpio"]), centre(before["Jin Kim"])
    (cx, cy), (dx, dy) = centre(after["Hank Scorpio"]), centre(after["Jin Kim"])
    assert abs((ax - bx) - (dx - cx)) <= 3 and abs((ay - by) - (dy - cy)) <= 3


def test_an_account_new_since_base_is_refused_with_a_reason(tmp_path: Path) -> None:
    repo = map_repo(tmp_path / "repo", {"other.yaml": BASE.replace("id: acme", "id: other")})
    (repo / "maps" / "acme.yaml").write_text(BASE, encoding="utf-8")
    result = run_acmap("render", "acme", "--diff", "HEAD", "-f", "svg", cwd=repo)
    assert result.code == 2 and "Traceback" not in result.err
    assert "no valid map of acme at HEAD" in result.err
