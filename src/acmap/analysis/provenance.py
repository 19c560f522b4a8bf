"""Who set each fact about one person (`acmap why`): the map's history walked on parsed values.

Every version of the map file (renames followed) is parsed, and a field is compared by the
value the loader reads, never by its text: `acmap fmt` reordering keys, reindenting or quoting
changes no value, so it sets nothing. A field's setter is the oldest commit of the newest
unbroken run of versions holding its current value; a version that does not parse is skipped
(it neither breaks nor extends a run), and a version without the person (before they were
added) ends every run, so facts unchanged since the person was added were set by that commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from acmap.format.fields import Shape
    from acmap.git.follow import Revision
    from acmap.model import AccountMap, Stakeholder


class ProvenanceError(ValueError):
    """An unknown stakeholder or field: the command says so (with a did-you-mean), exit 2."""


@dataclass(frozen=True, slots=True)
class Origin:
    """One field of the person: its value now and the commit that set it (None: the value is
    only in the work tree, not committed yet)."""

    field: str
    value: Any
    revision: Revision | None


@dataclass(frozen=True, slots=True)
class Provenance:
    account: str
    account_name: str
    stakeholder: str
    person: str  # how people read them: the name, else the title in brackets
    path: str  # the map file's path in its repository
    origins: list[Origin]
    versions: int  # committed versions of the file read
    unreadable: int  # of them, versions that did not parse (skipped)


# Fields the model has ahead of the format (SPEC §7): read once the loader knows them.
_AHEAD = {
    "favours": ("favours",),
    "moved_to.account": ("moved_to", "account"),
    "moved_to.on": ("moved_to", "on"),
}


def _field_paths() -> dict[str, tuple[str, ...]]:
    """Each field of a stakeholder, by its dotted name in the file (contact.email), in the
    format's order, with the model attributes that hold it."""
    from acmap.format.fields import STAKEHOLDER

    paths: dict[str, tuple[str, ...]] = {}
    _walk(STAKEHOLDER, "", (), paths)
    del paths["id"]  # the person's identity, not a fact about them
    for name, attrs in _AHEAD.items():
        if name.split(".")[0] not in STAKEHOLDER.fields:
            paths[name] = attrs
    return paths


def _walk(
    shape: Shape, prefix: str, attrs: tuple[str, ...], out: dict[str, tuple[str, ...]]
) -> None:
    for key, spec in shape.fields.items():
        path = (*attrs, spec.attr or key)
        if spec.kind == "object" and spec.shape is not None:
            _walk(spec.shape, f"{prefix}{key}.", path, out)
        else:
            out[f"{prefix}{key}"] = path


FIELDS = _field_paths()


def value_of(person: Stakeholder, attrs: tuple[str, ...]) -> Any:
    value: Any = person
    for attr in attrs:
        value = getattr(value, attr, None)
        if value is None:
            return None
    return value


def _is_set(value: Any) -> bool:
    return value is not None and value != []


def provenance(
    current: AccountMap, file: Path, stakeholder: str, field: str | None = None
) -> Provenance:
    """Where each field of `stakeholder` (or just `field`) in `current`, the map in `file`,
    came from. ProvenanceError for an unknown person or field; acmap.git.GitError when `file`
    is not in a git repository."""
    person = _person(current, stakeholder)
    names = [_field(field)] if field else list(FIELDS)
    from acmap.git import follow, read_blobs
    from acmap.load import MAX_BYTES

    history = follow(file)
    versions = _Versions(
        person.id, read_blobs((r.blob for r in history.revisions), history.top, MAX_BYTES)
    )
    now = {name: value_of(person, FIELDS[name]) for name in names}
    setter: dict[str, Revision | None] = dict.fromkeys(names)
    changed: set[str] = set()  # fields that held another value once: shown even when unset now
    running = set(names)
    read = unreadable = 0
    for revision in history.revisions:
        if not running:
            break
        then = versions.person_at(revision)
        read += 1
        if then is False:
            unreadable += 1
            continue
        for name in list(running):
            if then is not None and value_of(then, FIELDS[name]) == now[name]:
                setter[name] = revision
            else:
                running.discard(name)
                if then is not None:
                    changed.add(name)
    shown = [n for n in names if field or _is_set(now[n]) or n in changed]
    return Provenance(
        account=current.account.id,
        account_name=current.account.name,
        stakeholder=person.id,
        person=person.display,
        path=history.path,
        origins=[Origin(n, now[n], setter[n]) for n in shown],
        versions=read,
        unreadable=unreadable,
    )


class _Versions:
    """The person in each committed version of the file, each blob parsed once (a revert
    brings back a blob already seen)."""

    def __init__(self, stakeholder: str, blobs: dict[str, bytes | int | None]) -> None:
        self.stakeholder = stakeholder
        self.blobs = blobs
        self.parsed: dict[str, Stakeholder | Literal[False] | None] = {}

    def person_at(self, revision: Revision) -> Stakeholder | Literal[False] | None:
        """None where the file or the person is not there; False where the file does not
        parse (too big, not text, invalid): such a version is skipped."""
        if revision.blob is None:
            return None
        if revision.blob not in self.parsed:
            self.parsed[revision.blob] = self._parse(self.blobs.get(revision.blob), revision.path)
        return self.parsed[revision.blob]

    def _parse(self, data: bytes | int | None, path: str) -> Stakeholder | Literal[False] | None:
        from acmap.load import load_text

        if not isinstance(data, bytes):
            return False
        loaded = load_text(data, path, stem=Path(path).stem)
        if loaded.map is None:
            return False
        return next((s for s in loaded.map.stakeholders if s.id == self.stakeholder), None)


def _person(current: AccountMap, stakeholder: str) -> Stakeholder:
    for person in current.stakeholders:
        if person.id == stakeholder:
            return person
    from acmap.words import did_you_mean_person

    hint = did_you_mean_person(stakeholder, {s.id: s.name or "" for s in current.stakeholders})
    raise ProvenanceError(f"{current.account.id}: no stakeholder {stakeholder!r}{hint}")


def _field(name: str) -> str:
    if name in FIELDS:
        return name
    from acmap.words import did_you_mean

    hint = did_you_mean(name, FIELDS)
    raise ProvenanceError(f"no field {name!r} on a stakeholder{hint}; fields: {', '.join(FIELDS)}")
