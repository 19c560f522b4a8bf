"""`acmap show`'s organisation: units as branches, people under their unit and their manager,
each with roles, stance, influence, contact state and owner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from acmap.contact import ENGAGED, GONE_DARK, NEVER_CONTACTED, ContactState
from acmap.report.layout import visible
from acmap.report.terminal import STANCE_STYLE, hanging, joined
from acmap.words import role_label

if TYPE_CHECKING:
    from rich.text import Text
    from rich.tree import Tree

    from acmap.analysis.account import AccountView
    from acmap.model import Stakeholder


def org_tree(view: AccountView, width: int) -> Tree:
    """Units as branches, people under their unit, and under their manager within the unit."""
    from rich.markup import escape
    from rich.tree import Tree

    account_map = view.map
    tree = Tree("[bold]Organisation[/bold]", guide_style="dim")
    units = {u.id: u for u in account_map.units}
    children: dict[str | None, list[str]] = {}
    for unit in account_map.units:
        parent = unit.parent if unit.parent in units else None
        children.setdefault(parent, []).append(unit.id)
    people_in: dict[str | None, list[Stakeholder]] = {}
    for person in account_map.stakeholders:
        people_in.setdefault(person.unit if person.unit in units else None, []).append(person)

    placed_units: set[str] = set()

    def add_unit(branch: Tree, unit_id: str, depth: int) -> None:
        if unit_id in placed_units:  # a cycle would be an E008; never loop on one anyway
            return
        placed_units.add(unit_id)
        node = branch.add(f"[bold]{escape(visible(units[unit_id].name))}[/bold]")
        _add_people(node, people_in.get(unit_id, []), view, width, depth + 1)
        for child in children.get(unit_id, []):
            add_unit(node, child, depth + 1)

    for root in children.get(None, []):
        add_unit(tree, root, 1)
    for unit_id in units:  # units only reachable through a cycle
        if unit_id not in placed_units:
            add_unit(tree, unit_id, 1)
    loose = people_in.get(None, [])
    if loose:
        node = tree.add("[bold]No unit[/bold]" if account_map.units else "[bold]People[/bold]")
        _add_people(node, loose, view, width, 2)
    if not account_map.stakeholders:
        tree.add("[dim]nobody mapped yet[/dim]")
    return tree


def _add_people(
    branch: Tree, people: list[Stakeholder], view: AccountView, width: int, depth: int
) -> None:
    here = {p.id for p in people}
    reports: dict[str, list[Stakeholder]] = {}
    roots = []
    for person in people:
        if person.reports_to in here and person.reports_to != person.id:
            reports.setdefault(person.reports_to or "", []).append(person)
        else:
            roots.append(person)
    placed: set[str] = set()

    def add(node: Tree, person: Stakeholder, level: int) -> None:
        if person.id in placed:
            return
        placed.add(person.id)
        # Each tree level takes 4 columns of guides; wrap the label to what is left.
        child = node.add(person_label(person, view, max(30, width - 4 * level)))
        for report in reports.get(person.id, []):
            add(child, report, level + 1)

    for person in roots:
        add(branch, person, depth)
    for person in people:  # people in a reporting cycle inside the unit
        add(branch, person, depth)


def person_label(person: Stakeholder, view: AccountView, width: int = 76) -> Text:
    """Name and title; then roles, stance, influence (and rank by computed influence), contact
    state and owner."""

    faded = "" if person.active else "dim"
    head: list[tuple[str, str]] = [(person.display, "bold" if person.active else "dim strike")]
    if person.title and person.identified:
        head.append((f"— {person.title}", "dim"))
    if not person.active:
        head.append(("(left)", "bold red"))
    details: list[tuple[str, str]] = []
    if person.roles:
        details.append((", ".join(role_label(r) for r in person.roles), faded or "bold"))
    details.append((person.stance, faded or STANCE_STYLE.get(person.stance, "")))
    if person.influence:
        details.append((f"{person.influence} influence", faded))
    rank = view.ranks.get(person.id)
    if rank is not None:
        details.append((f"#{rank} by computed influence", "magenta"))
    contact = view.contacts.get(person.id)
    if person.active and contact is not None:
        details.append((contact.words(), contact_style(contact, person.is_key)))
    details.append((f"owner {view.member(person.owner)}" if person.owner else "no owner", "dim"))
    if person.favours:
        details.append((f"favours {person.favours}", faded or "yellow"))
    if person.moved_to is not None:
        details.append((f"moved to {person.moved_to.account}", "magenta"))
    separated: list[tuple[str, str]] = []
    for i, (words, style) in enumerate(details):
        if i:
            separated.append(("·", "dim"))
        separated.append((words, style))
    return joined([hanging(head, width, 2), hanging(separated, width, 0)])


def contact_style(contact: ContactState, key: bool) -> str:
    """Loud only where a rule speaks: gone dark (G201) and never contacted (G202) are for key
    people; for the others the same words are dim."""
    if contact.state == ENGAGED:
        return "green"
    if key and contact.state == GONE_DARK:
        return "bold red"
    if key and contact.state == NEVER_CONTACTED:
        return "yellow"
    return "dim"
