"""`acmap diff` on real git repositories: each test is a small story of commits to a map repo."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from unicodedata import east_asian_width

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.helpers import commit, git, map_repo, run_acmap, write_map_file

GLOBEX = """\
acmap: 1
account:
  id: globex
  name: Globex Corporation
  tier: key
  owner: dana
  team:
    - {id: dana, name: Dana Ruiz}
    - {id: omar, name: Omar Haddad}
  reviewed: 2026-10-02
  goals: [Cut freight cost 10%]
units:
  - {id: exec, name: Executive}
  - {id: finance, name: Finance, parent: exec}
stakeholders:
  - id: ceo
    name: Hank Scorpio
    title: CEO
    unit: exec
    roles: [economic_buyer]
    stance: neutral
    influence: high
    owner: dana
    last_contact: 2026-11-01
  - id: mlee
    name: Mary Lee
    title: CFO
    unit: finance
    reports_to: ceo
    roles: [decision_maker]
    stance: supporter
    influence: high
    owner: dana
    last_contact: 2026-09-14
  - id: jkim
    name: Jin Kim
    title: Controller
    unit: finance
    reports_to: mlee
    roles: [champion]
    stance: advocate
    owner: omar
    last_contact: 2026-11-10
links:
  - {from: jkim, to: mlee, type: influences, strength: strong}
"""

INITECH = """\
acmap: 1
account:
  id: initech
  name: Initech
  goals: [Fewer TPS reports]
stakeholders:
  - {id: bill, name: Bill Lumbergh, roles: [economic_buyer], stance: skeptic}
"""

HOOLI = """\
acmap: 1
account: {id: hooli, name: Hooli, goals: [Make the world a better place]}
stakeholders:
  - {id: gavin, name: Gavin Belson, roles: [economic_buyer, decision_maker], stance: supporter}
"""


def edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / "maps" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return map_repo(
        tmp_path / "maps-repo",
        {"globex.yaml": GLOBEX, "initech.yaml": INITECH, "hooli.yaml": HOOLI},
    )


def mary_turns_blocker(repo: Path) -> None:
    """Mary Lee turns against us, loses her owner, and Jin's link to her is gone."""
    edit(repo, "globex.yaml", "    stance: supporter\n", "    stance: blocker\n")
    edit(
        repo,
        "globex.yaml",
        "    influence: high\n    owner: dana\n    last_contact: 2026-09-14",
        "    influence: high\n    last_contact: 2026-09-14",
    )
    edit(
        repo,
        "globex.yaml",
        "links:\n  - {from: jkim, to: mlee, type: influences, strength: strong}\n",
        "links: []\n",
    )


def test_a_stance_change_reads_as_words_with_status_score_and_gaps(repo: Path) -> None:
    mary_turns_blocker(repo)
    commit(repo, "Mary Lee turned")

    result = run_acmap("diff", "HEAD~1", "HEAD", cwd=repo)

    assert result.code == 0, result.err
    out = result.out
    assert "1 account changed (1 changed)" in out
    assert "globex — Globex Corporation (maps/globex.yaml)" in out
    assert "Mary Lee: supporter → blocker" in out
    assert "Mary Lee: no owner on our team any more (was Dana Ruiz)" in out
    assert "Link removed: Jin Kim influences Mary Lee" in out
    assert "status green → amber" in out
    assert "score 9" in out and "→" in out
    assert "+ gap opened  warning  G301 unaddressed-blocker" in out
    assert "Mary Lee" in out.split("G301", 1)[1].splitlines()[0]
    # Only the changed account is mentioned: the others were not even read.
    assert "initech" not in out and "hooli" not in out


def test_people_fields_in_words(repo: Path) -> None:
    edit(repo, "globex.yaml", "    roles: [champion]\n", "    roles: [champion, coach]\n")
    edit(repo, "globex.yaml", "    roles: [decision_maker]\n", "    roles: []\n")
    edit(repo, "globex.yaml", "    reports_to: mlee\n", "    reports_to: ceo\n")
    edit(repo, "globex.yaml", "last_contact: 2026-11-10", "last_contact: 2026-11-20")
    edit(repo, "globex.yaml", "    owner: omar\n", "    owner: dana\n")
    edit(repo, "globex.yaml", "    title: CEO\n", "    title: CEO\n    status: left\n")
    (repo / "maps" / "globex.yaml").write_text(
        (repo / "maps" / "globex.yaml").read_text() + "  - {from: ceo, to: jkim, type: mentors}\n",
        encoding="utf-8",
    )
    edit(
        repo,
        "globex.yaml",
        "  - id: jkim\n",
        "  - id: wzhang\n    name: Wei Zhang\n    title: VP Operations\n    roles: [influencer]\n    stance: neutral\n  - id: jkim\n",
    )
    commit(repo, "A busy week")

    out = run_acmap("diff", "HEAD~1..HEAD", cwd=repo).out

    assert "Jin Kim: now coach" in out
    assert "Mary Lee: no longer decision maker" in out
    assert "Jin Kim: now reports to Hank Scorpio (was Mary Lee)" in out
    assert "Jin Kim: last contact 2026-11-10 → 2026-11-20" in out
    assert "Jin Kim: now covered by Dana Ruiz (was Omar Haddad)" in out
    assert "Hank Scorpio: left the company" in out
    assert "New link: Hank Scorpio mentors Jin Kim (medium)" in out
    assert "New on the map: Wei Zhang (VP Operations; influencer; neutral)" in out
    assert "G205 left-key-role" in out  # a person who left still holds economic_buyer


def test_added_removed_renamed_and_broken_files(repo: Path) -> None:
    git(repo, "mv", "maps/hooli.yaml", "maps/hooli-xyz.yaml")
    git(repo, "rm", "-q", "maps/initech.yaml")
    write_map_file(
        repo, "umbrella.yaml", "acmap: 1\naccount: {id: umbrella, name: Umbrella Corp}\n"
    )
    write_map_file(repo, "broken.yaml", "acmap: 1\naccount: {id: broken, name: Broken\n")
    edit(
        repo,
        "globex.yaml",
        "    stance: supporter\n",
        "    stance: supporter\n    influnce: high\n",
    )
    commit(repo, "Reorganise")

    result = run_acmap("diff", "HEAD~1", "HEAD", cwd=repo)

    assert result.code == 0, result.err
    out = result.out
    assert "umbrella — Umbrella Corp (maps/umbrella.yaml): new account map" in out
    assert "initech — Initech (maps/initech.yaml): map removed" in out
    assert "was status red" in out
    assert "hooli — Hooli (maps/hooli-xyz.yaml): renamed from maps/hooli.yaml" in out
    assert "broken (maps/broken.yaml): new account map" in out
    assert "invalid after this change:" in out
    assert "maps/broken.yaml:2:10: E001 yaml-syntax unclosed '{'" in out
    # globex is broken on the new side: its validation error is shown, with a hint.
    assert "maps/globex.yaml:" in out and "E003 unknown-field" in out and "'influence'" in out
    # The new account's gaps are all new.
    assert "G403 no-goals" in out.split("umbrella", 1)[1]


def test_a_broken_base_is_reported_and_now_valid(repo: Path) -> None:
    edit(repo, "initech.yaml", "  name: Initech\n", "  name: Initech\n  tier: huge\n")
    commit(repo, "Break initech")
    edit(repo, "initech.yaml", "  tier: huge\n", "  tier: key\n")
    commit(repo, "Fix initech")

    out = run_acmap("diff", "HEAD~1", "HEAD", cwd=repo).out

    assert "invalid before this change (now valid):" in out
    assert "E005 invalid-value" in out and "'huge'" in out
    assert "status red" in out


def test_default_is_head_against_the_working_tree_untracked_maps_included(repo: Path) -> None:
    edit(repo, "initech.yaml", "stance: skeptic", "stance: supporter")
    write_map_file(repo, "acme.yaml", "acmap: 1\naccount: {id: acme, name: Acme}\n")

    result = run_acmap("diff", cwd=repo)

    assert result.code == 0, result.err
    assert "HEAD → working tree" in result.out
    assert "Bill Lumbergh: skeptic → supporter" in result.out
    assert "status red → green" in result.out
    assert "acme — Acme (maps/acme.yaml): new account map" in result.out


def test_three_dots_compare_with_the_merge_base(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "feature")
    mary_turns_blocker(repo)
    commit(repo, "Mary Lee turned")
    git(repo, "checkout", "-q", "main")
    edit(repo, "initech.yaml", "stance: skeptic", "stance: blocker")
    commit(repo, "Meanwhile on main")

    three = run_acmap("diff", "main...feature", cwd=repo).out
    two = run_acmap("diff", "main..feature", cwd=repo).out

    assert "Mary Lee: supporter → blocker" in three
    assert "Bill Lumbergh" not in three  # main's own change is not part of the branch
    assert "Bill Lumbergh: blocker → skeptic" in two  # the two trees, as they are


def test_paths_after_double_dash_narrow_the_diff(repo: Path) -> None:
    mary_turns_blocker(repo)
    edit(repo, "initech.yaml", "stance: skeptic", "stance: neutral")
    commit(repo, "Two accounts")

    out = run_acmap("diff", "HEAD~1", "HEAD", "--", "maps/initech.yaml", cwd=repo).out

    assert "Bill Lumbergh: skeptic → neutral" in out
    assert "Mary Lee" not in out


def test_only_comments_changed(repo: Path) -> None:
    edit(repo, "initech.yaml", "acmap: 1\n", "# Initech: the TPS people\nacmap: 1\n")
    commit(repo, "A comment")

    out = run_acmap("diff", "HEAD~1", "HEAD", cwd=repo).out

    assert "Only layout or comments changed: maps/initech.yaml" in out


def test_no_change_at_all(repo: Path) -> None:
    result = run_acmap("diff", cwd=repo)
    assert result.code == 0
    assert "No account map changed (HEAD → working tree)." in result.out


def test_fail_on_new(repo: Path) -> None:
    mary_turns_blocker(repo)
    commit(repo, "Mary Lee turned")

    assert run_acmap("diff", "HEAD~1", "HEAD", "--fail-on-new", "warning", cwd=repo).code == 1
    assert run_acmap("diff", "HEAD~1", "HEAD", "--fail-on-new", "error", cwd=repo).code == 0
    assert run_acmap("diff", "HEAD~1", "HEAD", cwd=repo).code == 0


def test_fail_on_new_counts_a_file_the_change_breaks(repo: Path) -> None:
    write_map_file(repo, "broken.yaml", "acmap: 1\naccount: [\n")
    commit(repo, "Oops")
    assert run_acmap("diff", "HEAD~1", "HEAD", "--fail-on-new", "error", cwd=repo).code == 1


def test_markdown_is_ready_for_a_pull_request(repo: Path) -> None:
    mary_turns_blocker(repo)
    for n in range(12):
        edit(repo, "globex.yaml", "goals: [", f"goals: [Goal {n}, ")
    commit(repo, "Many goals")

    md = run_acmap("diff", "HEAD~1", "HEAD", "--format", "markdown", cwd=repo).out

    assert md.startswith("## acmap diff — `HEAD~1..HEAD`")
    assert "| account | change | status and score | gaps opened | gaps closed |" in md
    assert "| **Globex Corporation** (`globex`) | changed | status green → amber" in md
    # A long account folds away; the summary stays visible above it.
    assert "<details><summary>" in md and "</details>" in md
    assert md.index("| **Globex") < md.index("<details>")
    assert "- Mary Lee: supporter → blocker" in md
    assert "`G301` unaddressed-blocker" in md


def test_json_is_structured(repo: Path) -> None:
    mary_turns_blocker(repo)
    commit(repo, "Mary Lee turned")

    doc = json.loads(run_acmap("diff", "HEAD~1", "HEAD", "-f", "json", cwd=repo).out)

    assert doc["version"] == 1 and doc["range"] == "HEAD~1..HEAD"
    (account,) = doc["accounts"]
    assert account["status"] == {"before": "green", "after": "amber"}
    stance = next(c for c in account["changes"] if c["field"] == "stance")
    assert stance == {
        "section": "stakeholders",
        "subject": "mlee",
        "field": "stance",
        "before": "supporter",
        "after": "blocker",
        "text": "Mary Lee: supporter → blocker",
    }
    opened = {g["code"]: g for g in account["gaps_opened"]}
    assert sorted(opened) == ["G203", "G301"]  # no owner, and an unaddressed blocker
    assert opened["G301"]["who"] == "Mary Lee" and opened["G301"]["subject"] == "mlee"
    assert doc["summary"]["gaps_opened"] == {"error": 0, "warning": 2, "info": 0}


def test_a_binary_map_file_is_an_invalid_file_not_a_crash(repo: Path) -> None:
    (repo / "maps" / "initech.yaml").write_bytes(b"acmap: 1\n\x00\x01\x02")
    commit(repo, "Binary")

    result = run_acmap("diff", "HEAD~1", "HEAD", cwd=repo)

    assert result.code == 0, result.err
    assert "E001 yaml-syntax binary content" in result.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nosuchrev",), "unknown revision 'nosuchrev'"),
        (("HEAD", "nope"), "unknown revision 'nope'"),
        (("main...nope",), "unknown revision 'nope'"),
        (("a", "b", "c"), "at most two revisions"),
        (("--format", "html"), "--format 'html'"),
        (("--fail-on-new", "info"), "--fail-on-new 'info'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(repo: Path, args: tuple[str, ...], message: str) -> None:
    result = run_acmap("diff", *args, cwd=repo)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err and len(result.err.strip().splitlines()) == 1


def test_outside_a_git_repository(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    result = run_acmap("diff", cwd=tmp_path)
    assert result.code == 2
    assert "is not inside a git repository" in result.err
    assert "Traceback" not in result.err


def test_a_repository_without_commits(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    result = run_acmap("diff", cwd=tmp_path)
    assert result.code == 2
    assert "unknown revision 'HEAD' (the repository has no commits yet)" in result.err


def test_links_are_worded_as_everywhere_else(repo: Path) -> None:
    # The same verbs as `gaps` and `path`: one set of link words (acmap.words).
    edit(
        repo,
        "globex.yaml",
        "  - {from: jkim, to: mlee, type: influences, strength: strong}\n",
        "  - {from: jkim, to: mlee, type: influences, strength: strong}\n"
        "  - {from: jkim, to: ceo, type: dotted_line, strength: weak}\n",
    )
    commit(repo, "A dotted line")

    out = run_acmap("diff", "HEAD~1", "HEAD", cwd=repo).out

    assert "New link: Jin Kim has a dotted line to Hank Scorpio (weak)" in out


def test_a_mistyped_fail_level_gets_a_suggestion(repo: Path) -> None:
    result = run_acmap("diff", "--fail-on-new", "warn", cwd=repo)
    assert result.code == 2
    assert result.err == (
        "acmap: --fail-on-new 'warn': expected one of error, warning, never "
        "(did you mean 'warning'?)\n"
    )


def test_renames_in_the_work_tree_and_rewritten_renames(repo: Path) -> None:
    # Not staged: git's own diff would see a deletion and an untracked file.
    (repo / "maps" / "hooli.yaml").rename(repo / "maps" / "hooli-xyz.yaml")
    out = run_acmap("diff", cwd=repo).out
    assert "hooli — Hooli (maps/hooli-xyz.yaml): renamed from maps/hooli.yaml" in out

    # Renamed and rewritten past git's similarity: still the same account, so a rename.
    git(repo, "rm", "-q", "maps/initech.yaml")
    write_map_file(
        repo,
        "initech-corp.yaml",
        "acmap: 1\naccount: {id: initech, name: Initech Corp}\nstakeholders:\n"
        "  - {id: milton, name: Milton Waddams, roles: [economic_buyer], stance: blocker}\n",
    )
    commit(repo, "Initech rewritten")
    out = run_acmap("diff", "HEAD~1", "HEAD", cwd=repo).out
    assert "initech — Initech Corp (maps/initech-corp.yaml): renamed from maps/initech.yaml" in out
    assert "Bill Lumbergh" in out and "Milton Waddams" in out


def test_a_change_that_keeps_size_and_times_is_still_seen(repo: Path) -> None:
    path = repo / "maps" / "initech.yaml"
    before = path.stat()
    path.write_text(path.read_text().replace("skeptic", "neutral"), encoding="utf-8")
    assert path.stat().st_size == before.st_size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the index's mtime again

    out = run_acmap("diff", cwd=repo).out

    assert "Bill Lumbergh: skeptic → neutral" in out


def test_a_map_over_the_size_limit_is_reported_not_read(repo: Path) -> None:
    big = "acmap: 1\naccount: {id: big, name: Big}\n" + "# padding padding padding\n" * 210_000
    write_map_file(repo, "big.yaml", big)

    worktree = run_acmap("diff", cwd=repo)
    commit(repo, "A big map")
    between = run_acmap("diff", "HEAD~1", "HEAD", cwd=repo)

    for result in (worktree, between):
        assert result.code == 0, result.err
        assert "maps/big.yaml:1:1: E011 unsafe-yaml file is 5,460,0" in result.out
        assert "over the 5,242,880-byte size limit" in result.out


# --- a stakeholder's id changes -------------------------------------------------------------------


def mary_gets_a_new_id(repo: Path) -> None:
    """mlee becomes mary-lee, and everything that named her follows."""
    edit(repo, "globex.yaml", "  - id: mlee\n", "  - id: mary-lee\n")
    edit(repo, "globex.yaml", "    reports_to: mlee\n", "    reports_to: mary-lee\n")
    edit(repo, "globex.yaml", "to: mlee,", "to: mary-lee,")


def test_a_changed_id_is_the_same_person_not_a_new_one(repo: Path) -> None:
    mary_gets_a_new_id(repo)
    edit(repo, "globex.yaml", "    stance: supporter\n", "    stance: advocate\n")
    commit(repo, "Tidy Mary's id")

    result = run_acmap("diff", "HEAD~1", "HEAD", cwd=repo)

    assert result.code == 0, result.err
    out = result.out
    assert "Mary Lee: id changed: mlee → mary-lee" in out
    assert "Mary Lee: supporter → advocate" in out  # her other changes still show
    for phantom in ("New on the map", "Removed from the map", "New link", "Link removed"):
        assert phantom not in out
    assert "reports to" not in out  # Jin Kim's reports_to followed the id: no change
    assert "gap opened" not in out and "gap closed" not in out


def test_a_changed_id_in_json(repo: Path) -> None:
    mary_gets_a_new_id(repo)
    commit(repo, "Tidy Mary's id")

    doc = json.loads(run_acmap("diff", "HEAD~1", "HEAD", "-f", "json", cwd=repo).out)

    (account,) = doc["accounts"]
    assert account["ids_changed"] == [{"before": "mlee", "after": "mary-lee", "matched_by": "name"}]
    assert account["changes"] == [
        {
            "section": "stakeholders",
            "subject": "mary-lee",
            "field": "id",
            "before": "mlee",
            "after": "mary-lee",
            "text": "Mary Lee: id changed: mlee → mary-lee",
        }
    ]
    assert account["gaps_opened"] == [] and account["gaps_closed"] == []
    assert doc["summary"]["ids_changed"] == 1


def test_a_changed_id_and_name_are_paired_by_email(repo: Path) -> None:
    edit(
        repo,
        "globex.yaml",
        "    owner: omar\n",
        "    owner: omar\n    contact: {email: jin.kim@globex.example}\n",
    )
    commit(repo, "Jin's email")
    edit(
        repo,
        "globex.yaml",
        "  - id: jkim\n    name: Jin Kim\n",
        "  - id: jhk\n    name: Jin-ho Kim\n",
    )
    edit(repo, "globex.yaml", "{from: jkim,", "{from: jhk,")
    edit(repo, "globex.yaml", "email: jin.kim@globex.example", "email: Jin.Kim@Globex.example")
    commit(repo, "Jin's full name")

    out = run_acmap("diff", "HEAD~1", "HEAD", cwd=repo).out
    md = run_acmap("diff", "HEAD~1", "HEAD", "-f", "markdown", cwd=repo).out

    assert "Jin-ho Kim: id changed: jkim → jhk" in out
    assert "Jin-ho Kim: renamed from Jin Kim" in out
    assert "New on the map" not in out and "Removed from the map" not in out
    assert "Link removed" not in out and "New link" not in out
    assert "Jin-ho Kim: contact details changed (email)" in out  # its case: matched all the same
    assert "- Jin-ho Kim: id changed: jkim → jhk" in md


def test_two_people_with_one_name_are_not_guessed(repo: Path) -> None:
    # Two Mary Lees leave and one arrives: which one is she? Nobody is paired.
    edit(
        repo,
        "globex.yaml",
        "  - id: jkim\n",
        "  - {id: mlee2, name: Mary Lee, title: Buyer, stance: neutral}\n  - id: jkim\n",
    )
    commit(repo, "A second Mary Lee")
    mary_gets_a_new_id(repo)
    edit(
        repo, "globex.yaml", "  - {id: mlee2, name: Mary Lee, title: Buyer, stance: neutral}\n", ""
    )
    commit(repo, "One Mary Lee left, the other got a new id")

    out = run_acmap("diff", "HEAD~1", "HEAD", cwd=repo).out

    assert "id changed" not in out
    assert "New on the map: Mary Lee" in out and "Removed from the map: Mary Lee" in out


# --- what --fail-on-new counts ---------------------------------------------------------------------


def test_a_new_accounts_gaps_are_listed_but_not_counted(repo: Path) -> None:
    write_map_file(repo, "umbrella.yaml", "acmap: 1\naccount: {id: umbrella, name: Umbrella}\n")
    commit(repo, "A new account, as acmap new writes it: gaps everywhere")

    strict = run_acmap("diff", "HEAD~1", "HEAD", "--fail-on-new", "warning", cwd=repo)
    md = run_acmap("diff", "HEAD~1", "HEAD", "-f", "markdown", "--fail-on-new", "error", cwd=repo)

    assert strict.code == 0, strict.out
    assert "+ gap opened  error    G104 single-threaded" in strict.out  # still listed
    assert "new account: 7 gaps (not counted by --fail-on-new)" in strict.out
    assert md.code == 0 and "new account: 7 gaps (not counted by --fail-on-new)" in md.out


def test_a_new_invalid_file_still_counts(repo: Path) -> None:
    write_map_file(
        repo, "umbrella.yaml", "acmap: 1\naccount: {id: umbrella, name: Umbrella, tier: x}\n"
    )
    commit(repo, "A new account, broken")
    assert run_acmap("diff", "HEAD~1", "HEAD", "--fail-on-new", "error", cwd=repo).code == 1


def test_a_worse_status_counts_as_a_warning(repo: Path) -> None:
    # Mary Lee cools to neutral: green → amber, and no gap of warning level opens.
    edit(repo, "globex.yaml", "    stance: supporter\n", "    stance: neutral\n")
    commit(repo, "Mary Lee cooled")

    warning = run_acmap("diff", "HEAD~1", "HEAD", "--fail-on-new", "warning", cwd=repo)
    error = run_acmap("diff", "HEAD~1", "HEAD", "--fail-on-new", "error", cwd=repo)
    doc = json.loads(run_acmap("diff", "HEAD~1", "HEAD", "-f", "json", cwd=repo).out)
    md = run_acmap("diff", "HEAD~1", "HEAD", "-f", "markdown", cwd=repo).out

    assert "status green → amber" in warning.out
    assert "gap opened" not in warning.out
    assert "status worse: counts as a warning for --fail-on-new" in warning.out
    assert warning.code == 1 and error.code == 0
    assert doc["accounts"][0]["status_worse"] is True
    assert "status worse: counts as a warning for --fail-on-new" in md


def test_a_better_status_does_not_count(repo: Path) -> None:
    edit(repo, "initech.yaml", "stance: skeptic", "stance: supporter")
    commit(repo, "Bill came round")
    result = run_acmap("diff", "HEAD~1", "HEAD", "--fail-on-new", "warning", cwd=repo)
    assert "status red → green" in result.out and "status worse" not in result.out
    assert result.code == 0


# --- summaries ------------------------------------------------------------------------------------


def test_closed_gaps_have_a_noun_and_counts_by_severity(repo: Path) -> None:
    mary_turns_blocker(repo)
    commit(repo, "Mary Lee turned")
    edit(repo, "globex.yaml", "    stance: blocker\n", "    stance: supporter\n")
    edit(
        repo,
        "globex.yaml",
        "    influence: high\n    last_contact: 2026-09-14",
        "    influence: high\n    owner: dana\n    last_contact: 2026-09-14",
    )
    commit(repo, "Mary Lee back")

    out = run_acmap("diff", "HEAD~1", "HEAD", cwd=repo).out

    assert "2 gaps closed (2 warnings)" in out.splitlines()[0]


def test_markdown_table_counts_opened_gaps_by_severity_and_never_folds_an_error(
    repo: Path,
) -> None:
    mary_turns_blocker(repo)
    edit(repo, "globex.yaml", "    roles: [economic_buyer]\n", "    roles: []\n")  # G101, an error
    for n in range(12):
        edit(repo, "globex.yaml", "goals: [", f"goals: [Goal {n}, ")
    commit(repo, "Many goals, and nobody holds the money")

    md = run_acmap("diff", "HEAD~1", "HEAD", "--format", "markdown", cwd=repo).out

    row = next(line for line in md.splitlines() if line.startswith("| **Globex"))
    assert row.endswith("| 1 error, 2 warnings | — |"), row
    assert "<details>" not in md  # long, but an error opened: shown open
    assert "🔴 error `G101` no-economic-buyer" in md


# --- a file the change leaves invalid -------------------------------------------------------------


def test_an_invalid_head_file_has_no_current_status_or_score(repo: Path) -> None:
    unknown = "".join(f"    field{n}: {n}\n" for n in range(5))
    edit(repo, "globex.yaml", "    stance: supporter\n", "    stance: supporter\n" + unknown)
    commit(repo, "Five typos")

    out = run_acmap("diff", "HEAD~1", "HEAD", cwd=repo).out
    md = run_acmap("diff", "HEAD~1", "HEAD", "-f", "markdown", cwd=repo).out
    doc = json.loads(run_acmap("diff", "HEAD~1", "HEAD", "-f", "json", cwd=repo).out)

    lines = out.splitlines()
    at = lines.index("globex — Globex Corporation (maps/globex.yaml)")
    assert lines[at + 1].startswith("  invalid (was status green · score ")
    assert "  invalid after this change:" in lines
    assert "unknown field 'field0'" in out and "unknown field 'field2'" in out
    assert "field3" not in out and "    … and 2 more errors" in lines  # the first errors only
    row = next(line for line in md.splitlines() if line.startswith("| **Globex"))
    assert "| changed ⚠️ invalid | invalid (was status green · score " in row
    assert "- … and 2 more errors" in md
    assert doc["accounts"][0]["status"]["after"] is None
    assert doc["accounts"][0]["score"]["after"] is None
    assert run_acmap("diff", "HEAD~1", "HEAD", "--fail-on-new", "error", cwd=repo).code == 1


# --- the terminal: width and colour ----------------------------------------------------------------

_ANSI = re.compile("\x1b\\[[0-9;]*m")
LONG_WORD = "Incorporated" * 15  # 180 letters, no space to break at
WIDE = "株式会社グローベックス" * 4  # 44 wide characters: 88 columns


def hostile_globex(repo: Path) -> None:
    """Names no terminal is ready for: one long word, wide characters, an escape sequence."""
    edit(repo, "globex.yaml", "  name: Globex Corporation\n", f'  name: "Globex {LONG_WORD}"\n')
    edit(repo, "globex.yaml", "    name: Mary Lee\n", f'    name: "Mary \\e[31m{WIDE} Lee"\n')
    commit(repo, "Hostile names")
    mary_turns_blocker(repo)
    edit(repo, "globex.yaml", "    roles: [economic_buyer]\n", "    roles: []\n")
    commit(repo, "Mary Lee turned")


def _columns(line: str) -> int:
    """Terminal columns, counted here on their own: wide characters take two."""
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in _ANSI.sub("", line))


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize(
    "colour", [{}, {"FORCE_COLOR": "1", "NO_COLOR": ""}], ids=["plain", "colour"]
)
def test_text_fits_the_width(repo: Path, columns: int, colour: dict[str, str]) -> None:
    hostile_globex(repo)

    result = run_acmap("diff", "HEAD~1", "HEAD", cwd=repo, env={"COLUMNS": str(columns), **colour})

    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert max(_columns(line) for line in lines) <= columns, result.out
    assert max(_columns(line) for line in lines) > columns - 15  # and uses it
    plain = _ANSI.sub("", result.out)
    assert "\x1b[31m" + WIDE not in result.out and "\\x1b[31m" in plain  # the escape made visible
    # Wrapped on words with a hanging indent: every line of a sentence after its first is
    # indented further, and the words are all there, in order.
    joined = " ".join(line.strip() for line in plain.splitlines())
    assert "G101 no-economic-buyer — no economic buyer identified" in joined
    gap = next(n for n, line in enumerate(lines) if "G203" in line)
    assert _ANSI.sub("", lines[gap + 1]).startswith("      ")
    assert LONG_WORD in plain.replace("\n", "").replace(" ", "")
    assert ("\x1b[" in result.out) == bool(colour)


def test_colour_on_a_terminal_and_plain_with_no_color(repo: Path) -> None:
    from tests.helpers import in_pty

    mary_turns_blocker(repo)
    edit(repo, "globex.yaml", "    roles: [economic_buyer]\n", "    roles: []\n")
    edit(
        repo,
        "globex.yaml",
        "  - id: jkim\n",
        "  - {id: wzhang, name: Wei Zhang, stance: neutral}\n  - id: jkim\n",
    )
    env = {"COLUMNS": "80", "NO_COLOR": ""}

    coloured = in_pty(["diff"], repo, env)
    plain = in_pty(["diff"], repo, {**env, "NO_COLOR": "1"})

    assert "\x1b[" in coloured and "\x1b[" not in plain
    assert _ANSI.sub("", coloured) == plain  # the same words, only coloured
    assert "\x1b[32mNew on the map: Wei Zhang" in coloured  # added: green
    assert "\x1b[31mLink removed: Jin Kim influences Mary Lee" in coloured  # removed: red
    assert "\x1b[1;31merror" in coloured and "\x1b[33mwarning" in coloured  # severity styles
    assert "\x1b[1;32mgreen\x1b[0m → \x1b[1;33mamber" in coloured  # statuses in their colours
    assert max(len(line) for line in plain.splitlines()) <= 80


@given(
    text=st.text(st.characters(codec="utf-8"), max_size=300),
    style=st.sampled_from(["", "bold", "red"]),
    total=st.integers(60, 200),
    indent=st.integers(0, 4),
)
def test_fill_keeps_every_word_within_the_width(
    text: str, style: str, total: int, indent: int
) -> None:
    from acmap.report.layout import cells, fill, visible

    filled = fill([("+ gap opened  ", ""), (text, style)], total, indent, 4)

    lines = ["".join(t for t, _ in line) for line in filled]
    assert all(cells(line) <= total for line in lines), lines
    assert all("\n" not in line and "\x1b" not in line for line in lines)
    assert all(line.startswith(" " * (indent + 4)) for line in lines[1:])
    words = "".join(visible("+ gap opened  " + text).split())
    assert "".join("".join(lines).split()) == words  # nothing lost, nothing reordered


def test_the_help_says_what_fail_on_new_counts(repo: Path) -> None:
    result = run_acmap("diff", "--help", cwd=repo, env={"COLUMNS": "300"})
    assert "makes an account's status worse" in result.out
    assert "A new account's gaps are listed but not counted" in result.out
