"""`--at REV`: every reading command sees the maps (and acmap.toml) of a past commit, read from
git's objects, while the work tree holds other maps, broken ones, and is never touched.

The story, one repository for the module (the tests only read it):

- 2026-03-02 `march`: Globex (Mary Lee a supporter, partner Stratus knows her) and Initech;
  acmap.toml makes gone-dark (G201) an error.
- 2026-05-10 `may`: Mary Lee turned blocker, Initech deleted, the G201 override gone.
- 2026-06-01 `june`: acmap.toml is not TOML any more.
- the work tree: globex.yaml is not YAML, a new untracked map, acmap.toml broken too.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from tests.helpers import GIT_ENV, Result, git, run_acmap

GLOBEX = """\
acmap: 1
account:
  id: globex
  name: Globex Corporation
  tier: key
  owner: dana
  team:
    - {id: dana, name: Dana Ruiz}
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
    last_contact: 2026-07-14
partners:
  - id: stratus
    name: Stratus Cloud
    type: technology
    owner: dana
    knows:
      - {stakeholder: mlee, strength: strong}
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

TOML_MARCH = 'maps = "maps"\ntoday = "2026-11-22"\n\n[gaps.severity]\nG201 = "error"\n'
TOML_MAY = 'maps = "maps"\ntoday = "2026-11-22"\n'
TOML_JUNE = 'maps = "maps"\ntoday = [oops\n'
ENV = {"TZ": "UTC"}  # a date means a day in local time, as git reads it: pin it


def commit_on(repo: Path, day: str, message: str) -> str:
    """Stage everything and commit as of noon UTC on `day`; the new commit id."""
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    for args in (["add", "-A"], ["commit", "-q", "--allow-empty", "-m", message]):
        subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=repo, env=env, check=True)
    return git(repo, "rev-parse", "HEAD").strip()


def write(repo: Path, name: str, text: str) -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("at") / "accounts"
    repo.mkdir()
    git(repo, "init", "-q")
    write(repo, "acmap.toml", TOML_MARCH)
    write(repo, "maps/globex.yaml", GLOBEX)
    write(repo, "maps/initech.yaml", INITECH)
    commit_on(repo, "2026-03-02", "March maps")
    git(repo, "tag", "march")
    write(repo, "acmap.toml", TOML_MAY)
    write(repo, "maps/globex.yaml", GLOBEX.replace("stance: supporter", "stance: blocker"))
    (repo / "maps/initech.yaml").unlink()
    commit_on(repo, "2026-05-10", "Mary Lee turned; Initech lost")
    git(repo, "tag", "may")
    write(repo, "acmap.toml", TOML_JUNE)
    commit_on(repo, "2026-06-01", "A bad acmap.toml")
    git(repo, "tag", "june")
    # The work tree: broken and different everywhere.
    write(repo, "maps/globex.yaml", "acmap: 1\naccount: [not, a, map\n")
    write(repo, "maps/hooli.yaml", INITECH.replace("initech", "hooli"))
    return repo


def acmap_in(repo: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return run_acmap(*args, cwd=repo, env={**ENV, **(env or {})})


def as_json(result: Result) -> dict[str, object]:
    assert result.code in (0, 1), result.err
    document: dict[str, object] = json.loads(result.out)
    return document


def checkout(repo: Path, rev: str, where: Path) -> Path:
    """A real checkout of `rev`, in a clone beside the repository."""
    git(where.parent, "clone", "-q", str(repo), where.name)
    git(where, "checkout", "-q", "--detach", rev)
    return where


class Untouched:
    """The work tree as `git status` and the file system see it: what --at must not change."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        self.before = self.look()

    def look(self) -> tuple[str, dict[str, int]]:
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all"],
            cwd=self.repo,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        times = {
            str(path.relative_to(self.repo)): path.lstat().st_mtime_ns
            for path in self.repo.rglob("*")
            if ".git" not in path.relative_to(self.repo).parts or path.name == "index"
        }
        return status, times

    def check(self) -> None:
        assert self.look() == self.before


# --- the acceptance: gaps --at REV is gaps in a checkout of REV ------------------------------


@pytest.mark.parametrize("rev", ["march", "may"])
def test_gaps_at_a_revision_equals_gaps_in_a_checkout_of_it(
    story: Path, tmp_path: Path, rev: str
) -> None:
    untouched = Untouched(story)
    at = as_json(acmap_in(story, "gaps", "--at", rev, "--format", "json"))
    there = checkout(story, rev, tmp_path / "checkout")
    assert at == as_json(acmap_in(there, "gaps", "--format", "json"))
    # In worker processes too (bytes read before the fork), and by commit id.
    commit_id = git(story, "rev-parse", rev).strip()
    parallel = acmap_in(story, "gaps", "--at", commit_id, "-f", "json", env={"ACMAP_JOBS": "2"})
    assert as_json(parallel) == at
    untouched.check()


def test_the_settings_of_the_revision_are_used(story: Path) -> None:
    def g201(rev: str) -> set[str]:
        document = as_json(acmap_in(story, "gaps", "--at", rev, "-f", "json", "--rule", "G201"))
        findings = document["findings"]
        assert isinstance(findings, list)
        return {f["severity"] for f in findings}

    assert g201("march") == {"error"}  # [gaps.severity] G201 = "error" exists only in March
    assert g201("may") == {"warning"}


def test_a_bad_acmap_toml_at_the_revision_is_named_with_it(story: Path) -> None:
    result = acmap_in(story, "gaps", "--at", "june")
    assert result.code == 2
    assert result.err.startswith("acmap: acmap.toml@june:2:10: not valid TOML"), result.err
    assert "Traceback" not in result.err


# --- every reading command, while the work tree is broken ------------------------------------


def test_validate_reads_the_revision(story: Path) -> None:
    untouched = Untouched(story)
    assert acmap_in(story, "validate").code == 2  # the work tree's acmap.toml is broken
    result = acmap_in(story, "validate", "--at", "march", "--format", "json")
    assert result.code == 0, result.out + result.err
    document = as_json(result)
    assert document["findings"] == []
    assert "2 files" in acmap_in(story, "validate", "--at", "march", "--no-cache").out
    again = acmap_in(story, "validate", "--at", "march", "-f", "json")  # from the cache
    assert as_json(again) == document
    untouched.check()


def test_list_reads_the_revision(story: Path) -> None:
    def accounts(rev: str) -> dict[str, str]:
        document = as_json(acmap_in(story, "list", "--at", rev, "--format", "json"))
        rows = document["accounts"]
        assert isinstance(rows, list)
        return {row["id"]: row["status"] for row in rows}

    untouched = Untouched(story)
    march, may = accounts("march"), accounts("may")
    assert set(march) == {"globex", "initech"}  # no hooli: it is only in the work tree
    assert set(may) == {"globex"}
    assert march["globex"] != may["globex"]  # a supporter turned blocker
    untouched.check()


def test_show_reads_the_revision(story: Path) -> None:
    untouched = Untouched(story)
    march = acmap_in(story, "show", "globex", "--at", "march")
    may = acmap_in(story, "show", "maps/globex.yaml", "--at", "may")
    assert march.code == 0 and may.code == 0, march.err + may.err
    assert "Mary Lee" in march.out and "supporter" in march.out
    assert "blocker" in may.out
    gone = acmap_in(story, "show", "initech", "--at", "may")
    assert gone.code == 2 and "no map file, folder or account id 'initech' at may" in gone.err
    assert acmap_in(story, "show", "initech", "--at", "march").code == 0
    untouched.check()


def test_render_reads_the_revision(story: Path, tmp_path: Path) -> None:
    untouched = Untouched(story)
    dot = acmap_in(story, "render", "globex", "--at", "march", "--format", "dot")
    assert dot.code == 0, dot.err
    assert dot.out.startswith("digraph") and "Mary Lee" in dot.out
    assert dot.out != acmap_in(story, "render", "globex", "--at", "may", "-f", "dot").out
    picture = tmp_path / "globex.svg"
    drawn = acmap_in(story, "render", "globex", "--at", "march", "-o", str(picture))
    assert drawn.code == 0, drawn.err
    assert picture.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))
    untouched.check()


def test_render_refuses_at_with_diff(story: Path) -> None:
    result = acmap_in(story, "render", "globex", "--at", "march", "--diff", "may")
    assert result.code == 2
    assert "--at and --diff cannot be combined" in result.err


def test_partners_reads_the_revision(story: Path) -> None:
    untouched = Untouched(story)
    march = acmap_in(story, "partners", "--at", "march", "--format", "json")
    assert march.code == 0, march.err
    assert "stratus" in march.out and "Mary Lee" in march.out
    untouched.check()


def test_export_reads_the_revision(story: Path) -> None:
    untouched = Untouched(story)
    document = as_json(acmap_in(story, "export", "--at", "march", "--format", "json"))
    accounts = document["accounts"]
    assert isinstance(accounts, list)
    assert [a["id"] for a in accounts] == ["globex", "initech"]
    stances = {s["name"]: s["stance"] for s in accounts[0]["stakeholders"]}
    assert stances["Mary Lee"] == "supporter"
    csv = acmap_in(story, "export", "--at", "may")
    assert csv.code == 0 and "blocker" in csv.out and "Initech" not in csv.out
    untouched.check()


@pytest.mark.parametrize("command", ["qualify", "actions", "list", "partners", "people"])
@pytest.mark.parametrize("rev", ["march", "may"])
def test_a_reading_command_at_a_revision_equals_it_in_a_checkout(
    story: Path, tmp_path: Path, command: str, rev: str
) -> None:
    untouched = Untouched(story)
    at = as_json(acmap_in(story, command, "--at", rev, "--format", "json"))
    there = as_json(acmap_in(checkout(story, rev, tmp_path / "checkout"), command, "-f", "json"))
    assert at == there
    untouched.check()


def test_paths_and_ids_mean_what_they_mean_without_at(story: Path) -> None:
    by_id = as_json(acmap_in(story, "validate", "--at", "march", "initech", "-f", "json"))
    by_path = as_json(
        acmap_in(story, "validate", "--at", "march", "maps/initech.yaml", "-f", "json")
    )
    assert by_id == by_path
    # From the maps folder: a path relative to it, and names shown relative to it.
    inside = acmap_in(story / "maps", "gaps", "--at", "march", "globex.yaml", "-f", "json")
    findings = as_json(inside)["findings"]
    assert isinstance(findings, list) and findings
    assert {f["file"] for f in findings} == {"globex.yaml"}
    missing = acmap_in(story, "validate", "--at", "may", "maps/initech.yaml")
    assert missing.code == 2
    assert "maps/initech.yaml: no such file or folder at may" in missing.err


# --- which commit a date names ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "rev"),
    [
        ("2026-03-02", "march"),
        ("2026-05-09", "march"),
        ("2026-05-10", "may"),
        ("2026-12-31", "june"),
    ],
)
def test_a_date_means_the_last_commit_on_or_before_that_day(
    story: Path, day: str, rev: str
) -> None:
    if rev == "june":  # its acmap.toml is broken: the message names the date the user gave
        result = acmap_in(story, "list", "--at", day)
        assert result.code == 2 and f"acmap.toml@{day}:2:10" in result.err
        return
    by_day = acmap_in(story, "list", "--at", day, "-f", "json")
    assert as_json(by_day) == as_json(acmap_in(story, "list", "--at", rev, "-f", "json"))


def test_a_date_before_the_first_commit_says_so(story: Path) -> None:
    result = acmap_in(story, "gaps", "--at", "2026-03-01")
    assert result.code == 2
    assert "no commit on or before 2026-03-01" in result.err
    assert "the first is from 2026-03-02" in result.err


# --- bad revisions: exit 2 with the reason, never a traceback --------------------------------


@pytest.mark.parametrize(
    ("rev", "message"),
    [
        ("no-such-branch", "unknown revision 'no-such-branch'"),
        ("-x", "'-x' is not a revision"),
        ("--output=/tmp/x", "is not a revision"),
        ("2026-02-30", "'2026-02-30' is not a date (expected YYYY-MM-DD)"),
        ("march:maps", "unknown revision"),  # a tree, not a commit
    ],
)
def test_a_bad_revision_is_a_usage_error(story: Path, rev: str, message: str) -> None:
    result = acmap_in(story, "list", f"--at={rev}")
    assert result.code == 2
    assert message in result.err, result.err
    assert "Traceback" not in result.err


def test_outside_a_git_repository(tmp_path: Path) -> None:
    write(tmp_path, "maps/initech.yaml", INITECH)
    result = acmap_in(tmp_path, "validate", "--at", "HEAD")
    assert result.code == 2
    assert "is not inside a git repository (--at reads the maps from git)" in result.err


def test_a_repository_without_commits(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    for rev in ("HEAD", "2026-01-01"):
        result = acmap_in(tmp_path, "validate", "--at", rev)
        assert result.code == 2
        assert "the repository has no commits yet" in result.err


def test_git_missing(story: Path, tmp_path: Path) -> None:
    result = acmap_in(story, "list", "--at", "march", env={"PATH": str(tmp_path)})
    assert result.code == 2
    assert "git is not installed (or not on PATH)" in result.err


def test_a_shallow_clone_that_lacks_the_commit(story: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{story}", "shallow")
    march = git(story, "rev-parse", "march").strip()
    for rev in (march, "2026-04-01"):
        result = acmap_in(shallow, "list", "--at", rev)
        assert result.code == 2
        assert "shallow clone" in result.err and "git fetch --unshallow" in result.err


# --- what a commit's tree may hold -----------------------------------------------------------


def test_hostile_names_symlinks_and_submodules_in_the_tree(tmp_path: Path) -> None:
    """No acmap.toml at the commit: the defaults. A map whose name holds a newline and a
    terminal escape is read and named safely; a symlink out of the repository is E011 and never
    read; one inside is followed; a submodule named like a map is skipped. All as a checkout
    of that commit says."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    hostile = "maps/evil\n\x1b[31mred.yaml"
    write(repo, hostile, INITECH.replace("initech", "evil"))
    write(repo, "shared/globex.yaml", GLOBEX)
    (repo / "maps/leak.yaml").symlink_to("/etc/passwd")
    (repo / "maps/globex.yaml").symlink_to("../shared/globex.yaml")
    first = commit_on(repo, "2026-03-02", "Maps, links and a hostile name")
    git(repo, "update-index", "--add", "--cacheinfo", f"160000,{first},maps/sub.yaml")
    git(repo, "commit", "-q", "-m", "A submodule named like a map")
    for path in (repo / hostile, repo / "maps/leak.yaml", repo / "maps/globex.yaml"):
        path.unlink()  # the work tree has none of them
    untouched = Untouched(repo)

    at = acmap_in(repo, "validate", "--at", "HEAD", "--format", "json")
    assert at.code == 1, at.err
    findings = as_json(at)["findings"]
    assert isinstance(findings, list)
    codes = [(f["file"], f["code"]) for f in findings]
    assert codes == [(hostile, "W001"), ("maps/leak.yaml", "E011")]  # W001: not named like an id
    assert "root:" not in at.out  # /etc/passwd was never read
    there = checkout(repo, "HEAD", tmp_path / "checkout")
    assert as_json(acmap_in(there, "validate", "-f", "json")) == as_json(at)
    gaps_at = as_json(acmap_in(repo, "gaps", "--at", "HEAD", "-f", "json"))
    assert gaps_at == as_json(acmap_in(there, "gaps", "-f", "json"))
    text = acmap_in(repo, "gaps", "--at", "HEAD")
    assert text.code == 0, text.err
    assert "\x1b" not in text.out and "red.yaml" in text.out
    untouched.check()


# --- in process: the walk, and any text as a revision ----------------------------------------


def test_a_folder_is_walked_in_the_work_tree_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each folder's files before its subfolders, hidden names skipped, ids from the maps
    folder: the files --at selects, in order, are those a checkout's walk gives."""
    from acmap.analysis.policy import load_settings
    from acmap.load import display, map_files

    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    names = [
        "maps/b.yaml",
        "maps/a/x.yml",
        "maps/a/b/y.yaml",
        "maps/a-b/z.yaml",
        "maps/A.yaml",
        "maps/.hidden/skip.yaml",
        "maps/.skip.yaml",
        "maps/notes.txt",
        "maps/über/ä.yaml",
        "maps/a/b.yaml",
        "other/w.yaml",
    ]
    for name in names:
        write(repo, name, INITECH)
    commit_on(repo, "2026-03-02", "Many folders")
    there = checkout(repo, "HEAD", tmp_path / "checkout")
    for path in repo.rglob("*.y*ml"):
        path.unlink()  # the work tree has no maps at all

    def selected(project: Path, at: str | None, targets: list[str]) -> list[str]:
        monkeypatch.chdir(project)
        files, unreadable = map_files(targets, load_settings(at=at))
        assert unreadable == []
        return [display(file) for file in files]  # as reports name them

    for targets in ([], ["maps/a"], ["y", "maps/b.yaml", "maps/a"], ["."]):
        assert selected(repo, "HEAD", targets) == selected(there, None, targets), targets


@given(st.text(max_size=30))
@example("a\0b")
@example("2026-02-29")
@example("HEAD^{tree}")
@example("march~9")
@settings(deadline=None)
def test_any_text_as_a_revision_is_an_answer_or_a_clear_error(story: Path, rev: str) -> None:
    """No text given to --at crashes: a commit's settings, or GitError / ConfigError."""
    from acmap.analysis.policy import settings_at
    from acmap.git import GitError
    from acmap.settings import ConfigError

    try:
        found = settings_at(rev, story)
    except (GitError, ConfigError) as exc:
        assert str(exc)
    else:
        assert found.snapshot is not None and found.snapshot.commit


def test_a_partial_clone_that_lacks_the_blobs(tmp_path: Path) -> None:
    """acmap's git never fetches: blobs of an old commit that a partial clone lacks (its
    acmap.toml, or a map) are a clear message, not a download and not a traceback."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    write(repo, "acmap.toml", TOML_MARCH)
    write(repo, "maps/initech.yaml", INITECH)
    commit_on(repo, "2026-03-02", "March")
    write(repo, "acmap.toml", TOML_MAY)
    write(repo, "maps/initech.yaml", INITECH.replace("Initech", "Initech Ltd"))
    commit_on(repo, "2026-05-10", "May: new settings, a new name")
    write(repo, "maps/initech.yaml", INITECH.replace("Initech", "Initech plc"))
    commit_on(repo, "2026-06-01", "June: only the map")
    upload = "git -c uploadpack.allowFilter=true upload-pack"
    git(tmp_path, "clone", "-q", "--filter=blob:none", "-u", upload, f"file://{repo}", "partial")
    partial = tmp_path / "partial"
    assert acmap_in(partial, "list", "--at", "HEAD").code == 0  # the checkout's blobs are there
    for rev, missing in (("2026-03-02", "acmap.toml@2026-03-02: "), ("HEAD~1", "the maps")):
        result = acmap_in(partial, "list", "--at", rev)
        assert result.code == 2, result.out
        assert missing in result.err and "a partial clone" in result.err, result.err
        assert "Traceback" not in result.err
