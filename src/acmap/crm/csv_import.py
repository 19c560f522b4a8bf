"""A CRM contacts export (CSV) merged into one account map.

Three steps, each testable on its own:

1. `read_contacts`: CSV bytes → Contact rows. Salesforce and HubSpot headers are recognised, and
   so are `acmap export`'s own columns; `--column NAME=field` maps any other. Every problem with the
   file (encoding, no name column, a ragged row, a bad value) is a BadCsv error naming the line.
2. `plan_merge`: the rows against the map's model → a Plan. People are matched by id (an exported
   file has one), then by email, then by name, then to the one placeholder with their title
   ("[VP Engineering]", not yet named); others are added with a slug made from their name.
   An existing value is never replaced unless `update` is set; an empty cell never clears one.
3. `apply_plan`: the Plan applied to ruamel's round-trip tree of the file, so every comment, quote
   and blank line the user wrote stays where it was.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from acmap.format import fields as formatv1
from acmap.model import INFLUENCE_LEVELS, ROLES, STANCES, STATUSES, AccountMap, Stakeholder

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
KEY_ORDER = tuple(formatv1.STAKEHOLDER.fields)
CONTACT_FIELDS = tuple(formatv1.CONTACT.fields)
_ENUMS = {"stance": STANCES, "influence": INFLUENCE_LEVELS, "status": STATUSES}
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
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
                cell = record[i].strip() if i < len(record) else ""
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
    import difflib

    columns: dict[int, str] = {}
    for i, name in enumerate(header):
        known = HEADERS.get(normalise(name))
        if known:
            columns[i] = known
    by_name = {normalise(name): i for i, name in enumerate(header)}
    for csv_name, wanted in overrides.items():
        index = by_name.get(normalise(csv_name))
        if index is None:
            close = difflib.get_close_matches(csv_name, header, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
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


def slug(text: str) -> str:
    """ "Inès Roth" → "ines-roth"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG_JUNK.sub("-", plain.casefold()).strip("-") or "person"


def unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


# --- Planning -------------------------------------------------------------------------------------


@dataclass(slots=True)
class Change:
    person: str  # stakeholder id
    display: str
    key: str  # a stakeholder key, or email/phone/linkedin under contact
    old: Any
    new: Any


@dataclass(slots=True)
class Plan:
    new_units: list[dict[str, str]] = field(default_factory=list)
    new_people: list[dict[str, Any]] = field(default_factory=list)  # in KEY_ORDER
    set_values: list[Change] = field(default_factory=list)  # applied
    kept: list[Change] = field(default_factory=list)  # differences not applied (no --update)
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)
    skipped_rows: int = 0  # rows for another account

    @property
    def updated_people(self) -> list[str]:
        return list(dict.fromkeys(c.person for c in self.set_values))

    @property
    def empty(self) -> bool:
        return not (self.new_units or self.new_people or self.set_values)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def plan_merge(account_map: AccountMap, contacts: Contacts, *, update: bool = False) -> Plan:
    """What importing `contacts` into `account_map` changes, without touching any file."""
    plan = Plan()
    people = {s.id: s for s in account_map.stakeholders}
    by_email = {
        s.contact.email.casefold(): s.id
        for s in account_map.stakeholders
        if s.contact and s.contact.email
    }
    by_name: dict[str, list[str]] = {}
    for s in account_map.stakeholders:
        for label in {s.display, s.name or ""} - {""}:
            by_name.setdefault(_key(label), []).append(s.id)
    units = {u.id: u.id for u in account_map.units}
    units.update({_key(u.name): u.id for u in account_map.units})
    unit_ids = {u.id for u in account_map.units}
    team = {m.id: m.id for m in account_map.account.team}
    team.update({_key(m.name): m.id for m in account_map.account.team})
    taken = set(people)
    new_by_id: dict[str, dict[str, Any]] = {}
    matched: list[tuple[Contact, str]] = []
    claimed: set[str] = set()  # placeholders already filled by an earlier row

    for contact in contacts.rows:
        account_id = contact.values.get("account_id")
        if account_id is not None and account_id != account_map.account.id:
            plan.skipped_rows += 1
            continue
        found = _match(contact, people, by_email, by_name, new_by_id, claimed)
        if found is None:
            title = contact.values.get("title")
            if not contact.name and not title:
                raise BadCsv(
                    f"{contacts.file}:{contact.line}: a new person with no name (the name "
                    "columns are empty) and no title"
                )
            given = contact.values.get("id")
            base = given if given and given not in taken else slug(contact.name or title or "")
            person_id = unique(base, taken)
            record: dict[str, Any] = {"id": person_id}
            if contact.name:
                record["name"] = contact.name
            new_by_id[person_id] = record
            plan.new_people.append(record)
            if contact.name:
                by_name.setdefault(_key(contact.name), []).append(person_id)
            email = contact.values.get("email")
            if email:
                by_email[email.casefold()] = person_id
            found = person_id
        matched.append((contact, found))

    # Second pass: managers may be people the CSV itself adds.
    for contact, person_id in matched:
        wanted = _wanted_values(
            contact, plan, units, unit_ids, team, by_name, person_id, people, new_by_id
        )
        if person_id in new_by_id:
            record = new_by_id[person_id]
            record.update({k: v for k, v in wanted.items() if k not in CONTACT_FIELDS})
            contact_values = {k: wanted[k] for k in CONTACT_FIELDS if k in wanted}
            if contact_values:
                record["contact"] = contact_values
            continue
        person = people[person_id]
        changed = False
        for key, new in wanted.items():
            old = _current(person, key)
            if _same(old, new, key):
                continue
            change = Change(person_id, person.display, key, old, new)
            if not _present(person, key) or update:
                plan.set_values.append(change)
                changed = True
            else:
                plan.kept.append(change)
        if not changed:
            plan.unchanged += 1
    for record in plan.new_people:  # format v1 key order
        ordered = {k: record[k] for k in KEY_ORDER if k in record}
        record.clear()
        record.update(ordered)
    return plan


def _match(
    contact: Contact,
    people: dict[str, Stakeholder],
    by_email: dict[str, str],
    by_name: dict[str, list[str]],
    new_by_id: dict[str, dict[str, Any]],
    claimed: set[str],
) -> str | None:
    person_id = contact.values.get("id")
    if person_id is not None and (person_id in people or person_id in new_by_id):
        return person_id
    email = contact.values.get("email")
    if email and email.casefold() in by_email:
        return by_email[email.casefold()]
    same_name = by_name.get(_key(contact.name), []) if contact.name else []
    if len(same_name) == 1:
        return same_name[0]
    # A named person whose title is that of a placeholder fills the placeholder
    # ("[VP Engineering]", name not yet known), when exactly one has that title.
    title = contact.values.get("title")
    if contact.name and title:
        seats = [
            s.id
            for s in people.values()
            if not s.identified and s.active and s.title and _key(s.title) == _key(title)
        ]
        if len(seats) == 1 and seats[0] not in claimed:
            claimed.add(seats[0])
            return seats[0]
    return None


def _wanted_values(
    contact: Contact,
    plan: Plan,
    units: dict[str, str],
    unit_ids: set[str],
    team: dict[str, str],
    by_name: dict[str, list[str]],
    person_id: str,
    people: dict[str, Stakeholder],
    new_by_id: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """The row's values in map terms: names resolved to ids, lists split, dates parsed."""
    values = contact.values
    wanted: dict[str, Any] = {}
    name = contact.name
    if name:
        wanted["name"] = name
    for key in ("title", "stance", "influence", "status", *CONTACT_FIELDS):
        if key in values:
            wanted[key] = values[key]
    if "roles" in values:
        wanted["roles"] = split_list(values["roles"])
    if "last_contact" in values:
        wanted["last_contact"] = date.fromisoformat(values["last_contact"])
    if "unit" in values:
        unit = values["unit"]
        found = units.get(unit) or units.get(_key(unit))
        if found is None:
            found = unique(slug(unit), unit_ids)
            units[_key(unit)] = found
            plan.new_units.append({"id": found, "name": unit})
        wanted["unit"] = found
    if "owner" in values:
        owner = team.get(values["owner"]) or team.get(_key(values["owner"]))
        if owner is None:
            plan.notes.append(
                f"line {contact.line}: owner {values['owner']!r} is not on the account team — left out"
            )
        else:
            wanted["owner"] = owner
    if "reports_to" in values:
        manager_name = values["reports_to"]
        if manager_name in people or manager_name in new_by_id:
            managers = [manager_name]
        else:
            managers = by_name.get(_key(manager_name), [])
        if len(managers) == 1 and managers[0] != person_id:
            wanted["reports_to"] = managers[0]
        else:
            why = (
                "is the person themselves"
                if managers == [person_id]
                else ("names several people" if managers else "is nobody in the map or the CSV")
            )
            plan.notes.append(f"line {contact.line}: reports to {manager_name!r} {why} — left out")
    return wanted


def _present(person: Stakeholder, key: str) -> bool:
    """Whether the file states this value (a default such as stance unknown is not stated)."""
    if key in CONTACT_FIELDS:
        return person.contact is not None and key in person.contact.at
    return key in person.at


def _current(person: Stakeholder, key: str) -> Any:
    if key in CONTACT_FIELDS:
        return getattr(person.contact, key, None) if person.contact else None
    return getattr(person, key)


def _same(old: Any, new: Any, key: str = "") -> bool:
    if key == "email" and isinstance(old, str) and isinstance(new, str):
        return old.strip().casefold() == new.strip().casefold()
    if isinstance(new, list):
        return list(old or []) == new
    if isinstance(old, str) and isinstance(new, str):
        return old.strip() == new.strip()
    return bool(old == new)


# --- Writing ----------------------------------------------------------------------------------


def yaml_round_trip() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap a line the user wrote
    yaml.preserve_quotes = True
    return yaml


def apply_plan(text: str, plan: Plan) -> str:
    """The map's text with the plan applied; comments, quotes and layout kept."""
    import io

    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = yaml_round_trip()
    tree = yaml.load(text)
    if plan.new_units:
        units = _sequence(tree, "units", before=("stakeholders", "links", "partners"))
        for unit in plan.new_units:
            entry = CommentedMap(unit)
            entry.fa.set_flow_style()
            units.append(entry)
    if plan.new_people or plan.set_values:
        people: CommentedSeq = _sequence(tree, "stakeholders", before=("links", "partners"))
        index = {item.get("id"): item for item in people if isinstance(item, dict)}
        for change in plan.set_values:
            _set(index[change.person], change.key, change.new)
        if plan.new_people:
            previous = people[-1] if len(people) else None
            added = []
            for record in plan.new_people:
                entry = CommentedMap()
                for key, value in record.items():
                    _set(entry, key, value)
                people.append(entry)
                added.append(entry)
            _move_tail(previous, added)
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def _sequence(tree: Any, key: str, before: tuple[str, ...]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    if key in tree and tree[key] is not None:
        return tree[key]
    seq = CommentedSeq()
    keys = list(tree.keys())
    position = next((keys.index(k) for k in before if k in keys), len(keys))
    if key in tree:
        tree[key] = seq
    else:
        tree.insert(position, key, seq)
    return seq


def _yaml_value(value: Any, key: str = "") -> Any:
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if key == "phone":  # "+46 31 555 0102", quoted as maps write them: never a number
        return DoubleQuotedScalarString(value)
    if isinstance(value, list):
        seq = CommentedSeq(value)
        seq.fa.set_flow_style()  # roles: [economic_buyer, decision_maker], as maps write them
        return seq
    return value


def _set(entry: Any, key: str, value: Any) -> None:
    """Set a stakeholder key (or contact.email/phone/linkedin) in format v1's key order."""
    from ruamel.yaml.comments import CommentedMap

    if key in CONTACT_FIELDS:
        contact = entry.get("contact")
        if not isinstance(contact, dict):
            contact = CommentedMap()
            if entry.fa.flow_style():
                contact.fa.set_flow_style()
            _set(entry, "contact", contact)
        _insert(contact, key, _yaml_value(value, key), CONTACT_FIELDS)
        return
    if key == "contact" and isinstance(value, dict) and not isinstance(value, CommentedMap):
        block = CommentedMap()
        for inner, inner_value in value.items():
            _insert(block, inner, _yaml_value(inner_value, inner), CONTACT_FIELDS)
        value = block
    _insert(entry, key, _yaml_value(value), KEY_ORDER)


def _insert(mapping: Any, key: str, value: Any, order: tuple[str, ...]) -> None:
    if key in mapping:
        mapping[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    keys = list(mapping.keys())
    position = len(keys)
    for i, existing in enumerate(keys):
        if existing in order and order.index(existing) > rank:
            position = i
            break
    if position == len(keys):
        mapping[key] = value
    else:
        mapping.insert(position, key, value)


def _flow(node: Any) -> bool:
    return bool(node.fa.flow_style())


def _last_slot(node: Any) -> tuple[Any, Any] | None:
    """The deepest last key of a block mapping: where ruamel keeps the text that follows it."""
    while isinstance(node, dict) and node:
        key = list(node.keys())[-1]
        value: Any = node[key]
        if isinstance(value, dict) and value and not _flow(value):
            node = value
            continue
        return node, key
    return None


def _move_tail(previous: Any, added: list[Any]) -> None:
    """Blank lines and comments after the old last stakeholder belong before the next section:
    move them after the new last one. Where the old last was followed by a blank line, so is
    each new person, as hand-written maps separate people."""
    import copy

    if previous is None or not added:
        return
    source = _last_slot(previous)
    if source is None:
        return
    holder, key = source
    slot = holder.ca.items.get(key)
    if not slot or len(slot) < 3 or slot[2] is None:
        return
    token = slot[2]
    blank = copy.copy(token)
    blank.value = "\n\n" if token.value.startswith("\n\n") else "\n"
    slot[2] = blank
    for i, entry in enumerate(added):
        target = _last_slot(entry)
        if target is None:
            continue
        target_holder, target_key = target
        tail = token if i == len(added) - 1 else copy.copy(blank)
        target_holder.ca.items.setdefault(target_key, [None, None, None, None])[2] = tail
