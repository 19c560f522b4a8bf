"""`acmap diff` on generated hostile file names, committed in a real repository, changed, and
diffed between commits and against the working tree: each change is its own file's.

A handful of examples (each builds a repository and runs acmap twice), fixed by the CI profile.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acmap.git import shown
from tests.helpers import commit, git, run_acmap

# Pieces of names that split line-based protocols, look like options, revisions or pathspec
# magic, break lines for Unicode, move the terminal, or are not UTF-8 at all.
PIECES = st.sampled_from(
    [
        "\n",
        "\t",
        "\r",
        '"',
        "'",
        "\\",
        "..",
        "-",
        "--",
        " ",
        ":",
        "*",
        "[a]",
        "HEAD:maps/f0.yaml",
        "\u2028",
        "\u2029",
        "\u0085",
        "\u202e",
        "\x1b[31m",
        "é",
        "東京",
        os.fsdecode(b"\xff"),
        os.fsdecode(b"\xe9"),
        os.fsdecode(b"\xc3"),
    ]
)
NAMES = st.builds(
    lambda lead, parts, folder: f"maps/{folder}{lead}{''.join(parts)}.yaml",
    st.sampled_from(["f", "-", "x"]),
    st.lists(PIECES, min_size=1, max_size=4),
    st.sampled_from(["", "sub\n/", "..d/", os.fsdecode(b"d\xfe/")]),
)


def _map(i: int, stance: str) -> str:
    return (
        f"acmap: 1\naccount: {{id: a{i}, name: Account {i}, goals: [Grow]}}\n"
        f"stakeholders:\n  - {{id: p{i}, name: Person {i}, roles: [economic_buyer], "
        f"stance: {stance}}}\n"
    )


def _write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def _attributed(result_out: str, names: list[str]) -> None:
    by_file = {a["new_file"]: a for a in json.loads(result_out)["accounts"]}
    assert sorted(by_file) == sorted(shown(n) for n in names)
    for i, name in enumerate(names):
        account = by_file[shown(name)]
        assert account["account"] == f"a{i}", (name, account)
        assert [c["text"] for c in account["changes"]] == [f"Person {i}: neutral → blocker"]


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(names=st.lists(NAMES, min_size=2, max_size=3, unique=True))
def test_each_change_is_attributed_to_its_own_file(
    tmp_path_factory: pytest.TempPathFactory, names: list[str]
) -> None:
    root = tmp_path_factory.mktemp("names")
    git(root, "init", "-q")
    (root / "acmap.toml").write_text('maps = "maps"\ntoday = "2026-11-22"\n', encoding="utf-8")
    for i, name in enumerate(names):
        _write(root, name, _map(i, "neutral"))
    commit(root, "hostile names")
    for i, name in enumerate(names):
        _write(root, name, _map(i, "blocker"))

    worktree = run_acmap("diff", "-f", "json", cwd=root)
    assert worktree.code == 0, worktree.err
    _attributed(worktree.out, names)

    commit(root, "every account turns")
    between = run_acmap("diff", "HEAD~1", "HEAD", "-f", "json", cwd=root)
    assert between.code == 0, between.err
    _attributed(between.out, names)
