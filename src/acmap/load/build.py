"""The format walk: a composed node tree → AccountMap, along format v1, with findings.

The walk reads only what format v1 defines (format/fields.py), so nothing a file says can make
acmap build an object. It runs once per value: keep per-value work out of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acmap.findings import Finding
from acmap.format import codes
from acmap.format import fields as fmt
from acmap.load.describe import KIND_WORDS, describe, lead, missing
from acmap.load.merged import Merged, split_merged
from acmap.load.numbers import out_of_range, parse_number
from acmap.load.suggest import enum_value, id_example, list_fix
from acmap.load.yamlnodes import (
    SHORT_NAMES,
    MappingNode,
    ScalarNode,
    SequenceNode,
    is_mapping,
    tag_name,
)
from acmap.model import AccountMap, Pos
from acmap.words import did_you_mean

if TYPE_CHECKING:
    from acmap.load.checks import NotAnId
    from acmap.load.read import MapText

_NULL = "null"
_STR = "str"
_INT = "int"
_FLOAT = "float"
_TIMESTAMP = "timestamp"
_SLUG = re.compile(fmt.SLUG_PATTERN)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(slots=True)
class Loaded:
    """What loading one file gave: the map when it has no errors, and every finding.
    `source` is the file's text and encoding, kept only for a single account opened to be
    written back (`open_account`); portfolio loads leave it None."""

    file: str
    map: AccountMap | None
    findings: list[Finding] = field(default_factory=list)
    account_id: str | None = None  # known even when the map has errors (for E010)
    account_pos: Pos | None = None
    source: MapText | None = None

    @property
    def ok(self) -> bool:
        return self.map is not None


def rejected(file: str, line: int, col: int, code: str, message: str) -> Loaded:
    return Loaded(file, None, [codes.finding(file, line, col, code, message)])


_new_tuple = tuple.__new__


def pos_of(node: Any) -> Pos:
    mark = node.start_mark
    # tuple.__new__ skips NamedTuple's Python-level constructor: this runs once per value.
    return _new_tuple(Pos, (mark.line + 1, mark.column + 1))


class _Skip:
    """Marks a value that could not be read; the finding has been recorded."""


SKIP = _Skip()


class Reader:
    """Walks one file's node tree along format v1 and records findings on the way."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[tuple[int, int, str, str, str | None]] = []
        self.not_ids: list[NotAnId] = []  # judged with the ids known, by check_references

    def add(self, pos: Pos, code: str, message: str, subject: str | None = None) -> None:
        self.problems.append((pos.line, pos.col, code, message, subject))

    def result(self, built: AccountMap | None, stem: str | None = None) -> Loaded:
        account_id = built.account.id if built is not None and built.account.id else None
        findings = [
            codes.finding(self.file, line, col, code, message, account_id, subject)
            for line, col, code, message, subject in sorted(self.problems, key=lambda p: p[:4])
        ]
        failed = any(f.severity == "error" for f in findings)
        return Loaded(
            self.file,
            None if failed else built,
            findings,
            account_id,
            built.account.where("id") if built is not None and account_id else None,
        )

    # --- the walk ----------------------------------------------------------------------------

    def read_map(self, root: Any, file: str, stem: str | None) -> Loaded:
        if not is_mapping(root):
            self.add(
                pos_of(root),
                "E005",
                f"the file is {describe(root)}; a map file is a mapping with `acmap:` and "
                "`account:` at the top",
            )
            return self.result(None)
        built = self.read_object(root, fmt.MAP, "")
        assert isinstance(built, AccountMap)
        built.path = Path(file)
        if stem is not None and built.account.id and built.account.id != stem:
            self.add(
                built.account.where("id"),
                "W001",
                f"account id {built.account.id!r} differs from the file name {stem!r} "
                f"(rename the file to {built.account.id}.yaml or change the id)",
            )
        from acmap.load.checks import check_references

        for pos, code, message, subject in check_references(built, self.not_ids):
            self.add(pos, code, message, subject)
        return self.result(built, stem)

    def read_object(self, node: Any, shape: fmt.Shape, label: str, in_list: bool = False) -> Any:
        if type(node) is not MappingNode:
            self.add(
                pos_of(node),
                "E005",
                f"{lead(label)}expected a mapping of fields, got {describe(node)}",
            )
            return SKIP
        values: dict[str, Any] = {}
        at: dict[str, Pos] = {}
        keys: dict[str, Any] = {}
        fields = shape.fields
        marks = len(self.problems), len(self.not_ids)
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                self.add(pos_of(key_node), "E005", f"{lead(label)}a key must be plain text")
                continue
            key = key_node.value
            first = keys.get(key)
            if first is not None:
                if in_list and key == next(iter(fields)) and not node.flow_style:
                    # A second `id:` in one item of a list: a forgotten `- ` merged two items.
                    # Forget what this mapping said so far; the list reads the items apart.
                    del self.problems[marks[0] :], self.not_ids[marks[1] :]
                    return split_merged(node)
                self.add(
                    pos_of(key_node),
                    "E002",
                    f"{lead(label)}duplicate key {key!r} (first at line {first.start_mark.line + 1})",
                )
                continue
            keys[key] = key_node
            spec = fields.get(key)
            if spec is None:
                if key.startswith("x-"):
                    if key == fmt.IGNORE_KEY and shape is fmt.ACCOUNT:
                        ignored = self.read_value(value_node, _IGNORE_FIELD, f"account.{key}")
                        if ignored is not SKIP and ignored is not None:
                            values["ignore"] = ignored
                    elif (
                        key == fmt.CRM_ID_KEY
                        and shape is fmt.STAKEHOLDER
                        and type(value_node) is ScalarNode
                        and tag_name(value_node) != _NULL
                    ):
                        # A user key: any value stays allowed, only a plain one is an id.
                        values["crm_id"] = value_node.value
                        at["crm_id"] = pos_of(value_node)
                    continue
                self.add(
                    pos_of(key_node),
                    "E003",
                    f"{lead(label)}unknown field {key!r}{did_you_mean(key, fields)}",
                )
                continue
            attr = spec.attr or key
            value = self.read_value(value_node, spec, f"{label}.{key}" if label else key)
            if value is SKIP:
                continue
            if value is None:
                if spec.required:
                    self.add(pos_of(value_node), "E004", f"{lead(label)}{key} is empty")
                continue
            values[attr] = value
            at[attr] = pos_of(value_node)
            if isinstance(value, list):
                for index, item_node in enumerate(value_node.value):
                    at[f"{attr}[{index}]"] = pos_of(item_node)
            elif spec.kind == "id_map":
                # `roles.mlee` is where the id stands, `roles.mlee[0]` its first role.
                for id_node, roles_node in value_node.value:
                    if id_node.value in value:
                        at[f"{attr}.{id_node.value}"] = pos_of(id_node)
                        if type(roles_node) is SequenceNode:
                            for index, item_node in enumerate(roles_node.value):
                                at[f"{attr}.{id_node.value}[{index}]"] = pos_of(item_node)
        self.require(shape, keys, node, label, values)
        return shape.model(pos=pos_of(node), at=at, **values)

    def require(
        self, shape: fmt.Shape, keys: dict[str, Any], node: Any, label: str, values: dict[str, Any]
    ) -> None:
        for key, spec in shape.fields.items():
            if spec.required and key not in keys:
                self.add(pos_of(node), "E004", f"{lead(label)}{missing(shape, key, values)}")
        if shape is fmt.STAKEHOLDER and "name" not in values and "title" not in values:
            self.add(
                pos_of(node),
                "E004",
                f"{lead(label)}needs a name, or a title when the person is not yet identified",
            )

    def read_value(self, node: Any, spec: fmt.Field, label: str, in_list: bool = False) -> Any:
        kind = spec.kind
        scalar = type(node) is ScalarNode
        if kind == "object":
            if scalar and tag_name(node) == _NULL:
                return None
            assert spec.shape is not None
            return self.read_object(node, spec.shape, label, in_list)
        if kind == "id_map":
            if scalar and tag_name(node) == _NULL:
                return None
            return self.read_id_map(node, spec, label)
        if kind == "list":
            if type(node) is not SequenceNode:
                if scalar and tag_name(node) == _NULL:
                    return None
                assert spec.item is not None
                self.add(
                    pos_of(node),
                    "E005",
                    f"{lead(label)}expected a list, got {describe(node)}"
                    f"{list_fix(node, spec.item, label)}",
                )
                return SKIP
            assert spec.item is not None
            items = []
            item_nodes = node.value
            index = 0
            while index < len(item_nodes):
                item_node = item_nodes[index]
                item = self.read_value(item_node, spec.item, f"{label}[{index}]", True)
                if type(item) is Merged:
                    # The items in place of the merged one, in the node tree itself: positions
                    # (`at`) and labels then count them as the rep meant them.
                    item_nodes[index : index + 1] = item.parts
                    for offset, part in enumerate(item.parts[1:], start=1):
                        self.add(
                            pos_of(part),
                            "E002",
                            f"{label}[{index + offset}]: a new item starts here: add `- ` before "
                            f"`{part.value[0][0].value}:`",
                        )
                    continue
                index += 1
                if item is SKIP:
                    continue
                if item is None:
                    self.add(pos_of(item_node), "E005", f"{label}[{index}]: empty list entry")
                    continue
                items.append(item)
            return items
        if not scalar:
            self.add(
                pos_of(node),
                "E005",
                f"{lead(label)}expected {KIND_WORDS[kind]}, got {describe(node)}",
            )
            return SKIP
        tag = SHORT_NAMES.get(id(node.ctag)) or tag_name(node)
        if tag == _NULL:
            return None
        value: str = node.value
        if kind == "text":
            if tag in (_STR, _TIMESTAMP):
                return value
            return self._wrong(node, label, "text", f' (quote it: "{value}")')
        if kind == "slug":
            # A date-like id (2026-q1 is text, 2026-01-01 a timestamp to libyaml) is text to
            # an editor's YAML 1.2 reader and to the schema: the loader reads it so too.
            textual = tag in (_STR, _TIMESTAMP)
            if not textual or not _SLUG.match(value):
                if spec.ref is not None and textual:
                    # Likely a name where the id belongs: the hint needs every id of the file.
                    self.not_ids.append((pos_of(node), label, value, spec.ref))
                    return SKIP
                slug = id_example(value) if textual else None
                hint = f", e.g. {slug}" if slug else ""
                self.add(
                    pos_of(node),
                    "E005",
                    f"{lead(label)}{value!r} is not a valid id: {fmt.SLUG_RULE}{hint}",
                )
                return SKIP
            return value
        if kind == "enum":
            if tag == _STR and value in spec.choices:
                return value
            meant = enum_value(value, spec.choices)
            hint = f" (did you mean {meant!r}?)" if meant else ""
            self.add(
                pos_of(node),
                "E005",
                f"{lead(label)}{value!r} is not allowed{hint}; "
                f"expected one of: {', '.join(spec.choices)}",
            )
            return SKIP
        if kind == "date":
            if _DATE.match(value):
                try:
                    return date.fromisoformat(value)
                except ValueError:
                    pass
            self.add(
                pos_of(node), "E005", f"{lead(label)}{value!r} is not a valid date (YYYY-MM-DD)"
            )
            return SKIP
        if kind == "int" or kind == "version":
            number = parse_number(value) if tag == _INT else None
            if number is not None and not self._in_range(node, spec, label, number):
                return SKIP
            if not isinstance(number, int):
                return self._wrong(node, label, "a whole number")
            if kind == "version" and number != fmt.VERSION:
                self.add(
                    pos_of(node),
                    "E005",
                    f"{lead(label)}unsupported format version {number} "
                    f"(this acmap reads version {fmt.VERSION})",
                )
                return SKIP
            return number
        if kind == "number" or kind == "text_or_number":
            if tag in (_INT, _FLOAT):
                number = parse_number(value)
                if number is not None:
                    return number if self._in_range(node, spec, label, number) else SKIP
            if kind == "text_or_number" and tag in (_STR, _TIMESTAMP):
                return value
            return self._wrong(node, label, KIND_WORDS[kind])
        raise AssertionError(f"format field kind {kind!r} has no reader")  # pragma: no cover

    def read_id_map(self, node: Any, spec: fmt.Field, label: str) -> Any:
        """`roles: {mlee: [economic_buyer]}`: each key an id (judged against the file's ids by
        check_references), each value read as `spec.item`; an empty value is an empty list."""
        if type(node) is not MappingNode:
            self.add(
                pos_of(node),
                "E005",
                f"{lead(label)}expected a mapping of ids to lists, got {describe(node)} "
                f"(write `{label.rpartition('.')[2]}: {{id: [...]}}`)",
            )
            return SKIP
        assert spec.item is not None and spec.ref is not None
        read: dict[str, Any] = {}
        first: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode or tag_name(key_node) not in (_STR, _TIMESTAMP):
                self.add(pos_of(key_node), "E005", f"{lead(label)}a key must be an id")
                continue
            key = key_node.value
            if key in first:
                self.add(
                    pos_of(key_node),
                    "E002",
                    f"{lead(label)}duplicate key {key!r} "
                    f"(first at line {first[key].start_mark.line + 1})",
                )
                continue
            first[key] = key_node
            if not _SLUG.match(key):
                self.not_ids.append((pos_of(key_node), label, key, spec.ref))
                continue
            value = self.read_value(value_node, spec.item, f"{label}.{key}")
            if value is SKIP:
                continue
            read[key] = [] if value is None else value
        return read

    def _in_range(self, node: Any, spec: fmt.Field, label: str, value: float) -> bool:
        problem = out_of_range(node.value, spec, value)
        if problem is not None:
            self.add(pos_of(node), "E005", f"{lead(label)}{problem}")
        return problem is None

    def _wrong(self, node: Any, label: str, expected: str, hint: str = "") -> _Skip:
        self.add(
            pos_of(node),
            "E005",
            f"{lead(label)}expected {expected}, got {describe(node)} {node.value!r}{hint}",
        )
        return SKIP


_IGNORE_FIELD = fmt.Field("list", "Rules to silence", item=fmt.Field("text", "A rule code or name"))
