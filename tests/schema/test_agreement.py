"""The JSON Schema and the loader agree on which files are valid, wherever a schema can say it.

Every fixture (valid, invalid, and the field mistakes) goes through both: the real loader, and
the schema over the file's YAML read as an editor's language server reads it (YAML 1.2 core:
a date is a string). Only the checks a JSON Schema cannot express are listed as exceptions.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.helpers import FIXTURES

from acmap.format.schema import json_schema
from acmap.load import load_file
from acmap.load.yamlnodes import NodeLoader, is_mapping, is_sequence, tag_name

FILES = sorted(
    [
        *(FIXTURES / "valid").glob("*.yaml"),
        *(FIXTURES / "invalid").glob("*.yaml"),
        *(FIXTURES / "mistakes").glob("fields-*.yaml"),
    ]
)

# What the loader checks and a JSON Schema cannot: the schema sees one document's values, not
# YAML's own rules, the text's safety, the file's name, or how values refer to each other.
BEYOND_A_SCHEMA = {
    "E001": "not YAML at all: there is no document to check",
    "E002": "a duplicate key: a YAML reader keeps one of the two before the schema sees them",
    "E006": "duplicate ids: uniqueness of a property across array items",
    "E007": "references: an id must exist elsewhere in the file",
    "E008": "cycles in reporting lines or unit parents",
    "E009": "a person reporting to or linked with themselves",
    "E010": "two files with one account id",
    "E011": "unsafe YAML (tags, aliases, size): about the text, not the values",
}
VALIDATOR = jsonschema.Draft7Validator(json_schema())


def as_json(node: Any) -> Any:
    """A node tree as JSON values, by YAML 1.2 core, as yaml-language-server reads it."""
    if is_mapping(node):
        return {key.value: as_json(value) for key, value in node.value}
    if is_sequence(node):
        return [as_json(item) for item in node.value]
    tag, value = tag_name(node), node.value
    if tag == "null":
        return None
    if tag == "bool":
        return value.lower() == "true"
    if tag == "int":
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if tag == "float":
        return float(value.replace(".inf", "inf").replace(".nan", "nan"))
    return value  # str, and a timestamp is its text


def schema_errors(path: Path) -> list[str]:
    loader = NodeLoader(path.read_text(encoding="utf-8"))
    try:
        document = as_json(loader.get_single_node())
    finally:
        loader.dispose()
    return [error.message for error in VALIDATOR.iter_errors(document)]


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_loader_and_schema_agree_on_every_fixture(path: Path) -> None:
    loaded = load_file(path)
    codes = {f.code for f in loaded.findings if f.severity == "error"}
    beyond = codes & set(BEYOND_A_SCHEMA)
    if beyond:
        assert codes <= set(BEYOND_A_SCHEMA), f"mixed with schema-checkable codes: {codes}"
        return  # BEYOND_A_SCHEMA says why the schema cannot know
    errors = schema_errors(path)
    if codes:
        assert errors, f"acmap says {sorted(codes)}, the schema accepts the file"
    else:
        assert errors == [], f"acmap accepts the file, the schema says {errors}"


def test_the_corpus_reaches_every_exception_and_both_verdicts() -> None:
    seen = set()
    for path in FILES:
        seen |= {f.code for f in load_file(path).findings}
    assert {"E003", "E004", "E005"} <= seen  # schema-checkable errors
    assert {"E006", "E007", "E009"} <= seen  # beyond a schema


BASE = {"acmap": 1, "account": {"id": "acme", "name": "Acme"}}


def schema_accepts(document: dict[str, Any]) -> bool:
    return not list(VALIDATOR.iter_errors(document))


def test_an_empty_optional_field_means_absent_in_both() -> None:
    """`stance:` (null) is read as no stance (the default, unknown), as the SPEC's defaults
    read; a required field left empty is an error in both."""
    person = {"id": "mlee", "name": "Mary Lee"}
    for key in ("stance", "influence", "roles", "contact", "last_contact", "reports_to"):
        assert schema_accepts({**BASE, "stakeholders": [{**person, key: None}]}), key
    assert schema_accepts({**BASE, "account": {**BASE["account"], "x-acmap-ignore": None}})
    assert not schema_accepts({**BASE, "account": {"id": "acme", "name": None}})
    assert not schema_accepts({**BASE, "stakeholders": [{**person, "roles": [None]}]})
    assert not schema_accepts({**BASE, "acmap": None})


def test_impossible_days_fail_the_schema_as_they_fail_the_loader() -> None:
    def schema_date_ok(text: str) -> bool:
        return schema_accepts({**BASE, "account": {**BASE["account"], "reviewed": text}})

    for text in (
        "2026-02-30",
        "2026-04-31",
        "2026-13-01",
        "2026-00-10",
        "2026-01-00",
        "0000-01-01",
    ):
        assert not schema_date_ok(text), text
    for text in ("2024-02-29", "2000-02-29", "2026-12-31", "0001-01-01", "9999-12-31"):
        assert schema_date_ok(text), text
    for text in ("2026-02-29", "1900-02-29", "2100-02-29", "0000-02-29"):
        assert not schema_date_ok(text), text


PATTERN = re.compile(json_schema()["definitions"]["account"]["properties"]["reviewed"]["pattern"])


def is_day(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


@settings(deadline=None, max_examples=500)
@given(st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32))
def test_the_date_pattern_is_exactly_the_loaders_calendar(year: int, month: int, day: int) -> None:
    text = f"{year:04d}-{month:02d}-{day:02d}"
    assert bool(PATTERN.match(text)) == is_day(text)


def test_every_february_29_of_four_centuries() -> None:
    for year in range(1600, 2001):
        text = f"{year:04d}-02-29"
        assert bool(PATTERN.match(text)) == is_day(text), text


# --- field by field: every key of every shape, set to values of every kind ----------------------

# One instance of each shape in an otherwise valid map; the values are YAML snippets.
MAP: dict[str, Any] = {
    "acmap": "1",
    "account": {
        "id": "acme",
        "name": "Acme",
        "owner": "dana",
        "team": [{"id": "dana", "name": "Dana"}],
        "opportunities": [{"id": "big", "name": "Big"}],
    },
    "units": [{"id": "exec", "name": "Exec"}],
    "stakeholders": [
        {"id": "mlee", "name": "Mary Lee", "contact": {"email": "m@x"}, "prefers": {}},
        {"id": "ceo", "name": "Ceo"},
    ],
    "links": [{"from": "mlee", "to": "ceo", "type": "influences"}],
    "partners": [{"id": "nw", "name": "NW", "knows": [{"stakeholder": "mlee"}]}],
}
WHERE: dict[str, tuple[Any, ...]] = {
    "account": ("account",),
    "team member": ("account", "team", 0),
    "opportunity": ("account", "opportunities", 0),
    "unit": ("units", 0),
    "stakeholder": ("stakeholders", 0),
    "contact": ("stakeholders", 0, "contact"),
    "preferences": ("stakeholders", 0, "prefers"),
    "link": ("links", 0),
    "partner": ("partners", 0),
    "knows entry": ("partners", 0, "knows", 0),
}
SAMPLES = (
    "~", '""', "Some text", "mlee", "12", "-3", "1.5", "1.0", "0.0", "true", "2026-01-01", "2026-02-30",
    '"2026-01-01"', "[mlee]", "[~]", "{a: 1}", "high", "1e20", "0x1F",
)  # fmt: skip
# Where the two still differ, and why it is left so.
_ONE_NUMBER_TYPE = (
    "JSON has one kind of number: to a schema 1.0 is the integer 1; acmap asks for a whole "
    "number written as one (1500, not 1500.0)"
)
VALUE_EXCEPTIONS: dict[tuple[str, str], str] = {
    ("account.employees", "1.0"): _ONE_NUMBER_TYPE,
    ("account.employees", "0.0"): _ONE_NUMBER_TYPE,
}


def flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return str(value)


def with_value(shape: str, key: str, sample: str) -> str:
    import copy

    document = copy.deepcopy(MAP)
    target: Any = document
    for step in WHERE[shape]:
        target = target[step]
    target[key] = sample
    return "".join(f"{top}: {flow(value)}\n" for top, value in document.items())


def verdicts(text: str) -> tuple[bool, bool] | None:
    from acmap.load import load_text

    loaded = load_text(text, "acme.yaml", stem="acme")
    codes = {f.code for f in loaded.findings if f.severity == "error"}
    if "E001" in codes or "E011" in codes:
        return None
    loader = NodeLoader(text)
    try:
        document = as_json(loader.get_single_node())
    finally:
        loader.dispose()
    return not (codes - set(BEYOND_A_SCHEMA)), schema_accepts(document)


def test_loader_and_schema_agree_field_by_field() -> None:
    from acmap.format import fields as fmt

    shapes = {shape.name: shape for shape in vars(fmt).values() if isinstance(shape, fmt.Shape)}
    disagree, excepted = [], set()
    for shape in WHERE:
        for key in shapes[shape].fields:
            for sample in SAMPLES:
                found = verdicts(with_value(shape, key, sample))
                if found is None or found[0] == found[1]:
                    continue
                if (f"{shape}.{key}", sample) in VALUE_EXCEPTIONS:
                    excepted.add((f"{shape}.{key}", sample))
                    continue
                side = "acmap" if found[0] else "the schema"
                disagree.append(f"{shape}.{key}: {sample} (only {side} accepts it)")
    assert disagree == []
    assert excepted == set(VALUE_EXCEPTIONS)  # an exception that agrees now is no exception
