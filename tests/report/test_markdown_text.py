"""User text in acmap's Markdown shows as written: never markup, HTML, an image or a link.

Rendered by a real CommonMark parser (markdown-it-py, which rich already brings); GitHub's
autolinker (bare https://, www., emails) is checked on the escaped text itself, since the parser
here has no autolink extension.
"""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from acmap.report.layout import visible
from acmap.report.markdown import link, text

HOSTILE = [
    '<a href="https://evil.example">x</a>',
    "[y](https://evil.example) ![i](https://e.example/p.png)",
    "<script>alert(1)</script> <img src=x onerror=alert(1)>",
    "**bold** _it_ `code` ~~gone~~ # heading | cell |",
    "&lt;b&gt; &amp; &#60;",
    "see https://evil.example or www.evil.example or mail a@evil.example",
    "back\\slash\\ and \\[escaped\\]",
    "line\nbreak\rand\ttab \x1b[31mred\x07",
]
_AUTOLINKABLE = re.compile(r"(?i)https?://|www\.|[\w.+-]@[\w-]")


def rendered(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").render(markdown)


def shown(markdown: str) -> str:
    """The text a reader sees: the rendered HTML without its one paragraph tag, unescaped."""
    out = rendered(markdown).strip()
    assert out.startswith("<p>") and out.endswith("</p>"), out
    return html.unescape(out[3:-4])


def expected(value: str) -> str:
    return visible(value).replace("\r", " ").replace("\n", " ").replace("\t", " ")


def test_hostile_text_shows_as_written_with_no_markup() -> None:
    for value in HOSTILE:
        out = text(value)
        page = rendered(out)
        assert "<a " not in page and "<img" not in page and "<script" not in page, page
        assert "<strong>" not in page and "<em>" not in page and "<code>" not in page
        assert shown(out) == expected(value)
        assert _AUTOLINKABLE.search(out) is None, out  # GitHub would link it by itself
        assert "\x1b" not in out and "\x07" not in out


def test_text_in_a_table_cell_stays_in_its_cell() -> None:
    row = f"| {text('a | b <i>x</i>')} | two |"
    page = rendered(f"| h1 | h2 |\n|---|---|\n{row}\n")
    assert page.count("<td>") == 2 and "<i>" not in page
    assert "a | b &lt;i&gt;x&lt;/i&gt;" in page


def test_a_file_link_cannot_be_closed_or_redirected_by_the_file_name() -> None:
    out = link("maps/x) [evil](https://evil.example.yaml", 3)
    page = rendered(out)
    assert page.count("<a ") == 1
    assert 'href="maps/x%29%20%5Bevil%5D%28https%3A//evil.example.yaml#L3"' in page


printable = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


@given(printable)
def test_any_text_renders_as_itself_and_nothing_more(value: str) -> None:
    out = text(value)
    page = MarkdownIt("commonmark").enable("strikethrough").render("x " + out + " x")
    assert "<a " not in page and "<img" not in page and "<em>" not in page
    assert "<strong>" not in page and "<code>" not in page and "<s>" not in page
    assert _AUTOLINKABLE.search(out) is None
