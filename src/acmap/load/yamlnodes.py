"""libyaml's C composer, with a YAML 1.2 core-schema resolver of our own.

ruamel's stock resolver builds a fresh Tag object for every scalar, which costs more than the
parse; here each implicit tag is one shared object, so the loader can compare by identity.
No constructor is attached: nodes are never turned into Python objects by tag.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

__all__ = ["MappingNode", "NodeLoader", "ScalarNode", "SequenceNode", "tag_name"]
from ruamel.yaml.tag import Tag

PREFIX = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, SEQ, MAP = (
    Tag(suffix=PREFIX + name)
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
# The names the loader works with; explicit tags (`!!str`, `!foo`) fall back to str(tag).
SHORT_NAMES = {
    id(STR): "str",
    id(INT): "int",
    id(FLOAT): "float",
    id(BOOL): "bool",
    id(NULL): "null",
    id(TIMESTAMP): "timestamp",
    id(SEQ): "seq",
    id(MAP): "map",
}
LONG_NAMES = {PREFIX + name: name for name in SHORT_NAMES.values()} | {PREFIX + "merge": "merge"}

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})
_INT = re.compile(r"[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z|[-+]?\.(?:inf|Inf|INF)\Z"
    r"|\.(?:nan|NaN|NAN)\Z"
)
_TIMESTAMP = re.compile(
    r"\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?"
    r"(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?\Z"
)


class NodeLoader(CParser):  # type: ignore[misc]
    """Composes one document into nodes with marks; resolves plain scalars per YAML 1.2 core."""

    def resolve(self, kind: Any, value: str, implicit: tuple[bool, bool]) -> Tag:
        if kind is ScalarNode:
            if implicit[0]:
                if value in _NULLS:
                    return NULL
                if value[0] in "0123456789-+.":
                    if _TIMESTAMP.match(value):
                        return TIMESTAMP
                    if _INT.match(value):
                        return INT
                    if _FLOAT.match(value):
                        return FLOAT
                elif value in _BOOLS:
                    return BOOL
            return STR
        return SEQ if kind is SequenceNode else MAP

    # The C composer calls these around every node, for path-based resolvers, which acmap does not
    # use. Builtins that accept the same arguments and do nothing cost a C call instead of a
    # Python frame: descend_resolver(parent, index) and ascend_resolver().
    descend_resolver = slice
    ascend_resolver = tuple


def tag_name(node: Any) -> str:
    """ "str", "int", ... for core-schema tags; the full tag text for anything else."""
    name = SHORT_NAMES.get(id(node.ctag))
    if name is not None:
        return name
    text = str(node.ctag)
    return LONG_NAMES.get(text, text)


def is_mapping(node: Any) -> bool:
    return type(node) is MappingNode


def is_sequence(node: Any) -> bool:
    return type(node) is SequenceNode


def is_scalar(node: Any) -> bool:
    return type(node) is ScalarNode
