"""The one ruamel round-trip setup for every comment-preserving write (fmt, import's merge).

Both sides must lay a map out the same way, or `acmap fmt` after `acmap import` would change
what import wrote.
"""

from __future__ import annotations

import io
from typing import Any


def round_trip() -> Any:
    """A ruamel YAML in round-trip mode with acmap's layout: 2-space mappings, list dashes
    indented 2 under their key, lines never re-wrapped, quotes kept as written."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap a line the user wrote
    yaml.preserve_quotes = True
    yaml.allow_duplicate_keys = False
    return yaml


def dump(yaml: Any, tree: Any) -> str:
    """The text of a round-trip tree."""
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()
