"""`acmap render ID --opportunity DEAL`: the deal's buying committee with its per-deal roles,
through the real Graphviz and as Mermaid; an unknown deal is exit 2 with a did-you-mean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.helpers import run_acmap, write_map_file
from tests.load.test_deals import DEAL

# Mary Lee is the deal's economic buyer but only a coach account-wide; Hank Scorpio is the
# account's economic buyer and not in this deal.
SOURCE = DEAL.replace("    x-crm-id: 0031A\n", "    roles: [coach]\n    x-crm-id: 0031A\n").replace(
    "stakeholders:\n", "stakeholders:\n  - {id: ceo, name: Hank Scorpio, roles: [economic_buyer]}\n"
)
TODAY = ("--today", "2026-12-01")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_map_file(tmp_path, "acme.yaml", SOURCE)
    return tmp_path


def _node(svg: str, name: str) -> str:
    """The SVG group of the node whose label starts with `name`."""
    groups = re.findall(r'<g id="node\d+" class="node">.*?</g>\n</g>', svg, re.S)
    (group,) = [g for g in groups if f">{name}<" in g]
    return group


def test_the_committee_is_drawn_with_its_deal_roles(project: Path) -> None:
    result = run_acmap("render", "acme", "--opportunity", "tms", *TODAY, cwd=project)
    assert result.code == 0, result.err
    svg = result.out
    assert svg.startswith("<?xml") and "</svg>" in svg
    assert "buying committee of TMS rollout" in svg
    assert "Hank Scorpio" not in svg
    mary = _node(svg, "Mary Lee")
    assert "ECONOMIC BUYER" in mary and "COACH" not in mary
    jin = _node(svg, "Jin Kim")
    assert "CHAMPION" in jin and "TECH BUYER" in jin


def test_without_the_option_the_account_roles_stand(project: Path) -> None:
    svg = run_acmap("render", "acme", *TODAY, cwd=project).out
    assert "Hank Scorpio" in svg
    assert "COACH" in _node(svg, "Mary Lee")
    assert "buying committee" not in svg


def test_a_deal_with_no_committee_draws_its_buying_group(project: Path) -> None:
    start, end = SOURCE.index("      roles:"), SOURCE.index("      compelling_event")
    source = SOURCE[:start] + "      buying_group: [ceo]\n" + SOURCE[end:]
    write_map_file(project, "acme.yaml", source)
    out = run_acmap("render", "acme", "--opportunity", "tms", "-f", "dot", *TODAY, cwd=project)
    assert out.code == 0, out.err
    assert "Hank Scorpio" in out.out and "Mary Lee" not in out.out


def test_mermaid_draws_the_deal_too(project: Path) -> None:
    args = ("render", "acme", "--opportunity", "tms", "-f", "mermaid", *TODAY)
    result = run_acmap(*args, cwd=project)
    assert result.code == 0, result.err
    assert result.out.startswith("flowchart")
    assert "buying committee of TMS rollout" in result.out
    assert "Hank Scorpio" not in result.out and "Mary Lee" in result.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--opportunity", "tmz"),
            "acmap: --opportunity 'tmz': no such opportunity in acme (did you mean tms "
            "(TMS rollout)?)\n",
        ),
        (
            ("--opportunity", "zzzzzz"),
            "acmap: --opportunity 'zzzzzz': no such opportunity in acme (its deals: tms)\n",
        ),
        (
            ("--opportunity", "tms", "--diff", "HEAD"),
            "acmap: --opportunity and --diff cannot be combined: draw one of them\n",
        ),
    ],
)
def test_bad_use_is_exit_2_with_one_line(
    project: Path, args: tuple[str, ...], message: str
) -> None:
    result = run_acmap("render", "acme", *args, *TODAY, cwd=project)
    assert (result.code, result.err, result.out) == (2, message, "")


def test_not_with_all(project: Path) -> None:
    args = ("render", "--all", "-o", "out", "--opportunity", "tms")
    result = run_acmap(*args, cwd=project)
    assert result.code == 2
    assert "--opportunity are about one account" in result.err
