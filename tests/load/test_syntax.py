"""load/syntax/: a YAML syntax error named at the mistake's own line, with a fix.

The corpus (tests/fixtures/mistakes, test_mistakes.py) holds whole maps; these are the small
stories behind it, and the properties: whatever the text, an explanation never raises and
names a line of the file.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from acmap.load import load_text
from acmap.load.syntax import LINE_BREAK, explain
from acmap.load.yamlnodes import NodeLoader
from tests.helpers import FIXTURES


def e001(text: str) -> tuple[int, int, str]:
    loaded = load_text(text, "acme.yaml", stem="acme")
    assert [f.code for f in loaded.findings] == ["E001"], loaded.findings
    found = loaded.findings[0]
    return found.line, found.col, found.message


MAP = "acmap: 1\naccount:\n  id: acme\n  name: Acme\n"


@pytest.mark.parametrize(
    ("text", "line", "col", "words"),
    [
        # libyaml notices a missing colon on the next line; the mistake is the line before.
        (MAP + "  tier key\n  owner: dana\n", 5, 3, "missing ':' after the key `tier`"),
        (MAP + "  tier key\n", 5, 3, "write `tier: key`"),
        (MAP + "stakeholders\n  - id: a\n", 5, 1, "write `stakeholders:`"),
        (MAP + "  tier:key\n  owner: dana\n", 5, 7, "missing space after ':'"),
        # An unclosed bracket is seen lines later, or where the file ends.
        (MAP + "  goals: [Grow,\n    Shrink\n  pains: []\n", 5, 10, "unclosed '['"),
        (MAP + "  goals: [Grow\n", 5, 10, "end the value with ]: `goals: [Grow]`"),
        (MAP + "units:\n  - {id: a, name: A\n  - {id: b, name: B}\n", 6, 5, "unclosed '{'"),
        # An unclosed quote runs to the end of the file, or to the next quote.
        (MAP + '  tier: "key\n  owner: dana\n', 5, 9, 'end the value with ": `tier: "key"`'),
        (MAP + '  tier: "key\n  owner: dana\n  industry: "Logistics"\n', 5, 9, "line 7"),
        (MAP + "  industry: 'Bob's trucks'\n", 5, 17, "apostrophe"),
        # `: ` inside plain text.
        (MAP + "  industry: Tip: golf\n", 5, 16, '`industry: "Tip: golf"`'),
        (MAP + '  industry: a "b": c\n', 5, 18, "`industry: 'a \"b\": c'`"),
        # Tabs.
        (MAP + "\ttier: key\n", 5, 1, "a tab character"),
        (MAP + "  \ttier: key\n", 5, 3, "replace it with spaces"),
        # Indentation.
        (MAP + "   tier: key\n", 5, 4, "`tier:` is indented 3 spaces, `name:` above it 2"),
        (MAP + " tier: key\n", 5, 2, "indent it 2 spaces"),
        (MAP + "units:\n  - {id: a}\n   - {id: b}\n", 7, 4, "`- {id:` above it 2"),
        # Items under an empty `[]` or `{}`: the fix is on the line above them.
        (MAP + "  goals: []\n    - Grow\n", 5, 10, "remove the `[]`"),
        (MAP + "links: []   # e.g. ...\n  - {from: a, to: b}\n", 5, 8, "items under `links: []`"),
        (MAP + "  x-extra: {}\n    a: 1\n", 5, 12, "remove the `{}`"),
        # A missing or glued `- `.
        (MAP + "units:\n  - id: a\n  id: b\n", 7, 3, "start it with `- `: `- id: b`"),
        (MAP + "  goals:\n    - Grow\n    Shrink\n", 7, 5, "a list item without `- `"),
        (MAP + "units:\n  - id: a\n  -id: b\n", 7, 3, "missing space after `-`"),
        (MAP + "  - tier: key\n", 5, 3, "a list item `- ` where a key was expected"),
        (MAP + "  goals: - Grow\n", 5, 10, "write `goals: [Grow]`"),
        # A key of an item indented as short as the item's `- `: its indentation, not a new item.
        (
            MAP + "stakeholders:\n  - id: a\n    name: A\n  unit: exec\n    roles: [x]\n",
            8,
            3,
            "`unit:` is indented 2 spaces, `name:` above it 4",
        ),
        # A key without its colon above its `- ` items is a key, not an item without `- `.
        (MAP + "  goals:\n  - a\n  pains\n  - c\n", 7, 3, "write `pains:`"),
        # The text of a `|` block at its key's indentation; text continued with a `: `.
        (MAP + "  x-notes: |\n  text here\n", 6, 3, "indent this line 4 spaces"),
        (MAP + "  industry: Met at the show\n    Follow up: soon\n", 6, 14, "in quotes"),
        (MAP + "  industry: Logistics\n     tier: key\n", 6, 6, "`tier:` is indented 5"),
        # Brackets and quotes that end a value too early.
        (MAP + "units:\n  - {id: a}\n}\n", 7, 1, "an extra '}'"),
        (MAP + "  goals: [a, ]]\n", 5, 15, "an extra ']'"),
        (MAP + "  goals: [a, *, b]\n", 5, 15, "followed by a name"),
        (MAP + "  goals: [Grow]]\n", 5, 16, "an extra ']'"),
        (MAP + "  goals: [Grow] fast\n", 5, 17, '`goals: "[Grow] fast"`'),
        (MAP + '  industry: "Logistics" and more\n', 5, 25, "text after the closing quote"),
        (MAP + "links:\n  - {from: a, to: b type: x}\n", 6, 21, "missing ',' before `type`"),
        # Characters YAML reserves.
        (MAP + "  owner: @dana\n", 5, 10, 'quote it: `owner: "@dana"`'),
        (MAP + "  owner: *dana\n", 5, 10, "alias"),
        (MAP + '  industry: "C:\\dir"\n', 5, 16, "use single quotes"),
        # Documents.
        (MAP + "...\naccount: {}\n", 5, 1, "`...` ends the YAML document"),
        (MAP + "---\nacmap: 1\n", 5, 1, "more than one YAML document"),
    ],
)
def test_the_mistake_is_named_where_it_is(text: str, line: int, col: int, words: str) -> None:
    found = e001(text)
    assert found[:2] == (line, col), found
    assert words in found[2]


def test_line_breaks_are_counted_as_libyaml_counts_them() -> None:
    for newline in ("\n", "\r\n", "\r", "\x85", "\u2028"):
        text = newline.join(["acmap: 1", "account:", "  id: acme", "  name Acme", "  tier: key"])
        assert e001(text)[:2] == (4, 3), repr(newline)


def test_a_control_character_is_placed_by_character_not_by_byte() -> None:
    # libyaml's reader counts UTF-8 bytes; 名前 is six of them and two characters.
    line, col, message = e001(MAP.replace("Acme", "名前\x07"))
    assert (line, col) == (4, 11) and "control characters" in message


def test_a_bare_error_without_marks_is_named_at_the_start() -> None:
    assert explain("a: 1\n", YAMLError("something odd")) == (1, 1, "something odd")
    assert explain("a: 1\n", ValueError()) == (1, 1, "not valid YAML")


class _Mark:
    def __init__(self, line: Any, column: Any) -> None:
        self.line, self.column = line, column


@pytest.mark.parametrize(
    ("problem", "context"),
    [
        ("could not find expected ':'", "while scanning a simple key"),
        ("did not find expected ',' or ']'", "while parsing a flow sequence"),
        ("did not find expected key", "while parsing a block mapping"),
        ("did not find expected '-' indicator", "while parsing a block collection"),
        ("mapping values are not allowed in this context", None),
        ("something libyaml never said", None),
    ],
)
@pytest.mark.parametrize("spot", [(0, 0), (99, 99), (-3, -1), (2, 500)])
def test_marks_anywhere_never_raise_and_stay_in_the_file(
    problem: str, context: str | None, spot: tuple[int, int]
) -> None:
    text = "a: [1\n b\n"
    error = MarkedYAMLError(context, _Mark(*spot), problem, _Mark(*spot))
    line, col, message = explain(text, error)
    lines = LINE_BREAK.split(text)
    assert 1 <= line <= len(lines) and 1 <= col <= len(lines[line - 1]) + 1
    assert message


def test_every_yaml_test_suite_error_still_gets_e001_with_a_message() -> None:
    for case in sorted((FIXTURES / "yaml-test-suite").glob("*.yaml")):
        loaded = load_text(case.read_bytes(), case.name, stem=case.stem)
        assert loaded.map is None, case.name
        assert len(loaded.findings) == 1 and loaded.findings[0].message, case.name


YAMLISH = st.text(alphabet=" \t\n\r:-[]{},\"'#|>&*!%@`?\\.abc1é名\x85", max_size=80)
BASE = (FIXTURES / "mistakes" / "syntax-missing-colon.yaml").read_text(encoding="utf-8")
BASE = BASE.replace("    name Mary Lee", "    name: Mary Lee")


def _reported_line_is_in_the_file(text: str) -> None:
    loaded = load_text(text, "acme.yaml", stem="acme")
    lines = LINE_BREAK.split(text.removeprefix("\ufeff"))
    for f in loaded.findings:
        if f.code == "E001":
            assert 1 <= f.line <= len(lines), (f, text)
            assert 1 <= f.col <= len(lines[f.line - 1]) + 1, (f, text)
            assert f.message


@given(YAMLISH)
def test_random_text_never_raises(text: str) -> None:
    _reported_line_is_in_the_file(text)


@given(
    st.integers(min_value=0, max_value=len(BASE)),
    st.integers(min_value=0, max_value=3),
    st.text(alphabet=" \t\n:-[]{},\"'#*@", max_size=3),
)
def test_a_hand_edit_of_a_real_map_never_raises(at: int, cut: int, typed: str) -> None:
    """One edit as a rep makes them: a few characters deleted, a few typed."""
    _reported_line_is_in_the_file(BASE[:at] + typed + BASE[at + cut :])


@given(YAMLISH)
def test_explain_itself_never_raises(text: str) -> None:
    try:
        NodeLoader(text).get_single_node()
    except YAMLError as exc:
        line, col, message = explain(text, exc)
        assert 1 <= line <= len(LINE_BREAK.split(text)) and col >= 1 and message


# One story per entry of the recognisers table (load/syntax/recognisers.py), yamllint-style:
# the mistake and the recogniser that must answer it, with none before it in the table.
STORIES = [
    ("tab", MAP + "\ttier: key\n"),
    ("more-documents", MAP + "---\nacmap: 1\n"),
    ("quote-run-on", MAP + '  tier: "key\n  owner: dana\n  industry: "Logistics"\n'),
    ("missing-colon", MAP + "  tier key\n  owner: dana\n"),
    ("unclosed-flow", MAP + "  goals: [Grow\n"),
    ("unclosed-quote", MAP + '  tier: "key\n  owner: dana\n'),
    ("not-an-item", MAP + "units:\n  - id: a\n  id: b\n"),
    ("not-a-key", MAP + "  goals: []\n    - Grow\n"),
    ("colon-in-value", MAP + "  industry: Tip: golf\n"),
    ("item-after-key", MAP + "  goals: - Grow\n"),
    ("cannot-start", MAP + "  owner: @dana\n"),
    ("document-end", MAP + "...\naccount: {}\n"),
    ("no-value", MAP + "  goals: [, a]\n"),
    ("undefined-alias", MAP + "  owner: *dana\n"),
    ("unknown-escape", MAP + '  industry: "C:\\dir"\n'),
    ("anchor", MAP + "  goals: [a, *, b]\n"),
]


def answering(text: str) -> tuple[str, tuple[int, int, str]]:
    """The recogniser that explains `text`'s syntax error, and what it says."""
    from acmap.load.syntax.marks import Failure
    from acmap.load.syntax.recognisers import recognise

    loader = NodeLoader(text)
    try:
        loader.get_single_node()
    except YAMLError as error:
        found = recognise(Failure(text, error))
        assert found is not None, "no recogniser knows this error"
        return found[0].name, found[1]
    finally:
        loader.dispose()
    raise AssertionError("the text parsed")


@pytest.mark.parametrize(("name", "text"), STORIES, ids=[name for name, _ in STORIES])
def test_each_recogniser_answers_its_own_mistake(name: str, text: str) -> None:
    answered, explained = answering(text)
    assert answered == name, explained
    assert e001(text) == explained  # and it is what the loader reports


def test_every_recogniser_has_a_story_and_its_own_name() -> None:
    from acmap.load.syntax.recognisers import RECOGNISERS

    names = [recogniser.name for recogniser in RECOGNISERS]
    assert len(set(names)) == len(names)
    assert [name for name, _ in STORIES] == names  # in the table's order
