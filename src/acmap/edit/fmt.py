"""`acmap fmt`'s canonical layout, on ruamel's round-trip tree so every comment survives.

The layout:

- indentation: 2 spaces for mappings; list dashes indented 2 under their key (`  - id: ...`);
- keys in the order of format v1 (formatv1.py: `id` first, then the order of SPEC §2);
- the user's `x-` keys stay next to the key they followed (an `x-` key before every known key
  stays first), so `x-crm-id: ...` under `name:` is still under `name:` after formatting;
  keys the format does not know (a typo, E003) go last, in their order, for the user to fix;
- quotes only where YAML needs them, except on text starting with a digit, `+`, `-` or `.`, whose
  double quotes are kept (phone numbers, ids like "0015g00000XyZ") so it never turns into a number;
- flow style (`{id: exec, name: Executive}`) and block style stay as the user chose them, and so
  do blank lines and comments; lines are never re-wrapped; the file ends with one newline.

Formatting is idempotent: formatting a formatted file gives the same text. As a safety net the
result is checked before it is returned: the same data and the same comments, or FormatError.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acmap.format import fields as v1

if TYPE_CHECKING:
    from acmap.findings import Finding

SAFE_CODES = frozenset({"E001", "E002", "E011"})  # no round trip of such a file is safe


class FormatError(Exception):
    """The file cannot be formatted (not YAML, duplicate keys, unsafe YAML, or a check failed)."""


class NotAMap(Exception):
    """Well-formed YAML without `acmap:` at the top: some other file (a workflow, a config)."""


@dataclass(slots=True)
class Outcome:
    """What formatting one file gave. `before` and `after` are empty unless the file was read:
    nothing of a file the door refused (a symlink out of the project) is ever kept."""

    file: str
    before: str = ""
    after: str = ""
    problem: str | None = None  # why the file was not formatted
    skipped: bool = False  # YAML, but not an account map

    @property
    def changed(self) -> bool:
        return self.problem is None and not self.skipped and self.before != self.after


def format_file(path: Path, root: Path, write: bool) -> Outcome:
    """Format one map file read through acmap.load; with `write`, write it back when it changed
    (in the encoding it came in, to the real file behind an in-project symlink), holding the
    map's lock from the read to the write so a concurrent `acmap import` is never lost."""
    if not write:
        return _format_file(path, root, write=False)
    from acmap.edit.atomic import hold
    from acmap.load.read import escapes

    if escapes(path, root) is not None:  # refused by the read; never opened, not even to lock
        return _format_file(path, root, write=False)
    with hold(path.resolve()):
        return _format_file(path, root, write=True)


def _format_file(path: Path, root: Path, write: bool) -> Outcome:
    from acmap.edit.atomic import write_map
    from acmap.format import codes
    from acmap.load import LoadError, Rejected, display, read_map

    shown = display(path)
    try:
        source = read_map(path, root, shown)
    except LoadError as exc:
        return Outcome(shown, problem=f"{exc}; not formatted")
    except Rejected as exc:
        f = codes.finding(shown, exc.line, exc.col, exc.code, exc.message)
        return Outcome(shown, problem=f"{_where(f)}; not formatted")
    outcome = Outcome(shown, source.text, source.text)
    try:
        outcome.after = format_text(source.text, shown)
    except FormatError as exc:
        outcome.problem = f"{exc}; not formatted"
    except NotAMap:
        outcome.skipped = True
    if write and outcome.changed:
        try:
            write_map(source, outcome.after, root)
        except LoadError as exc:
            outcome.problem = str(exc)
        except OSError as exc:
            outcome.problem = f"{shown}: cannot write: {exc.strerror or exc}"
    return outcome


def _where(f: Finding) -> str:
    return f"{f.file}:{f.line}:{f.col}: {f.code} {f.name} {f.message}"


def format_text(text: str, file: str = "<string>") -> str:
    """The canonical layout of one map file's text. FormatError when that is not safe.

    Idempotent by construction: ruamel can place a moved comment differently on a second pass
    (a comment above the first key of a list item), so the result is laid out again until it
    stops changing. Only the first pass needs the loader's check: later passes start from text
    already shown to hold the same data."""
    from acmap.load import load_text

    checked = load_text(text, file)
    blocking = [f for f in checked.findings if f.code in SAFE_CODES]
    if blocking:
        raise FormatError(_where(blocking[0]))
    result = _layout(text.replace("\r\n", "\n").lstrip("\ufeff"), file)
    for _ in range(2):
        again = _layout(result, file)
        if again == result:
            return result
        result = again
    raise FormatError(f"{file}: the comments here have no stable layout; file left as it is")


def _layout(body: str, file: str) -> str:
    """One pass: reorder and requote through ruamel's round trip, checked against `body`."""
    from acmap.edit.roundtrip import dump, round_trip

    yaml = round_trip()
    try:
        tree = yaml.load(body)
    except Exception as exc:  # ruamel raises many types; the loader accepted the file already
        raise FormatError(f"{file}: cannot be formatted: {exc}") from None
    if tree is None or not isinstance(tree, dict) or "acmap" not in tree:
        raise NotAMap(f"{file}: not an account map (no `acmap:` key at the top)")
    _canonical(tree, v1.MAP)
    result = dump(yaml, tree).rstrip("\n") + "\n"
    _check_same(body, result, file)
    return result


# --- key order and quotes ----------------------------------------------------------------------


Lead = tuple[Any, Any, bool]


def _canonical(node: Any, shape: v1.Shape | None, lead: Lead | None = None) -> None:
    """Reorder and unquote in place. `lead` is (holder, key, deep) of the comment slot just above
    a block mapping (or a list item's) first line, when it has one."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.compat import ordereddict

    if isinstance(node, CommentedMap):
        if shape is not None:
            _reorder(node, shape, lead)
        for key in list(node):
            # Plain assignment would keep the old quoting: ruamel preserves a ScalarString type.
            ordereddict.__setitem__(node, key, _unquote(node[key]))
            spec = shape.fields.get(key) if shape is not None else None
            _canonical(node[key], _shape_of(spec), (node, key, False))
    elif isinstance(node, CommentedSeq):
        for index, item in enumerate(node):
            list.__setitem__(node, index, _unquote(item))
            # Above a list item's `- ` line is the end of the previous item. (The first item
            # has no such place that ruamel emits safely: its comment stays beside the key.)
            above = (node, index - 1, True) if index else None
            _canonical(node[index], shape, None if _flow(node) else above)


def _shape_of(spec: v1.Field | None) -> v1.Shape | None:
    """The shape of a field's value, or of each item for a list of objects."""
    if spec is None:
        return None
    if spec.shape is not None:
        return spec.shape
    if spec.item is not None and spec.item.shape is not None:
        return spec.item.shape
    return None


_KEEP_QUOTES = re.compile(r"^[0-9+\-.]")


def _unquote(value: Any) -> Any:
    """Quoted text loses its quotes when YAML does not need them; otherwise it gets double
    quotes, as does text that starts like a number (it never turns into one)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if isinstance(value, (DoubleQuotedScalarString, SingleQuotedScalarString)):
        text = str(value)
        if _KEEP_QUOTES.match(text) or _needs_quotes(text):
            return DoubleQuotedScalarString(text)
        return text
    return value


@functools.lru_cache(maxsize=1024)
def _needs_quotes(text: str) -> bool:
    """Would ruamel quote this text if it were written plain (`true`, `a: b`, `#x`, ...)?"""
    from acmap.edit.roundtrip import dump, round_trip

    return dump(round_trip(), {"k": text})[3:4] in ("'", '"')


def order_keys(keys: list[Any], shape: v1.Shape) -> list[Any]:
    """Known keys in format order, each `x-` key after the key it followed, unknown keys last."""
    rank = {name: i for i, name in enumerate(shape.fields)}
    leading: list[Any] = []
    after: dict[Any, list[Any]] = {}
    unknown: list[Any] = []
    previous: Any = None
    for key in keys:
        if isinstance(key, str) and key in rank:
            previous = key
            after.setdefault(key, [])
        elif isinstance(key, str) and key.startswith("x-"):
            (after[previous] if previous is not None else leading).append(key)
        else:
            unknown.append(key)
    ordered = list(leading)
    for key in sorted(after, key=rank.__getitem__):
        ordered.append(key)
        ordered += after[key]
    return ordered + unknown


def _reorder(node: Any, shape: v1.Shape, lead: Lead | None) -> None:
    keys = list(node)
    wanted = order_keys(keys, shape)
    if wanted == keys:
        return
    # A comment on the lines between two keys is stored at the end of the earlier key's value;
    # it belongs to the later key. Take each such comment off, reorder, and put it back in
    # front of its key. The comment after the last key belongs to what follows the mapping.
    leads: dict[Any, str] = {}
    for before, key in itertools.pairwise(keys):
        leads[key] = _take_tail(node, before)
    trailer = _take_tail(node, keys[-1])
    for key in wanted:
        node.move_to_end(key)
    orphan = leads.pop(wanted[0], "")
    if orphan and lead is not None and not _flow(node):
        # The comment was above the key that now comes first: it goes above the mapping's
        # first line, which is the end of the parent's line (`account:   # ...`).
        holder, key, deep = lead
        _add_tail(holder, key, orphan, deep=deep)
        orphan = ""
    for before, key in itertools.pairwise(wanted):
        text = leads.get(key, "")
        if before == wanted[0] and orphan:
            text = orphan + text  # no place above the first key (a list item): keep it near
        _add_tail(node, before, text)
    _add_tail(node, wanted[-1], trailer)


def _tail_slot(container: Any, key: Any, deep: bool = True) -> tuple[Any, Any, int] | None:
    """Where the comment after container[key] lives: (comment holder, item key, slot index).
    With deep=False, the slot right after the key itself (before a block value's first line)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    value = container[key]
    if deep and isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not _flow(value):
        last = list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1
        return _tail_slot(value, last)
    slot = 2 if isinstance(container, CommentedMap) else 0
    return container, key, slot


def _flow(value: Any) -> bool:
    return bool(value.fa.flow_style())


def _is_block_scalar(value: Any) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, (LiteralScalarString, FoldedScalarString))


def _take_tail(container: Any, key: Any) -> str:
    """Remove and return the whole-line comments after container[key] (keeping an end-of-line
    comment where it is)."""
    where = _tail_slot(container, key)
    if where is None:
        return ""
    holder, item, slot = where
    entry = holder.ca.items.get(item)
    if not entry or len(entry) <= slot or entry[slot] is None:
        return ""
    token = entry[slot]
    value: str = token.value
    if _is_block_scalar(holder[item]):
        entry[slot] = None
        # The first line of a comment after a block scalar keeps its column in the token only.
        return " " * (token.column or 0) + value if value.startswith("#") else value
    newline = value.find("\n")
    if newline < 0:
        return ""
    keep, rest = value[: newline + 1], value[newline + 1 :]
    if keep.strip():
        token.value = keep
    else:
        entry[slot] = None
    return rest


def _add_tail(container: Any, key: Any, text: str, deep: bool = True) -> None:
    if not text:
        return
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    where = _tail_slot(container, key, deep)
    if where is None:
        return
    holder, item, slot = where
    entry = holder.ca.items.setdefault(item, [None, None, None, None])
    while len(entry) <= slot:
        entry.append(None)
    token = entry[slot]
    if token is not None:
        token.value = token.value + text
        return
    prefix = "" if _is_block_scalar(holder[item]) else "\n"
    entry[slot] = CommentToken(prefix + text, CommentMark(0), None)


# --- the safety net -----------------------------------------------------------------------------

_COMMENT = re.compile(r"(?:^|\s)(#.*)$")


def comments(text: str) -> Counter[str]:
    """The comments of a YAML text, roughly (a `#` after a space outside quotes): enough to see
    that formatting lost none. Block scalars count the same on both sides."""
    found: Counter[str] = Counter()
    for line in text.splitlines():
        stripped = _without_quoted(line)
        match = _COMMENT.search(stripped)
        if match:
            found[match.group(1).strip()] += 1
    return found


def _without_quoted(line: str) -> str:
    out = []
    quote = ""
    for ch in line:
        if quote:
            if ch == quote:
                quote = ""
            out.append(" ")
        elif ch in "\"'" and (not out or out[-1] in " [{,:-"):
            quote = ch
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _data(text: str) -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(text)


def _check_same(before: str, after: str, file: str) -> None:
    try:
        changed = _data(before) != _data(after)
    except Exception:  # ruamel raises many types: what we wrote does not parse
        raise FormatError(
            f"{file}: formatting would write YAML that does not parse (a comment in a place "
            "ruamel cannot move it from); file left as it is"
        ) from None
    if changed:
        raise FormatError(f"{file}: formatting would change the data; file left as it is")
    if comments(before) != comments(after):
        raise FormatError(f"{file}: formatting would lose a comment; file left as it is")
