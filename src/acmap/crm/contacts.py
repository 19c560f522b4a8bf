"""A CRM contacts export (CSV) read into Contact rows, the first step of `acmap import`.

Salesforce and HubSpot headers are recognised, and so are `acmap export`'s own columns;
`--column NAME=field` maps any other. Every problem with the file (encoding, no name column, a
ragged row, a bad value) is a BadCsv error naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from acmap.crm.cells import restore
from acmap.model import INFLUENCE_LEVELS, ROLES, STANCES, STATUSES
from acmap.words import did_you_mean

# What a CSV column can mean. first_name + last_name (or name) make the person's name.
FIELDS = (
    "id",
    "name",
    "first_name",
    "last_name",
    "title",
    "unit",
    "reports_to",
    "roles",
    "stance",
    "influence",
    "status",
    "owner",
    "last_contact",
    "email",
    "phone",
    "linkedin",
    "account_id",
    "ignore",
)

# Known headers, normalised (casefolded, `_`/`-` as spaces): Salesforce, HubSpot, acmap export.
HEADERS = {
    "first name": "first_name",
    "firstname": "first_name",
    "last name": "last_name",
    "lastname": "last_name",
    "name": "name",
    "full name": "name",
    "title": "title",
    "job title": "title",
    "email": "email",
    "email address": "email",
    "phone": "phone",
    "phone number": "phone",
    "department": "unit",
    "unit": "unit",
    "reports to": "reports_to",
    "id": "id",
    "roles": "roles",
    "stance": "stance",
    "influence": "influence",
    "status": "status",
    "owner": "owner",
    "last contact": "last_contact",
    "linkedin": "linkedin",
    "account id": "account_id",
    "account name": "ignore",
}

# Where each field lives in a stakeholder mapping: format v1's key order, from its one definition.
_ENUMS = {"stance": STANCES, "influence": INFLUENCE_LEVELS, "status": STATUSES}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-_]*$")


class BadCsv(Exception):
    """The CSV cannot be imported as it is: exit 2 with this message."""


@dataclass(slots=True)
class Contact:
    """One CSV row: where it stood and its values by field (only non-empty ones)."""

    line: int
    values: dict[str, str]

    @property
    def name(self) -> str:
        if "name" in self.values:
            return self.values["name"]
        parts = [self.values.get("first_name", ""), self.values.get("last_name", "")]
        return " ".join(p for p in parts if p)


@dataclass(slots=True)
class Contacts:
    file: str
    rows: list[Contact]
    columns: dict[str, str]  # header → field
    ignored: list[str]  # headers nobody mapped


def normalise(header: str) -> str:
    return " ".join(header.replace("_", " ").replace("-", " ").casefold().split())


def read_contacts(
    data: bytes, file: str, overrides: dict[str, str] | None = None, encoding: str = "utf-8"
) -> Contacts:
    """Parse a contacts CSV. BadCsv names the line of any problem."""
    import csv
    import io

    text = _decode(data, file, encoding)
    # Not str.splitlines(): it also breaks at \x1c-\x1e, \x85 and \u2028, which CSV cells may
    # hold. A StringIO with newline="" splits only at \n, \r and \r\n, as the csv module expects.
    lines = list(io.StringIO(text, newline=""))
    if not any(line.strip() for line in lines):
        raise BadCsv(f"{file}: the file is empty (expected a header row of column names)")
    first = next(line for line in lines if line.strip())
    # Only the delimiter is sniffed, from the header. The header rarely holds a quote, so the
    # Sniffer's guesses about quoting are noise (it turned off doubled quotes, reading
    # "O""Brien" as O"Brien"); every CRM writes Excel-style quoting.
    try:
        delimiter = csv.Sniffer().sniff(first, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(lines, csv.excel, delimiter=delimiter)
    rows: list[Contact] = []
    header: list[str] | None = None
    columns: dict[int, str] = {}
    contacts = Contacts(file, [], {}, [])
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = [cell.strip() for cell in record]
                columns = _columns(header, overrides or {}, file)
                contacts.columns = {header[i]: f for i, f in columns.items()}
                contacts.ignored = [h for i, h in enumerate(header) if i not in columns and h]
                continue
            line = reader.line_num
            if len(record) != len(header):
                extra = record[len(header) :]
                if len(record) < len(header) or any(cell.strip() for cell in extra):
                    raise BadCsv(
                        f"{file}:{line}: row {len(rows) + 1} has {len(record)} value"
                        f"{'' if len(record) == 1 else 's'} but the "
                        f"header has {len(header)} columns (a stray comma, or a line break "
                        "outside quotes?)"
                    )
            values = {}
            for i, wanted in columns.items():
                # restore: the one `'` acmap export puts before a would-be formula.
                cell = restore(record[i].strip()) if i < len(record) else ""
                if cell and wanted != "ignore":
                    values[wanted] = cell
            contact = Contact(line, values)
            _check_values(contact, file, len(rows) + 1)
            rows.append(contact)
    except csv.Error as exc:
        raise BadCsv(f"{file}:{reader.line_num}: not readable as CSV ({exc})") from None
    if header is None:
        raise BadCsv(f"{file}: the file is empty (expected a header row of column names)")
    contacts.rows = rows
    return contacts


def _decode(data: bytes, file: str, encoding: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        encoding = "utf-16"
    elif encoding.replace("-", "").casefold() == "utf8":
        encoding = "utf-8-sig"  # and drop the byte-order mark Excel writes
    try:
        return data.decode(encoding)
    except LookupError:
        raise BadCsv(f"--encoding {encoding!r}: no such encoding") from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.start + 1].hex()
        raise BadCsv(
            f"{file}:{line}: not valid {encoding.removesuffix('-sig')} (byte 0x{bad}) — save the "
            "export as UTF-8, or say what it is with --encoding (cp1252 for Excel on Windows, "
            "latin-1)"
        ) from None


def _columns(header: list[str], overrides: dict[str, str], file: str) -> dict[int, str]:
    """Column index → field, from the known headers and the user's --column mappings."""
    columns: dict[int, str] = {}
    for i, name in enumerate(header):
        known = HEADERS.get(normalise(name))
        if known:
            columns[i] = known
    by_name = {normalise(name): i for i, name in enumerate(header)}
    for csv_name, wanted in overrides.items():
        index = by_name.get(normalise(csv_name))
        if index is None:
            hint = did_you_mean(csv_name, header)
            raise BadCsv(f"--column {csv_name}={wanted}: no column {csv_name!r}{hint}")
        columns[index] = wanted
    chosen = set(columns.values())
    if "name" not in chosen and not {"first_name", "last_name"} & chosen:
        found = ", ".join(repr(h) for h in header) or "nothing"
        raise BadCsv(
            f"{file}:1: no name column — expected 'First Name' and 'Last Name' (Salesforce, "
            f"HubSpot) or 'Name'; the header has {found}. Map one with --column 'Full Name=name'"
        )
    return columns


def _check_values(contact: Contact, file: str, row: int) -> None:
    where = f"{file}:{contact.line}: row {row}"
    for key, allowed in _ENUMS.items():
        value = contact.values.get(key)
        if value is not None and value not in allowed:
            raise BadCsv(f"{where}: {key} {value!r} is not one of {', '.join(allowed)}")
    for role in split_list(contact.values.get("roles", "")):
        if role not in ROLES:
            raise BadCsv(f"{where}: role {role!r} is not one of {', '.join(ROLES)}")
    day = contact.values.get("last_contact")
    if day is not None:
        try:
            date.fromisoformat(day)
        except ValueError:
            raise BadCsv(f"{where}: last_contact {day!r} is not a date (YYYY-MM-DD)") from None
    person_id = contact.values.get("id")
    if person_id is not None and not _SLUG.match(person_id):
        raise BadCsv(f"{where}: id {person_id!r} is not a slug (a-z, 0-9, - and _)")


def split_list(cell: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,]", cell) if part.strip()]
