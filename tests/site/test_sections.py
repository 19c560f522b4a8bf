"""The account page's sections from `qualify`, `actions` and `history`, and the index's trend
and planned next actions: what they show, in what order, that map text in them stays text, and
that a rebuild redraws a page whose history changed although its map did not."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

from hypothesis import given
from hypothesis import strategies as st

from acmap.site.sparkline import score_line, status_bars
from tests.helpers import EXAMPLE_MAPS, GIT_ENV, commit, git, map_repo, run_acmap
from tests.site.parsing import Page
from tests.site.portfolio import ATTACKS


def section(path: Path, ident: str) -> tuple[str, Page]:
    """One section of a page (an account's by id, the index's by heading): its HTML and what
    html.parser reads in it."""
    html = path.read_text(encoding="utf-8")
    found = re.search(rf'<section (?:id|aria-labelledby)="{ident}".*?</section>', html, re.S)
    assert found, f"no section {ident} in {path.name}"
    page = Page()
    page.feed(found.group(0))
    page.close()
    return found.group(0), page


def text(page: Page) -> str:
    return " ".join(" ".join(page.text).split())


def test_an_open_deal_shows_its_letters_and_the_gate_it_misses(built_site: Path) -> None:
    html, page = section(built_site / "accounts" / "attack.html", "Opportunities")
    shown = text(page)
    assert "M 2" in shown and "E 3" in shown and "(10/24)" in shown  # as `acmap qualify` scores
    assert "missed : C1 1 of 2" in shown  # the gate acmap.toml sets for proposal: E 2, C1 2
    assert ATTACKS["script"] in shown and ATTACKS["svg"] in shown  # the facts, literally
    assert "<script>" not in html and "<svg onload" not in html
    assert page.urls == ["#boss"] and not page.handlers and not page.scripts


def test_the_plan_lists_open_actions_first_and_marks_the_overdue(built_site: Path) -> None:
    html, page = section(built_site / "accounts" / "attack.html", "Actions")
    shown = text(page)
    assert "3 open, 1 overdue" in shown
    overdue = shown.index(ATTACKS["img"])  # due 2026-11-20: 11 days late on 2026-12-01
    due = shown.index(ATTACKS["script"])
    done = shown.index(ATTACKS["markdown"])
    assert overdue < due < done, shown
    assert "overdue 11 days" in shown
    assert '<tr class="action-open is-overdue">' in html
    # Tom owns neither the account nor anyone in it: he has no page to link to.
    assert "Tom Quinn" in shown and "../owners/tom.html" not in page.urls
    assert set(page.urls) == {"../owners/eve.html", "#boss", "#champ"}, page.urls
    assert not page.handlers and not page.scripts


def test_the_index_lists_the_actions_due_soon_after_the_gaps(built_site: Path) -> None:
    html, page = section(built_site / "index.html", "NextActions")
    shown = text(page)
    # Due in 4 days: planned; the one 11 days late is G206's, among the gaps if at all.
    planned = (
        f"planned {ATTACKS['script']} with {ATTACKS['img']} ({ATTACKS['img']}, due 2026-12-05)"
    )
    assert planned in shown, shown
    assert shown.index("planned") > shown.index("[G")  # after the gaps
    assert "accounts/attack.html#Actions" in page.urls
    assert "<script>alert" not in html


def test_history_sparkline_and_portfolio_trend_are_numbers_only(built_site: Path) -> None:
    html, page = section(built_site / "accounts" / "halcyon-bank.html", "History")
    assert "over 2 commits" in text(page)
    index_html, index = section(built_site / "index.html", "Trend")
    assert "2 commits" in text(index)
    for chunk in (html, index_html):
        for svg in re.findall(r"<svg.*?</svg>", chunk, re.S):
            _numbers_only(svg)


def _numbers_only(svg: str) -> None:
    """An SVG of ours: only our elements and classes, every other attribute a number."""
    root = ElementTree.fromstring(svg)
    for element in root.iter():
        assert element.tag in ("svg", "polyline", "circle", "rect"), element.tag
        assert not (element.text or "").strip() and not (element.tail or "").strip()
        for name, value in element.attrib.items():
            if name == "class":
                assert re.fullmatch(r"[a-z-]+", value), value
            elif name in ("aria-hidden", "focusable"):
                continue
            else:
                assert re.fullmatch(r"[0-9., ]+", value), (name, value)


@given(st.lists(st.integers(min_value=-(10**6), max_value=10**6), max_size=80))
def test_a_sparkline_of_any_scores_is_numbers_only(scores: list[int]) -> None:
    svg = score_line(scores)
    if scores:
        _numbers_only(svg)
    else:
        assert svg == ""


@given(st.lists(st.tuples(*[st.integers(min_value=-5, max_value=10**4)] * 3), max_size=90))
def test_the_trend_of_any_counts_is_numbers_only(counts: list[tuple[int, int, int]]) -> None:
    svg = status_bars(counts)
    if counts:
        _numbers_only(svg)
        assert svg.count("<rect") <= 3 * 60  # the latest 60 commits at most
    else:
        assert svg == ""


def test_a_rebuild_redraws_a_page_whose_history_changed_though_its_map_did_not(
    tmp_path: Path,
) -> None:
    maps = {n: (EXAMPLE_MAPS / n).read_text(encoding="utf-8") for n in ("halcyon-bank.yaml",)}
    maps["brightwater-foods.yaml"] = (EXAMPLE_MAPS / "brightwater-foods.yaml").read_text("utf-8")
    repo = map_repo(tmp_path / "repo", maps, today="2026-12-01")
    out = repo / "site"
    first = run_acmap("site", "-o", str(out), cwd=repo)
    assert first.code == 0, first.err
    page = out / "accounts" / "halcyon-bank.html"
    assert "one commit so far" in page.read_text(encoding="utf-8")
    # The same files, committed on another day: only the history says so.
    env = {**os.environ, **GIT_ENV, "GIT_COMMITTER_DATE": "2026-10-01T12:00:00+00:00"}
    amend = ["git", "-c", "commit.gpgsign=false", "commit", "-q", "--amend", "--no-edit"]
    subprocess.run(amend, cwd=repo, env=env, check=True, capture_output=True)
    again = run_acmap("site", "-o", str(out), cwd=repo)
    assert again.code == 0, again.err
    assert "on 2026-10-01" in page.read_text(encoding="utf-8"), again.out
    assert " 0 files written" not in again.out


def test_a_site_outside_git_has_no_history_or_trend(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "halcyon-bank.yaml").write_text(
        (EXAMPLE_MAPS / "halcyon-bank.yaml").read_text("utf-8"), encoding="utf-8"
    )
    (tmp_path / "acmap.toml").write_text('maps = "maps"\ntoday = "2026-12-01"\n', "utf-8")
    result = run_acmap("site", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert result.code == 0, result.err
    assert 'id="History"' not in (tmp_path / "out/accounts/halcyon-bank.html").read_text("utf-8")
    assert 'id="Trend"' not in (tmp_path / "out/index.html").read_text("utf-8")


def test_a_site_at_a_revision_is_the_site_of_a_checkout_of_it(tmp_path: Path) -> None:
    """--at REV: the maps, acmap.toml, latest changes and history of REV; the work tree's
    uncommitted edits are not read. Every page equals the one a checkout of REV builds."""
    names = ("halcyon-bank.yaml", "brightwater-foods.yaml")
    repo = map_repo(
        tmp_path / "repo",
        {n: (EXAMPLE_MAPS / n).read_text(encoding="utf-8") for n in names},
        today="2026-12-01",
    )
    halcyon = repo / "maps" / "halcyon-bank.yaml"
    text = halcyon.read_text(encoding="utf-8")
    halcyon.write_text(text.replace("stance: neutral", "stance: supporter", 1), encoding="utf-8")
    revision = commit(repo, "Halcyon: a neutral is now a supporter")
    halcyon.write_text(text.replace("name: Halcyon Bank", "name: Halcyon Later", 1), "utf-8")
    commit(repo, "Halcyon renamed")
    halcyon.write_text(text.replace("name: Halcyon Bank", "name: Halcyon Edited", 1), "utf-8")

    at = run_acmap("site", "-o", str(tmp_path / "at"), "--at", revision[:10], cwd=repo)
    assert at.code == 0, at.err
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", str(repo), str(checkout))
    git(checkout, "checkout", "-q", revision)
    there = run_acmap("site", "-o", str(tmp_path / "there"), cwd=checkout)
    assert there.code == 0, there.err

    page = (tmp_path / "at" / "accounts" / "halcyon-bank.html").read_text(encoding="utf-8")
    assert "Catherine Voss: neutral → supporter" in page and "over 2 commits" in page
    assert "Halcyon Later" not in page and "Halcyon Edited" not in page
    built = sorted(p.relative_to(tmp_path / "at") for p in (tmp_path / "at").rglob("*.html"))
    assert built == sorted(
        p.relative_to(tmp_path / "there") for p in (tmp_path / "there").rglob("*.html")
    )
    for name in built:
        mine = (tmp_path / "at" / name).read_text(encoding="utf-8")
        theirs = (tmp_path / "there" / name).read_text(encoding="utf-8")
        # The latest changes name their base as the user did: REV~1 here, HEAD~1 there.
        assert mine.replace(f"{revision[:10]}~1", "HEAD~1") == theirs, name


def test_a_site_at_an_unknown_revision_is_refused(tmp_path: Path) -> None:
    repo = map_repo(tmp_path / "repo", {"halcyon-bank.yaml": (EXAMPLE_MAPS / "halcyon-bank.yaml")
                                        .read_text(encoding="utf-8")})  # fmt: skip
    result = run_acmap("site", "-o", str(tmp_path / "out"), "--at", "no-such-rev", cwd=repo)
    assert result.code == 2 and "no-such-rev" in result.err and "Traceback" not in result.err
    assert not (tmp_path / "out").exists()


def test_the_trend_of_a_selection_counts_only_the_selected_maps(tmp_path: Path) -> None:
    names = ("halcyon-bank.yaml", "brightwater-foods.yaml")
    repo = map_repo(
        tmp_path / "repo",
        {n: (EXAMPLE_MAPS / n).read_text(encoding="utf-8") for n in names},
        today="2026-12-01",
    )
    result = run_acmap("site", "-o", str(repo / "out"), "maps/halcyon-bank.yaml", cwd=repo)
    assert result.code == 0, result.err
    _, trend = section(repo / "out" / "index.html", "Trend")
    assert "0 red, 1 amber, 0 green" in text(trend)  # Halcyon alone, not Brightwater's red
