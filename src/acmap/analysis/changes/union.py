"""The union of two versions of a map: one map holding everyone and every line of both, with
marks saying what is new (HEAD only), gone (BASE only) or changed, for the visual diff.

A reviewer should see one picture, not two to compare: the removed people stay where they were
(drawn dashed), the new ones are marked, and a changed person gets a short "supporter → blocker"
badge. People whose id changed are paired first (renames.py), so a renamed person is one node.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from acmap.analysis.changes.base import ADDED, REMOVED
from acmap.analysis.changes.gapdiff import GapChange
from acmap.analysis.changes.renames import IdChange, id_changes, with_new_ids
from acmap.model import (
    KNOWS,
    REPORTS,
    AccountMap,
    Acquaintance,
    Line,
    Link,
    Partner,
    Stakeholder,
)

CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class MapUnion:
    """Both versions as one map, and what changed: a mark per person, partner and line, a
    badge text per changed person, and the gaps opened and closed."""

    map: AccountMap
    base: AccountMap
    head: AccountMap
    people: dict[str, str] = field(default_factory=dict)
    partners: dict[str, str] = field(default_factory=dict)
    lines: dict[Line, str] = field(default_factory=dict)
    badges: dict[str, str] = field(default_factory=dict)
    opened: list[GapChange] = field(default_factory=list)
    closed: list[GapChange] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # a person's id at BASE → at HEAD
    today: date | None = None  # the day contact states are judged on, when the diff knew it
    since: str | None = None  # the revisions compared, as the user named them (BASE, A..B)

    @property
    def changed_people(self) -> list[str]:
        """Ids of everyone marked, in the union map's order."""
        return [p.id for p in self.map.stakeholders if p.id in self.people]


def map_union(
    base: AccountMap,
    head: AccountMap,
    opened: Sequence[GapChange] = (),
    closed: Sequence[GapChange] = (),
    renamed: Sequence[IdChange] | None = None,
    today: date | None = None,
) -> MapUnion:
    """`base` and `head` as one map (HEAD's order, the removed after them), with the marks."""
    renamed = id_changes(base, head) if renamed is None else renamed
    was_id = {c.after: c.before for c in renamed}
    old = with_new_ids(base, list(renamed))
    before = old.people_by_id()
    after = head.people_by_id()
    people: dict[str, str] = {}
    badges: dict[str, str] = {}
    for person in head.stakeholders:
        was = before.get(person.id)
        if was is None:
            people[person.id] = ADDED
            continue
        words = _badge(was, person, head)
        if person.id in was_id:
            words.append(f"id was {was_id[person.id]}")
        if words:
            people[person.id] = CHANGED
            badges[person.id] = "; ".join(words[:2]) + (" …" if len(words) > 2 else "")
    gone = [p for p in old.stakeholders if p.id not in after]
    people |= {p.id: REMOVED for p in gone}
    stakeholders = list(head.stakeholders) + gone

    lines: dict[Line, str] = {}
    for person in stakeholders:  # a reporting line is new or gone with its person, or moved
        was = before.get(person.id)
        if not person.reports_to:
            continue
        if person.id not in after:
            lines[(REPORTS, person.reports_to, person.id)] = REMOVED
        elif was is None or was.reports_to != person.reports_to:
            lines[(REPORTS, person.reports_to, person.id)] = ADDED
    links = _lines_of(old.links, head.links, lines)
    partners, partner_marks = _partners(old.partners, head.partners, lines)
    units = head.units + [u for u in old.units if u.id not in head.units_by_id()]
    union = replace(head, units=units, stakeholders=stakeholders, links=links, partners=partners)
    return MapUnion(
        union,
        base,
        head,
        people,
        partner_marks,
        lines,
        badges,
        list(opened),
        list(closed),
        {c.before: c.after for c in renamed},
        today,
    )


def _badge(was: Stakeholder, now: Stakeholder, head: AccountMap) -> list[str]:
    """What changed about a person, in a few words each (the fields a picture shows)."""
    words = []
    if was.stance != now.stance:
        words.append(f"{was.stance} → {now.stance}")
    if was.status != now.status:
        words.append("left" if now.status == "left" else f"{was.status} → {now.status}")
    if was.influence != now.influence:
        words.append(f"influence {was.influence or '?'} → {now.influence or '?'}")
    if set(was.roles) != set(now.roles):
        came = [r for r in now.roles if r not in was.roles]
        went = [r for r in was.roles if r not in now.roles]
        words.append(" ".join([*(f"+{r}" for r in came), *(f"−{r}" for r in went)]))
    if was.owner != now.owner:
        team = head.team_by_id()
        owner = team[now.owner].name if now.owner in team else now.owner
        words.append(f"owner → {owner or 'nobody'}")
    return words


def _lines_of(old: list[Link], new: list[Link], lines: dict[Line, str]) -> list[Link]:
    """Every link of both sides once; the ones on one side only are marked."""
    before = {link.identity: link for link in old}
    after = {link.identity: link for link in new}
    for key, link in after.items():
        if key not in before:
            lines[(link.type, link.source, link.target)] = ADDED
    gone = [link for key, link in before.items() if key not in after]
    for link in gone:
        lines[(link.type, link.source, link.target)] = REMOVED
    return list(new) + gone


def _partners(
    old: list[Partner], new: list[Partner], lines: dict[Line, str]
) -> tuple[list[Partner], dict[str, str]]:
    before = {p.id: p for p in old}
    after = {p.id: p for p in new}
    marks = {p.id: ADDED for p in new if p.id not in before}
    marks |= {p.id: REMOVED for p in old if p.id not in after}
    partners = []
    for partner in [*new, *(p for p in old if p.id not in after)]:
        was = before.get(partner.id)
        now = after.get(partner.id)
        known = {k.stakeholder for k in was.knows} if was else set()
        knows = {k.stakeholder for k in now.knows} if now else set()
        for person in knows - known:
            lines[(KNOWS, partner.id, person)] = ADDED
        for person in known - knows:
            lines[(KNOWS, partner.id, person)] = REMOVED
        gone: list[Acquaintance] = (
            [k for k in was.knows if k.stakeholder not in knows] if was else []
        )
        partners.append(replace(partner, knows=[*(now.knows if now else []), *gone]))
    return partners, marks
