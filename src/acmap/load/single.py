"""The one account map a command works on (`acmap show`, `path`, `import`): found by id or path,
read through the guard, loaded, and refused with a clear LoadError when it cannot be used.

Nothing here exits or prints: commands turn a LoadError into their one-line message."""

from __future__ import annotations

from typing import TYPE_CHECKING

from acmap.load.read import LoadError

if TYPE_CHECKING:
    from acmap.load.build import Loaded
    from acmap.model import AccountMap
    from acmap.settings import Settings


class MapHasErrors(LoadError):
    """The account's map has errors: it cannot be shown or changed until they are fixed."""


def open_account(target: str, settings: Settings) -> Loaded:
    """The one map file `target` (an account id or a path) names, loaded, errors and all, with
    its text and encoding in `.source`. SelectionError when it names no file or several;
    Unreadable (OutsideProject for a symlink out of the project) when it cannot be read.
    With settings.snapshot (`--at REV`), the map as it was at that commit, without `.source`:
    a map of the past is read, never written back."""
    from acmap.load.parse import load_text
    from acmap.load.read import Rejected, Unreadable, display, read_map
    from acmap.load.selection import SelectionError, blobs_at, map_files, project_root

    files, unreadable = map_files([target], settings)
    if unreadable or not files:
        raise SelectionError(unreadable[0] if unreadable else f"{target}: no map file there")
    if len(files) > 1:
        raise SelectionError(f"{target}: {len(files)} map files there; give one account")
    path = files[0]
    shown = display(path)
    if settings.snapshot is not None:
        from acmap.load.snapshot import load_blob

        (blob,) = blobs_at([path], settings.snapshot)
        found = load_blob(blob, shown)
        if isinstance(found, str):
            raise Unreadable(found)
        return found
    try:
        source = read_map(path, project_root(settings), shown)
    except Rejected as exc:
        from acmap.load.build import rejected

        return rejected(shown, exc.line, exc.col, exc.code, exc.message)
    loaded = load_text(source.text, shown, stem=path.stem)
    loaded.source = source
    return loaded


def require_map(loaded: Loaded) -> AccountMap:
    """The map of an opened account; MapHasErrors (naming the first error) when it has none."""
    if loaded.map is None:
        errors = [f for f in loaded.findings if f.severity == "error"]
        first = f" (first: line {errors[0].line}: {errors[0].message})" if errors else ""
        raise MapHasErrors(f"{loaded.file} has errors{first}; run `acmap validate {loaded.file}`")
    return loaded.map
