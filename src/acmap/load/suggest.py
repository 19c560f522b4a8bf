"""What a rep probably meant, in valid form: the allowed word for a near miss, an id made of a
name, the list a bare value stood for. Only findings use these; a suggestion is never applied."""

from __future__ import annotations

import json
import re
from typing import Any

from acmap.format import fields as fmt
from acmap.load.yamlnodes import MappingNode, ScalarNode
from acmap.words import closest

_SLUG = re.compile(fmt.SLUG_PATTERN)
_SLUGGISH = re.compile(r"[^a-z0-9_-]+")  # what an id may not hold: becomes one '-'
_SPACING = re.compile(r"[\s_-]+")
# Text that needs no quotes as an item of a flow list: no indicator, no `: ` or ` #`, and
# nothing YAML would read as a number, date, true/false or null.
_PLAIN_ITEM = re.compile(r"[A-Za-z][^,\[\]{}#:\"'\n]*")
_NOT_TEXT = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"})


def enum_value(word: str, choices: tuple[str, ...]) -> str | None:
    """The allowed value a rep meant: `Economic Buyer`, `decision-maker` and `in person` fold
    to economic_buyer, decision_maker and in_person; else the closest one, if any is close."""
    folded = _SPACING.sub("_", word.strip().casefold()).strip("_")
    if folded in choices:
        return folded
    return closest(folded, choices)


def id_example(text: str) -> str | None:
    """An id made of text that is not one: `Acme Corp` → acme-corp; None when nothing is left."""
    slug = _SLUGGISH.sub("-", text.casefold()).strip("-_")
    return slug if _SLUG.match(slug) else None


def list_example(text: str, item: fmt.Field) -> str | None:
    """The list a rep meant by a bare value, in valid form: `roles: economic buyer, coach` →
    `[economic_buyer, coach]`. None when some part cannot be made valid."""
    parts = [part.strip() for part in text.split(",") if part.strip()] or [text]
    shown = []
    for part in parts:
        if item.kind == "enum":
            meant = enum_value(part, item.choices)
            if meant is None:
                return None
            shown.append(meant)
        elif item.kind == "slug":
            if not _SLUG.match(part):
                return None
            shown.append(part)
        elif item.kind == "text":
            plain = _PLAIN_ITEM.fullmatch(part) and part.casefold() not in _NOT_TEXT
            shown.append(part if plain else json.dumps(part, ensure_ascii=False))
        else:
            return None
    return f"[{', '.join(shown)}]"


def list_fix(node: Any, item: fmt.Field, label: str) -> str:
    """How to write the list: the bare value in brackets, or a `- ` before each item."""
    if type(node) is ScalarNode:
        example = list_example(node.value, item)
        return f": write `{label.rpartition('.')[2]}: {example}`" if example else ""
    shape = item.shape
    if type(node) is MappingNode and shape is not None:
        first = next(iter(shape.fields))
        if any(type(k) is ScalarNode and k.value == first for k, _ in node.value):
            return f": start each item with `- ` (`- {first}: …`)"
    return ""
