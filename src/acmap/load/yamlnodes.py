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


# --- YAML 1.2 rules libyaml does not enforce ---------------------------------------------------
# libyaml accepts some text YAML 1.2 rejects (the yaml-test-suite's error cases it passes): a
# comment glued to a token (`"a"# c`, `[a]#c`, `>#c`, `%YAML 1.1#c`), a lone `-` in a flow
# collection (`[-]`), flow or quoted text continued at or left of its block parent's indentation
# or indented with a tab, and a block scalar's leading empty lines indented more than its first
# line. Other YAML tools read such text differently (or not at all), so acmap refuses it (E001).
# Each case needs a pattern the cheap regex below finds first; the token scan runs only then. A
# flow or quoted value continued at a deeper indentation that is still not deeper than its block
# parent (`  a: [x,\n  y]`) has no cheap pattern: it is caught only when some line starts at
# column 0 or with a tab; otherwise it passes, as it does in libyaml.

_SUSPECT = re.compile(
    r"[\]}\"',]#|[|>][-+0-9]*#|^%[^\n]*\S#"  # a comment glued to a token
    r"|[\[{,][ \t]*[-?:][ \t]*[,\]}]"  # a lone indicator in a flow collection
    r"|^ *\t|^(?=\S)(?![#]|---|\.\.\.|-\s|-$)(?![^\n]*:(?:[ \t\r]|$))"  # no key at column 0
    r"|[|>][-+]?[ \t]*(?:#[^\n]*)?\n +\n",  # a block scalar opening with indented empty lines
    re.MULTILINE,
)
_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def strict_problem(text: str) -> tuple[int, int, str] | None:
    """(line, column, why), 1-based, for the first YAML 1.2 error libyaml let pass; or None."""
    if _SUSPECT.search(text) is None:
        return None
    from ruamel.yaml import tokens as t

    lines = _BREAKS.split(text)
    parser = CParser(text)
    indents: list[int] = []
    flow = 0
    last_line = -1
    try:
        while True:
            token = parser.get_token()
            if token is None or type(token) is t.StreamEndToken:
                return None
            kind = type(token)
            start, end = token.start_mark, token.end_mark
            n = indents[-1] if indents else -1
            if kind in (t.BlockMappingStartToken, t.BlockSequenceStartToken):
                indents.append(start.column)
            elif kind is t.BlockEndToken and indents:
                indents.pop()
            problem: tuple[int, int, str] | None = None
            if flow and start.line > last_line and kind is not t.BlockEndToken:
                closing = kind in (t.FlowSequenceEndToken, t.FlowMappingEndToken)
                why = _indent_problem(lines[start.line], n if closing else n + 1)
                if why:
                    problem = (start.line + 1, 1, why)
            if kind in (t.FlowSequenceStartToken, t.FlowMappingStartToken):
                flow += 1
            elif kind in (t.FlowSequenceEndToken, t.FlowMappingEndToken):
                flow = max(0, flow - 1)
            if problem is None:
                problem = _token_problem(token, t, lines, flow, n)
            if problem is not None:
                return problem
            if kind is not t.BlockEndToken:
                last_line = end.line
    except Exception:  # the composer reported the file already; never fail twice
        return None
    finally:
        parser.dispose()


def _indent_problem(line: str, needed: int) -> str | None:
    lead = len(line) - len(line.lstrip(" "))
    if lead >= needed:
        return None
    if line[lead : lead + 1] == "\t":
        return "a tab character: YAML indents with spaces only"
    return "this line continues a flow value but is not indented more than its parent"


def _token_problem(
    token: Any, t: Any, lines: list[str], flow: int, n: int
) -> tuple[int, int, str] | None:
    kind = type(token)
    start, end = token.start_mark, token.end_mark
    line = lines[end.line] if end.line < len(lines) else ""
    if kind is t.ScalarToken and token.style in ("|", ">"):
        header = lines[start.line][start.column :]
        marks = len(header) - len(header[1:].lstrip("-+0123456789"))
        if header[marks : marks + 1] == "#":
            return start.line + 1, start.column + marks + 1, _GLUED
        if not any(c.isdigit() for c in header[:marks]):
            return _leading_empty(lines, start.line, n)
        return None
    glued = kind in (t.FlowSequenceEndToken, t.FlowMappingEndToken, t.FlowEntryToken)
    glued = glued or kind is t.DirectiveToken or (kind is t.ScalarToken and not token.plain)
    if glued and line[end.column : end.column + 1] == "#":
        return end.line + 1, end.column + 1, _GLUED
    if kind is t.ScalarToken and token.plain and flow:
        value = token.value
        if value[:1] in ("-", "?", ":") and (len(value) == 1 or value[1] in " \t"):
            return start.line + 1, start.column + 1, f"{value[0]!r} alone is not a value: quote it"
    if kind is t.ScalarToken and not token.plain and end.line > start.line:
        for number in range(start.line + 1, end.line + 1):
            text = lines[number]
            if text.strip(" \t") and (problem := _indent_problem(text, n + 1)):
                return number + 1, 1, problem
    return None


_GLUED = "a comment needs a space before '#'"


def _leading_empty(lines: list[str], header: int, n: int) -> tuple[int, int, str] | None:
    widest = 0
    for number in range(header + 1, len(lines)):
        text = lines[number]
        if text.strip(" "):
            lead = len(text) - len(text.lstrip(" "))
            if n < lead < widest:
                message = "a block scalar's leading empty lines are indented more than its text"
                return header + 2, 1, message
            return None
        widest = max(widest, len(text))
    return None
