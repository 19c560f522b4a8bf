"""The files `acmap new` and `acmap init` write, from the templates shipped in acmap/templates."""

from __future__ import annotations

import json
import re
from string import Template

from acmap import __version__

# Where acmap lives on GitHub: the Action (`uses:`) and the pre-commit hook repository.
REPOSITORY = "acmap/acmap"

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 .,&'()/_-]*$")
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"})


def read(template: str) -> str:
    from importlib.resources import files

    return files("acmap").joinpath("templates", template).read_text(encoding="utf-8")


def render(template: str, **values: str) -> str:
    """A template with its ${placeholders} filled in (every one must be given)."""
    defaults = {"repo": REPOSITORY, "version": __version__}
    return Template(read(template)).substitute({**defaults, **values})


def yaml_text(value: str) -> str:
    """`value` as a YAML scalar: plain when that reads back as the same text, else quoted."""
    if _PLAIN.match(value) and value.lower() not in _RESERVED and not value.endswith(" "):
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
