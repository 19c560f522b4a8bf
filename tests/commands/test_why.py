"""`acmap why ID STAKEHOLDER [FIELD]` on real git repositories: each test is a small story of
commits to one map, by named people on set dates."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.helpers import GIT_ENV, git, run_acmap

from acmap.git.follow import parse_log

# Written the way a person might, not the way `acmap fmt` writes it: keys out of order, four
# spaces, quotes. Reformatting it changes the text of every line and no value.
FIRST = """\
acmap: 1
account:
    name: "Globex Corporation"
    id: globex
    team:
        - {id: dana, name: Dana Ruiz}
stakeholders:
    - stance: 'neutral'
      id: mlee
      name: "Mary Lee"
      title: Finance lead
      owner: dana
      tags: [board,   finance]
      notes: Met at the user group; prefers numbers to slides, and long agendas to none at all.
"""


def _commit(repo: Path, message: str, author: str, day: str) -> str:
    """Stage everything and commit as `author` on `day` (author and committer date alike, so
    the log's order is the story's)."""
    when = f"{day}T10:00:00+00:00"
    env = {
        **os.environ,
        **GIT_ENV,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    git(repo, "add", "-A")
    subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", message],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )
    return git(repo, "rev-parse", "HEAD").strip()


def _project(root: Path, source: str = FIRST, name: str = "globex.yaml") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    (root / "acmap.toml").write_text('maps = "maps"\n', encoding="utf-8")
    _write(root, source, name)
    return root


def _write(root: Path, source: str, name: str = "globex.yaml") -> Path:
    path = root / "maps" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def _edit(root: Path, old: str, new: str, name: str = "globex.yaml") -> None:
    path = root / "maps" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fields(root: Path, *args: str) -> dict[str, dict[str, object]]:
    result = run_acmap("why", "globex", *args, "-f", "json", cwd=root)
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["version"] == 1
    return {f["field"]: f for f in document["fields"]}


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Ana adds Mary Lee; Ben gives her a title; Cleo records that she backs us after the QBR;
    Dev runs `acmap fmt` and commits the result."""
    root = _project(tmp_path_factory.mktemp("why") / "repo")
    commits = {"add": _commit(root, "Add Globex and Mary Lee", "Ana Alves", "2026-09-01")}
    _edit(root, "title: Finance lead", "title: CFO")
    commits["title"] = _commit(root, "Mary is the CFO", "Ben Brook", "2026-09-15")
    _edit(root, "stance: 'neutral'", "stance: 'supporter'")
    commits["stance"] = _commit(root, "Mary backs us after the QBR", "Cleo Chen", "2026-10-02")
    before = (root / "maps" / "globex.yaml").read_text(encoding="utf-8")
    formatted = run_acmap("fmt", cwd=root)
    assert formatted.code == 0, formatted.err
    assert (root / "maps" / "globex.yaml").read_text(encoding="utf-8") != before
    commits["fmt"] = _commit(root, "acmap fmt", "Dev Diaz", "2026-10-20")
    return root, commits


def test_why_names_the_commit_that_changed_the_stance(
    story: tuple[Path, dict[str, str]],
) -> None:
    root, commits = story
    fields = _fields(root, "mlee")
    assert fields["stance"] == {
        "field": "stance",
        "value": "supporter",
        "commit": commits["stance"],
        "date": "2026-10-02",
        "author": "Cleo Chen",
        "subject": "Mary backs us after the QBR",
    }
    assert fields["title"]["commit"] == commits["title"]
    assert fields["title"]["author"] == "Ben Brook"
    assert fields["name"]["commit"] == commits["add"]
    assert fields["tags"]["value"] == ["board", "finance"]
    assert fields["tags"]["commit"] == commits["add"]


def test_a_commit_that_only_ran_fmt_sets_nothing(story: tuple[Path, dict[str, str]]) -> None:
    root, commits = story
    fields = _fields(root, "mlee")
    assert commits["fmt"] not in {f["commit"] for f in fields.values()}
    assert "Dev Diaz" not in {f["author"] for f in fields.values()}
    # Only the fields the map has are shown: no unit, no contact, nothing never set.
    assert list(fields) == ["name", "title", "stance", "status", "owner", "tags", "notes"]


def test_the_text_table_fits_the_terminal(story: tuple[Path, dict[str, str]]) -> None:
    root, commits = story
    result = run_acmap("why", "globex", "mlee", cwd=root, env={"COLUMNS": "80"})
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Mary Lee (mlee) at Globex Corporation, from the history of maps/globex.yaml"
    assert lines[2].split() == ["FIELD", "VALUE", "WHEN", "WHO", "COMMIT", "SUBJECT"]
    stance = next(line for line in lines if line.startswith("stance"))
    assert stance.split()[:4] == ["stance", "supporter", "2026-10-02", "Cleo"]
    assert commits["stance"][:7] in stance and "Mary backs us…" in stance
    assert all(len(line) <= 80 for line in lines), lines
    assert "notes" in result.out and "…" in result.out  # the long note cut to fit
    assert lines[-1] == "4 committed versions read"
    wide = run_acmap("why", "globex", "mlee", cwd=root, env={"COLUMNS": "200"})
    assert "Mary backs us after the QBR" in wide.out
    assert "prefers numbers to slides, and long agendas to none at all." in wide.out


def test_one_field(story: tuple[Path, dict[str, str]]) -> None:
    root, commits = story
    fields = _fields(root, "mlee", "stance")
    assert list(fields) == ["stance"]
    assert fields["stance"]["commit"] == commits["stance"]
    text = run_acmap("why", "globex", "mlee", "stance", cwd=root)
    rows = [line for line in text.out.splitlines()[3:] if line.strip()]
    assert len(rows) == 2  # the one row, then the summary
    assert rows[0].startswith("stance") and "Cleo Chen" in rows[0]
    # A field the map never had is still answered when asked for: unset since Mary was added.
    unit = _fields(root, "mlee", "unit")["unit"]
    assert unit["value"] is None and unit["commit"] == commits["add"]


def test_unknown_person_or_field_is_exit_2_with_did_you_mean(
    story: tuple[Path, dict[str, str]],
) -> None:
    root, _ = story
    person = run_acmap("why", "globex", "mle", cwd=root)
    assert person.code == 2
    assert "no stakeholder 'mle'" in person.err and "did you mean mlee (Mary Lee)?" in person.err
    field = run_acmap("why", "globex", "mlee", "stanse", cwd=root)
    assert field.code == 2
    assert "no field 'stanse'" in field.err and "did you mean 'stance'?" in field.err
    assert "Traceback" not in person.err + field.err
    assert person.out == field.out == ""


def test_renamed_file_keeps_its_history(tmp_path: Path) -> None:
    root = _project(tmp_path / "repo")
    # A repository's config cannot hide the first commit's file (acmap asks for it: --root).
    git(root, "config", "log.showRoot", "false")
    added = _commit(root, "Add Globex", "Ana Alves", "2026-09-01")
    _edit(root, "stance: 'neutral'", "stance: 'skeptic'")
    skeptic = _commit(root, "Mary doubts the ROI", "Ben Brook", "2026-09-20")
    (root / "maps" / "emea").mkdir()
    git(root, "mv", "maps/globex.yaml", "maps/emea/globex.yaml")
    _commit(root, "Sort maps by region", "Cleo Chen", "2026-10-01")
    _edit(root, "title: Finance lead", "title: CFO", "emea/globex.yaml")
    titled = _commit(root, "Mary is the CFO", "Dev Diaz", "2026-10-05")
    fields = _fields(root, "mlee")
    assert fields["stance"]["commit"] == skeptic
    assert fields["name"]["commit"] == added
    assert fields["title"]["commit"] == titled


def test_a_version_that_does_not_parse_is_skipped(tmp_path: Path) -> None:
    root = _project(tmp_path / "repo")
    added = _commit(root, "Add Globex", "Ana Alves", "2026-09-01")
    _edit(root, "stakeholders:", "stakeholders: [oops")
    _commit(root, "Broken on the train", "Ben Brook", "2026-09-02")
    _edit(root, "stakeholders: [oops", "stakeholders:")
    _edit(root, "title: Finance lead", "title: CFO")
    fixed = _commit(root, "Fix the map; Mary is the CFO", "Ben Brook", "2026-09-03")
    fields = _fields(root, "mlee")
    assert fields["stance"]["commit"] == added  # the broken version broke no run
    assert fields["title"]["commit"] == fixed
    summary = run_acmap("why", "globex", "mlee", cwd=root).out.splitlines()[-1]
    assert summary == "3 committed versions read; 1 that could not be read skipped"


def test_a_person_added_later_and_a_field_removed(tmp_path: Path) -> None:
    root = _project(tmp_path / "repo")
    _commit(root, "Add Globex", "Ana Alves", "2026-09-01")
    _edit(root, "      tags: [board,   finance]\n", "")
    _edit(
        root,
        "      id: mlee\n",
        "      id: mlee\n      reports_to: ceo\n",
    )
    (root / "maps" / "globex.yaml").write_text(
        (root / "maps" / "globex.yaml").read_text(encoding="utf-8")
        + "    - {id: ceo, name: Hank Scorpio, stance: blocker}\n",
        encoding="utf-8",
    )
    second = _commit(root, "The CEO, and no tags for Mary", "Ben Brook", "2026-09-10")
    ceo = _fields(root, "ceo")
    assert {f["commit"] for f in ceo.values()} == {second}
    mary = _fields(root, "mlee")
    assert mary["tags"]["value"] == [] and mary["tags"]["commit"] == second
    assert mary["reports_to"] == {**mary["reports_to"], "value": "ceo", "commit": second}


def test_uncommitted_edits_and_a_file_never_committed(tmp_path: Path) -> None:
    root = _project(tmp_path / "repo")
    added = _commit(root, "Add Globex", "Ana Alves", "2026-09-01")
    _edit(root, "stance: 'neutral'", "stance: 'advocate'")
    fields = _fields(root, "mlee")
    assert fields["stance"] == {
        "field": "stance",
        "value": "advocate",
        "commit": None,
        "date": None,
        "author": None,
        "subject": None,
    }
    assert fields["name"]["commit"] == added
    text = run_acmap("why", "globex", "mlee", "stance", cwd=root)
    assert "advocate  not committed yet" in text.out

    fresh = _project(tmp_path / "fresh")  # a repository with no commit at all
    assert {f["commit"] for f in _fields(fresh, "mlee").values()} == {None}
    _write(root, FIRST.replace("globex", "initech"), "initech.yaml")  # untracked
    result = run_acmap("why", "initech", "mlee", "-f", "json", cwd=root)
    assert result.code == 0, result.err
    assert {f["commit"] for f in json.loads(result.out)["fields"]} == {None}
    shown = run_acmap("why", "initech", "mlee", "name", cwd=root)
    assert (
        "not committed yet" in shown.out
        and "no committed version of maps/initech.yaml yet" in shown.out
    )


def test_not_a_git_repository_is_exit_2(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    _write(root, FIRST)
    (root / "acmap.toml").write_text('maps = "maps"\n', encoding="utf-8")
    result = run_acmap(
        "why", "globex", "mlee", cwd=root, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)}
    )
    assert result.code == 2
    assert "is not inside a git repository (acmap why reads the map's history" in result.err
    assert "Traceback" not in result.err and result.out == ""


HOSTILE_AUTHOR = "Eve \x1b[31mRed[/] [red]x[/red]"
HOSTILE_SUBJECT = "[bold red]boom[/bold red] \x1b]0;pwned\x07 \u009b2J"


def test_hostile_names_and_subjects_print_literally(tmp_path: Path) -> None:
    root = _project(tmp_path / "repo")
    _write(root, FIRST.replace('name: "Mary Lee"', 'name: "Mary [link=x]Lee\\e[2J"'))
    commit = _commit(root, HOSTILE_SUBJECT, HOSTILE_AUTHOR, "2026-09-01")
    for env in ({"COLUMNS": "300"}, {"COLUMNS": "300", "NO_COLOR": "", "FORCE_COLOR": "1"}):
        result = run_acmap("why", "globex", "mlee", cwd=root, env=env)
        assert result.code == 0, result.err
        assert "Mary [link=x]Lee\\x1b[2J (mlee)" in result.out
        assert "Eve \\x1b[31mRed[/] [red]x[/red]" in result.out
        assert "[bold red]boom[/bold red] \\x1b]0;pwned\\x07 \\x9b2J" in result.out
        assert "\x07" not in result.out and "\u009b" not in result.out
        assert "\x1b]" not in result.out and "\x1b[31m" not in result.out
        assert "\x1b[2J" not in result.out
    fields = _fields(root, "mlee")
    assert fields["name"]["author"] == HOSTILE_AUTHOR  # JSON keeps the exact text
    assert fields["name"]["subject"] == HOSTILE_SUBJECT
    assert fields["name"]["commit"] == commit


# --- the log reader, on logs as git writes them ---------------------------------------------

_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\0"))
_LINE = _TEXT.map(lambda s: s.replace("\n", " "))
_PATH = st.text(st.characters(codec="utf-8", exclude_characters="\0/"), min_size=1)


@given(st.lists(st.tuples(_LINE, _LINE, _PATH, st.booleans(), st.booleans()), max_size=6))
def test_parse_log_reads_any_author_subject_and_path(
    entries: list[tuple[str, str, str, bool, bool]],
) -> None:
    """Whatever an author, a subject or a file name holds, each commit's fields come back
    whole: `git log --follow -z --raw` output, built as git writes it."""
    out = b""
    for number, (author, subject, path, renamed, merge) in enumerate(entries):
        commit = f"{number:040x}"
        out += f"{commit}\x002026-09-0{number % 9 + 1}T10:00:00+00:00\x00".encode()
        out += author.encode() + b"\0" + subject.encode() + b"\0"
        if merge:  # a merge: no raw line of its own
            continue
        old, new = f"{number + 1:040x}", f"{number + 2:040x}"
        status = b"R100\0old/" + path.encode() + b"\0" if renamed else b"M\0"
        out += f"\n:100644 100644 {old} {new} ".encode() + status + path.encode() + b"\0"
    revisions = parse_log(out)
    wanted = [
        (f"{n:040x}", a, s, f"{n + 2:040x}", p)
        for n, (a, s, p, _, merge) in enumerate(entries)
        if not merge
    ]
    assert [(r.commit, r.author, r.subject, r.blob, r.path) for r in revisions] == wanted


@given(st.binary(max_size=300))
def test_parse_log_never_crashes(out: bytes) -> None:
    parse_log(out)
