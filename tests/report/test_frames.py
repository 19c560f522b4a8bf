"""The code frame under each finding in `acmap validate`'s text output, as ruff shows it:

    maps/acme.yaml:5:3: E001 yaml-syntax missing ':' after the key `tier`; write `tier: key`
      |
    5 |   tier key
      |   ^

JSON and github output stay one finding per line, unchanged in shape.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from acmap.findings import Finding
from acmap.load import load_text
from acmap.report.findings import frame
from acmap.report.layout import visible
from tests.helpers import FINDING_KEYS, run_acmap, write_map_file

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but tab and newline
MAP = "acmap: 1\naccount:\n  id: acme\n  name: Acme\n"
MISSING_COLON = MAP + "  tier key\n  owner: dana\n"


def validate(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> list[str]:
    result = run_acmap("validate", "--no-cache", *args, cwd=tmp_path, env=env)
    assert result.code == 1 and "Traceback" not in result.err, result.err
    return result.out.splitlines()


def caret_column(lines: list[str], at: int) -> int:
    """The 1-based column in the file that the caret under lines[at] points at."""
    shown, marker = lines[at], lines[at + 1]
    gutter = shown.index(" | ") + 3
    return marker.index("^") - gutter + 1


def test_the_line_and_a_caret_under_the_column(tmp_path: Path) -> None:
    write_map_file(tmp_path, "acme.yaml", MISSING_COLON)

    lines = validate(tmp_path)

    assert lines[0].startswith("maps/acme.yaml:5:3: E001 yaml-syntax missing ':'")
    assert lines[1:4] == ["  |", "5 |   tier key", "  |   ^"]
    assert lines[4] == "1 file, 1 error, 0 warnings"


def test_every_validation_finding_gets_a_frame(tmp_path: Path) -> None:
    write_map_file(
        tmp_path,
        "acme.yaml",
        MAP + "  tier: gold\n  stence: x\nstakeholders:\n  - {id: a, name: A, reports_to: b}\n",
    )

    lines = validate(tmp_path)

    findings = [n for n, line in enumerate(lines) if line.startswith("maps/acme.yaml:")]
    assert [lines[n].split()[1] for n in findings] == ["E005", "E003", "E007"]
    for n in findings:
        assert lines[n + 1].endswith(" |") and lines[n + 3].strip(" |").startswith("^")
        number, column = lines[n].split(":")[1:3]
        assert lines[n + 2].startswith(f"{number} | ")
        assert caret_column(lines, n + 2) == int(column)


def test_a_wide_line_is_cut_to_the_terminal_around_the_caret(tmp_path: Path) -> None:
    notes = "word " * 60
    write_map_file(tmp_path, "acme.yaml", MAP + f"  industry: {notes}trucks: and more\n")

    lines = validate(tmp_path, env={"COLUMNS": "60"})

    shown, marker = lines[2], lines[3]
    assert all(len(line) <= 60 for line in lines[1:4]), lines
    assert "…" in shown
    assert shown[marker.index("^")] == ":"  # the `: ` inside the text, where the column says


def test_control_characters_in_the_line_come_out_escaped(tmp_path: Path) -> None:
    path = write_map_file(tmp_path, "acme.yaml", MAP)
    path.write_bytes(MAP.replace("Acme", "Ac\x1b]0;owned\x07me").encode())

    for env in ({}, {"NO_COLOR": "", "FORCE_COLOR": "1"}):
        result = run_acmap("validate", "--no-cache", cwd=tmp_path, env=env)
        assert "\x1b]0;" not in result.out and "\x07" not in result.out
        plain = re.sub("\x1b\\[[0-9;]*m", "", result.out)  # acmap's own colours only
        assert "4 |   name: Ac\\x1b]0;owned\\x07me" in plain


def test_a_tab_is_shown_as_spaces_with_the_caret_across_it(tmp_path: Path) -> None:
    write_map_file(tmp_path, "acme.yaml", MAP + "\ttier: key\n")

    lines = validate(tmp_path)

    assert lines[2:4] == ["5 |     tier: key", "  | ^^^^"]


def test_wide_characters_keep_the_caret_in_place(tmp_path: Path) -> None:
    write_map_file(tmp_path, "acme.yaml", MAP.replace("Acme", "名前") + "  industry: 東京: x\n")

    lines = validate(tmp_path)

    # 東京 takes four columns on a terminal: the caret goes under the `:` after it.
    assert lines[2] == "5 |   industry: 東京: x"
    assert lines[3] == "  |                 ^"


def test_the_frame_comes_back_from_the_cache(tmp_path: Path) -> None:
    write_map_file(tmp_path, "acme.yaml", MISSING_COLON)
    cache = {"ACMAP_CACHE_DIR": str(tmp_path / "cache"), "ACMAP_CACHE_KEY": str(tmp_path / "k")}

    first = run_acmap("validate", cwd=tmp_path, env=cache)
    second = run_acmap("validate", cwd=tmp_path, env=cache)

    assert list((tmp_path / "cache").iterdir())  # the second run read the results cache
    assert second.out == first.out and "5 |   tier key" in second.out


def test_json_and_github_output_are_unchanged(tmp_path: Path) -> None:
    write_map_file(tmp_path, "acme.yaml", MISSING_COLON)

    data = json.loads(run_acmap("validate", "-f", "json", "--no-cache", cwd=tmp_path).out)
    github = run_acmap("validate", "-f", "github", "--no-cache", cwd=tmp_path).out.splitlines()

    (finding,) = data["findings"]
    assert set(finding) == FINDING_KEYS
    assert (finding["line"], finding["col"], finding["code"]) == (5, 3, "E001")
    assert len(github) == 2 and github[0].startswith("::error file=maps/acme.yaml,line=5,col=3")
    assert "tier key" not in "\n".join(github)  # the message, never the frame


def test_a_finding_without_a_line_has_no_frame() -> None:
    bare = Finding("maps/acme.yaml", 3, 1, "E004", "missing-field", "error", "missing 'name'")
    assert frame(bare, 100) == []


def test_a_long_line_travels_as_a_window_around_the_column() -> None:
    text = MAP + "  industry: " + "x" * 5000 + " and: more\n"
    (found,) = load_text(text, "acme.yaml", stem="acme").findings
    assert found.excerpt is not None
    start, excerpt = found.excerpt
    assert start > 1 and len(excerpt) <= 800 and ":" in excerpt

    plain = ["".join(text for text, _ in line) for line in frame(found, 80)]

    assert all(len(line) <= 80 for line in plain)
    assert plain[1].startswith("5 | …") and plain[1][plain[2].index("^")] == ":"


def display_width(text: str) -> int:
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


@given(
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\n\r"), max_size=300),
    st.integers(min_value=1, max_value=320),
    st.integers(min_value=1, max_value=99_999),
    st.integers(min_value=40, max_value=200),
)
def test_any_line_makes_a_frame_that_fits_and_hides_no_control(
    text: str, col: int, line: int, columns: int
) -> None:
    f = Finding("maps/a.yaml", line, col, "E001", "yaml-syntax", "error", "x", excerpt=(1, text))

    rows = ["".join(part for part, _ in row) for row in frame(f, columns)]

    assert len(rows) == 3 and rows[1].startswith(f"{line} | ")
    assert rows[2].rstrip().endswith("^")
    for row in rows:
        assert display_width(row) <= columns, (row, columns)
        assert not CONTROL.search(row), row


@given(
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\n\r\t"), max_size=30),
    st.data(),
)
def test_the_caret_stands_under_its_character(text: str, data: st.DataObject) -> None:
    col = data.draw(st.integers(min_value=1, max_value=len(text) + 1))
    f = Finding("maps/a.yaml", 7, col, "E001", "yaml-syntax", "error", "x", excerpt=(1, text))

    rows = ["".join(part for part, _ in row) for row in frame(f, 200)]

    assert rows[1] == "7 | " + visible(text)
    assert display_width(rows[2][: rows[2].index("^")]) == 4 + display_width(
        visible(text[: col - 1])
    )
