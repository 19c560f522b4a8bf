"""The diagram's key on an account page (site/legend.py, sections/legend.html): in HTML beside
the drawing, with the lines this account's drawing has, in colours legend.css takes from the
drawing's own (render/style.py); the inline drawing itself holds no key and no title."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from acmap.render import style
from acmap.site.legend import STYLESHEET
from tests.helpers import map_repo, run_acmap
from tests.site.portfolio import TODAY

SVG = "{http://www.w3.org/2000/svg}"
# Every kind of line the template can name: legend.py's reporting, the link types, partners'.
LINE_KINDS = ("reporting", *style.LINKS, "knows")

ALLIED = """\
acmap: 1
account: {id: allied, name: Allied Widgets, tier: key, owner: eve, team: [{id: eve, name: Eve Stone}]}
stakeholders:
  - {id: boss, name: Ann Boss, title: CEO, roles: [economic_buyer], stance: supporter}
  - {id: cto, name: Carl Tech, title: CTO, reports_to: boss, stance: neutral}
  - {id: cfo, name: Fay Money, title: CFO, reports_to: boss, roles: [champion], stance: advocate}
links:
  - {from: cto, to: cfo, type: allies}
"""
FEUDING = """\
acmap: 1
account: {id: feuding, name: Feuding Partners, tier: growth, owner: eve, team: [{id: eve, name: Eve Stone}]}
stakeholders:
  - {id: ann, name: Ann Alpha, title: COO, stance: skeptic}
  - {id: bob, name: Bob Beta, title: CIO, stance: blocker}
links:
  - {from: ann, to: bob, type: conflicts}
partners:
  - {id: helpful-si, name: Helpful SI, type: si, knows: [{stakeholder: ann}]}
"""
BARE = """\
acmap: 1
account: {id: bare, name: Bare Minimum Ltd, tier: growth, owner: eve, team: [{id: eve, name: Eve Stone}]}
stakeholders:
  - {id: solo, name: Sol Only, title: Buyer, stance: unknown}
  - {id: duo, name: Dee Two, title: Analyst, stance: neutral}
"""


class Legend(HTMLParser):
    """The key of a page: each <dt>'s words, with the classes of the spans in its <dd>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = 0
        self.rows: dict[str, list[str]] = {}
        self.words: dict[str, list[str]] = {}
        self._depth = 0  # inside <dl class="legend"> while > 0
        self._term: list[str] | None = None
        self._current = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "dl" and "legend" in classes:
            self.found += 1
            self._depth = 1
            return
        if not self._depth:
            return
        if tag == "dl":
            self._depth += 1
        elif tag == "dt":
            self._term = []
        elif tag == "span" and self._current:
            self.rows[self._current].extend(classes)

    def handle_endtag(self, tag: str) -> None:
        if not self._depth:
            return
        if tag == "dl":
            self._depth -= 1
        elif tag == "dt" and self._term is not None:
            self._current = " ".join("".join(self._term).split())
            self.rows[self._current] = []
            self.words[self._current] = []
            self._term = None

    def handle_data(self, data: str) -> None:
        if not self._depth:
            return
        if self._term is not None:
            self._term.append(data)
        elif self._current and data.strip():
            self.words[self._current].append(" ".join(data.split()))


def legend_of(page: Path) -> Legend:
    parser = Legend()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


def row(key: Legend, starts: str) -> list[str]:
    """The classes of the row whose term starts with `starts`."""
    (term,) = [t for t in key.rows if t.startswith(starts)]
    return key.rows[term]


def lines(key: Legend) -> list[str] | None:
    terms = [t for t in key.rows if t.startswith("Lines")]
    if not terms:
        return None
    return [c.removeprefix("line-") for c in key.rows[terms[0]] if c.startswith("line-")]


def diagram(page: Path) -> ET.Element:
    text = page.read_text(encoding="utf-8")
    start = text.index('<svg class="diagram"')
    end = text.index("</svg>", start) + len("</svg>")
    return ET.fromstring(text[start:end])


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three small accounts: allies and reporting lines; a conflict and a partner who knows
    someone; no lines and no partners at all."""
    maps = {"allied.yaml": ALLIED, "feuding.yaml": FEUDING, "bare.yaml": BARE}
    repo = map_repo(tmp_path_factory.mktemp("legend-site"), maps, today=TODAY)
    result = run_acmap("site", "-o", str(repo / "public"), cwd=repo)
    assert result.code == 0, result.err
    return repo / "public"


ACCOUNTS = ("halcyon-bank", "brightwater-foods")


@pytest.mark.parametrize("account", ACCOUNTS)
def test_an_account_page_has_the_whole_key(built_site: Path, account: str) -> None:
    key = legend_of(built_site / "accounts" / f"{account}.html")
    assert key.found == 1
    stances = [c.removeprefix("key-") for c in row(key, "Stance") if c.startswith("key-")]
    assert stances == list(style.STANCES)
    assert key.words[next(t for t in key.rows if t.startswith("Stance"))] == list(style.STANCES)
    assert [c.removeprefix("pen-") for c in row(key, "Influence") if c.startswith("pen-")] == [
        "high",
        "medium",
        "low",
    ]
    roles = next(t for t in key.rows if t.startswith("Roles"))
    assert key.words[roles] == [style.BADGE_TEXT[r] for r in style.BADGE_ORDER]
    assert len(key.words[roles]) == 10
    badges = [c for c in key.rows[roles] if c.startswith("badge-")]
    assert badges == ["badge-dark"] * 3 + ["badge-light"] * 7  # the three that decide: dark
    assert {"key-faded", "key-left", "placeholder"} <= set(row(key, "Contact"))


def test_the_lines_row_names_the_lines_the_map_has(small_site: Path) -> None:
    allied = legend_of(small_site / "accounts" / "allied.html")
    assert lines(allied) == ["reporting", "allies"]
    feuding = legend_of(small_site / "accounts" / "feuding.html")
    assert lines(feuding) == ["conflicts", "knows"]
    label = next(t for t in feuding.rows if t.startswith("Lines"))
    assert feuding.words[label] == [style.LINKS["conflicts"].label, style.KNOWS.label]


def test_a_map_without_lines_or_partners_has_no_lines_row(small_site: Path) -> None:
    key = legend_of(small_site / "accounts" / "bare.html")
    assert key.found == 1 and "Stance (fill)" in key.rows
    assert lines(key) is None


@pytest.mark.parametrize("account", [*ACCOUNTS, "evil", "attack"])
def test_the_inline_drawing_holds_no_key_and_no_title(built_site: Path, account: str) -> None:
    page = built_site / "accounts" / f"{account}.html"
    drawn = [" ".join("".join(t.itertext()).split()) for t in diagram(page).iter(f"{SVG}text")]
    assert drawn  # people are drawn
    assert not [w for w in drawn if "LEGEND" in w.upper()]
    assert not [w for w in drawn if re.search(r"coverage \d+/100", w)]
    assert not [w for w in drawn if w.startswith("as of ")]
    assert not [t for t in diagram(page).iter(f"{SVG}text") if t.get("font-size") == "20.00"]
    assert legend_of(page).found == 1  # the key is on the page instead


def rules(css: str) -> dict[str, str]:
    return {m[1].strip(): m[2] for m in re.finditer(r"([^{}]+)\{([^}]*)\}", css)}


def test_legend_css_has_the_drawings_colours(built_site: Path) -> None:
    css = (built_site / "assets" / STYLESHEET).read_text(encoding="utf-8")
    found = rules(css)
    for name, look in style.STANCES.items():
        assert f"background: {look.fill};" in found[f".key-{name}"], name
        assert f"color: {look.ink};" in found[f".key-{name}"], name
    for kind in LINE_KINDS:
        body = found[f".line-{kind}"]
        colour = ({"reporting": style.REPORTING, "knows": style.KNOWS} | style.LINKS)[kind].color
        assert "border-top:" in body and colour.split(":")[0] in body, kind
    for level in style.INFLUENCE_PEN:
        assert "border-width:" in found[f".pen-{level}"]
    for name in ("key-faded", "key-left", "badge-dark", "badge-light"):
        assert f".{name}" in found


def test_every_class_the_key_uses_has_a_rule(built_site: Path, small_site: Path) -> None:
    """The classes on the key's spans (bar the layout ones in site.css) all come from
    legend.css, on every account page of both sites."""
    layout = {"key", "badge", "sample", "line", "placeholder"}
    used: set[str] = set()
    for site in (built_site, small_site):
        for page in (site / "accounts").glob("*.html"):
            for classes in legend_of(page).rows.values():
                used |= set(classes) - layout
    defined = set(rules((built_site / "assets" / STYLESHEET).read_text(encoding="utf-8")))
    assert used and {f".{c}" for c in used} <= defined
    assert {"line-reporting", "line-allies", "line-conflicts", "line-knows"} <= used
    html = (built_site / "accounts" / "halcyon-bank.html").read_text(encoding="utf-8")
    assert f'<link rel="stylesheet" href="../assets/{STYLESHEET}">' in html
