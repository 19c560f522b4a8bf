"""`acmap fmt`: one layout, every comment, `x-` key and value kept; idempotent; atomic."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from tests.helpers import EXAMPLE_MAPS, FIXTURES, load_yaml, run_acmap, write_map_file

from acmap.edit.fmt import FormatError, NotAMap, comments, format_text

MESSY = """\
# yaml-language-server: $schema=../acmap.schema.json
account:   # the account
  name: 'Globex Corp'   # display name
  x-crm-id: '0015g00000XyZ'
  # the id must match the file name
  id: globex
  tier: key
acmap: 1
stakeholders:
  # --- leadership
  - name: Mary Lee
    id: mlee     # Mary
    # her role
    roles: [economic_buyer]
    notes: |
      Long note
      # not a comment, part of the note
    # after the note
    stance: supporter
    x-source: linkedin

  - id: jkim
    stance: neutral
    name: "Jin Kim"
    contact:
      phone: '+1 555 0100'
      email: jin@x.example
    # trailing comment of jkim

# links next
links:
  - {to: mlee, from: jkim, type: influences}
"""

TIDY = """\
# yaml-language-server: $schema=../acmap.schema.json
acmap: 1
account:   # the account
  # the id must match the file name
  id: globex
  name: Globex Corp     # display name
  x-crm-id: "0015g00000XyZ"
  tier: key
stakeholders:
  # --- leadership
  - id: mlee     # Mary
    name: Mary Lee
    # her role
    roles: [economic_buyer]
    # after the note
    stance: supporter
    x-source: linkedin
    notes: |
      Long note
      # not a comment, part of the note

  - id: jkim
    name: Jin Kim
    stance: neutral
    contact:
      email: jin@x.example
      phone: "+1 555 0100"
    # trailing comment of jkim

# links next
links:
  - {from: jkim, to: mlee, type: influences}
"""


def test_canonical_layout_keeps_comments_x_keys_and_data() -> None:
    out = format_text(MESSY)

    assert out == TIDY
    assert comments(out) == comments(MESSY)
    before, after = load_yaml(MESSY, "globex.yaml"), load_yaml(out, "globex.yaml")
    assert before.map is not None and after.map is not None
    assert [s.id for s in after.map.stakeholders] == ["mlee", "jkim"]
    assert after.map.stakeholders[0].notes == before.map.stakeholders[0].notes
    jkim_before, jkim_after = before.map.stakeholders[1], after.map.stakeholders[1]
    assert jkim_before.contact is not None and jkim_after.contact is not None
    assert jkim_after.contact.phone == jkim_before.contact.phone == "+1 555 0100"


def test_idempotent() -> None:
    once = format_text(MESSY)
    assert format_text(once) == once


@pytest.mark.parametrize("path", sorted(EXAMPLE_MAPS.glob("*.yaml")), ids=lambda p: p.name)
def test_the_example_maps_are_already_canonical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert format_text(text) == text


def test_quotes_only_where_needed_but_numbers_stay_text() -> None:
    source = (
        "acmap: 1\naccount:\n  id: q\n  name: 'Q: the company'\n  industry: \"Plain words\"\n"
        "  website: 'yes'\nstakeholders:\n  - {id: a, name: 'A', contact: {phone: '0123'}}\n"
    )
    out = format_text(source)
    assert '  name: "Q: the company"\n' in out  # needs quotes: double, the format's style
    assert "  industry: Plain words\n" in out
    assert "  website: yes\n" in out  # YAML 1.2: `yes` is text
    assert '{id: a, name: A, contact: {phone: "0123"}}' in out


def test_a_key_that_moves_first_takes_its_comment_along() -> None:
    source = "acmap: 1\naccount:\n  name: X\n  # why this id\n  id: x\n"
    assert format_text(source) == "acmap: 1\naccount:\n  # why this id\n  id: x\n  name: X\n"


def test_a_list_items_first_key_takes_its_comment_above_the_item() -> None:
    source = (
        "acmap: 1\naccount: {id: a, name: A}\nstakeholders:\n"
        "  - id: ceo\n    title: CEO\n"
        "  - title: CFO\n    # about the id\n    id: cfo\n"
    )
    lines = format_text(source).splitlines()
    below = lines[lines.index("    # about the id") + 1]
    assert below == "  - id: cfo"  # the comment now sits above its key's new place


def test_unknown_keys_go_last_for_the_user_to_fix() -> None:
    source = "acmap: 1\naccount:\n  nmae: typo\n  id: x\n  name: X\n"
    assert format_text(source).endswith("  id: x\n  name: X\n  nmae: typo\n")


def test_broken_yaml_is_not_formatted() -> None:
    with pytest.raises(FormatError, match="E001"):
        format_text("acmap: 1\naccount: {id: x\n")
    with pytest.raises(FormatError, match="E002"):
        format_text("acmap: 1\nacmap: 1\n")


def test_other_yaml_files_are_not_maps() -> None:
    with pytest.raises(NotAMap):
        format_text("name: ci\non: [push]\n")


# --- the command -----------------------------------------------------------------------------


def test_fmt_rewrites_only_what_changes(tmp_path: Path) -> None:
    messy = write_map_file(tmp_path, "globex.yaml", MESSY)
    tidy = write_map_file(
        tmp_path,
        "initech.yaml",
        FIXTURES.joinpath("valid/minimal.yaml").read_text().replace("minimal", "initech"),
    )
    os.utime(tidy, (1_000_000, 1_000_000))

    result = run_acmap("fmt", cwd=tmp_path)

    assert result.code == 0, result.err
    assert "reformatted maps/globex.yaml" in result.out
    assert "1 file reformatted, 1 file already formatted" in result.out
    assert messy.read_text() == TIDY
    assert tidy.stat().st_mtime == 1_000_000  # an already formatted file is not written
    again = run_acmap("fmt", cwd=tmp_path)
    assert again.code == 0 and "2 files already formatted" in again.out


def test_check_writes_nothing_and_exits_1(tmp_path: Path) -> None:
    path = write_map_file(tmp_path, "globex.yaml", MESSY)

    result = run_acmap("fmt", "--check", cwd=tmp_path)

    assert result.code == 1
    assert "would reformat maps/globex.yaml" in result.out
    assert path.read_text() == MESSY


def test_diff_prints_a_unified_diff(tmp_path: Path) -> None:
    path = write_map_file(tmp_path, "globex.yaml", MESSY)

    result = run_acmap("fmt", "--diff", "maps/globex.yaml", cwd=tmp_path)

    assert result.code == 1
    assert result.out.startswith("--- a/maps/globex.yaml\n+++ b/maps/globex.yaml\n")
    assert "+acmap: 1\n" in result.out and "-  name: 'Globex Corp'   # display name\n" in result.out
    assert path.read_text() == MESSY


def test_a_broken_file_is_reported_and_the_rest_formatted(tmp_path: Path) -> None:
    write_map_file(tmp_path, "broken.yaml", "acmap: 1\naccount: {id: broken\n")
    fixed = write_map_file(tmp_path, "globex.yaml", MESSY)

    result = run_acmap("fmt", cwd=tmp_path)

    assert result.code == 2
    assert "maps/broken.yaml:2:10: E001" in result.err and "not formatted" in result.err
    assert "Traceback" not in result.err
    assert fixed.read_text() == TIDY


def test_a_crash_before_the_rename_leaves_the_file_whole(tmp_path: Path) -> None:
    path = write_map_file(tmp_path, "globex.yaml", MESSY)

    result = run_acmap("fmt", cwd=tmp_path, env={"ACMAP_TEST_FAIL_BEFORE_RENAME": "1"})

    assert result.code != 0
    assert path.read_text() == MESSY
    assert [p.name for p in (tmp_path / "maps").iterdir()] == ["globex.yaml"]  # no temp left


# Found by tests/fuzz/test_writers.py under --hypothesis-profile=thorough: comments between the
# keys of the first item of a list, in places ruamel's emitter handles differently each pass.
FMT_FIXTURES = FIXTURES / "fmt"


def test_stable_even_when_a_comment_moves_on_the_second_pass(tmp_path: Path) -> None:
    source = (FMT_FIXTURES / "comment-moves-on-second-pass.yaml").read_text(encoding="utf-8")
    once = format_text(source)
    assert format_text(once) == once
    assert comments(once) == comments(source)


def test_a_layout_that_would_not_parse_is_refused_and_the_file_kept(tmp_path: Path) -> None:
    target = tmp_path / "maps" / "odd.yaml"
    target.parent.mkdir()
    shutil.copy(FMT_FIXTURES / "comment-ruamel-cannot-place.yaml", target)
    before = target.read_bytes()
    result = run_acmap("fmt", cwd=tmp_path)
    assert result.code == 2
    assert "maps/odd.yaml: formatting would write YAML that does not parse" in result.err
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert target.read_bytes() == before
