"""The built site in a real browser (headless Chromium from file://, no server, no network):
no console errors, every internal link lands, search, sorting and filters work, a diagram's
person leads to their card, hostile map text stays text, axe-core finds nothing serious."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import pytest

from tests.site.parsing import parse
from tests.site.portfolio import ATTACKS

if TYPE_CHECKING:
    from tests.site.browser import SiteBrowser

# Resolved as the browser does (an SVG link's href is not a string).
LINKS = (
    "return Array.from(document.querySelectorAll('a[href]'),"
    " a => new URL(a.getAttribute('href'), document.baseURI).href);"
)


def wait_for(check: Callable[[], Any], seconds: float = 10) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        found = check()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def results_text(site_browser: SiteBrowser) -> list[str]:
    """The search results' words, read in one script (no element can go stale between)."""
    found: list[str] = site_browser.run(
        "return Array.from(document.querySelectorAll('#SearchResults a'), a => a.textContent)"
    )
    return found


def test_every_page_loads_clean_and_every_internal_link_lands(
    built_site: Path, site_browser: SiteBrowser
) -> None:
    """A crawl from the index: each page opened once, its console read, its links followed
    (file and anchor)."""
    seen: set[Path] = set()
    todo = [built_site / "index.html"]
    problems: list[str] = []
    ids: dict[Path, list[str]] = {}
    while todo:
        page = todo.pop()
        if page in seen:
            continue
        seen.add(page)
        where = page.relative_to(built_site).as_posix()
        problems += [f"{where}: console: {m}" for m in site_browser.open(page)]
        for link in site_browser.run(LINKS):
            parts = urlsplit(link)
            assert parts.scheme == "file", (where, link)  # nothing leaves the site
            target = Path(unquote(parts.path))
            if not target.is_file():
                problems.append(f"{where}: broken link {link}")
                continue
            assert target.is_relative_to(built_site), (where, link)
            if target not in ids:
                ids[target] = parse(target).ids
            if parts.fragment and parts.fragment not in ids[target]:
                problems.append(f"{where}: no #{parts.fragment} in {target.name}")
            if target.suffix == ".html" and target not in seen:
                todo.append(target)
    assert problems == []
    every = set(built_site.rglob("*.html"))
    assert seen == every  # every page is reachable from the index


@pytest.mark.parametrize(
    "pages", ["index.html", "accounts/*.html", "owners/*.html", "partners/*.html"]
)
def test_axe_finds_no_serious_violation_on_any_page(
    built_site: Path, site_browser: SiteBrowser, pages: str
) -> None:
    problems = []
    chosen = sorted(built_site.glob(pages))
    assert chosen
    for page in chosen:
        site_browser.open(page)
        problems += [
            f"{page.name}: {v['id']} ({v['impact']}): {v['help']} at {v['nodes']}"
            for v in site_browser.axe()
        ]
    assert problems == []


def test_search_finds_a_person_by_name_and_leads_to_their_card(
    built_site: Path, site_browser: SiteBrowser
) -> None:
    from selenium.webdriver.common.by import By

    assert site_browser.open(built_site / "index.html") == []
    box = site_browser.driver.find_element(By.ID, "SearchBox")
    box.send_keys("catherine voss")
    # The list follows each key as it is typed: wait for the whole name's results, not the
    # first letter's (which the script may still be replacing while they are read).
    texts = wait_for(lambda: results_text(site_browser) == ["Catherine Voss"], seconds=30)
    assert texts, results_text(site_browser)
    results = site_browser.driver.find_elements(By.CSS_SELECTOR, "#SearchResults a")
    href = results[0].get_attribute("href") or ""
    assert href.endswith("accounts/halcyon-bank.html#" + href.rsplit("#", 1)[1])
    results[0].click()
    wait_for(lambda: site_browser.run("return location.hash"))
    # The account page's script (deferred) must be listening before the next keys are typed.
    wait_for(lambda: site_browser.run("return document.readyState") == "complete")
    card = site_browser.run("return document.querySelector(location.hash).tagName")
    assert card == "ARTICLE"
    assert "Catherine Voss" in site_browser.run(
        "return document.querySelector(':target').textContent"
    )
    box = site_browser.driver.find_element(By.ID, "SearchBox")
    box.send_keys(ATTACKS["img"][:12])  # hostile text found, and shown, as text
    found = wait_for(lambda: ATTACKS["img"] in results_text(site_browser), seconds=30)
    assert found, results_text(site_browser)
    assert site_browser.run("return document.querySelectorAll('#SearchResults img').length") == 0
    assert site_browser.console() == []


def test_the_table_sorts_and_filters(built_site: Path, site_browser: SiteBrowser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    site_browser.open(built_site / "index.html")
    column = "return Array.from(document.querySelectorAll('#Portfolio tbody tr:not([hidden])'), r => r.cells[{}].textContent.trim());"
    button = site_browser.driver.find_element(By.CSS_SELECTOR, "th[data-key=score] button")
    button.click()
    scores = [int(s) for s in site_browser.run(column.format(4))]
    assert scores == sorted(scores) and len(scores) == 4
    button.click()
    assert [int(s) for s in site_browser.run(column.format(4))] == sorted(scores, reverse=True)
    sort = "return document.querySelector('th[data-key=score]').getAttribute('aria-sort')"
    assert site_browser.run(sort) == "descending"
    site_browser.driver.find_element(By.CSS_SELECTOR, "th[data-key=name] button").click()
    names = site_browser.run(column.format(0))
    assert names == sorted(names, key=str.lower)
    Select(
        site_browser.driver.find_element(By.CSS_SELECTOR, "select[data-filter=tier]")
    ).select_by_value("key")
    tiers = site_browser.run(column.format(1))
    assert tiers and set(tiers) == {"key"} and len(tiers) < 4
    assert "of 4 shown" in site_browser.driver.find_element(By.ID, "Shown").text
    assert site_browser.console() == []


def test_a_person_in_the_diagram_links_to_their_card(
    built_site: Path, site_browser: SiteBrowser
) -> None:
    from selenium.webdriver.common.by import By

    site_browser.open(built_site / "accounts" / "halcyon-bank.html")
    links = site_browser.run(
        "return Array.from(document.querySelectorAll('svg.diagram a'), a => a.getAttribute('href'));"
    )
    cards = site_browser.run(
        "return Array.from(document.querySelectorAll('article.card'), c => '#' + c.id);"
    )
    assert links and set(links) <= set(cards)
    assert len(links) >= 10  # everyone drawn is a link
    node = site_browser.driver.find_elements(By.CSS_SELECTOR, "svg.diagram a")[0]
    site_browser.run("arguments[0].scrollIntoView({block: 'center'})", node)
    node.click()
    assert wait_for(lambda: site_browser.run("return location.hash")) == links[0]
    assert site_browser.run("return document.querySelector(':target').tagName") == "ARTICLE"


def test_hostile_map_text_stays_text_in_the_browser(
    built_site: Path, site_browser: SiteBrowser
) -> None:
    for page in ("accounts/attack.html", "accounts/evil.html", "index.html", "owners/eve.html"):
        assert site_browser.open(built_site / page) == [], page
        shown = site_browser.run("return document.body.textContent")
        if page == "accounts/attack.html":
            for key, value in ATTACKS.items():
                assert value in shown, key
        counts = site_browser.run(
            "return {scripts: document.scripts.length,"
            " embeds: document.querySelectorAll('img, iframe, object, embed, style, image, foreignObject').length,"
            " handlers: Array.from(document.querySelectorAll('*')).filter(e =>"
            "   Array.from(e.attributes).some(a => a.name.startsWith('on'))).length,"
            " foreign: Array.from(document.querySelectorAll('[href], [src]')).filter(e =>"
            "   !new URL(e.getAttribute('href') || e.getAttribute('src'), document.baseURI)"
            "   .href.startsWith('file:')).length}"
        )
        assert counts == {"scripts": 1, "embeds": 0, "handlers": 0, "foreign": 0}, page


def test_the_account_page_prints_as_a_brief(built_site: Path, site_browser: SiteBrowser) -> None:
    site_browser.open(built_site / "accounts" / "halcyon-bank.html")
    site_browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = site_browser.run(
            "return ['header.top', 'footer', 'nav.toc', '#Changes'].map(s =>"
            " getComputedStyle(document.querySelector(s)).display)"
        )
        assert hidden == ["none"] * 4
    finally:
        site_browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_screenshots_of_the_index_and_an_account_page(
    built_site: Path, site_browser: SiteBrowser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("site-screenshots")
    shots = []
    for page, name in (("index.html", "index.png"), ("accounts/halcyon-bank.html", "account.png")):
        site_browser.open(built_site / page)
        shots.append(site_browser.screenshot(folder / name))
    for shot in shots:
        data = shot.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 20_000, shot


def test_the_plan_deals_and_history_read_right_in_the_browser(
    built_site: Path, site_browser: SiteBrowser
) -> None:
    """The new sections as a reader sees them: hostile action and deal text as text, the
    overdue action first and in red, a deal's reasons behind a click, and the two charts drawn
    with the stylesheet's colours (no inline style: the CSP would drop it)."""
    from selenium.webdriver.common.by import By

    assert site_browser.open(built_site / "accounts" / "attack.html") == []
    rows = site_browser.run(
        "return Array.from(document.querySelectorAll('#Actions tbody tr'), r => r.cells[0].textContent)"
    )
    assert rows == [
        ATTACKS["img"],
        ATTACKS["script"],
        "Send the security pack",
        ATTACKS["markdown"],
    ]
    colours = site_browser.run(
        "return [getComputedStyle(document.querySelector('#Actions .overdue')).color,"
        " getComputedStyle(document.body).color]"
    )
    assert colours[0] != colours[1]  # marked, not body text
    why = site_browser.driver.find_element(By.CSS_SELECTOR, "#Opportunities details.why")
    assert ATTACKS["script"] not in why.text  # folded: only its summary shows
    why.find_element(By.TAG_NAME, "summary").click()
    assert wait_for(lambda: ATTACKS["script"] in why.text), why.text
    made = site_browser.run(
        "return document.querySelectorAll('#Actions *, #Opportunities *').length -"
        " document.querySelectorAll('#Actions :is(h2,p,span,table,thead,tbody,tr,th,td,a),"
        " #Opportunities :is(h2,table,thead,tbody,tr,th,td,a,span,b,details,summary,dl,dt,dd)').length"
    )
    assert made == 0  # no element but the template's

    for page, chart, paint in (
        ("accounts/halcyon-bank.html", "#History svg.spark polyline", "stroke"),
        ("index.html", "svg.trend rect", "fill"),
    ):
        assert site_browser.open(built_site / page) == [], page
        drawn = site_browser.run(
            f"const e = document.querySelector('{chart}'); const b = e.getBoundingClientRect();"
            f" return [b.width + b.height > 0, getComputedStyle(e).{paint}];"
        )
        assert drawn[0] and drawn[1] not in ("none", "rgb(0, 0, 0)"), (page, drawn)
