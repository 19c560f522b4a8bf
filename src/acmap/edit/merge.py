"""The third step of `acmap import`: a Plan applied to ruamel's round-trip tree of the map's
text, so every comment, quote and blank line the user wrote stays where it was."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from acmap.format import fields as formatv1


class SetValue(Protocol):
    """One value a plan sets on a stakeholder (crm.plan.Change)."""

    @property
    def person(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def new(self) -> Any: ...


class Plan(Protocol):
    """What the merge applies: crm.plan.Plan, described here so the merge needs only its shape."""

    @property
    def new_units(self) -> Sequence[dict[str, str]]: ...
    @property
    def new_people(self) -> Sequence[dict[str, Any]]: ...
    @property
    def set_values(self) -> Sequence[SetValue]: ...


KEY_ORDER = tuple(formatv1.STAKEHOLDER.fields)
CONTACT_FIELDS = tuple(formatv1.CONTACT.fields)


def apply_plan(text: str, plan: Plan) -> str:
    """The map's text with the plan applied; comments, quotes and layout kept."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from acmap.edit.roundtrip import dump, round_trip

    yaml = round_trip()
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
            previous = len(people) - 1
            added = []
            for record in plan.new_people:
                entry = CommentedMap()
                for key, value in record.items():
                    _set(entry, key, value)
                people.append(entry)
                added.append(entry)
            _move_tail(people, previous, added)
    return dump(yaml, tree)


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


def _move_tail(people: Any, previous: int, added: list[Any]) -> None:
    """Blank lines and comments after the old last stakeholder belong before the next section:
    move them after the new last one. Its end-of-line comment (`name: X  # keep me here`) is
    about its own line and stays there. Where the old last was followed by a blank line, so is
    each new person, as hand-written maps separate people."""
    import copy

    if previous < 0 or not added:
        return
    source = _last_slot(people[previous])
    if source is not None and not _flow(people[previous]):
        holder, key = source
        slot, at = holder.ca.items.get(key), 2
    else:  # a flow mapping `- {id: a}  # …`: the sequence keeps what follows the item
        slot, at = people.ca.items.get(previous), 0
    if not slot or len(slot) <= at or slot[at] is None:
        return
    token = slot[at]
    text: str = token.value
    # ruamel's token holds the rest of the line (the end-of-line comment, or just its "\n"),
    # then the blank and comment lines that follow.
    eol = text.lstrip(" ").startswith("#")
    end = text.find("\n") + 1 if eol else (1 if text.startswith("\n") else 0)
    own_line, after = text[:end] or "\n", text[end:]
    keep = copy.copy(token)
    keep.value = own_line + ("\n" if after.startswith("\n") else "")
    slot[at] = keep
    blank = copy.copy(token)
    blank.value = "\n\n" if after.startswith("\n") else "\n"
    tail = copy.copy(token)
    tail.value = "\n" + after
    for i, entry in enumerate(added):
        target = _last_slot(entry)
        if target is None:
            continue
        target_holder, target_key = target
        moved = tail if i == len(added) - 1 else copy.copy(blank)
        target_holder.ca.items.setdefault(target_key, [None, None, None, None])[2] = moved
