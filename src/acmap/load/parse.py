"""YAML text → AccountMap, with a 1-based line and column for every key and value.

Speed matters (CI runs this on thousands of files), so parsing stops at libyaml's C composer:
its nodes already carry their marks, and acmap never constructs Python objects from tags. The
format walk below then reads only what format v1 defines (formatv1.py), so nothing a file says can
make acmap build an object, follow an alias a billion times or recurse without bound.
"""

from __future__ import annotations

import contextlib
import re
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from acmap.findings import Finding
from acmap.format import codes
from acmap.format import fields as fmt
from acmap.load.yamlnodes import (
    SHORT_NAMES,
    MappingNode,
    NodeLoader,
    ScalarNode,
    SequenceNode,
    is_mapping,
    is_sequence,
    tag_name,
)
from acmap.model import AccountMap, Pos
from acmap.words import did_you_mean

MAX_BYTES = 5 * 1024 * 1024
ALIAS_LIMIT = 64  # alias uses per file; real maps need a handful at most
EXPANSION_LIMIT = 100_000  # nodes after aliases are expanded
DEPTH_LIMIT = 1_000  # libyaml's composer recurses in C: stop hostile nesting before it does

_NULL = "null"
_STR = "str"
_INT = "int"
_FLOAT = "float"
_BOOL = "bool"
_TIMESTAMP = "timestamp"
_SAFE_TAGS = frozenset({_NULL, _STR, _INT, _FLOAT, _BOOL, _TIMESTAMP, "map", "seq", "merge"})
# An anchor, alias or tag is a sigil followed by a name; "President & CEO" is not one.
_SIGIL = re.compile(r"[&*!]\S")
_SIGIL_AFTER = frozenset(" \t\r\n[{,:?-")
_SLUG = re.compile(fmt.SLUG_PATTERN)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TYPE_WORDS = {
    _NULL: "nothing (an empty value)",
    _STR: "text",
    _INT: "a whole number",
    _FLOAT: "a number",
    _BOOL: "true/false",
    _TIMESTAMP: "a date",
}


@dataclass(slots=True)
class Loaded:
    """What loading one file gave: the map when it has no errors, and every finding."""

    file: str
    map: AccountMap | None
    findings: list[Finding] = field(default_factory=list)
    account_id: str | None = None  # known even when the map has errors (for E010)
    account_pos: Pos | None = None

    @property
    def ok(self) -> bool:
        return self.map is not None


class Unreadable(Exception):
    """The file could not be read at all (missing, permission, a folder): exit 2, not a finding."""


def load_file(path: Path, display: str | None = None) -> Loaded:
    shown = display or str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            # A FIFO or device would block or never end: refuse before opening it.
            raise Unreadable(f"{shown}: not a regular file")
        size = info.st_size
        if size > MAX_BYTES:
            return _rejected(shown, 1, 1, "E011", _too_big(size))
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise Unreadable(f"{shown}: is a directory, not a map file") from None
    except OSError as exc:
        raise Unreadable(f"{shown}: cannot read: {exc.strerror or exc}") from None
    return load_text(data, shown, stem=path.stem)


def load_text(data: bytes | str, file: str = "<string>", stem: str | None = None) -> Loaded:
    """Check one file's text and build its map. Never raises for bad input."""
    if len(data) > MAX_BYTES:
        return _rejected(file, 1, 1, "E011", _too_big(len(data)))
    text = data if isinstance(data, str) else _decode(data, file)
    if isinstance(text, Loaded):
        return text
    if _too_deep(text):
        return _rejected(
            file, 1, 1, "E011", f"nesting deeper than {DEPTH_LIMIT} levels (limit of acmap)"
        )
    root = _compose(text, file)
    if isinstance(root, Loaded):
        return root
    reader = _Reader(file)
    if root is None:
        reader.add(Pos(1, 1), "E004", "empty file: a map needs at least `acmap: 1` and `account:`")
        return reader.result(None)
    if _has_sigil(text) and not reader.check_graph(root):
        return reader.result(None)
    loaded = reader.read_map(root, file, stem)
    return loaded


def _has_sigil(text: str) -> bool:
    """Could the text hold an anchor, alias or tag? Files without one skip the graph check."""
    for match in _SIGIL.finditer(text):
        start = match.start()
        if start == 0 or text[start - 1] in _SIGIL_AFTER:
            return True
    return False


def _too_big(size: int) -> str:
    return f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte size limit for a map"


def _rejected(file: str, line: int, col: int, code: str, message: str) -> Loaded:
    return Loaded(file, None, [codes.finding(file, line, col, code, message)])


def _decode(data: bytes, file: str) -> str | Loaded:
    nul = data.find(b"\x00")
    if nul >= 0 and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        line, col = _byte_line_col(data, nul)
        return _rejected(
            file, line, col, "E001", "binary content (a NUL byte): a map file is UTF-8 text"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return _rejected(file, 1, 1, "E001", "not valid UTF-16 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _byte_line_col(data, exc.start)
        return _rejected(
            file,
            line,
            col,
            "E001",
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at offset {exc.start} "
            "(save the file as UTF-8)",
        )


_FLOW_OPEN = re.compile(r"[\[\]{}]")
_LONG_LINE = re.compile(r"[^\n]{" + str(DEPTH_LIMIT) + ",}")
_COMPACT = re.compile(r"(?:^|[ \t])[-?](?=[ \t])")


def _too_deep(text: str) -> bool:
    """Could this text nest deeper than DEPTH_LIMIT? Cheap checks first; exact enough after.

    Block nesting needs indentation or `- - -` runs on one long line; flow nesting needs many
    brackets. Brackets inside quoted strings can only over-count, never hide depth.
    """
    if text.count("[") + text.count("{") > DEPTH_LIMIT:
        depth = 0
        for match in _FLOW_OPEN.finditer(text):
            depth += 1 if match.group() in "[{" else -1
            if depth > DEPTH_LIMIT:
                return True
    for match in _LONG_LINE.finditer(text):
        line = match.group()
        indent = len(line) - len(line.lstrip(" "))
        if indent >= DEPTH_LIMIT or len(_COMPACT.findall(line)) >= DEPTH_LIMIT:
            return True
    return False


def _compose(text: str, file: str) -> Any:
    """The C composer's node tree (or None for an empty document), or a Loaded with E001."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    loader = NodeLoader(text)
    try:
        return loader.get_single_node()
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "not valid YAML"
        if mark and _char_at(text, mark.line, mark.column) == "\t":
            problem = "a tab character: YAML indents with spaces only"
        elif exc.context and "single document" in exc.context:
            problem = "more than one YAML document: a map file holds exactly one"
        elif exc.context:
            problem = f"{problem} ({exc.context})"
        return _rejected(file, line, col, "E001", problem)
    except YAMLError as exc:
        # The reader's errors carry a character offset rather than a mark.
        position = getattr(exc, "position", None)
        line, col = _line_col(text, position) if isinstance(position, int) else (1, 1)
        reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
        character = getattr(exc, "character", None)
        if isinstance(character, int):
            reason = f"{reason}: character U+{character:04X}"
        return _rejected(file, line, col, "E001", reason)
    finally:
        with contextlib.suppress(Exception):  # cleanup must never mask the real outcome
            loader.dispose()


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column, or '' (found without splitting the text)."""
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    return text[start + column : start + column + 1]


def _byte_line_col(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


_new_tuple = tuple.__new__


def _pos(node: Any) -> Pos:
    mark = node.start_mark
    # tuple.__new__ skips NamedTuple's Python-level constructor: this runs once per value.
    return _new_tuple(Pos, (mark.line + 1, mark.column + 1))


def _describe(node: Any) -> str:
    if is_mapping(node):
        return "a mapping"
    if is_sequence(node):
        return "a list"
    return _TYPE_WORDS.get(tag_name(node), "a value")


def _lead(label: str) -> str:
    return f"{label}: " if label else ""


class _Skip:
    """Marks a value that could not be read; the finding has been recorded."""


SKIP = _Skip()


class _Reader:
    """Walks one file's node tree along format v1 and records findings on the way."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[tuple[int, int, str, str, str | None]] = []

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

    # --- aliases and tags -------------------------------------------------------------------

    def check_graph(self, root: Any) -> bool:
        """Reject unsafe tags and alias bombs before the walk. False when the file must stop."""
        seen: set[int] = set()
        aliases = 0
        stack = [root]
        ok = True
        while stack:
            node = stack.pop()
            if id(node) in seen:
                aliases += 1
                if aliases > ALIAS_LIMIT:
                    self.add(
                        _pos(node),
                        "E011",
                        f"more than {ALIAS_LIMIT} alias uses (*name): limit of acmap",
                    )
                    return False
                continue
            seen.add(id(node))
            tag = tag_name(node)
            if tag not in _SAFE_TAGS:
                self.add(
                    _pos(node),
                    "E011",
                    f"YAML tag {tag!r} is not allowed: maps use plain YAML values only",
                )
                ok = False
            value = node.value
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, tuple):
                        stack.extend(item)
                    else:
                        stack.append(item)
        if aliases and ok:
            size = _expanded_size(root)
            if size > EXPANSION_LIMIT:
                self.add(
                    _pos(root),
                    "E011",
                    f"aliases expand to over {EXPANSION_LIMIT:,} values: limit of acmap",
                )
                return False
        return ok

    # --- the walk ----------------------------------------------------------------------------

    def read_map(self, root: Any, file: str, stem: str | None) -> Loaded:
        if not is_mapping(root):
            self.add(
                _pos(root),
                "E005",
                f"the file is {_describe(root)}; a map file is a mapping with `acmap:` and "
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

        for pos, code, message, subject in check_references(built):
            self.add(pos, code, message, subject)
        return self.result(built, stem)

    def read_object(self, node: Any, shape: fmt.Shape, label: str) -> Any:
        if type(node) is not MappingNode:
            self.add(
                _pos(node),
                "E005",
                f"{_lead(label)}expected a mapping of fields, got {_describe(node)}",
            )
            return SKIP
        values: dict[str, Any] = {}
        at: dict[str, Pos] = {}
        keys: dict[str, Any] = {}
        fields = shape.fields
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                self.add(_pos(key_node), "E005", f"{_lead(label)}a key must be plain text")
                continue
            key = key_node.value
            first = keys.get(key)
            if first is not None:
                self.add(
                    _pos(key_node),
                    "E002",
                    f"{_lead(label)}duplicate key {key!r} (first at line {first.start_mark.line + 1})",
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
                    continue
                self.add(
                    _pos(key_node),
                    "E003",
                    f"{_lead(label)}unknown field {key!r}{did_you_mean(key, fields)}",
                )
                continue
            attr = spec.attr or key
            value = self.read_value(value_node, spec, f"{label}.{key}" if label else key)
            if value is SKIP:
                continue
            if value is None:
                if spec.required:
                    self.add(_pos(value_node), "E004", f"{_lead(label)}{key} is empty")
                continue
            values[attr] = value
            at[attr] = _pos(value_node)
            if isinstance(value, list):
                for index, item_node in enumerate(value_node.value):
                    at[f"{attr}[{index}]"] = _pos(item_node)
        self.require(shape, keys, node, label, values)
        return shape.model(pos=_pos(node), at=at, **values)

    def require(
        self, shape: fmt.Shape, keys: dict[str, Any], node: Any, label: str, values: dict[str, Any]
    ) -> None:
        for key, spec in shape.fields.items():
            if spec.required and key not in keys:
                self.add(_pos(node), "E004", f"{_lead(label)}missing required field {key!r}")
        if shape is fmt.STAKEHOLDER and "name" not in values and "title" not in values:
            self.add(
                _pos(node),
                "E004",
                f"{_lead(label)}needs a name, or a title when the person is not yet identified",
            )

    def read_value(self, node: Any, spec: fmt.Field, label: str) -> Any:
        kind = spec.kind
        scalar = type(node) is ScalarNode
        if kind == "object":
            if scalar and tag_name(node) == _NULL:
                return None
            assert spec.shape is not None
            return self.read_object(node, spec.shape, label)
        if kind == "list":
            if type(node) is not SequenceNode:
                if scalar and tag_name(node) == _NULL:
                    return None
                example = f" e.g. [{node.value}]" if scalar else ""
                self.add(
                    _pos(node),
                    "E005",
                    f"{_lead(label)}expected a list{example}, got {_describe(node)}",
                )
                return SKIP
            assert spec.item is not None
            items = []
            for index, item_node in enumerate(node.value):
                item = self.read_value(item_node, spec.item, f"{label}[{index}]")
                if item is SKIP:
                    continue
                if item is None:
                    self.add(_pos(item_node), "E005", f"{label}[{index}]: empty list entry")
                    continue
                items.append(item)
            return items
        if not scalar:
            self.add(
                _pos(node),
                "E005",
                f"{_lead(label)}expected {_KIND_WORDS[kind]}, got {_describe(node)}",
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
            if tag != _STR or not _SLUG.match(value):
                self.add(
                    _pos(node),
                    "E005",
                    f"{_lead(label)}{value!r} is not a valid id: use lowercase letters, digits, "
                    "'-' and '_', starting with a letter or digit",
                )
                return SKIP
            return value
        if kind == "enum":
            if tag == _STR and value in spec.choices:
                return value
            self.add(
                _pos(node),
                "E005",
                f"{_lead(label)}{value!r} is not allowed{did_you_mean(value, spec.choices)}; "
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
                _pos(node), "E005", f"{_lead(label)}{value!r} is not a valid date (YYYY-MM-DD)"
            )
            return SKIP
        if kind == "int" or kind == "version":
            number = _number(value) if tag == _INT else None
            if not isinstance(number, int):
                return self._wrong(node, label, "a whole number")
            if kind == "version" and number != fmt.VERSION:
                self.add(
                    _pos(node),
                    "E005",
                    f"{_lead(label)}unsupported format version {number} "
                    f"(this acmap reads version {fmt.VERSION})",
                )
                return SKIP
            return number
        if kind == "number" or kind == "text_or_number":
            if tag in (_INT, _FLOAT):
                number = _number(value)
                if number is not None:
                    return number
            if kind == "text_or_number" and tag == _STR:
                return value
            return self._wrong(node, label, _KIND_WORDS[kind])
        raise AssertionError(f"format field kind {kind!r} has no reader")  # pragma: no cover

    def _wrong(self, node: Any, label: str, expected: str, hint: str = "") -> _Skip:
        self.add(
            _pos(node),
            "E005",
            f"{_lead(label)}expected {expected}, got {_describe(node)} {node.value!r}{hint}",
        )
        return SKIP


_KIND_WORDS = {
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
_IGNORE_FIELD = fmt.Field("list", "Rules to silence", item=fmt.Field("text", "A rule code or name"))


def _number(text: str) -> int | float | None:
    cleaned = text.replace("_", "")
    try:
        return int(cleaned, 0)
    except ValueError:
        pass
    try:
        value = float(cleaned)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return value


def _expanded_size(root: Any) -> int:
    """How many nodes the tree has with every alias expanded (memoised, so linear)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    on_path: set[int] = set()
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            total = 1
            for child in _children(node):
                total += sizes.get(id(child), 1)
            sizes[key] = min(total, EXPANSION_LIMIT + 1)
            continue
        if key in sizes or key in on_path:
            if key in on_path:  # a recursive alias: infinite expansion
                return EXPANSION_LIMIT + 1
            continue
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            stack.append((child, False))
    return sizes.get(id(root), 1)


def _children(node: Any) -> list[Any]:
    value = node.value
    if not isinstance(value, list):
        return []
    out: list[Any] = []
    for item in value:
        if isinstance(item, tuple):
            out.extend(item)
        else:
            out.append(item)
    return out
