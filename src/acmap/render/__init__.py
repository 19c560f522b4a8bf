"""Diagrams of account maps through Graphviz: DOT text (dot.py), visual language (style.py),
escaping (safe.py) and running `dot` (run.py)."""

from acmap.render.dot import VIEWS, FocusError, RenderOptions, build_dot
from acmap.render.run import DEFAULT_TIMEOUT, FORMATS, RenderError, find_dot, run_dot

__all__ = [
    "DEFAULT_TIMEOUT",
    "FORMATS",
    "VIEWS",
    "FocusError",
    "RenderError",
    "RenderOptions",
    "build_dot",
    "find_dot",
    "run_dot",
]
