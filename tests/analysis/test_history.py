"""`acmap history`'s pipeline on a real, scripted git history (tests/history_repo.py), and the
log parser on every text an author or a subject may hold."""

from __future__ import annotations

import io
import os
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from acmap.analysis.history import (
    AccountHistory,
    HistoryResult,
    HistorySelectionError,
    account_history,
)
from acmap.analysis.policy import load_settings
from acmap.git import GitError
from acmap.git.log import _entries, _tokens
from tests.history_repo import scripted_history

TODAY = date(2026, 11, 1)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("history") / "maps-repo"
    return root, scripted_history(root)


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ACMAP_CACHE_KEY", str(tmp_path / "cache.key"))
    (tmp_path / "cache").mkdir()


def run(repo: tuple[Path, list[str]], *targets: str, **options: Any) -> HistoryResult:
    root, _ = repo
    old = Path.cwd()
    os.chdir(root)
    try:
        return account_history(list(targets), load_settings(), TODAY, cwd=root, **options)
    finally:
        os.chdir(old)


def account(result: HistoryResult, name: str) -> AccountHistory:
    return next(a for a in result.accounts if a.account == name)


def test_a_gap_opened_at_commit_2_and_closed_at_commit_5(repo: tuple[Path, list[str]]) -> None:
    c = repo[1]
    globex = account(run(repo), "globex")
    [life] = [g for g in globex.gaps if g.code == "G203"]
    assert life.subject == "mlee"
    assert (life.opened.id, life.opened.author, life.opened.day) == (
        c[1],
        "Omar Haddad",
        date(2026, 9, 10),
    )
    assert life.closed is not None
    assert (life.closed.id, life.closed.author, life.closed.day) == (
        c[4],
        "Priya Shah",
        date(2026, 9, 25),
    )
    assert life.days_open(TODAY) == 15
    assert "Mary Lee" in life.message
    assert [p.commit.id for p in globex.points] == [c[0], c[1], c[2], c[4]]
    assert [(p.version.warning) for p in globex.points] == [0, 1, 1, 0]


def test_green_to_red_is_a_regression_and_red_to_green_is_not(
    repo: tuple[Path, list[str]],
) -> None:
    c = repo[1]
    hooli = account(run(repo), "hooli")
    assert [(p.commit.id, p.version.status, p.regression) for p in hooli.points] == [
        (c[0], "green", False),
        (c[3], "red", True),
        (c[5], "invalid", False),
        (c[6], "green", False),
        (c[7], "green", False),
    ]
    assert [(r.commit.id, r.before, r.after) for r in hooli.regressions] == [(c[3], "green", "red")]


def test_an_invalid_version_is_a_point_and_the_history_goes_on(
    repo: tuple[Path, list[str]],
) -> None:
    c = repo[1]
    hooli = account(run(repo), "hooli")
    broken = hooli.points[2].version
    assert (broken.status, broken.score, broken.error) == ("invalid", None, 1)
    # The blocker's gap opened at c4 closes at c7: the broken c6 neither closed nor reopened it.
    [blocker] = [g for g in hooli.gaps if g.code == "G301"]
    assert blocker.opened.id == c[3]
    assert blocker.closed is not None and blocker.closed.id == c[6]
    assert blocker.days_open(TODAY) == 18
    # Gaps open since c1 stay one life across the broken version.
    assert sum(1 for g in hooli.gaps if g.code == "G202") == 1


def test_a_renamed_map_keeps_one_history(repo: tuple[Path, list[str]]) -> None:
    result = run(repo)
    assert [a.account for a in result.accounts] == ["globex", "hooli"]
    hooli = account(result, "hooli")
    assert hooli.file == "maps/emea/hooli.yaml"
    assert hooli.points[-1].commit.id == repo[1][7]
    assert hooli.removed is None
    assert account(run(repo, "maps/hooli.yaml"), "hooli").file == "maps/emea/hooli.yaml"


def test_the_portfolio_counts_each_account_at_its_last_known_state(
    repo: tuple[Path, list[str]],
) -> None:
    c = repo[1]
    trend = run(repo).portfolio
    assert [p.commit.id for p in trend] == c
    by_commit = {p.commit.id: (p.red, p.amber, p.green) for p in trend}
    assert by_commit[c[0]] == (0, 0, 2)
    assert by_commit[c[3]] == (1, 0, 1)
    assert by_commit[c[5]] == (1, 0, 1)  # hooli invalid: its last valid state (red) stands
    assert by_commit[c[6]] == (0, 0, 2)
    globex, hooli = 95, 35
    assert trend[0].score == round((globex + hooli) / 2 + 0.01)


def test_by_month_and_by_week_keep_the_last_commit_of_each_period(
    repo: tuple[Path, list[str]],
) -> None:
    c = repo[1]
    monthly = run(repo, by="month")
    assert [p.commit.id for p in monthly.portfolio] == [c[4], c[7]]
    assert [p.commit.id for p in account(monthly, "hooli").points] == [c[3], c[7]]
    assert [p.commit.id for p in account(monthly, "globex").points] == [c[4]]
    # ISO weeks: 36 (c1), 37 (c2), 38 (c3, c4), 39 (c5), 40 (c6), 41 (c7), 43 (c8).
    weekly = run(repo, by="week")
    assert [p.commit.id for p in weekly.portfolio] == [c[0], c[1], c[3], c[4], c[5], c[6], c[7]]


def test_since_and_until_take_dates_and_revisions(repo: tuple[Path, list[str]]) -> None:
    c = repo[1]
    after_c3 = run(repo, since=c[2])
    assert [p.commit.id for p in after_c3.portfolio] == c[3:]
    dated = run(repo, since="2026-09-15", until="2026-10-03")
    assert [p.commit.id for p in dated.portfolio] == c[2:6]
    upto = run(repo, until=c[4][:10])
    assert [p.commit.id for p in upto.portfolio] == c[:5]
    # After c6 globex has no commit and no gap open (its one gap closed at c5): not shown.
    assert [a.account for a in run(repo, since=c[5]).accounts] == ["hooli"]


def test_time_to_close_per_rule_and_per_owner(repo: tuple[Path, list[str]]) -> None:
    result = run(repo)
    rules = {r.key: r for r in result.by_rule}
    assert (rules["G203"].closed, rules["G203"].mean_days) == (1, 15.0)
    owners = {r.key: r for r in result.by_owner}
    assert (owners["dana"].closed, owners["dana"].median_days) == (1, 15.0)  # globex's owner
    assert owners["omar"].closed == 2 and owners["omar"].mean_days == 18.0  # hooli's


def test_selection_by_id_and_unknown_ids(repo: tuple[Path, list[str]]) -> None:
    assert [a.account for a in run(repo, "hooli").accounts] == ["hooli"]
    with pytest.raises(HistorySelectionError, match="did you mean 'hooli'"):
        run(repo, "hoolo")


def test_bad_revisions_are_git_errors(repo: tuple[Path, list[str]]) -> None:
    with pytest.raises(GitError, match="unknown revision 'nope'"):
        run(repo, since="nope")
    with pytest.raises(GitError, match="not a range"):
        run(repo, until="HEAD~2..HEAD")
    with pytest.raises(GitError, match="not a date"):
        run(repo, since="2026-02-30")


# --- the log parser ---------------------------------------------------------------------------


class Trickle(io.BytesIO):
    """A pipe that gives 5 bytes a read: every field is cut somewhere."""

    def read(self, size: int | None = -1) -> bytes:
        return super().read(5)


texts = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\n"), max_size=30
)
paths = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=20,
)


@given(st.lists(st.tuples(texts, texts, st.lists(paths, max_size=3)), min_size=1, max_size=4))
def test_any_author_subject_and_file_name_comes_back_as_written(
    commits: list[tuple[str, str, list[str]]],
) -> None:
    """The stream `git log --raw -z` writes, for any author, subject and file names (a NUL is
    the one byte none may hold), reads back exactly, whatever the chunk boundaries."""
    blob = "a" * 40
    out = b""
    for n, (author, subject, names) in enumerate(commits):
        out += b"\0" + f"{n:040x}".encode() + b"\x002026-09-0" + str(n + 1).encode()
        out += b"T10:00:00+02:00\0" + author.encode() + b"\0" + subject.encode() + b"\0"
        for i, name in enumerate(names):
            out += (b"\n" if i == 0 else b"") + f":000000 100644 {'0' * 40} {blob} A".encode()
            out += b"\0" + os.fsencode(name) + b"\0"
    stream = Trickle(out)
    entries = list(_entries(_tokens(stream)))
    assert [(e.commit.author, e.commit.subject) for e in entries] == [(a, s) for a, s, _ in commits]
    assert [[ch.path for ch in e.changes] for e in entries] == [n for _, _, n in commits]
    assert all(ch.blob == blob and ch.status == "A" for e in entries for ch in e.changes)
    assert [e.commit.day for e in entries] == [date(2026, 9, n + 1) for n in range(len(commits))]


def _document(result: HistoryResult) -> dict[str, object]:
    from acmap.report.history import document

    return document(result)


def test_a_warm_run_reads_finished_accounts_not_their_versions(
    repo: tuple[Path, list[str]], tmp_path: Path
) -> None:
    """The second run takes each account's gap lives from the accounts' cache: the versions'
    cache is not needed, so it is neither read nor written again."""
    cold = _document(run(repo))
    [versions] = [f for f in (tmp_path / "cache").glob("history-*.json") if f.name.count("-") == 1]
    versions.unlink()
    warm = _document(run(repo))
    assert warm == cold
    assert not versions.exists()
    assert _document(run(repo, use_cache=False)) == cold


def test_a_new_commit_works_out_only_its_account_again(tmp_path: Path) -> None:
    """After a commit that changes one map, that account misses the accounts' cache and is
    worked out from its versions; the other accounts' versions stay in the versions' cache
    (their next change needs them)."""
    root = tmp_path / "own-repo"
    own = (root, scripted_history(root))
    run(own)
    [versions] = [f for f in (tmp_path / "cache").glob("history-*.json") if f.name.count("-") == 1]
    before = versions.read_bytes()
    _edit_globex(root)
    warm = _document(run(own))
    assert warm == _document(run(own, use_cache=False))
    after = versions.read_bytes()
    assert after != before and len(after) > len(before)  # one version more, none dropped
    globex = account(run(own), "globex")
    assert globex.points[-1].commit.subject == "Globex: a later goal"


def _edit_globex(root: Path) -> None:
    path = root / "maps" / "globex.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Cut freight cost 12%", "Cut freight cost 15%"),
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2026-10-25T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-10-25T10:00:00+00:00",
    }
    for args in (["add", "-A"], ["commit", "-q", "-m", "Globex: a later goal"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_text_never_reads_the_gap_messages_and_json_gets_them_back(
    repo: tuple[Path, list[str]], tmp_path: Path
) -> None:
    """Only JSON shows a gap's message: a run without them leaves the messages' file alone; a
    JSON run that finds it gone works the accounts out again, messages and all."""
    cold = _document(run(repo))
    [messages] = (tmp_path / "cache").glob("history-messages-*.json")
    messages.unlink()
    plain = run(repo, messages=False)
    assert not messages.exists()
    assert [g.message for a in plain.accounts for g in a.gaps] == [""] * sum(
        len(a.gaps) for a in plain.accounts
    )
    assert _document(run(repo)) == cold
    assert messages.exists()
    assert _document(run(repo)) == cold
