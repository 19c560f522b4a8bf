"""The JSON Schema (draft-07) of format v1, generated from formatv1.py: never written by hand."""

from __future__ import annotations

from typing import Any

from acmap.format import fields as fmt

SCHEMA_ID = "https://acmap.example/schema/v1.json"
_X_KEYS = {"^x-": {"description": "Your own data; acmap ignores it."}}
_DATE = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}$",
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
    properties = {key: _field(spec, definitions) for key, spec in shape.fields.items()}
    if shape is fmt.ACCOUNT:
        properties[fmt.IGNORE_KEY] = {
            "type": "array",
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
        body["anyOf"] = [{"required": ["name"]}, {"required": ["title"]}]
    return body


def _field(spec: fmt.Field, definitions: dict[str, Any]) -> dict[str, Any]:
    kind = spec.kind
    out: dict[str, Any]
    if kind == "object":
        assert spec.shape is not None
        name = spec.shape.name.replace(" ", "_")
        if name not in definitions:
            definitions[name] = {}  # reserve first: shapes may nest
            definitions[name] = _object(spec.shape, definitions)
        return {"$ref": f"#/definitions/{name}", "description": spec.doc}
    if kind == "list":
        assert spec.item is not None
        out = {"type": "array", "items": _field(spec.item, definitions)}
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
    out["description"] = spec.doc
    if spec.default is not None:
        out["default"] = spec.default
    return out
