"""`acmap schema` is generated from the format definition and agrees with the loader."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML
from tests.helpers import EXAMPLE_MAPS, FIXTURES, REPO, run_acmap


def schema() -> dict[str, Any]:
    result = run_acmap("schema")
    assert result.code == 0
    document: dict[str, Any] = json.loads(result.out)
    return document


def as_json(value: Any) -> Any:
    """YAML → JSON values, as yaml-language-server sees them (dates are strings)."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def read_yaml(path: Path) -> Any:
    return as_json(YAML(typ="safe").load(path.read_text(encoding="utf-8")))


def test_schema_is_valid_draft_07_with_descriptions() -> None:
    document = schema()
    jsonschema.Draft7Validator.check_schema(document)
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    stance = document["definitions"]["stakeholder"]["properties"]["stance"]
    values, empty = stance["anyOf"]
    assert values["enum"] == ["advocate", "supporter", "neutral", "skeptic", "blocker", "unknown"]
    # An empty `stance:` means no stance given, as the loader reads it; said without a null
    # branch so that editors offer only the six stances (tests/ci/test_editor.py).
    validator = jsonschema.Draft7Validator(stance)
    assert validator.is_valid(None) and validator.is_valid("blocker")
    assert not validator.is_valid("friendly") and not validator.is_valid(3)
    assert empty == {"not": {"type": ["string", "number", "boolean", "array", "object"]}}
    assert stance["description"]


def test_checked_in_schema_is_current() -> None:
    # maps/*.yaml point editors at ../acmap.schema.json; it must match `acmap schema`.
    assert json.loads((REPO / "acmap.schema.json").read_text()) == schema()


@pytest.mark.parametrize("path", sorted(EXAMPLE_MAPS.glob("*.yaml")), ids=lambda p: p.stem)
def test_example_maps_satisfy_the_schema(path: Path) -> None:
    errors = list(jsonschema.Draft7Validator(schema()).iter_errors(read_yaml(path)))
    assert errors == []


@pytest.mark.parametrize(
    "name",
    ["e003-unknown-field", "e004-missing-field", "e005-invalid-value", "e005-version"],
)
def test_bad_fixtures_fail_the_schema(name: str) -> None:
    document = read_yaml(FIXTURES / "invalid" / f"{name}.yaml")
    assert list(jsonschema.Draft7Validator(schema()).iter_errors(document))


def test_placeholder_needs_name_or_title_in_the_schema_too() -> None:
    validator = jsonschema.Draft7Validator(schema())
    base = {"acmap": 1, "account": {"id": "a", "name": "A"}}
    assert not list(validator.iter_errors({**base, "stakeholders": [{"id": "x", "title": "CFO"}]}))
    assert list(validator.iter_errors({**base, "stakeholders": [{"id": "x"}]}))
