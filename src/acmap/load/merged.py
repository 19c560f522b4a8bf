"""A list item that holds several items: a forgotten `- ` before the second `id:` makes YAML read
two people as one mapping with repeated keys. The walk reads them apart again."""

from __future__ import annotations

from typing import Any

from acmap.load.yamlnodes import MappingNode, ScalarNode


class Merged:
    """Marks a list item that holds several items (a forgotten `- `): their mappings."""

    __slots__ = ("parts",)

    def __init__(self, parts: list[Any]) -> None:
        self.parts = parts


def split_merged(node: Any) -> Merged:
    """A merged item's mappings: a new one starts at each key the current one already has."""
    parts: list[Any] = []
    pairs: list[Any] = []
    seen: set[str] = set()
    for pair in node.value:
        key = pair[0].value if type(pair[0]) is ScalarNode else None
        if key in seen and pairs:
            parts.append(pairs)
            pairs, seen = [], set()
        pairs.append(pair)
        if key is not None:
            seen.add(key)
    parts.append(pairs)
    return Merged(
        [
            MappingNode(
                node.ctag,
                pairs,
                node.start_mark if number == 0 else pairs[0][0].start_mark,
                pairs[-1][1].end_mark,
                flow_style=False,
            )
            for number, pairs in enumerate(parts)
        ]
    )
