"""The JSON Schema (draft-07) of format v1, generated from format/fields.py: never by hand."""

from __future__ import annotations

from typing import Any

from acmap.format import fields as fmt

SCHEMA_ID = "https://acmap.example/schema/v1.json"
_X_KEYS = {"^x-": {"description": "Your own data; acmap ignores it."}}
# A real calendar day, as the loader's date.fromisoformat accepts it: years 0001-9999, months
# 01-12, days 01-28/29/30/31 by month. February 29 only in leap years: a year divisible by 4
# (its last two digits 04, 08, ... 96), or a century divisible by 400 (0400, 0800, ... 2000).
# A regex can say all of that for four-digit years, which is all YYYY-MM-DD allows.
_YEAR = r"(?!0000)\d{4}"
_LEAP_YEAR = r"(?!0000)(?:\d\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
_DAY_PATTERN = (
    rf"^(?:{_YEAR}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)"
    r"|02-(?:0[1-9]|1\d|2[0-8]))"
    rf"|{_LEAP_YEAR}-02-29)$"
)
_DATE = {
    "type": "string",
    "pattern": _DAY_PATTERN,
    "description": "A date, YYYY-MM-DD.",
}


def json_schema() -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    root = _object(fmt.MAP, definitions)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "acmap account map, format v1",
        **root,
        "definitions": definitions,
    }


def _object(shape: fmt.Shape, definitions: dict[str, Any]) -> dict[str, Any]:
    # An optional key left empty (`stance:`) means the same as leaving it out, as the loader
    # reads it (SPEC §2 gives each optional field a default or "absent"): null is allowed
    # there. A required key and a list entry must hold a value.
    properties = {
        key: _field(spec, definitions, nullable=not spec.required)
        for key, spec in shape.fields.items()
    }
    if shape is fmt.ACCOUNT:
        properties[fmt.IGNORE_KEY] = {
            "type": ["array", "null"],
            "items": {"type": "string"},
            "description": "Gap rules (codes or names) this map silences for itself.",
        }
    body: dict[str, Any] = {
        "type": "object",
        "description": shape.doc,
        "properties": properties,
        "patternProperties": _X_KEYS,
        "additionalProperties": False,
    }
    required = [key for key, spec in shape.fields.items() if spec.required]
    if required:
        body["required"] = required
    if shape is fmt.STAKEHOLDER:
        # As the loader: a name or a title that holds text (`name:` left empty is no name).
        body["anyOf"] = [
            {"required": [key], "properties": {key: {"type": "string"}}}
            for key in ("name", "title")
        ]
        # moved_to only for someone who left (SPEC §7).
        body["if"] = {"required": ["moved_to"], "properties": {"moved_to": {"type": "object"}}}
        body["then"] = {"required": ["status"], "properties": {"status": {"const": "left"}}}
    return body


_NOT_NULL = ["string", "number", "boolean", "array", "object"]


def _field(spec: fmt.Field, definitions: dict[str, Any], nullable: bool = False) -> dict[str, Any]:
    kind = spec.kind
    out: dict[str, Any]
    if kind == "object":
        assert spec.shape is not None
        name = spec.shape.name.replace(" ", "_")
        if name not in definitions:
            definitions[name] = {}  # reserve first: shapes may nest
            definitions[name] = _object(spec.shape, definitions)
        ref = {"$ref": f"#/definitions/{name}"}
        if nullable:
            return {"anyOf": [ref, {"type": "null"}], "description": spec.doc}
        return {**ref, "description": spec.doc}
    if kind == "list":
        assert spec.item is not None
        out = {"type": "array", "items": _field(spec.item, definitions)}
    elif kind == "id_map":
        # Keys are ids; an empty value (`mlee:`) is an empty list, as the loader reads it.
        assert spec.item is not None
        out = {
            "type": "object",
            "propertyNames": {"pattern": fmt.SLUG_PATTERN},
            "additionalProperties": _field(spec.item, definitions, nullable=True),
        }
    elif kind == "text":
        out = {"type": "string"}
    elif kind == "slug":
        out = {"type": "string", "pattern": fmt.SLUG_PATTERN}
    elif kind == "int":
        out = {"type": "integer"}
    elif kind == "version":
        out = {"type": "integer", "enum": [fmt.VERSION]}
    elif kind == "number":
        out = {"type": "number"}
    elif kind == "text_or_number":
        out = {"type": ["string", "number"]}
    elif kind == "date":
        out = dict(_DATE)
    elif kind == "enum":
        out = {"type": "string", "enum": list(spec.choices)}
    else:  # pragma: no cover - every kind of formatv1 is handled above
        raise AssertionError(kind)
    if kind in ("int", "number", "text_or_number"):
        if spec.minimum is not None:
            out["minimum"] = spec.minimum
        else:
            out["minimum"] = -(spec.maximum or fmt.NUMBER_LIMIT)
        out["maximum"] = spec.maximum or fmt.NUMBER_LIMIT
    if nullable and "enum" in out:
        # An empty enum key (`stance:`) means absent. yaml-language-server offers `null` as a
        # value for any `"type": "null"` branch (doNotSuggest is not read there), so null is
        # said as "none of the other types": the same set, and editors offer only the enum.
        out = {"anyOf": [out, {"not": {"type": _NOT_NULL}}]}
    elif nullable:
        types = out["type"] if isinstance(out["type"], list) else [out["type"]]
        out["type"] = [*types, "null"]
    out["description"] = spec.doc
    if spec.default is not None:
        out["default"] = spec.default
    return out
