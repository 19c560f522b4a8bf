"""The loader as a user meets it: small maps, one expectation each."""

from __future__ import annotations

import time
from datetime import date

from acmap.load import MAX_BYTES, load_text
from tests.helpers import codes_at, load_yaml

GOOD = """\
    acmap: 1
    account:
      id: acme
      name: Acme
      tier: key
      owner: dana
      team:
        - {id: dana, name: Dana Ruiz, role: account_executive}
      reviewed: 2026-10-02
      opportunities:
        - {id: big, name: Big deal, stage: proposal, amount: 250000.5, buying_group: [mlee]}
    units:
      - {id: exec, name: Executive}
      - {id: fin, name: Finance, parent: exec}
    stakeholders:
      - id: mlee
        name: Mary Lee
        title: CFO
        unit: fin
        roles: [economic_buyer, decision_maker]
        stance: supporter
        influence: high
        owner: dana
        last_contact: "2026-09-14"
        contact: {email: mary@acme.example, phone: "+1 555 0100"}
        prefers: {channel: email, cadence: monthly}
      - {id: jkim, name: Jin Kim, reports_to: mlee}
    links:
      - {from: jkim, to: mlee, type: influences, strength: strong, note: Golf partners}
    partners:
      - id: nw
        name: Northwind
        type: si
        owner: dana
        knows:
          - {stakeholder: mlee, strength: medium}
"""


def test_a_good_map_loads_into_the_model_with_positions() -> None:
    loaded = load_yaml(GOOD)
    assert loaded.findings == []
    assert loaded.map is not None
    account_map = loaded.map
    assert account_map.account.tier == "key"
    assert account_map.account.reviewed == date(2026, 10, 2)
    mary = account_map.person("mlee")
    assert mary is not None
    assert mary.last_contact == date(2026, 9, 14)  # quoted dates are dates too
    assert mary.roles == ["economic_buyer", "decision_maker"]
    assert mary.where("stance") == (21, 13)
    assert mary.where("roles[1]") == (20, 29)
    assert mary.contact is not None and mary.contact.phone == "+1 555 0100"
    link = account_map.links[0]
    assert (link.source, link.target, link.strength) == ("jkim", "mlee", "strong")
    assert account_map.account.opportunities[0].amount == 250000.5
    assert account_map.partners[0].knows[0].stakeholder == "mlee"


def test_defaults_follow_the_spec() -> None:
    loaded = load_yaml(
        """\
        acmap: 1
        account: {id: acme, name: Acme}
        stakeholders:
          - {id: a, name: Ann}
        links:
          - {from: a, to: a2, type: allies}
        """
    )
    assert loaded.map is None  # a2 is unknown
    plain = load_yaml(
        "acmap: 1\naccount: {id: acme, name: Acme}\nstakeholders: [{id: a, name: A}]\n"
    )
    assert plain.map is not None
    person = plain.map.stakeholders[0]
    assert (person.stance, person.status, person.influence) == ("unknown", "active", None)
    assert plain.map.account.tier == "standard"


def test_unknown_field_suggests_the_closest_name() -> None:
    loaded = load_yaml("acmap: 1\naccount: {id: acme, name: Acme, teir: key}\n")
    assert codes_at(loaded) == [("E003", 2, 33)]
    assert "did you mean 'tier'?" in loaded.findings[0].message


def test_bad_enum_lists_the_allowed_values() -> None:
    loaded = load_yaml("acmap: 1\naccount: {id: acme, name: Acme, tier: gold}\n")
    assert codes_at(loaded) == [("E005", 2, 39)]
    assert "strategic, key, growth, standard" in loaded.findings[0].message


def test_wrong_types_are_invalid_values() -> None:
    loaded = load_yaml(
        """\
        acmap: "1"
        account:
          id: acme
          name: 42
          employees: many
          goals: Grow
        """
    )
    assert [f.code for f in loaded.findings] == ["E005"] * 4
    assert 'quote it: "42"' in loaded.findings[1].message


def test_yaml_1_1_booleans_are_plain_text() -> None:
    # YAML 1.2 core schema: `no` is a word, not false (the "Norway problem").
    loaded = load_yaml("acmap: 1\naccount: {id: acme, name: no}\n")
    assert loaded.findings == []


def test_unknown_reference_suggests_the_closest_id() -> None:
    loaded = load_yaml(
        """\
        acmap: 1
        account: {id: acme, name: Acme, team: [{id: dana, name: Dana}]}
        stakeholders:
          - {id: mlee, name: Mary Lee, owner: danna}
        """
    )
    assert codes_at(loaded) == [("E007", 4, 39)]
    assert "did you mean dana?" in loaded.findings[0].message


def test_cycle_names_its_members() -> None:
    loaded = load_yaml(
        """\
        acmap: 1
        account: {id: acme, name: Acme}
        stakeholders:
          - {id: a, name: A, reports_to: b}
          - {id: b, name: B, reports_to: a}
          - {id: c, name: C, reports_to: a}
        """
    )
    assert [f.code for f in loaded.findings] == ["E008"]
    assert "a → b → a" in loaded.findings[0].message


def test_placeholder_needs_a_title() -> None:
    loaded = load_yaml("acmap: 1\naccount: {id: acme, name: Acme}\nstakeholders: [{id: x}]\n")
    assert codes_at(loaded) == [("E004", 3, 16)]


def test_x_keys_are_allowed_anywhere_and_ignore_list_is_read() -> None:
    loaded = load_yaml(
        """\
        acmap: 1
        x-team-notes: anything
        account:
          id: acme
          name: Acme
          x-acmap-ignore: [G103, rose-tinted]
        stakeholders:
          - {id: a, name: A, x-crm-id: 42}
        """
    )
    assert loaded.findings == []
    assert loaded.map is not None and loaded.map.account.ignore == ["G103", "rose-tinted"]


def test_empty_file_and_comment_only_file() -> None:
    for text in ("", "# nothing yet\n"):
        assert codes_at(load_text(text, "acme.yaml")) == [("E004", 1, 1)]


def test_top_level_list() -> None:
    assert codes_at(load_text("- acmap: 1\n", "x.yaml")) == [("E005", 1, 1)]


def test_multiple_documents() -> None:
    loaded = load_text("acmap: 1\n---\nacmap: 1\n", "x.yaml")
    assert [f.code for f in loaded.findings] == ["E001"]
    assert "more than one YAML document" in loaded.findings[0].message


def test_non_utf8_names_line_and_column() -> None:
    loaded = load_text(b"acmap: 1\naccount:\n  name: Caf\xe9\n", "x.yaml")
    assert codes_at(loaded) == [("E001", 3, 12)]
    assert "not UTF-8" in loaded.findings[0].message


def test_nul_byte_is_a_syntax_error() -> None:
    loaded = load_text(b"acmap: 1\naccount: {id: a\x00b}\n", "x.yaml")
    assert [f.code for f in loaded.findings] == ["E001"]


def test_utf8_bom_and_crlf_are_fine() -> None:
    text = "\ufeffacmap: 1\r\naccount:\r\n  id: x\r\n  name: X\r\n".encode()
    loaded = load_text(text, "x.yaml")
    assert loaded.findings == []


def test_file_over_the_size_limit_says_which_limit() -> None:
    loaded = load_text(b"#" * (MAX_BYTES + 1), "big.yaml")
    assert codes_at(loaded) == [("E011", 1, 1)]
    assert "5,242,880-byte" in loaded.findings[0].message


def test_python_tags_never_construct_anything(tmp_path) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "pwned"
    loaded = load_text(
        f'acmap: 1\naccount: !!python/object/apply:os.system ["touch {marker}"]\n', "x.yaml"
    )
    assert [f.code for f in loaded.findings] == ["E011"]
    assert not marker.exists()


def test_billion_laughs_is_rejected_in_milliseconds() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        refs = ",".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    start = time.perf_counter()
    loaded = load_text("\n".join(lines) + "\n", "lol.yaml")
    elapsed = time.perf_counter() - start
    assert [f.code for f in loaded.findings] == ["E011"]
    assert elapsed < 0.5  # generous for CI; it takes about a millisecond


def test_a_few_aliases_that_expand_hugely_are_rejected() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 6):  # 50 alias uses, 10^6 values once expanded
        lines.append(f"a{level}: &a{level} [{','.join([f'*a{level - 1}'] * 10)}]")
    loaded = load_text("\n".join(lines) + "\n", "lol.yaml")
    assert [f.code for f in loaded.findings] == ["E011"]
    assert "expand" in loaded.findings[0].message


def test_recursive_alias_is_rejected() -> None:
    loaded = load_text("acmap: 1\nx-loop: &a [*a]\naccount: {id: x, name: X}\n", "x.yaml")
    assert [f.code for f in loaded.findings] == ["E011"]


def test_harmless_alias_is_fine() -> None:
    loaded = load_yaml(
        """\
        acmap: 1
        account: {id: acme, name: Acme}
        stakeholders:
          - {id: a, name: A, prefers: &pref {channel: email}}
          - {id: b, name: B, prefers: *pref}
        """
    )
    assert loaded.findings == []


def test_hostile_nesting_is_rejected_without_crashing() -> None:
    for text in ("a: " + "[" * 200_000 + "]" * 200_000, "- " * 200_000 + "x"):
        loaded = load_text(text, "deep.yaml")
        assert [f.code for f in loaded.findings] == ["E011"]


def test_a_million_character_line_is_a_finding_not_a_crash() -> None:
    loaded = load_text("acmap: 1\naccount: {id: x, name: " + "y" * 1_000_000 + "}\n", "x.yaml")
    assert loaded.findings == []
    assert loaded.map is not None
