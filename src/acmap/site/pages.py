"""The templates: one Jinja2 environment, autoescape on for every template, undefined names an
error. Markup reaches a page only from diagram.py (Graphviz's SVG, checked) and the templates."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


@functools.cache
def environment() -> Any:
    import jinja2

    class Environment(jinja2.Environment):
        def getattr(self, obj: Any, attribute: str) -> Any:
            # The pages' data is plain dicts (JSON, kept in the manifest): `p.name` is p["name"].
            # Jinja tries the attribute first and the key after an AttributeError, which on a
            # page of 300 000 lookups is a tenth of its time. A dict's own methods (.items) are
            # still found when it has no such key.
            if type(obj) is dict and attribute in obj:
                return obj[attribute]
            return super().getattr(obj, attribute)

    return Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # Compiled templates kept between runs (Jinja's per-user folder, which it creates 0700
        # and refuses when another user owns it): a rebuild of one page need not compile ten.
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
        autoescape=True,  # every template, whatever its name
        auto_reload=False,  # the templates do not change during a build: no stat per page
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(template: str, **context: Any) -> str:
    return str(environment().get_template(template).render(**context))


def assets() -> dict[str, bytes]:
    """The stylesheet and the script, copied as they are (hand-written, no framework), and the
    diagram key's stylesheet, made from the drawing's colours."""
    from acmap.site.legend import STYLESHEET, stylesheet

    found = {path.name: path.read_bytes() for path in sorted(STATIC.iterdir()) if path.is_file()}
    found[STYLESHEET] = stylesheet()
    return found


@functools.cache
def code_digest() -> str:
    """What made the pages (acmap's code, the templates): pages made by other code are stale."""
    import hashlib

    from acmap import __version__

    digest = hashlib.sha256(__version__.encode())
    # All of acmap: a rule's new wording or the renderer's new layout changes the pages too.
    for path in sorted(HERE.parent.rglob("*")):
        if path.suffix in (".py", ".html", ".css", ".js") and path.is_file():
            digest.update(path.relative_to(HERE.parent).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()
