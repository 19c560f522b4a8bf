"""The one way into a map: which files, the project-root guard, reading, decoding, parsing,
checking, the results cache and parallel loading.

    read_map(path, root) -> MapText         one file's text and encoding, through the guard
    load_file(path, shown, root) -> Loaded   one file checked and built (findings, never raises
                                             for bad content)
    load_text(data, file, stem) -> Loaded    the same from bytes or text already in hand
    open_account(target, settings) -> Loaded the one map an id or path names, with .source
    require_map(loaded) -> AccountMap        its map, or MapHasErrors
    load_selection(targets, settings, ...)   a portfolio (acmap.load.selection)
    load_blobs / load_worktree               acmap diff's two sides

Every error a command should print is a LoadError (SelectionError, Unreadable, OutsideProject,
MapHasErrors, CannotEncode); nothing here exits.
"""

from acmap.load.build import Loaded
from acmap.load.parse import load_file, load_text
from acmap.load.read import (
    MAX_BYTES,
    CannotEncode,
    Encoding,
    LoadError,
    MapText,
    OutsideProject,
    Rejected,
    Unreadable,
    display,
    read_map,
)
from acmap.load.single import MapHasErrors, open_account, require_map

__all__ = [
    "MAX_BYTES",
    "CannotEncode",
    "Encoding",
    "LoadError",
    "Loaded",
    "MapHasErrors",
    "MapText",
    "OutsideProject",
    "Rejected",
    "Unreadable",
    "display",
    "load_file",
    "load_text",
    "open_account",
    "read_map",
    "require_map",
]
