"""`acmap site` without a browser: what is written, what is kept, what is refused, and that no
map text becomes markup, a script or a link (every page parsed with html.parser)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from acmap.site.names import safe
from acmap.site.portfolio import search_entries, search_index
from tests.helpers import commit, map_repo, run_acmap
from tests.render.test_safety import HOSTILE
from tests.site.parsing import parse
from tests.site.portfolio import ATTACKS, TODAY

# Every link and source a page may hold: our own pages and assets, named from slugs (or `_` and
# a hash), with an anchor that is a slug or one of the site's capitalised ids.
OWN = re.compile(
    r"(\.\./)?(index\.html|(accounts|owners|partners)/[a-z0-9_][a-z0-9_-]*\.html"
    r"|assets/(site\.(css|js)|legend\.css))?(#[A-Za-z0-9_][A-Za-z0-9_-]*)?"
)
CSP = "default-src 'none'; script-src 'self'"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_site_has_an_index_and_a_page_per_account_owner_and_partner(built_site: Path) -> None:
    names = {p.relative_to(built_site).as_posix() for p in pages(built_site)}
    assert "index.html" in names
    for account in ("halcyon-bank", "brightwater-foods", "evil", "attack"):
        assert f"accounts/{account}.html" in names
    assert {"owners/dana.html", "owners/kofi.html", "partners/northwind-si.html"} <= names
    manifest = json.loads((built_site / "acmap-site.json").read_text(encoding="utf-8"))
    assert manifest["acmap-site"] == 1 and len(manifest["accounts"]) == 4
    page = (built_site / "accounts" / "halcyon-bank.html").read_text(encoding="utf-8")
    assert "Latest changes" in page and "Catherine Voss: neutral → supporter" in page
    assert "What to do:" in page  # gaps come with their advice


def test_no_page_holds_a_script_handler_or_url_from_map_text(built_site: Path) -> None:
    for path in pages(built_site):
        page = parse(path)
        where = path.relative_to(built_site).as_posix()
        assert page.handlers == [], where
        assert "".join(page.script_text).strip() == "", where  # no inline script at all
        root = "../" if "/" in where else ""
        assert page.scripts == [{"src": f"{root}assets/site.js", "defer": None}], where
        for url in page.urls:
            assert OWN.fullmatch(url), (where, url)
        assert len(page.csp) == 1 and page.csp[0].startswith(CSP), where
        assert "unsafe-inline" not in page.csp[0]
        assert len(page.ids) == len(set(page.ids)), where  # every anchor lands in one place


def test_hostile_text_shows_literally(built_site: Path) -> None:
    attack = " ".join(parse(built_site / "accounts" / "attack.html").text)
    for key, value in ATTACKS.items():
        assert value in attack, key
    evil = " ".join(parse(built_site / "accounts" / "evil.html").text)
    for key in ("account", "html", "escapes", "rtl", "cjk", "port"):
        assert " ".join(HOSTILE[key].split()) in " ".join(evil.split()), key
    index = " ".join(parse(built_site / "index.html").text)
    assert ATTACKS["script"] in index  # the account's name, as text, in the table
    owner = " ".join(parse(built_site / "owners" / "eve.html").text)
    assert ATTACKS["img"] in owner  # the team member's name


def test_the_search_index_is_data_only(built_site: Path) -> None:
    text = (built_site / "assets" / "search-index.js").read_text(encoding="utf-8")
    prefix, _, rest = text.partition(" = ")
    assert prefix == "window.acmapSearch" and rest.endswith(";\n")
    entries = json.loads(rest[:-2])
    assert "<" not in text and ">" not in text
    assert [ATTACKS["img"], "Economic buyer"] != entries[0]
    names = {e[0] for e in entries}
    assert {"Catherine Voss", ATTACKS["img"], ATTACKS["script"]} <= names
    for _, _, href in entries:
        assert OWN.fullmatch(href), href


@given(st.lists(st.text(), min_size=1, max_size=4))
def test_any_name_stays_data_in_the_search_index(names: list[str]) -> None:
    summary = {"id": "a", "name": names[0], "page": "accounts/a.html", "tier": "key"}
    people = [(safe(n), n, n, True) for n in names]
    summary["search"] = search_entries(summary, people)
    summary["partners"] = [{"id": "p", "name": names[-1], "type": None, "knows": []}]
    text = search_index([summary])
    assert not re.search(r"[<>&\u2028\u2029]", text)
    entries = json.loads(text.removeprefix("window.acmapSearch = ").removesuffix(";\n"))
    assert [e[0] for e in entries] == [names[0], *names, names[-1]]


@given(st.text())
def test_a_file_name_from_any_id_stays_in_its_folder(identifier: str) -> None:
    name = safe(identifier)
    assert re.fullmatch(r"[a-z0-9_][a-z0-9_-]*", name)
    assert name == identifier or name.startswith("_")


def _site_repo(tmp_path: Path) -> Path:
    maps = Path(__file__).parents[2] / "maps"
    chosen = ("halcyon-bank.yaml", "lumen-robotics.yaml")
    return map_repo(tmp_path / "repo", {n: (maps / n).read_text(encoding="utf-8") for n in chosen})


def _mtimes(site: Path) -> dict[str, int]:
    return {
        p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()
    }


def test_a_rebuild_rewrites_only_the_pages_whose_inputs_changed(tmp_path: Path) -> None:
    repo = _site_repo(tmp_path)
    out = repo / "site"
    first = run_acmap("site", "-o", str(out), cwd=repo)
    assert first.code == 0, first.err
    before = _mtimes(out)
    again = run_acmap("site", "-o", str(out), cwd=repo)
    assert again.code == 0 and " 0 files written" in again.out, again.out
    assert _mtimes(out) == before

    lumen = repo / "maps" / "lumen-robotics.yaml"
    lumen.write_text(
        lumen.read_text(encoding="utf-8").replace("name: Lumen Robotics", "name: Lumen Robots", 1),
        encoding="utf-8",
    )
    third = run_acmap("site", "-o", str(out), cwd=repo)
    assert third.code == 0, third.err
    after = _mtimes(out)
    changed = {name for name in after if after[name] != before.get(name)}
    # Its page, the index (its name), its owner's and partner's pages, the search index.
    assert "accounts/lumen-robotics.html" in changed and "index.html" in changed
    assert "accounts/halcyon-bank.html" not in changed
    assert "assets/site.css" not in changed
    assert "Lumen Robots" in (out / "index.html").read_text(encoding="utf-8")


def test_a_removed_map_takes_its_page_with_it(tmp_path: Path) -> None:
    repo = _site_repo(tmp_path)
    out = repo / "site"
    assert run_acmap("site", "-o", str(out), cwd=repo).code == 0
    (repo / "maps" / "lumen-robotics.yaml").unlink()
    commit(repo, "Lumen is gone")
    result = run_acmap("site", "-o", str(out), cwd=repo)
    assert result.code == 0, result.err
    assert not (out / "accounts" / "lumen-robotics.html").exists()
    assert (out / "accounts" / "halcyon-bank.html").exists()
    assert "Lumen" not in (out / "index.html").read_text(encoding="utf-8")


def test_a_folder_that_is_not_a_site_is_refused_without_force(tmp_path: Path) -> None:
    repo = _site_repo(tmp_path)
    out = repo / "docs"
    out.mkdir()
    (out / "notes.md").write_text("mine\n", encoding="utf-8")
    refused = run_acmap("site", "-o", str(out), cwd=repo)
    assert refused.code == 2 and "is not an acmap site" in refused.err and "--force" in refused.err
    assert "Traceback" not in refused.err
    assert sorted(p.name for p in out.iterdir()) == ["notes.md"]
    forced = run_acmap("site", "-o", str(out), "--force", cwd=repo)
    assert forced.code == 0, forced.err
    assert (out / "notes.md").read_text(encoding="utf-8") == "mine\n"  # never removed
    assert (out / "index.html").is_file()


def test_a_map_with_errors_is_left_out_and_named(tmp_path: Path) -> None:
    repo = _site_repo(tmp_path)
    (repo / "maps" / "broken.yaml").write_text("acmap: 1\naccount: {id: broken}\n", "utf-8")
    result = run_acmap("site", "-o", str(repo / "site"), "--today", TODAY, cwd=repo)
    assert result.code == 1
    assert re.search(r"maps/broken\.yaml:\d+:\d+: E\d+", result.err), result.err
    assert "left out of the site" in result.err
    assert not (repo / "site" / "accounts" / "broken.html").exists()
    assert (repo / "site" / "accounts" / "halcyon-bank.html").exists()


def test_a_site_outside_git_has_no_changes_section(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    for name in ("halcyon-bank.yaml",):
        source = Path(__file__).parents[2] / "maps" / name
        (tmp_path / "maps" / name).write_text(source.read_text(encoding="utf-8"), "utf-8")
    env = {"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    result = run_acmap("site", "-o", "out", "--today", TODAY, cwd=tmp_path, env=env)
    assert result.code == 0, result.err
    page = (tmp_path / "out" / "accounts" / "halcyon-bank.html").read_text(encoding="utf-8")
    assert 'id="Changes"' not in page and 'id="Diagram"' in page
    assert os.path.getsize(tmp_path / "out" / "assets" / "search-index.js") > 100


def test_a_tampered_manifest_cannot_make_the_site_remove_files_outside_it(tmp_path: Path) -> None:
    repo = _site_repo(tmp_path)
    out = repo / "site"
    assert run_acmap("site", "-o", str(out), cwd=repo).code == 0
    precious = repo / "precious.txt"
    precious.write_text("keep\n", encoding="utf-8")
    manifest = json.loads((out / "acmap-site.json").read_text(encoding="utf-8"))
    manifest["files"] += ["../precious.txt", "/etc/hostname", "accounts/../../precious.txt"]
    (out / "acmap-site.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = run_acmap("site", "-o", str(out), cwd=repo)
    assert result.code == 0, result.err
    assert precious.read_text(encoding="utf-8") == "keep\n"


def test_the_site_never_writes_through_a_symlink_out_of_its_folder(tmp_path: Path) -> None:
    repo = _site_repo(tmp_path)
    out = repo / "site"
    assert run_acmap("site", "-o", str(out), cwd=repo).code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for page in (out / "accounts").iterdir():
        page.unlink()
    (out / "accounts").rmdir()
    (out / "accounts").symlink_to(elsewhere)
    result = run_acmap("site", "-o", str(out), cwd=repo)
    assert result.code == 2 and "symlink" in result.err and "Traceback" not in result.err
    assert list(elsewhere.iterdir()) == []
