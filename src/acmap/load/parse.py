"""YAML text → AccountMap: the safety checks, libyaml's C composer, then the format walk.

Speed matters (CI runs this on thousands of files), so parsing stops at libyaml's C composer:
its nodes already carry their marks, and acmap never constructs Python objects from tags. The
checks here make sure nothing a file says can follow an alias a billion times or recurse without
bound; the walk (build.py) reads only what format v1 defines.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

from acmap.load.build import Loaded, Reader, pos_of, rejected
from acmap.load.read import MAX_BYTES, Rejected, decode, display, read_bytes, too_big, visible
from acmap.load.yamlnodes import NodeLoader, strict_problem, tag_name
from acmap.model import Pos

ALIAS_LIMIT = 64  # alias uses per file; real maps need a handful at most
EXPANSION_LIMIT = 100_000  # nodes after aliases are expanded
DEPTH_LIMIT = 1_000  # libyaml's composer recurses in C: stop hostile nesting before it does

_SAFE_TAGS = frozenset({"null", "str", "int", "float", "bool", "timestamp", "map", "seq", "merge"})
# An anchor or alias is `&` or `*` followed by a name ("President & CEO" is not one); a tag is
# `!`, alone or not. Only a sigil right after an ASCII letter or digit ("Q&A", "R&D", "a*b") is
# surely inside a plain scalar: after anything else (a space, any line break libyaml knows:
# U+0085, U+2028, U+2029; a BOM, which libyaml skips at a line start; a flow indicator or a
# quote) it may start a token, so the file gets the graph check. Over-matching costs a walk;
# under-matching would let a tag or an alias bomb through.
_SIGIL = re.compile(r"(?<![0-9A-Za-z])(?:[&*]\S|!)")


def load_file(path: Path, shown: str | None = None, root: Path | None = None) -> Loaded:
    """Load one map file. With `root`, a symlink out of it raises OutsideProject; Unreadable when
    the file cannot be read at all. Everything else is a finding."""
    shown = shown or display(path)
    try:
        data = read_bytes(path, root, shown)
    except Rejected as exc:
        return rejected(shown, exc.line, exc.col, exc.code, exc.message)
    return load_text(data, shown, stem=visible(path.stem))


def load_text(data: bytes | str, file: str = "<string>", stem: str | None = None) -> Loaded:
    """Check one file's text and build its map. Never raises for bad input. Each finding
    carries its line (Finding.excerpt) for the code frame of text reports."""
    if len(data) > MAX_BYTES:
        return rejected(file, 1, 1, "E011", too_big(len(data)))
    if isinstance(data, str):
        text = data
    else:
        try:
            text = decode(data)[0]
        except Rejected as exc:
            loaded = rejected(file, exc.line, exc.col, exc.code, exc.message)
            if data.startswith(_WIDE_BOMS):
                return loaded  # UTF-16 or UTF-32 gone wrong: no line worth showing
            # Not text as acmap reads it, but a person can still see the line in question.
            return with_excerpts(loaded, data.decode("utf-8", "replace").removeprefix("\ufeff"))
    loaded = _load(text, file, stem)
    return with_excerpts(loaded, text) if loaded.findings else loaded


_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
EXCERPT_ROOM = 400  # characters kept on each side of a finding's column in a long line


def with_excerpts(loaded: Loaded, text: str) -> Loaded:
    """`loaded` with each finding's line from `text` (only files with findings come here)."""
    from acmap.load.syntax import LINE_BREAK

    last = max((f.line for f in loaded.findings), default=0)
    if last < 1:
        return loaded
    lines = LINE_BREAK.split(text, maxsplit=last)  # split only as far as the last finding
    found = []
    for f in loaded.findings:
        if f.excerpt is None and 1 <= f.line <= min(last, len(lines)):
            line = lines[f.line - 1]
            start = max(f.col - 1 - EXCERPT_ROOM, 0) if len(line) > 2 * EXCERPT_ROOM else 0
            f = f._replace(excerpt=(start + 1, line[start : start + 2 * EXCERPT_ROOM]))
        found.append(f)
    loaded.findings = found
    return loaded


def _load(text: str, file: str, stem: str | None) -> Loaded:
    if _too_deep(text):
        return rejected(
            file, 1, 1, "E011", f"nesting deeper than {DEPTH_LIMIT} levels (limit of acmap)"
        )
    root = _compose(text, file)
    if isinstance(root, Loaded):
        return root
    strict = strict_problem(text)
    if strict is not None:
        return rejected(file, *strict[:2], "E001", strict[2])
    reader = Reader(file)
    if root is None:
        reader.add(Pos(1, 1), "E004", "empty file: a map needs at least `acmap: 1` and `account:`")
        return reader.result(None)
    if _has_sigil(text):
        problems, ok = check_graph(root)
        for pos, code, message in problems:
            reader.add(pos, code, message)
        if not ok:
            return reader.result(None)
    return reader.read_map(root, file, stem)


def _has_sigil(text: str) -> bool:
    """Could the text hold an anchor, alias or tag? Files without one skip the graph check."""
    return _SIGIL.search(text) is not None


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
    from ruamel.yaml.error import YAMLError

    loader = NodeLoader(text)
    try:
        return loader.get_single_node()
    except YAMLError as exc:
        from acmap.load.syntax import explain

        line, col, message = explain(text, exc)
        return rejected(file, line, col, "E001", message)
    finally:
        with contextlib.suppress(Exception):  # cleanup must never mask the real outcome
            loader.dispose()


_new_tuple = tuple.__new__


def check_graph(root: Any) -> tuple[list[tuple[Pos, str, str]], bool]:
    """Unsafe tags and alias bombs, found before the walk: (problems, whether to walk on)."""
    problems: list[tuple[Pos, str, str]] = []
    seen: set[int] = set()
    aliases = 0
    stack = [root]
    ok = True
    while stack:
        node = stack.pop()
        if id(node) in seen:
            aliases += 1
            if aliases > ALIAS_LIMIT:
                message = f"more than {ALIAS_LIMIT} alias uses (*name): limit of acmap"
                problems.append((pos_of(node), "E011", message))
                return problems, False
            continue
        seen.add(id(node))
        tag = tag_name(node)
        if tag not in _SAFE_TAGS:
            message = f"YAML tag {tag!r} is not allowed: maps use plain YAML values only"
            problems.append((pos_of(node), "E011", message))
            ok = False
        value = node.value
        if isinstance(value, list):
            for item in value:
                if isinstance(item, tuple):
                    stack.extend(item)
                else:
                    stack.append(item)
    if aliases and ok and _expanded_size(root) > EXPANSION_LIMIT:
        message = f"aliases expand to over {EXPANSION_LIMIT:,} values: limit of acmap"
        problems.append((pos_of(root), "E011", message))
        return problems, False
    return problems, ok


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
