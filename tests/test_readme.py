"""The README's console examples run from a fresh copy and print what the README shows.

The first test runs the README itself; the others pin the transcript tester's conventions on
small READMEs in throwaway git repositories (real bash, real git, no acmap needed).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import commit, git
from tests.readme_transcripts import (
    REPO,
    CannotPlace,
    check,
    main,
    matches,
    parse_blocks,
    update_readme,
    updated_output,
)

UPDATE = "python tests/readme_transcripts.py --update README.md"


# About 20 s of CPU for ~37 commands; far longer in wall time when 8 engineers share 2 cores.
@pytest.mark.timeout(600)
def test_every_console_example_in_the_readme_prints_what_it_shows() -> None:
    runs, failures = check(REPO / "README.md")
    assert len(runs) >= 30, "the README's console blocks were not found"
    assert not failures, (
        f"{len(failures)} README example(s) print something else today (README → today):\n\n"
        + "\n\n".join(failures)
        + f"\n\nIf today's output is right: {UPDATE}, review the diff, commit."
    )


# --- the tester's conventions, on small READMEs ---------------------------------------------


def project(tmp_path: Path, readme: str, files: dict[str, str] | None = None) -> Path:
    """A git repository with README.md (dedented) and `files`, committed."""
    root = tmp_path / "project"
    root.mkdir()
    git(root, "init", "-q")
    (root / "README.md").write_text(textwrap.dedent(readme), encoding="utf-8")
    for name, text in (files or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    commit(root, "Initial")
    return root


def failures_of(root: Path) -> list[str]:
    return check(root / "README.md", root)[1]


def test_only_tracked_files_are_copied(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        """
        ```console
        $ ls
        README.md
        tracked.txt
        ```
        """,
        {"tracked.txt": "yes\n"},
    )
    assert failures_of(root) == []
    (root / "junk.txt").write_text("untracked\n", encoding="utf-8")
    assert failures_of(root) == []  # junk.txt is not in the copy
    (root / "tracked.txt").write_text("changed, not committed\n", encoding="utf-8")
    (root / "README.md").write_text(
        "```console\n$ cat tracked.txt\nchanged, not committed\n```\n", encoding="utf-8"
    )
    assert failures_of(root) == []  # tracked files as they are in the work tree


def test_the_copy_is_a_git_repository_with_one_commit(tmp_path: Path) -> None:
    root = project(tmp_path, "```console\n$ git rev-list --count HEAD\n1\n```\n")
    assert failures_of(root) == []


def test_a_command_must_exit_as_shown(tmp_path: Path) -> None:
    root = project(tmp_path, "```console\n$ echo nope; exit 3\nnope\n```\n")
    [failure] = failures_of(root)
    assert "README.md:2: $ echo nope; exit 3" in failure
    assert "exit 3, the README says 0" in failure
    assert "+[exit 3]" in failure
    (root / "README.md").write_text("```console\n$ echo nope; exit 3\nnope\n[exit 3]\n```\n")
    assert failures_of(root) == []


def test_only_console_blocks_run(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        """
        ```sh
        $ exit 1
        ```

        ```text
        $ exit 1
        ```

        ```console
        $ true
        ```
        """,
    )
    assert failures_of(root) == []
    lines = (root / "README.md").read_text(encoding="utf-8").split("\n")
    assert [c.text for b in parse_blocks(lines) for c in b.commands] == ["true"]


def test_commands_run_in_order_in_one_copy_and_cd_lasts_one_line(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        """
        ```console
        $ mkdir deals && cd deals && echo 250000 > amount && pwd | sed 's,.*/,,'
        deals
        ```

        Later, in another block:

        ```console
        $ cat deals/amount
        250000
        $ pwd | sed 's,.*/,,'
        repo
        ```
        """,
    )
    assert failures_of(root) == []


def test_the_environment_is_the_activated_venv_piped_at_100_columns_at_home_nowhere(
    tmp_path: Path,
) -> None:
    root = project(
        tmp_path,
        """
        ```console
        $ test "$(command -v acmap)" = "$VIRTUAL_ENV/bin/acmap" && echo acmap from the venv
        acmap from the venv
        $ echo "NO_COLOR=$NO_COLOR COLUMNS=$COLUMNS"; test -t 1 || echo piped
        NO_COLOR=1 COLUMNS=100
        piped
        $ echo "GITHUB_ACTIONS=${GITHUB_ACTIONS-unset} ACMAP_TODAY=${ACMAP_TODAY-unset}"
        GITHUB_ACTIONS=unset ACMAP_TODAY=unset
        $ touch ~/.bashrc && case "$HOME" in */acmap-readme-*/home) echo a throwaway home;; esac
        a throwaway home
        ```
        """,
    )
    real_bashrc = Path.home() / ".bashrc"
    before = real_bashrc.stat().st_mtime_ns if real_bashrc.exists() else None
    assert failures_of(root) == []
    assert (real_bashrc.stat().st_mtime_ns if real_bashrc.exists() else None) == before


def test_the_temporary_paths_are_shown_as_dot_and_tilde(tmp_path: Path) -> None:
    root = project(
        tmp_path, '```console\n$ echo "$PWD/maps $HOME/.bashrc"\n./maps ~/.bashrc\n```\n'
    )
    assert failures_of(root) == []


def test_stderr_is_shown_where_it_was_written(tmp_path: Path) -> None:
    root = project(
        tmp_path, "```console\n$ echo out; echo err >&2; echo out again\nout\nerr\nout again\n```\n"
    )
    assert failures_of(root) == []


def test_a_continued_command_line(tmp_path: Path) -> None:
    root = project(tmp_path, "```console\n$ echo one \\\n  two\none two\n```\n")
    assert failures_of(root) == []


def test_a_stale_output_fails_with_a_diff_and_the_line(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        """
        # Pipeline

        ```console
        $ printf 'brightwater 23\\nhalcyon 76\\n'
        brightwater 23
        halcyon 74
        ```
        """,
    )
    [failure] = failures_of(root)
    assert failure.startswith("README.md:5: $ printf")
    assert "-halcyon 74" in failure and "+halcyon 76" in failure


# --- elisions --------------------------------------------------------------------------------


def test_an_elision_line_matches_any_number_of_lines() -> None:
    assert matches(["a", "…", "z"], ["a", "z"])
    assert matches(["a", "…", "z"], ["a", "b", "c", "z"])
    assert matches(["a", "  …"], ["a", "  b", "  c"])  # indented, as in a tree
    assert not matches(["a", "…", "z"], ["a", "b"])
    assert not matches(["a", "…"], ["b", "c"])


def test_a_trailing_elision_matches_the_rest_of_the_line() -> None:
    assert matches(
        ["Stratus Cloud (stratus-cloud, …"], ["Stratus Cloud (stratus-cloud, technology)"]
    )
    assert not matches(["Stratus Cloud (halden, …"], ["Stratus Cloud (stratus-cloud, technology)"])


lines = st.lists(
    st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=12), max_size=12
)


@given(lines, st.data())
def test_eliding_any_run_of_lines_still_matches(output: list[str], data: st.DataObject) -> None:
    output = [line.rstrip() for line in output]
    start = data.draw(st.integers(0, len(output)))
    end = data.draw(st.integers(start, len(output)))
    shown = [*output[:start], "…", *output[end:]]
    assert matches(shown, output)
    assert updated_output(shown, output) == shown  # a matching block is left as it is


@given(lines, st.data())
def test_an_update_always_matches_what_is_printed(printed: list[str], data: st.DataObject) -> None:
    printed = [line.rstrip() for line in printed if line.strip() != "…"]
    shown = data.draw(lines)
    spot = data.draw(st.integers(0, len(shown)))
    shown = [*shown[:spot], "…", *shown[spot:]]
    try:
        new = updated_output(shown, printed)
    except CannotPlace:
        return
    assert matches(new, printed)
    assert new.count("…") == shown.count("…")


# --- the updater -----------------------------------------------------------------------------


def test_the_updater_rewrites_outputs_and_keeps_elisions(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        """
        Text stays.

        ```console
        $ printf 'Next actions\\n  1. call the CFO\\n  2. find a champion\\n  3. review the map\\n'
        Next actions
          1. call the CEO
          …
          3. review the map
        $ printf 'ACCOUNT  SCORE\\nlumen    50\\n'; exit 1
        ACCOUNT  SCORE
        lumen    49

        $ printf 'Stratus Cloud (technology) - 3 accounts\\n'
        Stratus Cloud (technology) - 4 …
        ```
        """,
    )
    readme = root / "README.md"
    assert main(["--update", str(readme)]) == 0
    assert readme.read_text(encoding="utf-8") == textwrap.dedent(
        """
        Text stays.

        ```console
        $ printf 'Next actions\\n  1. call the CFO\\n  2. find a champion\\n  3. review the map\\n'
        Next actions
          1. call the CFO
          …
          3. review the map
        $ printf 'ACCOUNT  SCORE\\nlumen    50\\n'; exit 1
        ACCOUNT  SCORE
        lumen    50
        [exit 1]

        $ printf 'Stratus Cloud (technology) - 3 accounts\\n'
        Stratus Cloud (technology) - 3 …
        ```
        """
    )
    assert main([str(readme)]) == 0


def test_the_updater_moves_the_lines_between_elisions_to_where_they_are_now() -> None:
    shown = ["Meridian GREEN 93", "…", "Organisation", "├── Finance", "│   CFO owner Priya", "…"]
    printed = [
        "Meridian GREEN 91",
        "team: Priya",
        "",
        "Organisation",
        "├── Executive",
        "├── Finance",
        "│   CFO owner Priya",
        "│   Natarajan",
        "Links",
    ]
    assert updated_output(shown, printed) == [
        "Meridian GREEN 91",
        "…",
        "Organisation",
        "├── Executive",
        "├── Finance",
        "│   CFO owner Priya",
        "…",
    ]


def test_a_line_that_matches_far_away_does_not_stretch_the_run() -> None:
    shown = [
        "Meridian",
        "…",
        "Organisation",
        "├── Finance",
        "│   Robert, owner Priya",
        "│   Natarajan",
        "…",
    ]
    printed = ["Meridian", "team: Priya", "Organisation", "├── Finance", "│   Robert, engaged,"]
    printed += [
        "│   owner Priya Natarajan",
        "├── IT",
        "│   Angela",
        "│   a",
        "│   b",
        "│   Natarajan",
    ]
    new = updated_output(shown, printed)
    assert new[:6] == [*shown[:4], "│   Robert, engaged,", "│   owner Priya Natarajan"]
    assert "│   b" not in new  # Angela's `Natarajan` line is not Robert's


def test_an_elision_that_cannot_be_placed_leaves_the_block_and_is_reported(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        """
        ```console
        $ echo 'lumen 50'
        lumen 49
        $ printf 'one\\n'
        one
        two
        …
        three
        ```

        ```console
        $ echo 'halcyon 76'
        halcyon 74
        ```
        """,
    )
    readme = root / "README.md"
    before = readme.read_text(encoding="utf-8")
    runs, _ = check(readme, root)
    new, problems = update_readme(before, runs)
    # The first block stays whole (its stale `lumen 49` too); the second is updated.
    assert new == before.replace("halcyon 74", "halcyon 76")
    [problem] = problems
    assert problem.startswith("README.md:5: $ printf 'one\\n': nothing printed is left")
    assert problem.endswith("; the block is left as it is")
    assert main(["--update", str(readme)]) == 1
    assert readme.read_text(encoding="utf-8") == new


def test_a_broken_block_is_named_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path, "Intro\n\n```console\nacmap list\n```\n")
    assert main([str(root / "README.md")]) == 2
    assert (
        "README.md: line 4: a console block starts with `$ command`: 'acmap list'"
        in capsys.readouterr().err
    )
    (root / "README.md").write_text("```console\n$ true\n", encoding="utf-8")
    assert main([str(root / "README.md")]) == 2
    assert "line 1: this ```console block is never closed" in capsys.readouterr().err
