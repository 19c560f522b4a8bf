"""Diagrams of account maps through Graphviz.

dot.py builds the DOT text (view, title, units) from canvas.py (options, the statement writer),
people.py (nodes), edges.py and legend.py, in the visual language of style.py, with every piece
of user text escaped by safe.py; orgtree.py is the tree of units, shelves.py wraps its
departments into rows for the page size; run.py runs `dot` under limits (time, memory, output);
diagram.py is `acmap render`'s pipeline.
"""

from acmap.render.canvas import SIZES, VIEWS, FocusError, RenderOptions
from acmap.render.dot import build_dot
from acmap.render.run import (
    DEFAULT_MAX_MEMORY,
    DEFAULT_TIMEOUT,
    FORMATS,
    MAX_MEMORY_ENV,
    RenderError,
    find_dot,
    run_dot,
)

__all__ = [
    "DEFAULT_MAX_MEMORY",
    "DEFAULT_TIMEOUT",
    "FORMATS",
    "MAX_MEMORY_ENV",
    "SIZES",
    "VIEWS",
    "FocusError",
    "RenderError",
    "RenderOptions",
    "build_dot",
    "find_dot",
    "run_dot",
]
