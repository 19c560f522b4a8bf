"""User text in a Mermaid label: encoded so that it is one label, shown exactly as written."""

from __future__ import annotations

import html
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from acmap.render.mermaid_text import label_text, quoted
from tests.mermaid_check import MermaidCheck

# What an encoded label may consist of: letters and digits, plain punctuation, entity codes.
TOKEN = re.compile(r"(?:#\d+;|[^\W_]|[ .,\-()'/])*")
HOSTILE = st.text(
    st.characters(exclude_categories=["Cs"]) | st.sampled_from(list('"]#;%{}:<>&`*_\n\t|')),
    max_size=40,
)


def shown(value: str) -> str:
    """What a reader should see: the text with its whitespace runs made one space, without
    control characters."""
    return "".join(ch for ch in " ".join(value.split()) if unicodedata.category(ch) != "Cc")


@given(HOSTILE)
def test_a_label_is_made_only_of_plain_characters_and_entity_codes(value: str) -> None:
    encoded = label_text(value)
    assert TOKEN.fullmatch(encoded), encoded
    for syntax in ('"', "%%", ":", "<", ">", "&", "`", "*", "[", "]", "|", "{", "\n"):
        assert syntax not in encoded
    assert html.unescape(encoded.replace("#", "&#")) == shown(value)


def test_the_characters_mermaid_reads_are_entity_codes() -> None:
    assert label_text('say "hi"') == "say #34;hi#34;"
    assert label_text("#35;") == "#35;35#59;"
    assert label_text("a]\nb") == "a#93; b"
    assert quoted("%%{init}%%") == '"#37;#37;#123;init#125;#37;#37;"'
    assert label_text("王小明 Ltd.") == "王小明 Ltd."  # letters of any script stay readable


@settings(deadline=None)  # a browser round trip each
@given(HOSTILE.filter(lambda v: shown(v) != ""))
def test_any_text_draws_as_one_label_showing_itself(
    mermaid_check: MermaidCheck, value: str
) -> None:
    """The real Mermaid: a node and an edge label of random text parse, draw one node each,
    and the reader sees the text itself."""
    chart = f'flowchart TB\n  n1[{quoted(value)}]\n  n1 -->|{quoted(value)}| n2["end"]\n'
    drawn = mermaid_check.render(chart)
    assert not drawn.problems, (chart, drawn.problems)
    assert len(drawn.nodes) == 2
    assert drawn.node("n1")["text"] == shown(value)
    assert shown(value) in drawn.text.replace(shown(value), "", 1)  # the edge label too
    assert drawn.anchors == drawn.scripts == 0 and not drawn.handlers and not drawn.hrefs
