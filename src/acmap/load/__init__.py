"""The one way into a map: which files, the project-root guard, reading, decoding, parsing,
checking, the results cache and parallel loading.

    read_map(path, root) -> MapText         one file's text and encoding, through the guard
    load_file(path, shown, root) -> Loaded   one file checked and built (findings, never raises
                                             for bad content)
    load_text(data, file, stem) -> Loaded    the same from bytes or text already in hand
    open_account(target, settings) -> Loaded the one map an id or path names, with .source
    require_map(loaded) -> AccountMap        its map, or MapHasErrors
    map_files(targets, settings)             files, folders and account ids → map files
    project_root(settings) -> Path           the folder no map may point out of
    load_selection(targets, settings, ...)   a portfolio, in parallel when large, cached
    read_worktree / load_side                acmap diff's two sides (acmap.load.worktree)

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
from acmap.load.selection import (
    Selection,
    SelectionError,
    load_selection,
    map_files,
    project_root,
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
    "Selection",
    "SelectionError",
    "Unreadable",
    "display",
    "load_file",
    "load_selection",
    "load_text",
    "map_files",
    "open_account",
    "project_root",
    "read_map",
    "require_map",
]
