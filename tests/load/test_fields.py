"""Field-level hand-editing mistakes: each gives one finding that says how to write it right."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from acmap.format import fields as fmt
from acmap.load import load_file
from acmap.load.suggest import enum_value, list_example
from acmap.model import ROLES
from acmap.words import IdHints
from tests.helpers import FIXTURES, codes_at, load_yaml

PEOPLE = """\
    acmap: 1
    account:
      id: acme
      name: Acme
      owner: dana
      team:
        - {id: dana, name: Dana Ruiz}
      opportunities:
        - {id: big, name: Big deal, buying_group: [jdoe]}
    units:
      - {id: finance, name: Finance}
    stakeholders:
      - id: jdoe
        name: Jane Doe
        unit: finance
      - id: bsmith
        name: Bob Smith
"""


def with_people(extra: str) -> str:
    """The map above and `extra` (not dedented: lines at 4 spaces continue bob's fields)."""
    return textwrap.dedent(PEOPLE) + extra


def messages(source: str) -> list[str]:
    return [f"{f.code} {f.line}: {f.message}" for f in load_yaml(source).findings]


# --- 1. enum words and bare values where a list belongs -----------------------------------------


def test_a_bare_role_in_words_suggests_the_valid_list() -> None:
    found = messages(with_people("    roles: economic buyer\n"))
    assert found == [
        "E005 18: stakeholders[1].roles: expected a list, got text: write `roles: [economic_buyer]`"
    ]


def test_the_suggested_list_is_itself_valid() -> None:
    source = with_people("    roles: Economic Buyer, decision-maker\n")
    (message,) = messages(source)
    fix = message.split("write `", 1)[1].rstrip("`")
    assert fix == "roles: [economic_buyer, decision_maker]"
    assert load_yaml(source.replace("roles: Economic Buyer, decision-maker", fix)).findings == []


def test_a_bare_value_that_cannot_be_mapped_gets_no_invalid_example() -> None:
    (message,) = messages(with_people("    roles: the big boss\n"))
    assert message.endswith("expected a list, got text")


@pytest.mark.parametrize(
    ("line", "meant"),
    [
        ("stance: Supporter", "supporter"),
        ("influence: HIGH", "high"),
        ("status: ACTIVE", "active"),
        ("roles: [DECISION MAKER]", "decision_maker"),
        ("roles: [technical-buyer]", "technical_buyer"),
        ("prefers: {channel: IN PERSON}", "in_person"),
        ("prefers: {cadence: Bi-Weekly}", "biweekly"),
        ("stance: blokcer", "blocker"),
    ],
)
def test_enum_words_in_other_cases_and_spellings_suggest_the_value(line: str, meant: str) -> None:
    (message,) = messages(with_people(f"    {line}\n"))
    assert f"(did you mean {meant!r}?)" in message


def test_link_types_and_stages_fold_too() -> None:
    found = messages(with_people("links:\n  - {from: bsmith, to: jdoe, type: DOTTED LINE}\n"))
    assert len(found) == 1 and "(did you mean 'dotted_line'?)" in found[0]
    source = with_people("").replace("name: Big deal,", "name: Big deal, stage: CLOSED WON,")
    (message,) = messages(source)
    assert "(did you mean 'closed_won'?)" in message


@settings(deadline=None)
@given(
    st.lists(
        st.sampled_from(ROLES).flatmap(
            lambda role: st.tuples(
                st.sampled_from(["_", " ", "-", "  ", " - "]),
                st.sampled_from([str.upper, str.title, str.lower]),
            ).map(lambda how: how[1](role.replace("_", how[0])))
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_spelling_of_roles_maps_to_a_valid_list(words: list[str]) -> None:
    spec = fmt.STAKEHOLDER.fields["roles"]
    assert spec.item is not None
    example = list_example(", ".join(words), spec.item)
    assert example is not None
    assert YAML(typ="safe").load(f"roles: {example}")["roles"] == [
        enum_value(word, ROLES) for word in words
    ]
    assert all(role in ROLES for role in YAML(typ="safe").load(example))


@settings(deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_a_text_list_example_reads_back_as_the_rep_wrote_it(text: str) -> None:
    """User text becomes YAML in the suggestion: it must parse to the same words, never to
    something else (a number, a mapping, a comment)."""
    spec = fmt.ACCOUNT.fields["goals"]
    assert spec.item is not None
    example = list_example(text, spec.item)
    assert example is not None
    parts = [part.strip() for part in text.split(",") if part.strip()] or [text]
    assert YAML(typ="safe", pure=True).load(f"goals: {example}")["goals"] == parts


def test_a_mapping_where_a_list_of_people_belongs_says_start_each_item_with_a_dash() -> None:
    (message,) = messages("acmap: 1\naccount: {id: acme, name: Acme}\nstakeholders:\n  id: a\n")
    assert message == (
        "E005 4: stakeholders: expected a list, got a mapping: start each item with `- ` (`- id: …`)"
    )


# --- 2. a forgotten `- `: two items merged into one mapping ------------------------------------

MERGED = """\
    acmap: 1
    account: {id: acme, name: Acme}
    stakeholders:
      - id: cwu
        name: Carol Wu
        stance: supporter
        id: dlee
        name: Dan Lee
        reports_to: cwu
        stance: neutral
      - id: emma
        name: Emma Stone
        reports_to: dlee
    links:
      - {from: emma, to: dlee, type: influences}
"""


def test_a_forgotten_dash_is_one_finding_where_the_second_item_starts() -> None:
    loaded = load_yaml(MERGED)
    assert codes_at(loaded) == [("E002", 7, 5)]
    assert loaded.findings[0].message == (
        "stakeholders[1]: a new item starts here: add `- ` before `id:`"
    )


def test_adding_the_dash_where_the_finding_points_gives_the_map_the_rep_meant() -> None:
    # Read as one mapping, the merged item held 4 x E002, a false E009 (cwu "reporting to" cwu,
    # from Dan's line) and 2 x E007 (no dlee); the finding points where the `- ` goes.
    (finding,) = load_yaml(MERGED).findings
    lines = textwrap.dedent(MERGED).splitlines(keepends=True)
    text = lines[finding.line - 1]
    lines[finding.line - 1] = text[: finding.col - 3] + "- " + text[finding.col - 1 :]
    fixed = load_yaml("".join(lines))
    assert fixed.findings == [] and fixed.map is not None
    people = fixed.map.stakeholders
    assert [(p.id, p.reports_to) for p in people] == [
        ("cwu", None),
        ("dlee", "cwu"),
        ("emma", "dlee"),
    ]


def test_three_items_merged_are_two_findings_and_a_merged_link_is_found_too() -> None:
    three = textwrap.dedent(MERGED).replace(
        "    stance: neutral\n", "    stance: neutral\n    id: fox\n    name: Fox\n"
    )
    assert [(f.code, f.line) for f in load_yaml(three).findings] == [("E002", 7), ("E002", 11)]
    links = textwrap.dedent(MERGED).replace(
        "  - {from: emma, to: dlee, type: influences}\n",
        "  - from: emma\n    to: dlee\n    type: influences\n    from: dlee\n    to: cwu\n"
        "    type: mentors\n",
    )
    found = load_yaml(links).findings
    assert [(f.code, f.line) for f in found] == [("E002", 7), ("E002", 18)]
    assert "add `- ` before `from:`" in found[1].message


def test_a_duplicate_key_that_is_not_the_id_stays_a_duplicate_key() -> None:
    source = "acmap: 1\naccount: {id: acme, name: Acme}\nstakeholders:\n"
    found = load_yaml(source + "  - id: a\n    name: A\n    name: B\n").findings
    assert [(f.code, f.line) for f in found] == [("E002", 6)]
    assert "duplicate key 'name'" in found[0].message
    flow = load_yaml(source + "  - {id: a, name: A, id: b}\n").findings
    assert [f.code for f in flow] == ["E002"] and "duplicate key 'id'" in flow[0].message


# --- 3. a link without `to` ----------------------------------------------------------------------


def test_a_link_without_to_is_one_missing_field_naming_its_from() -> None:
    found = messages(with_people("links:\n  - {from: bsmith, type: influences}\n"))
    assert found == ["E004 19: links[0]: link from bsmith has no `to`"]
    found = messages(with_people("links:\n  - {to: bsmith, type: influences}\n"))
    assert found == ["E004 19: links[0]: link to bsmith has no `from`"]


def test_an_unreadable_link_end_or_knows_entry_is_not_also_an_unknown_reference() -> None:
    found = messages(with_people("links:\n  - {from: bsmith, to: 42, type: influences}\n"))
    assert [m.split(":")[0] for m in found] == ["E005 19"]
    found = messages(with_people("partners:\n  - {id: nw, name: NW, knows: [{strength: weak}]}\n"))
    assert [m.split(":")[0] for m in found] == ["E004 19"]


# --- 4. a name (or a wrong case) where an id belongs ---------------------------------------------


@pytest.mark.parametrize(
    ("extra", "hint"),
    [
        (
            "    reports_to: Jane Doe\n",
            "'Jane Doe' is not a valid id (did you mean jdoe (Jane Doe)?)",
        ),
        (
            "    reports_to: jane\n",
            "no stakeholder with id 'jane' (did you mean jdoe (Jane Doe)?)",
        ),
        ("    reports_to: JDoe\n", "(did you mean jdoe (Jane Doe)?)"),
        ("    owner: Dana Ruiz\n", "(did you mean dana (Dana Ruiz)?)"),
        ("    unit: Finance\n", "'Finance' is not a valid id (did you mean finance?)"),
        (
            "links:\n  - {from: Bob, to: jdoe, type: mentors}\n",
            "(did you mean bsmith (Bob Smith)?)",
        ),
        (
            "links:\n  - {from: bsmith, to: Jane, type: mentors}\n",
            "(did you mean jdoe (Jane Doe)?)",
        ),
        (
            "partners:\n  - {id: nw, name: NW, owner: dana, knows: [{stakeholder: Smith}]}\n",
            "(did you mean bsmith (Bob Smith)?)",
        ),
    ],
)
def test_every_person_reference_says_did_you_mean_with_the_name(extra: str, hint: str) -> None:
    (message,) = messages(with_people(extra))
    assert hint in message


def test_a_name_in_the_buying_group_and_the_account_owner() -> None:
    source = with_people("").replace("buying_group: [jdoe]", "buying_group: [Bob Smith]")
    (message,) = messages(source)
    assert message.startswith("E005 9: account.opportunities[0].buying_group[0]: 'Bob Smith'")
    assert message.endswith("(did you mean bsmith (Bob Smith)?)")
    (message,) = messages(with_people("").replace("owner: dana", "owner: Dana"))
    assert (
        message
        == "E005 5: account.owner: 'Dana' is not a valid id (did you mean dana (Dana Ruiz)?)"
    )


def test_a_name_nobody_has_still_explains_what_an_id_is() -> None:
    (message,) = messages(with_people("    reports_to: Mr Nobody\n"))
    assert message.endswith(
        "'Mr Nobody' is not a valid id: use lowercase letters, digits, '-' and '_', "
        "starting with a letter or digit"
    )


def test_id_hints_stay_fast_for_thousands_of_misses() -> None:
    import time

    hints = IdHints({f"p{i}": f"Person {i}" for i in range(10_000)})
    started = time.perf_counter()
    for i in range(10_000):
        hints(f"q{i}")
        hints(f"p{i}x")
    # A quadratic search would take minutes; linear takes well under a second (30: loaded CI).
    assert time.perf_counter() - started < 30
    assert hints("Person 12") == " (did you mean p12 (Person 12)?)"


# --- the corpus: tests/fixtures/mistakes/fields-*.yaml -------------------------------------------
# tests/load/test_mistakes.py (h-syntax) runs the whole corpus through the real CLI; this checks
# the field mistakes on their own, so they are held to their `# expect:` line on this branch too.

FIELD_MISTAKES = sorted((FIXTURES / "mistakes").glob("fields-*.yaml"))


def test_there_are_field_mistakes_for_each_kind_the_issue_names() -> None:
    stems = {path.stem.removeprefix("fields-") for path in FIELD_MISTAKES}
    assert len(stems) >= 12
    assert {"role-in-words", "missing-dash", "link-without-to", "name-as-reports-to"} <= stems


@pytest.mark.parametrize("path", FIELD_MISTAKES, ids=lambda p: p.stem)
def test_each_field_mistake_is_one_finding_on_its_stated_line(path: Path) -> None:
    head = path.read_text(encoding="utf-8").splitlines()[:2]
    assert head[0].startswith("# mistake: ")
    expect = re.fullmatch(r"# expect: (\w+) (\d+):(\d+) (.+)", head[1])
    assert expect is not None, head[1]
    (finding,) = load_file(path).findings
    assert (finding.code, finding.line, finding.col) == (
        expect[1],
        int(expect[2]),
        int(expect[3]),
    )
    assert expect[4].casefold() in finding.message.casefold()
