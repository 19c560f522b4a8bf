"""`acmap new`: a commented map that validates at once, never over an existing file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.helpers import run_acmap


def test_a_new_map_validates_and_is_already_formatted(tmp_path: Path) -> None:
    result = run_acmap(
        "new", "globex", "--name", "Globex: Corp #1", "--tier", "key", "--owner", "dana",
        "--today", "2026-11-22", cwd=tmp_path,
    )  # fmt: skip

    assert result.code == 0, result.err
    assert "created maps/globex.yaml" in result.out
    text = (tmp_path / "maps" / "globex.yaml").read_text()
    assert '  name: "Globex: Corp #1"\n' in text
    assert "  tier: key" in text and "  owner: dana" in text
    assert "  reviewed: 2026-11-22" in text
    assert text.count("#") > 10  # a commented template
    validate = run_acmap("validate", cwd=tmp_path)
    assert validate.code == 0, validate.out
    assert "0 errors, 0 warnings" in validate.out
    assert run_acmap("fmt", "--check", cwd=tmp_path).code == 0
    gaps = run_acmap("gaps", "globex", cwd=tmp_path, env={"ACMAP_TODAY": "2026-11-22"})
    assert "G405" in gaps.out  # the placeholder economic buyer asks to be named


def test_without_owner(tmp_path: Path) -> None:
    assert run_acmap("new", "initech", "--name", "Initech", cwd=tmp_path).code == 0
    assert run_acmap("validate", cwd=tmp_path).code == 0


def test_never_overwrites(tmp_path: Path) -> None:
    assert run_acmap("new", "globex", "--name", "Globex", cwd=tmp_path).code == 0
    path = tmp_path / "maps" / "globex.yaml"
    path.write_text("# mine\n")

    result = run_acmap("new", "globex", "--name", "Other", cwd=tmp_path)

    assert result.code == 2
    assert "maps/globex.yaml already exists; acmap new never overwrites a map" in result.err
    assert path.read_text() == "# mine\n"


def test_uses_the_maps_folder_of_acmap_toml(tmp_path: Path) -> None:
    (tmp_path / "acmap.toml").write_text('maps = "accounts"\n')
    assert run_acmap("new", "globex", "--name", "Globex", cwd=tmp_path).code == 0
    assert (tmp_path / "accounts" / "globex.yaml").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Globex", "--name", "G"), "'Globex' is not a valid account id"),
        (("globex", "--name", "G", "--tier", "huge"), "--tier 'huge'"),
        (("globex", "--name", "G", "--owner", "Dana Ruiz"), "--owner 'Dana Ruiz'"),
        (("globex", "--name", "  "), "--name must not be empty"),
        # A terminal escape, a NUL-free control, a line break, a byte that is not UTF-8: once an
        # "internal error" (the template would not validate), now a refusal naming the option.
        (("globex", "--name", "Glo\x1b[31mbex"), "control character (U+001B)"),
        (("globex", "--name", "Glo\x07bex"), "control character (U+0007)"),
        (("globex", "--name", "Glo\u2028bex"), "control character (U+2028)"),
        (("globex", "--name", "Glo\udcffbex"), "control character (U+DCFF)"),
    ],
)
def test_bad_input(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = run_acmap("new", *args, cwd=tmp_path)
    assert result.code == 2
    assert message in result.err
    assert not (tmp_path / "maps").exists()


def test_never_writes_outside_the_project(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    for maps in (str(outside), "../outside"):  # as root, maps = "/etc" once wrote there
        (project / "acmap.toml").write_text(f"maps = {maps!r}\n")
        result = run_acmap("new", "globex", "--name", "Globex", cwd=project)
        assert result.code == 2, result.out
        assert (
            "acmap.toml:1:8: maps = " in result.err
            and "outside the folder of acmap.toml" in result.err
        )
    (project / "acmap.toml").unlink()
    (project / "maps").symlink_to(outside)  # no acmap.toml: the default maps/, a link out
    result = run_acmap("new", "globex", "--name", "Globex", cwd=project)
    assert result.code == 2
    assert result.err == (
        "acmap: maps/globex.yaml: cannot write: maps is a symlink out of the project; "
        "acmap never writes through one\n"
    )
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize(
    ("maps", "reference"),
    [
        ("maps", "../acmap.schema.json"),
        ("accounts/emea", "../../acmap.schema.json"),
        ("a/b/c", "../../../acmap.schema.json"),
        (".", "./acmap.schema.json"),
    ],
)
def test_the_modeline_finds_the_schema_at_any_maps_depth(
    tmp_path: Path, maps: str, reference: str
) -> None:
    (tmp_path / "acmap.toml").write_text(f"maps = {maps!r}\n")
    assert run_acmap("new", "globex", "--name", "Globex", cwd=tmp_path).code == 0
    path = tmp_path / maps / "globex.yaml"
    first = path.read_text().splitlines()[0]
    assert first == f"# yaml-language-server: $schema={reference}"
    assert (path.parent / reference).resolve() == (tmp_path / "acmap.schema.json").resolve()


def test_the_modeline_points_beside_acmap_toml_in_a_subfolder(tmp_path: Path) -> None:
    # acmap.toml in sales/ of a git repository, run from deep inside: the schema that
    # `acmap init sales` wrote is sales/acmap.schema.json, beside acmap.toml.
    from tests.helpers import git

    git(tmp_path, "init", "-q")
    assert run_acmap("init", "sales", cwd=tmp_path).code == 0
    (tmp_path / "sales" / "acmap.toml").write_text('maps = "accounts/emea"\n')
    (tmp_path / "sales" / "accounts" / "emea").mkdir(parents=True)
    result = run_acmap("new", "acme", "--name", "Acme", cwd=tmp_path / "sales" / "accounts")
    assert result.code == 0, result.err
    path = tmp_path / "sales" / "accounts" / "emea" / "acme.yaml"
    reference = path.read_text().splitlines()[0].removeprefix("# yaml-language-server: $schema=")
    assert reference == "../../acmap.schema.json"
    schema = (path.parent / reference).resolve()
    assert schema == (tmp_path / "sales" / "acmap.schema.json").resolve() and schema.is_file()


def test_items_added_by_hand_under_the_template_lists_load(tmp_path: Path) -> None:
    # `goals: []` with `- item` lines under it was "did not find expected key": the template
    # shows each list in block form, commented, so uncommenting and adding lines just works.
    import re

    from acmap.load import load_text

    assert run_acmap("new", "acme", "--name", "Acme", "--owner", "dana", cwd=tmp_path).code == 0
    path = tmp_path / "maps" / "acme.yaml"
    commented = re.compile(r"^(\s*)# (\s*(- |[a-z_]+:).*)$")  # a commented YAML line, not prose
    lines = [commented.sub(r"\1\2", line) for line in path.read_text().splitlines()]
    at = lines.index("    - Cut freight cost 10% next fiscal year")
    lines.insert(at + 1, "    - Open two new regions")  # and one more, by hand
    path.write_text("\n".join(lines) + "\n")

    loaded = load_text(path.read_text(), "maps/acme.yaml", stem="acme")

    assert [f.message for f in loaded.findings if f.severity == "error"] == []
    assert loaded.map is not None
    assert loaded.map.account.goals == [
        "Cut freight cost 10% next fiscal year",
        "Open two new regions",
    ]
    assert [(link.source, link.target) for link in loaded.map.links] == [("mlee", "economic-buyer")]
    assert [p.id for p in loaded.map.partners] == ["northwind-si"]
    assert run_acmap("validate", cwd=tmp_path).code == 0


_SEGMENT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
    min_size=1,
    max_size=12,
).filter(lambda part: part not in (".", "..") and "/" not in part and "\\" not in part)


@given(parts=st.lists(_SEGMENT, max_size=4))
def test_the_schema_reference_resolves_for_any_folder_name(parts: list[str]) -> None:
    # Folder names are the user's: spaces, '#', '%', non-ASCII. The modeline's value is one
    # word (a space would end it) and, decoded, leads from the maps folder to the schema file.
    from urllib.parse import unquote

    from acmap.edit.templates import SCHEMA_FILE, schema_reference

    root = Path("/project")
    maps = root.joinpath(*parts)
    reference = schema_reference(maps, root)
    assert reference.isprintable() and not any(c.isspace() for c in reference)
    target = Path(os.path.normpath(maps / unquote(reference)))
    assert target == root / SCHEMA_FILE
