"""`acmap import CSV --account ID` end to end: a CRM export merged into a map, comments kept."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers import EXAMPLE_MAPS, Result, load_yaml

from acmap.load import load_file

Acmap = Callable[..., Result]

MAP = """\
# Acme: our biggest logistics prospect.
acmap: 1
account:
  id: acme
  name: Acme Corp
  team: [{id: dana, name: Dana Ruiz}]  # the whole team
units:
  - {id: fin, name: Finance}
stakeholders:
  # --- Finance -------------------------------------------------------
  - id: mlee
    name: Mary Lee
    title: CFO   # since 2024
    unit: fin
    contact: {email: mary.lee@acme.example}

# links come later
links: []
"""

SALESFORCE = """\
First Name,Last Name,Title,Email,Phone,Department,Reports To
Mary,Lee,Chief Financial Officer,MARY.LEE@acme.example,+1 555 0100,Finance,
Paul,Wendt,Controller,paul.wendt@acme.example,,Finance,Mary Lee
Ines,Roth,Head of Procurement,ines.roth@acme.example,,Procurement,Paul Wendt
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "acme.yaml").write_text(MAP, encoding="utf-8")
    return tmp_path


def _csv(project: Path, text: str, name: str = "contacts.csv", encoding: str = "utf-8") -> str:
    (project / name).write_text(text, encoding=encoding)
    return name


def _map(project: Path) -> str:
    return (project / "maps" / "acme.yaml").read_text(encoding="utf-8")


def test_salesforce_contacts_merged(acmap: Acmap, project: Path) -> None:
    result = acmap("import", _csv(project, SALESFORCE), "--account", "acme", cwd=project)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == (
        "maps/acme.yaml: 2 people added, 1 updated, 0 unchanged, 1 unit added, 1 value kept "
        "— written"
    )
    assert "  = Mary Lee: title stays CFO (the CSV says 'Chief Financial Officer'; --update " in (
        result.out
    )
    loaded = load_yaml(_map(project))
    assert loaded.map is not None, loaded.findings
    mary, paul, ines = loaded.map.stakeholders
    assert mary.title == "CFO"  # never overwritten without --update
    assert mary.contact is not None and mary.contact.phone == "+1 555 0100"  # matched by email
    assert (paul.id, paul.reports_to, paul.unit) == ("paul-wendt", "mlee", "fin")
    assert (ines.id, ines.reports_to, ines.unit) == ("ines-roth", "paul-wendt", "procurement")
    assert [u.name for u in loaded.map.units] == ["Finance", "Procurement"]


def test_import_keeps_every_comment(acmap: Acmap, project: Path) -> None:
    acmap("import", _csv(project, SALESFORCE), "--account", "acme", cwd=project)
    text = _map(project)
    for comment in (
        "# Acme: our biggest logistics prospect.",
        "# the whole team",
        "# --- Finance ---",
        "title: CFO   # since 2024",
        "# links come later",
    ):
        assert comment in text
    # The comment before `links:` still stands before it, after the new people.
    assert text.index("ines-roth") < text.index("# links come later") < text.index("links: []")
    assert '    phone: "+1 555 0100"' not in text  # a flow mapping stays a flow mapping
    assert 'contact: {email: mary.lee@acme.example, phone: "+1 555 0100"}' in text


def test_import_twice_is_a_no_op(acmap: Acmap, project: Path) -> None:
    name = _csv(project, SALESFORCE)
    acmap("import", name, "--account", "acme", cwd=project)
    before = _map(project)
    again = acmap("import", name, "--account", "acme", cwd=project)
    assert again.code == 0
    assert again.out.splitlines()[0] == (
        "maps/acme.yaml: 0 people added, 0 updated, 3 unchanged, 1 value kept — nothing to change"
    )
    assert _map(project) == before


def test_dry_run_writes_nothing(acmap: Acmap, project: Path) -> None:
    result = acmap("import", _csv(project, SALESFORCE), "-a", "acme", "--dry-run", cwd=project)
    assert result.code == 0
    assert "— dry run, nothing written" in result.out
    assert "  + Paul Wendt (paul-wendt): title Controller, unit fin, reports_to mlee" in result.out
    assert _map(project) == MAP


def test_update_replaces_values(acmap: Acmap, project: Path) -> None:
    result = acmap("import", _csv(project, SALESFORCE), "-a", "acme", "--update", cwd=project)
    assert "  ~ Mary Lee: title CFO → 'Chief Financial Officer'" in result.out
    assert "title: Chief Financial Officer # since 2024" in _map(project)


def test_hubspot_headers_and_column_mapping(acmap: Acmap, project: Path) -> None:
    hubspot = "First Name,Last Name,Job Title,Email,Phone Number\nAnna,Berg,CTO,anna@acme.example,+46 70 123\n"
    result = acmap("import", _csv(project, hubspot), "-a", "acme", cwd=project)
    assert "  + Anna Berg (anna-berg): title CTO" in result.out
    other = "Contact,Position,Mobile\nBo Ek,Buyer,+46 70 999\n"
    name = _csv(project, other, "other.csv")
    refused = acmap("import", name, "-a", "acme", cwd=project)
    assert refused.code == 2
    assert "other.csv:1: no name column" in refused.err
    mapped = acmap(
        "import", name, "-a", "acme", "-c", "Contact=name", "-c", "Position=title",
        "-c", "Mobile=phone", cwd=project,
    )  # fmt: skip
    assert mapped.code == 0, mapped.err
    assert "  + Bo Ek (bo-ek): title Buyer, contact phone +46 70 999" in mapped.out


def test_a_name_already_taken_gets_a_numbered_slug(acmap: Acmap, project: Path) -> None:
    # Same name, different email: two people (a name is only the last chance, and an email
    # that contradicts it wins).
    twins = "Name,Email\nMary Lee,other.mary@acme.example\nMary Lee,third.mary@acme.example\n"
    result = acmap("import", _csv(project, twins), "-a", "acme", cwd=project)
    assert result.code == 0, result.err
    assert "2 people added, 0 updated" in result.out
    assert "  + Mary Lee (mary-lee): contact email other.mary@acme.example" in result.out
    assert "  + Mary Lee (mary-lee-2): contact email third.mary@acme.example" in result.out
    ids = "Name,Email,id\nJo Park,jo@acme.example,mlee\n"
    result = acmap("import", _csv(project, ids, "ids.csv"), "-a", "acme", "-n", cwd=project)
    assert "  = Mary Lee: name stays 'Mary Lee'" in result.out  # matched by id first


def test_same_name_different_emails_are_different_people(acmap: Acmap, project: Path) -> None:
    count = 300
    rows = "".join(f"John,Smith,js{i}@acme.example,Title {i}\n" for i in range(count))
    name = _csv(project, "First Name,Last Name,Email,Title\n" + rows)
    result = acmap("import", name, "-a", "acme", cwd=project)
    assert result.code == 0, result.err
    assert result.out.startswith(f"maps/acme.yaml: {count} people added, 0 updated")
    loaded = load_file(project / "maps" / "acme.yaml")
    assert loaded.map is not None, loaded.findings
    smiths = [p for p in loaded.map.stakeholders if p.name == "John Smith"]
    assert len(smiths) == count
    assert [p.id for p in smiths[:3]] == ["john-smith", "john-smith-2", "john-smith-3"]
    assert [(p.title, p.contact and p.contact.email) for p in smiths[:2]] == [
        ("Title 0", "js0@acme.example"),
        ("Title 1", "js1@acme.example"),
    ]
    # A name with no email matches only where nobody's email says otherwise: here anyone.
    again = acmap("import", _csv(project, "Name\nJohn Smith\n", "x.csv"), "-a", "acme", cwd=project)
    assert f"'John Smith' could be any of {count} people" in again.out


def test_two_rows_for_one_person_are_noted_and_the_first_value_kept(
    acmap: Acmap, project: Path
) -> None:
    text = (
        "Name,Email,Title,Phone\n"
        "Paul Wendt,paul@acme.example,Controller,\n"
        "Paul Wendt,PAUL@acme.example,Head of Finance,+1 555 0199\n"
        "Mary Lee,mary.lee@acme.example,,+1 555 0100\n"
        "Mary Lee,,,+1 555 0111\n"
    )
    name = _csv(project, text)
    result = acmap("import", name, "-a", "acme", "-n", cwd=project)
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("maps/acme.yaml: 1 person added, 1 updated, 0 unchanged")
    assert "  ! line 3: the same person as line 2, Paul Wendt (paul-wendt) — merged" in out
    assert "  ! line 5: the same person as line 4, Mary Lee (mlee) — merged" in out
    assert "  = Paul Wendt: title stays Controller (the CSV says 'Head of Finance'" in out
    assert "  = Mary Lee: phone stays '+1 555 0100' (the CSV says '+1 555 0111'" in out
    assert "  + Paul Wendt (paul-wendt): title Controller, contact email paul@acme.example, " in (
        out
    )
    acmap("import", name, "-a", "acme", "--update", cwd=project)
    loaded = load_file(project / "maps" / "acme.yaml")
    assert loaded.map is not None, loaded.findings
    mary, paul = loaded.map.stakeholders
    assert paul.title == "Head of Finance"  # --update: the later row wins
    assert mary.contact is not None and mary.contact.phone == "+1 555 0111"


def test_the_last_persons_line_end_comment_stays_on_its_line(acmap: Acmap, project: Path) -> None:
    path = project / "maps" / "acme.yaml"
    path.write_text(
        MAP.replace(
            "{email: mary.lee@acme.example}", "{email: mary.lee@acme.example}  # keep me here"
        )
    )
    result = acmap("import", _csv(project, SALESFORCE), "-a", "acme", cwd=project)
    assert result.code == 0, result.err
    text = _map(project)
    # (ruamel moves the comment left of the longer line's end; it stays on the line)
    assert '    contact: {email: mary.lee@acme.example, phone: "+1 555 0100"} # keep me here\n' in (
        text
    )
    assert text.count("# keep me here") == 1
    new = text[text.index("- id: paul-wendt") : text.index("# links come later")]
    assert "#" not in new
    assert text.index("ines-roth") < text.index("# links come later") < text.index("links: []")
    # A block mapping's last key and a flow item at the end of the list alike.
    for last in (
        "  - id: jkim\n    name: Jin Kim   # keep me here\n",
        "  - {id: jkim, name: Jin Kim}  # keep me here\n",
    ):
        path.write_text(MAP.replace("\n# links come later", last + "\n# links come later"))
        result = acmap(
            "import", _csv(project, "Name\nBo Ek\n", "bo.csv"), "-a", "acme", cwd=project
        )
        assert result.code == 0, result.err
        text = _map(project)
        assert last in text
        assert text.index("bo-ek") < text.index("# links come later") < text.index("links: []")
        assert "#" not in text[text.index("- id: bo-ek") : text.index("# links come later")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "contacts.csv: the file is empty"),
        (b"First Name,Last Name\nJos\xe9,Ruiz\n", "contacts.csv:2: not valid utf-8 (byte 0xe9)"),
        (b"First Name,Last Name,Email\nA,B,a@b\nC,D\n", "contacts.csv:3: row 2 has 2 values"),
        (b"Name,Stance\nA B,fan\n", "contacts.csv:2: row 1: stance 'fan' is not one of"),
        (b"Name,Roles\nA B,buyer\n", "contacts.csv:2: row 1: role 'buyer' is not one of"),
        (
            b"Name,Last Contact\nA B,yesterday\n",
            "contacts.csv:2: row 1: last_contact 'yesterday' is not a date",
        ),
        (b"First Name,Last Name,Email\n,,x@y\n", "contacts.csv:2: a new person with no name"),
        (b'Name,Title\n"A B,CFO\n', "contacts.csv:"),
    ],
)
def test_bad_csv_names_the_row(acmap: Acmap, project: Path, content: bytes, message: str) -> None:
    (project / "contacts.csv").write_bytes(content)
    result = acmap("import", "contacts.csv", "-a", "acme", cwd=project)
    assert result.code == 2
    assert result.err.startswith("acmap: " + message), result.err
    assert "Traceback" not in result.err
    assert _map(project) == MAP


def test_other_encodings(acmap: Acmap, project: Path) -> None:
    (project / "win.csv").write_bytes(b"First Name,Last Name\nJos\xe9,Ruiz\n")
    result = acmap("import", "win.csv", "-a", "acme", "--encoding", "cp1252", cwd=project)
    assert "  + José Ruiz (jose-ruiz)" in result.out
    (project / "excel.csv").write_bytes("Name;Title\nÅsa Berg;CIO\n".encode("utf-16"))
    result = acmap("import", "excel.csv", "-a", "acme", cwd=project)
    assert "  + Åsa Berg (asa-berg): title CIO" in result.out


def test_usage_errors(acmap: Acmap, project: Path) -> None:
    name = _csv(project, SALESFORCE)
    assert (
        "no map file, folder or account id 'acm'"
        in acmap("import", name, "-a", "acm", cwd=project).err
    )
    assert acmap("import", "missing.csv", "-a", "acme", cwd=project).code == 2
    bad = acmap("import", name, "-a", "acme", "-c", "Email=mail", cwd=project)
    assert bad.code == 2
    assert "FIELD one of id, name" in bad.err
    assert (
        "no column 'Emial' (did you mean 'Email'?)"
        in acmap("import", name, "-a", "acme", "-c", "Emial=email", cwd=project).err
    )


def test_a_cycle_the_csv_would_create_is_refused(acmap: Acmap, project: Path) -> None:
    loop = "Name,Reports To\nMary Lee,Paul Wendt\nPaul Wendt,Mary Lee\n"
    result = acmap("import", _csv(project, loop), "-a", "acme", cwd=project)
    assert result.code == 2
    assert "not imported: the merged map would have errors (E008" in result.err
    assert _map(project) == MAP


def test_export_edit_import_round_trips(acmap: Acmap, tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE_MAPS, tmp_path / "maps")
    exported = acmap("export", cwd=tmp_path).out
    (tmp_path / "people.csv").write_text(exported, encoding="utf-8")
    for account in ("brightwater-foods", "halcyon-bank", "lumen-robotics", "meridian-health"):
        result = acmap("import", "people.csv", "-a", account, cwd=tmp_path)
        assert result.code == 0, result.err
        assert "— nothing to change" in result.out.splitlines()[0]
        assert (tmp_path / "maps" / f"{account}.yaml").read_bytes() == (
            EXAMPLE_MAPS / f"{account}.yaml"
        ).read_bytes()
    # A rep edits the export: Keisha's manager and a new colleague.
    edited = exported.replace(
        "procurement,Keisha Adams,Procurement Lead,Finance & Procurement,,",
        "procurement,Keisha Adams,Procurement Lead,Finance & Procurement,Marta Novak,",
    )
    edited += (
        "lumen-robotics,Lumen Robotics,,Ines Roth,Buyer,Finance & Procurement,Keisha Adams,"
        "procurement,neutral,low,active,Dana Ruiz,,ines.roth@lumenrobotics.example,\n"
    )
    (tmp_path / "people.csv").write_text(edited, encoding="utf-8")
    result = acmap("import", "people.csv", "-a", "lumen-robotics", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "1 person added, 1 updated" in result.out
    # Exported again, the maps say what the edited file said (Ines now has her generated id).
    reexported = acmap("export", cwd=tmp_path).out
    expected = edited.replace(",,Ines Roth", ",ines-roth,Ines Roth")
    assert sorted(reexported.splitlines()) == sorted(expected.splitlines())
    assert acmap("validate", cwd=tmp_path).code == 0


def test_a_named_person_fills_the_placeholder_with_their_title(
    acmap: Acmap, tmp_path: Path
) -> None:
    shutil.copytree(EXAMPLE_MAPS, tmp_path / "maps")
    csv_text = "First Name,Last Name,Title,Email\nInes,Roth,VP Engineering,ines@lumen.example\n"
    (tmp_path / "new-vp.csv").write_text(csv_text, encoding="utf-8")
    result = acmap("import", "new-vp.csv", "-a", "lumen-robotics", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "  ~ [VP Engineering]: name 'Ines Roth' added" in result.out
    text = (tmp_path / "maps" / "lumen-robotics.yaml").read_text(encoding="utf-8")
    assert (
        "  - id: vp-eng\n    name: Ines Roth\n    title: VP Engineering      # hired since" in text
    )


def test_doubled_quotes_and_separators_inside_cells(acmap: Acmap, project: Path) -> None:
    # Excel quoting: "" is one quote, and a quoted cell may hold the delimiter and \x1e.
    text = 'Name,Title,Department\nPat O\'Neil,"Head of ""Special"" Projects, EMEA","R&D\x1eLab"\n'
    result = acmap("import", _csv(project, text), "-a", "acme", cwd=project)
    assert result.code == 0, result.err
    loaded = load_file(project / "maps" / "acme.yaml")
    assert loaded.map is not None
    pat = next(p for p in loaded.map.stakeholders if p.name == "Pat O'Neil")
    assert pat.title == 'Head of "Special" Projects, EMEA'
    unit = next(u for u in loaded.map.units if u.id == pat.unit)
    assert unit.name == "R&D\x1eLab"


def test_a_crlf_map_keeps_its_line_endings(acmap: Acmap, project: Path) -> None:
    path = project / "maps" / "acme.yaml"
    path.write_bytes(MAP.replace("\n", "\r\n").encode("utf-8"))

    result = acmap("import", _csv(project, SALESFORCE), "--account", "acme", cwd=project)

    assert result.code == 0, result.err
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > MAP.count("\n")  # every line, no lone LF
    assert b"\r\r" not in data
    assert data.startswith(b"# Acme: our biggest logistics prospect.\r\nacmap: 1\r\n")
    assert "Paul Wendt" in data.decode("utf-8")
