"""`acmap qualify` end to end: SPEC §9's JSON, the text, the gates and --fail-on-gate."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.helpers import Result, write_map_file
from tests.rules.deal_story import STORY

from acmap.model import MEDDPICC

Acmap = Callable[..., Result]
GATES = "[qualify.gates]\nproposal = {E = 3, C1 = 1}\n"


def project(root: Path, settings: str = "", story: str = STORY) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "acmap.toml").write_text(f'today = "2026-11-22"\n{settings}', encoding="utf-8")
    write_map_file(root, "acme.yaml", story)
    return root


def test_json_is_spec_9_s_shape(acmap: Acmap, tmp_path: Path) -> None:
    result = acmap("qualify", "-f", "json", cwd=project(tmp_path, GATES))
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert list(document) == ["opportunities", "version"] and document["version"] == 1
    [deal] = document["opportunities"]
    assert sorted(deal) == ["account", "gate", "letters", "opportunity", "score", "stage"]
    assert (deal["account"], deal["opportunity"], deal["stage"]) == ("acme", "tms", "proposal")
    assert deal["gate"] == {"stage": "proposal", "met": True, "missing": []}
    assert sorted(deal["letters"]) == sorted(MEDDPICC)
    assert deal["letters"]["E"] == {
        "score": 3,
        "facts": ["economic buyer: Mary Lee (CFO)", "engaged, 21 days ago", "stance supporter"],
    }
    assert deal["score"] == sum(letter["score"] for letter in deal["letters"].values())


def test_fail_on_gate_exits_1_exactly_when_a_gate_is_missed(acmap: Acmap, tmp_path: Path) -> None:
    met = project(tmp_path / "met", GATES)
    assert acmap("qualify", "--fail-on-gate", cwd=met).code == 0
    missed = project(
        tmp_path / "missed", GATES, STORY.replace("stance: supporter", "stance: neutral")
    )
    result = acmap("qualify", "--fail-on-gate", cwd=missed)
    assert result.code == 1, result.err
    assert "proposal gate missed: E" in result.out
    assert acmap("qualify", cwd=missed).code == 0  # without the flag, a report only
    ungated = project(
        tmp_path / "ungated", "", STORY.replace("stance: supporter", "stance: neutral")
    )
    assert acmap("qualify", "--fail-on-gate", cwd=ungated).code == 0
    # Another stage's gate does not apply to this deal.
    other = project(tmp_path / "other", "[qualify.gates]\nnegotiation = {M = 3}\n")
    assert acmap("qualify", "--fail-on-gate", cwd=other).code == 0
    closed = project(
        tmp_path / "closed",
        "[qualify.gates]\nclosed_won = {M = 3}\n",
        STORY.replace("stage: proposal", "stage: closed_won"),
    )
    done = acmap("qualify", "--fail-on-gate", "-f", "json", cwd=closed)
    assert (done.code, json.loads(done.out)["opportunities"]) == (0, [])


def test_the_gate_also_reaches_gaps_as_g601(acmap: Acmap, tmp_path: Path) -> None:
    missed = project(tmp_path, GATES, STORY.replace("stance: supporter", "stance: neutral"))
    result = acmap("gaps", "--rule", "G601", "-f", "json", cwd=missed)
    [found] = json.loads(result.out)["findings"]
    assert (found["code"], found["subject"], found["line"]) == ("G601", "tms", 10)


def test_text_names_each_letter_and_its_facts(acmap: Acmap, tmp_path: Path) -> None:
    result = acmap("qualify", cwd=project(tmp_path, GATES))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("acme · TMS rollout (tms) · proposal ·")
    assert "proposal gate met" in result.out
    assert any(line.startswith("  E  3 ≥3  economic buyer: Mary Lee (CFO)") for line in lines)
    assert any(line.startswith("  M  0     no metrics") for line in lines)
    assert lines[-1] == "1 open deal; every gate met"


def test_a_bad_gate_is_exit_2_with_its_place(acmap: Acmap, tmp_path: Path) -> None:
    result = acmap("qualify", cwd=project(tmp_path, "[qualify.gates]\nproposal = {Q = 1}\n"))
    assert result.code == 2
    assert "acmap.toml:3:1: [qualify.gates.proposal]: unknown MEDDPICC letter 'Q'" in result.err
    assert "Traceback" not in result.err
