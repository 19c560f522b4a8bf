"""Pictures in the pull request: `acmap diff --format markdown` draws each changed account's
changed neighbourhood as a ```mermaid block, parsed here by the real Mermaid in Chromium."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from tests.helpers import map_repo, run_acmap
from tests.mermaid_check import MermaidCheck, describe
from tests.render.test_render_diff import BASE, HEAD
from tests.render.test_safety import HOSTILE, hostile_map

from acmap.analysis.changes import diff_revisions
from acmap.render.mermaid_chart import github_limits
from acmap.render.neighbourhood import MAX_PEOPLE, mermaid_block
from acmap.settings import Settings

BLOCK = re.compile(r"^```mermaid\n(.*?)^```$", re.M | re.S)
TODAY = date(2026, 11, 22)

OTHER = """\
acmap: 1
account: {id: beta, name: Beta Ltd}
stakeholders:
  - {id: ana, name: Ana Diaz, title: CTO, stance: supporter}
  - {id: ben, name: Ben Ode, title: CIO, reports_to: ana, stance: neutral}
"""


def two_changed_accounts(tmp_path: Path) -> Path:
    repo = map_repo(tmp_path / "repo", {"acme.yaml": BASE, "beta.yaml": OTHER})
    (repo / "maps" / "acme.yaml").write_text(HEAD, encoding="utf-8")
    (repo / "maps" / "beta.yaml").write_text(
        OTHER.replace("stance: neutral", "stance: blocker"), encoding="utf-8"
    )
    return repo


def blocks_of(repo: Path) -> dict[str, str]:
    settings = Settings(root=repo, maps=repo / "maps", today=TODAY)
    result = diff_revisions("HEAD", None, [], settings, TODAY, cwd=repo)
    return {a.account: mermaid_block(a) for a in result.accounts}


def test_each_changed_account_gets_a_block_that_mermaid_draws(
    tmp_path: Path, mermaid_check: MermaidCheck
) -> None:
    blocks = blocks_of(two_changed_accounts(tmp_path))
    assert set(blocks) == {"acme", "beta"}
    for account, block in blocks.items():
        (chart,) = BLOCK.findall(block)
        drawn = mermaid_check.render(chart)
        assert not drawn.problems, (account, describe(drawn))
        assert drawn.anchors == 0 and drawn.scripts == 0
        if account == "acme":
            marks = {c for n in drawn.nodes for c in n["classes"].split() if "acmap-" in c}
            assert marks == {"acmap-added", "acmap-removed", "acmap-changed"}
            assert "neutral → blocker" in drawn.text
    # beta: only Ben changed; Ana is his direct tie, so she is drawn too.
    assert "Ben Ode" in blocks["beta"] and "Ana Diaz" in blocks["beta"]


def test_a_change_that_touches_no_person_draws_nothing(tmp_path: Path) -> None:
    repo = map_repo(tmp_path / "repo", {"beta.yaml": OTHER})
    (repo / "maps" / "beta.yaml").write_text(
        OTHER.replace("name: Beta Ltd", "name: Beta Limited"), encoding="utf-8"
    )
    assert blocks_of(repo) == {"beta": ""}


def test_a_large_change_is_capped_and_says_how_many_more(
    tmp_path: Path, mermaid_check: MermaidCheck
) -> None:
    people = "".join(
        f"  - {{id: s{i}, name: Person {i}, title: Analyst, stance: neutral"
        f"{f', reports_to: s{i // 3}' if i else ''}}}\n"
        for i in range(120)
    )
    base = f"acmap: 1\naccount: {{id: big, name: Big}}\nstakeholders:\n{people}"
    repo = map_repo(tmp_path / "repo", {"big.yaml": base})
    (repo / "maps" / "big.yaml").write_text(
        base.replace("stance: neutral", "stance: supporter"), encoding="utf-8"
    )
    block = blocks_of(repo)["big"]
    (chart,) = BLOCK.findall(block)
    assert len(re.findall(r"^\s*n\d+\[", chart, re.M)) == MAX_PEOPLE
    assert f"and {120 - MAX_PEOPLE} more people not drawn" in block
    assert github_limits(chart) is None
    assert not mermaid_check.render(chart).problems


def test_diff_markdown_has_one_block_per_changed_account_and_no_diagrams_drops_them(
    tmp_path: Path,
) -> None:
    repo = two_changed_accounts(tmp_path)
    with_pictures = run_acmap("diff", "--format", "markdown", cwd=repo)
    assert with_pictures.code == 0, with_pictures.err
    assert with_pictures.out.count("```mermaid") == 2
    without = run_acmap("diff", "--format", "markdown", "--no-diagrams", cwd=repo)
    assert without.code == 0 and "```mermaid" not in without.out


def test_hostile_text_in_a_picture_stays_literal(
    tmp_path: Path, mermaid_check: MermaidCheck
) -> None:
    repo = map_repo(tmp_path / "repo", {"evil.yaml": hostile_map()})
    changed = hostile_map().replace("stance: advocate", "stance: blocker")
    changed = changed.replace("reports_to: a}", "reports_to: a, owner: dana}", 1)
    (repo / "maps" / "evil.yaml").write_text(changed, encoding="utf-8")
    block = blocks_of(repo)["evil"]
    (chart,) = BLOCK.findall(block)
    assert block.count("```") == 2  # nothing in the map can close the block early
    drawn = mermaid_check.render(chart)
    assert not drawn.problems, describe(drawn)
    assert drawn.anchors == 0 and drawn.scripts == 0 and not drawn.hrefs and not drawn.handlers
    assert HOSTILE["injection"] in drawn.text
    assert f"owner → {HOSTILE['html']}" in drawn.text
