"""The units of a diagram as a tree: who is drawn in which unit, and which units have anyone to
draw in or below them. dot.py draws it as nested clusters; shelves.py wraps it into rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from acmap.model import AccountMap, Stakeholder, Unit


@dataclass(slots=True)
class OrgTree:
    units: dict[str, Unit]
    children: dict[str | None, list[Unit]] = field(default_factory=dict)  # None: the top
    members: dict[str | None, list[Stakeholder]] = field(default_factory=dict)  # None: no unit
    occupied: set[str] = field(default_factory=set)  # units with someone shown in or below

    def occupied_children(self, unit_id: str | None) -> list[Unit]:
        return [u for u in self.children.get(unit_id, []) if u.id in self.occupied]

    def people_below(self, unit_id: str) -> list[Stakeholder]:
        """Everyone shown in the unit or in a unit below it, in map order of the units."""
        found: list[Stakeholder] = []
        stack, seen = [unit_id], set()
        while stack:
            current = stack.pop()
            if current in seen:  # a parent cycle is E008; never loop on one
                continue
            seen.add(current)
            found.extend(self.members.get(current, []))
            stack.extend(reversed([u.id for u in self.occupied_children(current)]))
        return found


def org_tree(account_map: AccountMap, people: list[Stakeholder]) -> OrgTree:
    units = account_map.units_by_id()
    tree = OrgTree(units)
    for unit in account_map.units:
        parent = unit.parent if unit.parent in units else None
        tree.children.setdefault(parent, []).append(unit)
    for person in people:
        tree.members.setdefault(person.unit if person.unit in units else None, []).append(person)
    for unit_id in list(tree.members):
        seen: set[str] = set()
        while unit_id is not None and unit_id not in seen:
            seen.add(unit_id)
            tree.occupied.add(unit_id)
            unit_id = units[unit_id].parent if units[unit_id].parent in units else None
    return tree
