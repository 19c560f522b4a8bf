"""Property tests: whatever is done to a map, loading yields findings, never an exception."""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from acmap.load import load_text
from tests.helpers import EXAMPLE_MAPS

EXAMPLES = {p.stem: p.read_text(encoding="utf-8") for p in sorted(EXAMPLE_MAPS.glob("*.yaml"))}
_yaml = YAML(typ="safe")
DATA = {name: _yaml.load(text) for name, text in EXAMPLES.items()}

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_paths(child, (*prefix, index)))
    return found


def _mutate(document: Any, path: tuple[Any, ...], action: str, junk: Any) -> Any:
    if not path:
        return junk if action != "keep" else document
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "swap":
        parent[last] = junk
    elif action == "insert" and isinstance(parent, dict):
        parent[f"junk{len(parent)}"] = junk
    elif action == "insert" and isinstance(parent, list):
        parent.insert(last, junk)
    return document


def _dump(document: Any) -> str:
    out = io.StringIO()
    dumper = YAML(typ="safe", pure=True)
    # Block style: libyaml rejects the pure emitter's `{url: https://…}` flow mappings.
    dumper.default_flow_style = False
    dumper.dump(document, out)
    return out.getvalue()


def _assert_only_findings(text: str | bytes) -> None:
    loaded = load_text(text, "mutant.yaml", stem="mutant")
    for finding in loaded.findings:
        assert finding.line >= 1 and finding.col >= 1
        assert finding.code[0] in "EW"
        assert finding.message
    if loaded.map is not None:
        assert all(f.severity != "error" for f in loaded.findings)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(DATA)),
    picks=st.lists(
        st.tuples(st.integers(0, 10_000), st.sampled_from(["delete", "swap", "insert"]), JUNK),
        min_size=1,
        max_size=4,
    ),
)
def test_structural_mutations_give_findings_not_exceptions(
    name: str, picks: list[tuple[int, str, Any]]
) -> None:
    document = copy.deepcopy(DATA[name])
    for index, action, junk in picks:
        paths = _paths(document)
        try:
            document = _mutate(document, paths[index % len(paths)], action, junk)
        except (KeyError, IndexError, TypeError):
            continue
    _assert_only_findings(_dump(document))


@settings(deadline=None)
@given(
    name=st.sampled_from(sorted(EXAMPLES)),
    cuts=st.lists(
        st.tuples(st.integers(0, 100_000), st.integers(0, 40), st.binary(max_size=12)), max_size=4
    ),
)
def test_byte_level_damage_gives_findings_not_exceptions(
    name: str, cuts: list[tuple[int, int, bytes]]
) -> None:
    data = EXAMPLES[name].encode()
    for where, length, insert in cuts:
        at = where % (len(data) + 1)
        data = data[:at] + insert + data[at + length :]
    _assert_only_findings(data)


@settings(deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_gives_findings_not_exceptions(text: str) -> None:
    _assert_only_findings(text)


def test_examples_round_trip_through_the_dumper_unchanged_in_meaning() -> None:
    for name, document in DATA.items():
        loaded = load_text(_dump(document), f"{name}.yaml", stem=name)
        assert loaded.findings == [], name
        assert loaded.map is not None and loaded.map.account.id == Path(f"{name}.yaml").stem


# --- Unicode line breaks around sigils, keys and values (issue 12) ---------------------------

_BREAK = st.sampled_from(["\u2028", "\u2029", "\x85", "\u2028\ufeff", "\n"])
_HOSTILE = st.sampled_from(
    ["!!python/object/apply:os.system [x]", "&a [1]", "*a", "!!str x", "!x", "!<tag:x> y", "[*a]"]
)


@settings(deadline=None, max_examples=150)
@given(
    name=st.sampled_from(sorted(EXAMPLES)),
    edits=st.lists(
        st.tuples(st.integers(0, 100_000), _BREAK, _HOSTILE, st.sampled_from(["", " ", "  "])),
        min_size=1,
        max_size=3,
    ),
)
def test_unicode_line_breaks_never_hide_a_tag_or_an_alias(
    name: str, edits: list[tuple[int, str, str, str]]
) -> None:
    """A sigil after any break libyaml knows is still seen: the map is refused, or, when the
    text around it makes it no sigil at all, the map has no unsafe node."""
    text = EXAMPLES[name]
    for where, brk, hostile, pad in edits:
        at = where % (len(text) + 1)
        text = text[:at] + brk + pad + hostile + text[at:]
    _assert_only_findings(text)
    loaded = load_text(text, "mutant.yaml", stem="mutant")
    if loaded.map is not None:
        # Accepted: then libyaml saw no tag or alias either (the graph check would have said).
        from acmap.load.parse import _compose, check_graph

        root = _compose(text, "x.yaml")
        if root is not None and not hasattr(root, "findings"):
            problems, ok = check_graph(root)
            assert ok and not problems, problems
