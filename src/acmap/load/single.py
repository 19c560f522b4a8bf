"""The one account map a command works on (`acmap show`, `path`, `import`): found by id or path,
loaded, and refused with a clear message when it cannot be used."""

from __future__ import annotations

from typing import TYPE_CHECKING

from acmap.commands.options import fail

if TYPE_CHECKING:
    from acmap.load.parse import Loaded
    from acmap.model import AccountMap
    from acmap.settings import Settings


def load_account(account: str, config: Settings) -> AccountMap:
    """The map of `account` (an id or a file path); exit 2 when it is unknown or has errors."""
    loaded = load_account_file(account, config)
    if loaded.map is None:
        errors = [f for f in loaded.findings if f.severity == "error"]
        first = f" (first: line {errors[0].line}: {errors[0].message})" if errors else ""
        fail(f"{loaded.file} has errors{first}; run `acmap validate {loaded.file}`")
    return loaded.map


def load_account_file(account: str, config: Settings) -> Loaded:
    """The one map file `account` names, loaded, errors and all; exit 2 when it names none,
    several, or an unreadable one."""
    from acmap.commands.options import relative
    from acmap.load.parse import Unreadable, load_file
    from acmap.load.selection import SelectionError, map_files

    try:
        files, unreadable = map_files([account], config)
    except SelectionError as exc:
        fail(str(exc))
    if unreadable or not files:
        fail(unreadable[0] if unreadable else f"{account}: no map file there")
    if len(files) > 1:
        fail(f"{account}: {len(files)} map files there; give one account")
    try:
        return load_file(files[0], relative(files[0]))
    except Unreadable as exc:
        fail(str(exc))
