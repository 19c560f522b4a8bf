"""The words findings use for what a node is and which field it was read for."""

from __future__ import annotations

from typing import Any

from acmap.format import fields as fmt
from acmap.load.yamlnodes import is_mapping, is_sequence, tag_name

_TYPE_WORDS = {
    "null": "nothing (an empty value)",
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true/false",
    "timestamp": "a date",
}
KIND_WORDS = {
    "text": "text",
    "slug": "an id",
    "int": "a whole number",
    "version": "a whole number",
    "number": "a number",
    "text_or_number": "a number or text",
    "date": "a date (YYYY-MM-DD)",
    "enum": "one word from the allowed values",
    "object": "a mapping",
    "list": "a list",
}


def describe(node: Any) -> str:
    if is_mapping(node):
        return "a mapping"
    if is_sequence(node):
        return "a list"
    return _TYPE_WORDS.get(tag_name(node), "a value")


def lead(label: str) -> str:
    """`label: ` before a message, or nothing for the top of the file."""
    return f"{label}: " if label else ""


def missing(shape: fmt.Shape, key: str, values: dict[str, Any]) -> str:
    if shape is fmt.LINK and key in ("from", "to"):
        # Say which link, by the end it has: "link from bsmith has no `to`".
        end, side = ("source", "from") if key == "to" else ("target", "to")
        known = values.get(end)
        return f"link {side} {known} has no `{key}`" if known else f"a link has no `{key}`"
    return f"missing required field {key!r}"
