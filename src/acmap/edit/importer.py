"""`acmap import`'s pipeline: a CRM contacts export (CSV) merged into one account map.

Three steps, each testable on its own:

1. `crm.contacts.read_contacts`: CSV bytes → Contact rows (BadCsv names the line of a problem).
2. `crm.plan.plan_merge`: the rows against the map's model → a Plan; no file is touched.
3. `edit.merge.apply_plan`: the Plan applied to ruamel's round-trip tree of the file, so every
   comment, quote and blank line the user wrote stays where it was.

The map is read once, through acmap.load (the project-root guard, its encoding remembered), and
written back in the encoding it came in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from acmap.crm.contacts import FIELDS, BadCsv, Contacts
from acmap.crm.plan import Plan

if TYPE_CHECKING:
    from acmap.load import Loaded, MapText
    from acmap.settings import Settings

__all__ = ["FIELDS", "BadCsv", "ImportResult", "NotImported", "import_contacts"]


class NotImported(Exception):
    """The merge would break the map or cannot be written: exit 2, the map unchanged."""


@dataclass(slots=True)
class ImportResult:
    plan: Plan
    contacts: Contacts
    file: str  # the map, as reports name it
    dry_run: bool

    @property
    def written(self) -> bool:
        return not self.plan.empty and not self.dry_run


def import_contacts(
    csv_file: str,
    account: str,
    settings: Settings,
    *,
    columns: dict[str, str] | None = None,
    encoding: str = "utf-8",
    update: bool = False,
    dry_run: bool = False,
) -> ImportResult:
    """Read the CSV, plan the merge into `account`'s map, and (unless dry_run) write it.
    Raises LoadError (the map), BadCsv (the CSV) or NotImported (the merge)."""
    from acmap.edit.atomic import hold, unchanged_since
    from acmap.load import open_account, project_root, require_map

    loaded = open_account(account, settings)
    require_map(loaded)
    source = loaded.source
    try:
        data = Path(csv_file).read_bytes()
    except IsADirectoryError:
        raise BadCsv(f"{csv_file}: is a directory, not a CSV file") from None
    except OSError as exc:
        raise BadCsv(f"{csv_file}: cannot read ({exc.strerror or exc})") from None
    if source is None or dry_run:
        return _merge(loaded, data, csv_file, columns, encoding, update, dry_run)
    # The read-modify-write under the map's lock: another acmap writer (a second import, fmt)
    # waits, or has finished and we read its result again; nothing is lost either way.
    with hold(source.real):
        if not unchanged_since(source):
            loaded = open_account(account, settings)
        result = _merge(loaded, data, csv_file, columns, encoding, update, dry_run)
        if result.written:
            assert loaded.source is not None
            _write(loaded.source, result.plan, project_root(settings))
    return result


def _merge(
    loaded: Loaded,
    data: bytes,
    csv_file: str,
    columns: dict[str, str] | None,
    encoding: str,
    update: bool,
    dry_run: bool,
) -> ImportResult:
    from acmap.crm.contacts import read_contacts
    from acmap.crm.plan import plan_merge
    from acmap.load import require_map

    account_map = require_map(loaded)
    source = loaded.source
    assert source is not None  # open_account keeps it for a map without errors
    contacts = read_contacts(data, csv_file, columns, encoding)
    plan = plan_merge(account_map, contacts, update=update)
    return ImportResult(plan, contacts, source.display, dry_run)


def _write(source: MapText, plan: Plan, root: Path) -> None:
    from acmap.edit.atomic import write_map
    from acmap.edit.merge import apply_plan
    from acmap.load import LoadError, load_text

    shown = source.display
    # ruamel keeps a CR only inside comments: merge on LF and give back the file's line endings,
    # so the change is the added lines, not the whole file.
    crlf = "\r\n" in source.text
    merged = apply_plan(source.text.replace("\r\n", "\n") if crlf else source.text, plan)
    if crlf:
        merged = merged.replace("\n", "\r\n")
    check = load_text(merged, shown, stem=source.path.stem)
    errors = [f for f in check.findings if f.severity == "error"]
    if errors:  # e.g. a reporting cycle the CSV creates: refuse rather than break the map
        first = errors[0]
        raise NotImported(
            f"not imported: the merged map would have errors ({first.code} line {first.line}: "
            f"{first.message}); {shown} is unchanged"
        )
    try:
        write_map(source, merged, root)
    except LoadError as exc:
        raise NotImported(str(exc)) from None
    except OSError as exc:
        raise NotImported(f"{shown}: cannot write ({exc.strerror or exc})") from None
