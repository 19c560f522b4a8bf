"""The golden guard of issue 16: a map valid under part one keeps byte-identical `gaps` JSON.

tests/fixtures/part-one/ holds the four example maps as they were at commit 1debb1d (before the
deal and plan keys), twelve generated maps (benchmarks/generate.py --accounts 12 --seed 7, the
part-one generator) and that commit's acmap.toml. The .json files beside them are what 1debb1d's
own code printed for `acmap gaps --format json` there, over the bad-input corpus and over the
valid fixtures. Any difference, even in whitespace or key order, is a changed finding.
"""

from __future__ import annotations

import pytest

from tests.helpers import REPO, run_acmap

PART_ONE = REPO / "tests" / "fixtures" / "part-one"


@pytest.mark.parametrize(
    ("recorded", "args"),
    [
        ("gaps.json", ()),
        ("corpus.json", ("../corpus",)),
        ("valid.json", ("../valid",)),
    ],
)
def test_part_one_maps_give_the_same_gaps_json(recorded: str, args: tuple[str, ...]) -> None:
    result = run_acmap("gaps", "--format", "json", *args, cwd=PART_ONE)
    assert result.code == 0, result.err
    assert result.out == (PART_ONE / recorded).read_text(encoding="utf-8")
