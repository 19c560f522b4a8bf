"""Checks that need the whole file: duplicate ids, references, cycles, self-references."""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence

from acmap.format.fields import SLUG_RULE
from acmap.model import AccountMap, Action, Criterion, Located, Opportunity, Pos, Step
from acmap.words import IdHints

Problem = tuple[Pos, str, str, str | None]


class Space:
    """The ids of one kind (team members, units, stakeholders) a reference may name, and the
    "did you mean jdoe (Jane Doe)?" for one that names none, built on the first miss only."""

    def __init__(self, kind: str, ids: set[str], items: Sequence[Located]) -> None:
        self.kind = kind
        self.ids = ids
        self._items = items
        self._hints: IdHints | None = None

    def hint(self, word: str) -> str:
        if self._hints is None:
            self._hints = IdHints(
                {
                    item_id: getattr(item, "name", None) or getattr(item, "title", None) or ""
                    for item in self._items
                    if (item_id := getattr(item, "id", ""))
                }
            )
        return self._hints(word)


# A reference whose value is not even an id (`reports_to: Jane Doe`), found while reading:
# (where, label, value, the `ref` space of format/fields.py). Judged here, where the ids are known.
NotAnId = tuple[Pos, str, str, str]


def check_references(account_map: AccountMap, not_ids: Sequence[NotAnId] = ()) -> Iterator[Problem]:
    account = account_map.account
    team = Space("team member", (yield from _unique("team member", account.team)), account.team)
    units = Space("unit", (yield from _unique("unit", account_map.units)), account_map.units)
    people = Space(
        "stakeholder",
        (yield from _unique("stakeholder", account_map.stakeholders)),
        account_map.stakeholders,
    )
    deals = Space(
        "opportunity",
        (yield from _unique("opportunity", account.opportunities)),
        account.opportunities,
    )
    by_ref = {"team": team, "unit": units, "stakeholder": people, "opportunity": deals}
    for pos, label, value, ref in not_ids:
        space = by_ref[ref]
        hint = space.hint(value) or f": {SLUG_RULE}"
        yield pos, "E005", f"{label}: {value!r} is not a valid id{hint}", None
    yield from _unique("partner", account_map.partners)

    if account.owner is not None:
        yield from _known(account.owner, team, account.where("owner"), "account.owner")
    for unit in account_map.units:
        if unit.parent is None:
            continue
        if unit.parent == unit.id:
            yield unit.where("parent"), "E009", f"unit {unit.id}: parent is itself", unit.id
        else:
            yield from _known(unit.parent, units, unit.where("parent"), f"unit {unit.id}.parent")
    for person in account_map.stakeholders:
        label = f"stakeholder {person.id}"
        if person.unit is not None:
            yield from _known(person.unit, units, person.where("unit"), f"{label}.unit")
        if person.owner is not None:
            yield from _known(person.owner, team, person.where("owner"), f"{label}.owner")
        if person.reports_to is not None:
            if person.reports_to == person.id:
                yield (
                    person.where("reports_to"),
                    "E009",
                    f"{label}: reports_to is themselves",
                    person.id,
                )
            else:
                yield from _known(
                    person.reports_to,
                    people,
                    person.where("reports_to"),
                    f"{label}.reports_to",
                )
    for opportunity in account.opportunities:
        for index, member in enumerate(opportunity.buying_group):
            yield from _known(
                member,
                people,
                opportunity.where(f"buying_group[{index}]"),
                f"opportunity {opportunity.id}.buying_group",
            )
        yield from check_deal(opportunity, people)
    for index, action in enumerate(account_map.actions):
        yield from check_action(action, f"actions[{index}]", team, people, deals)
    for link in account_map.links:
        label = f"link {link.source} → {link.target}"
        yield from _known(link.source, people, link.where("source"), f"{label}: from")
        yield from _known(link.target, people, link.where("target"), f"{label}: to")
        if link.source == link.target and link.source:
            yield (
                link.where("target"),
                "E009",
                f"{label}: a link from a person to themselves",
                link.source,
            )
    for partner in account_map.partners:
        if partner.owner is not None:
            yield from _known(
                partner.owner,
                team,
                partner.where("owner"),
                f"partner {partner.id}.owner",
            )
        for known in partner.knows:
            yield from _known(
                known.stakeholder,
                people,
                known.where("stakeholder"),
                f"partner {partner.id}.knows",
            )

    for person in account_map.stakeholders:
        if person.moved_to is not None and person.status != "left":
            yield (
                person.where("moved_to"),
                "E005",
                f"stakeholder {person.id}.moved_to: only for someone who left "
                "(add `status: left`, or remove moved_to)",
                person.id,
            )
    yield from _cycles(
        "reporting-line",
        {p.id: p.reports_to for p in account_map.stakeholders if p.reports_to},
        {p.id: p.where("reports_to") for p in account_map.stakeholders},
    )
    yield from _cycles(
        "unit-parent",
        {u.id: u.parent for u in account_map.units if u.parent},
        {u.id: u.where("parent") for u in account_map.units},
    )


def check_deal(opportunity: Opportunity, people: Space) -> Iterator[Problem]:
    """The stakeholder ids of one deal's committee and MEDDPICC facts (SPEC §7)."""
    label = f"opportunity {opportunity.id}"
    for member in opportunity.roles or {}:
        yield from _known(member, people, opportunity.where(f"roles.{member}"), f"{label}.roles")
    for index, metric in enumerate(opportunity.metrics):
        if metric.confirmed_by is not None:
            yield from _known(
                metric.confirmed_by,
                people,
                metric.where("confirmed_by"),
                f"{label}.metrics[{index}].confirmed_by",
            )
    owned: list[tuple[str, Sequence[Criterion | Step]]] = [
        ("decision_criteria", opportunity.decision_criteria),
        ("decision_process", opportunity.decision_process),
        ("paper_process", opportunity.paper_process),
    ]
    for key, items in owned:
        for index, item in enumerate(items):
            if item.owner is not None:
                yield from _known(
                    item.owner, people, item.where("owner"), f"{label}.{key}[{index}].owner"
                )


def check_action(
    action: Action, label: str, team: Space, people: Space, deals: Space
) -> Iterator[Problem]:
    if action.owner is not None:
        yield from _known(action.owner, team, action.where("owner"), f"{label}.owner")
    for index, person in enumerate(action.people):
        yield from _known(person, people, action.where(f"people[{index}]"), f"{label}.with")
    if action.opportunity is not None:
        yield from _known(
            action.opportunity, deals, action.where("opportunity"), f"{label}.opportunity"
        )


def _unique(kind: str, items: Sequence[Located]) -> Generator[Problem, None, set[str]]:
    """Yield E006 for repeated ids; return the set of ids (first occurrence wins)."""
    seen: dict[str, Pos] = {}
    for item in items:
        item_id: str = getattr(item, "id", "")
        if not item_id:
            continue
        if item_id in seen:
            yield (
                item.where("id"),
                "E006",
                f"{kind} id {item_id!r} is used twice (first at line {seen[item_id].line})",
                item_id,
            )
        else:
            seen[item_id] = item.where("id")
    return set(seen)


def _known(value: str, space: Space, pos: Pos, label: str) -> Iterator[Problem]:
    # An empty value was missing or unreadable: E004 or E005 said so already.
    if not value or value in space.ids:
        return
    yield pos, "E007", f"{label}: no {space.kind} with id {value!r}{space.hint(value)}", value


def _cycles(kind: str, parent_of: dict[str, str], where: dict[str, Pos]) -> Iterator[Problem]:
    """Each cycle once, reported at the member that comes first in the file."""
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = finished
    for start in parent_of:
        if state.get(start):
            continue
        walk: list[str] = []
        node: str | None = start
        while node is not None and node in parent_of and not state.get(node):
            state[node] = 1
            walk.append(node)
            node = parent_of[node]
            if node == walk[-1]:  # self-reference: E009's business
                node = None
        if node is not None and state.get(node) == 1:
            members = walk[walk.index(node) :]
            if len(members) > 1:
                first = min(members, key=lambda m: where.get(m, Pos(0, 0)))
                ring = members[members.index(first) :] + members[: members.index(first)]
                yield (
                    where.get(first, Pos(1, 1)),
                    "E008",
                    f"{kind} cycle: {' → '.join([*ring, ring[0]])}",
                    first,
                )
        for member in walk:
            state[member] = 2
