"""A map saved as UTF-16 (Windows' "Unicode") or as UTF-8 with a byte-order mark goes through
every command, and the writing commands (fmt, import) write it back in the encoding it came in.

`acmap import` used to read such a map a second time as plain UTF-8 and end in an internal
error; a writer that silently turned UTF-16 into UTF-8 would make a one-line change a whole-file
diff in the user's git history.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import EXAMPLE_MAPS, commit, git, run_acmap

ENCODINGS = {
    "utf-16-le-bom": (b"\xff\xfe", "utf-16-le"),
    "utf-8-bom": (b"\xef\xbb\xbf", "utf-8"),
}
MAP = "brightwater-foods.yaml"
ORIGINAL = (EXAMPLE_MAPS / MAP).read_text(encoding="utf-8")


def _encode(text: str, encoding: str) -> bytes:
    bom, codec = ENCODINGS[encoding]
    return bom + text.encode(codec)


def _decode(data: bytes, encoding: str) -> str:
    bom, codec = ENCODINGS[encoding]
    assert data.startswith(bom), f"byte-order mark lost: {data[:4]!r}"
    if codec == "utf-8":
        assert not data[len(bom) :].startswith(bom), "byte-order mark doubled"
    return data[len(bom) :].decode(codec)


@pytest.fixture(params=list(ENCODINGS))
def encoded(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    """A committed git project whose one map is the example map in the given encoding."""
    root = tmp_path / "project"
    (root / "maps").mkdir(parents=True)
    git(root, "init", "-q")
    (root / "acmap.toml").write_text('maps = "maps"\ntoday = "2026-11-22"\n', encoding="utf-8")
    (root / "maps" / MAP).write_bytes(_encode(ORIGINAL, request.param))
    (root / "contacts.csv").write_text(
        "First Name,Last Name,Title\nNora,Quist,Chief Information Officer\n", encoding="utf-8"
    )
    commit(root, "the map")
    return root, request.param


READING = [
    (("validate",), 0, "1 file, 0 errors"),
    (("gaps",), 0, "brightwater-foods"),
    (("list",), 0, "brightwater-foods"),
    (("show", "brightwater-foods"), 0, "Tomás Reyes"),
    (("show", f"maps/{MAP}"), 0, "Brightwater Foods, Inc."),
    (("render", "brightwater-foods", "-f", "dot"), 0, "digraph"),
    (("path", "brightwater-foods", "cfo", "controller"), 0, "Linda Marsh —manages→ Beth"),
    (("partners",), 0, "Northwind"),
    (("export",), 0, "Frank Deluca,Chief Operating Officer"),
    (("export", "-f", "json"), 0, '"name": "Frank Deluca"'),
    (("diff",), 0, "No account map changed"),
    (("fmt", "--check"), 0, "1 file already formatted"),
]


@pytest.mark.parametrize(("args", "code", "shown"), READING, ids=[" ".join(r[0]) for r in READING])
def test_every_reading_command_reads_it(
    encoded: tuple[Path, str], args: tuple[str, ...], code: int, shown: str
) -> None:
    root, _ = encoded

    result = run_acmap(*args, cwd=root)

    assert "internal error" not in result.err and "Traceback" not in result.err, result.err
    assert result.code == code, result.err
    assert shown in result.out
    # a BOM read as text would show up as U+FEFF, or as the mojibake "ï»¿"
    assert "\ufeff" not in result.out and "ï»¿" not in result.out


def test_fmt_writes_it_back_in_its_encoding(encoded: tuple[Path, str]) -> None:
    root, encoding = encoded
    path = root / "maps" / MAP
    path.write_bytes(_encode(ORIGINAL.replace("  tier: key\n", "  tier: 'key'\n"), encoding))

    check = run_acmap("fmt", "--check", cwd=root)
    diff = run_acmap("fmt", "--diff", cwd=root)
    result = run_acmap("fmt", cwd=root)

    assert check.code == 1 and "would reformat maps/brightwater-foods.yaml" in check.out
    assert diff.code == 1 and "-  tier: 'key'\n+  tier: key\n" in diff.out
    assert result.code == 0, result.err
    assert result.out.startswith("reformatted maps/brightwater-foods.yaml\n")
    assert _decode(path.read_bytes(), encoding) == ORIGINAL


def test_import_writes_it_back_in_its_encoding(encoded: tuple[Path, str]) -> None:
    root, encoding = encoded
    path = root / "maps" / MAP

    result = run_acmap("import", "contacts.csv", "--account", "brightwater-foods", cwd=root)

    assert "internal error" not in result.err and "Traceback" not in result.err, result.err
    assert result.code == 0, result.err
    assert "1 person added" in result.out and "written" in result.out
    text = _decode(path.read_bytes(), encoding)
    assert "name: Nora Quist" in text and "title: Chief Information Officer" in text
    assert "Tomás Reyes" in text  # the rest kept, non-ASCII and all
    assert text.startswith(ORIGINAL.split("stakeholders:")[0])
    # and the result is still a map every command reads: diff sees one person added
    after = run_acmap("diff", cwd=root)
    assert after.code == 0, after.err
    assert "1 account changed" in after.out and "Nora Quist" in after.out


def test_import_dry_run_writes_nothing(encoded: tuple[Path, str]) -> None:
    root, _ = encoded
    path = root / "maps" / MAP
    before = path.read_bytes()

    result = run_acmap("import", "contacts.csv", "-a", "brightwater-foods", "-n", cwd=root)

    assert result.code == 0, result.err
    assert "dry run, nothing written" in result.out
    assert path.read_bytes() == before


def test_diff_reads_both_sides_in_their_encodings(encoded: tuple[Path, str]) -> None:
    root, encoding = encoded
    path = root / "maps" / MAP
    changed = ORIGINAL.replace("    name: Frank Deluca\n", "    name: Frank Deluca-Østergaard\n")
    assert changed != ORIGINAL
    path.write_bytes(_encode(changed, encoding))
    commit(root, "renamed")

    result = run_acmap("diff", "HEAD~1", "HEAD", cwd=root)

    assert "internal error" not in result.err, result.err
    assert result.code == 0, result.err
    assert "1 account changed" in result.out
