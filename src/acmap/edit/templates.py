"""The files `acmap new` and `acmap init` write, from the templates shipped in acmap/templates."""

from __future__ import annotations

import json
import re
from pathlib import Path
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


# Where `acmap init` and `acmap schema -o` put the JSON Schema: beside acmap.toml, so that one
# file serves every maps folder below it.
SCHEMA_FILE = "acmap.schema.json"


def schema_reference(maps: Path, root: Path) -> str:
    """The modeline's `$schema=` value for a map in `maps`: the path from that folder to the
    schema file in `root` (yaml-language-server resolves it from the map's own folder)."""
    import os
    from urllib.parse import quote

    relative = Path(os.path.relpath(os.path.abspath(root / SCHEMA_FILE), os.path.abspath(maps)))
    text = relative.as_posix()
    if not text.startswith("../"):
        text = f"./{text}"
    return quote(text, safe="/.-_~")  # a space would end the modeline's value
