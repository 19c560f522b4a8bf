"""G306 single-point-of-failure: one person carries every warm path from our side to power.

Our side is our team (each member through the people they own) and our friends (advocates,
supporters and champions); power is every economic buyer and decision maker. The ties are the
warm graph's (acmap.graph.neighbours with warm=True): reporting lines and warm links between
active people, never a conflict, nobody who has left. A partner's acquaintance does not count:
a partner is not ours to lose or keep, and G501 already says when to ask one for an introduction.
"""

from __future__ import annotations

from collections.abc import Iterator

from acmap.graph import TEAM_PREFIX, neighbours, sole_bridges
from acmap.model import POWER_ROLES, AccountMap, Pos
from acmap.rules.base import Context, Problem, rule
from acmap.words import joined


def warm_ties_with_team(account_map: AccountMap) -> dict[str, list[str]]:
    """The warm graph of the map, undirected, with a node `team:<id>` for each team member
    joined to the active people they own."""
    adjacent = neighbours(account_map, warm=True)
    for person in account_map.stakeholders:
        if person.owner and person.active and person.id in adjacent:
            node = TEAM_PREFIX + person.owner
            adjacent.setdefault(node, []).append(person.id)
            adjacent[person.id].append(node)
    return adjacent


@rule("G306")
def single_point_of_failure(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    power = [
        s.id for s in account_map.stakeholders if s.active and not POWER_ROLES.isdisjoint(s.roles)
    ]
    if not power:
        return
    adjacent = warm_ties_with_team(account_map)
    ours = [node for node in adjacent if node.startswith(TEAM_PREFIX)]
    friends = [
        s.id for s in account_map.stakeholders if s.active and (s.friendly or "champion" in s.roles)
    ]
    team = {m.id: m for m in account_map.account.team}
    for node, cut_off in sole_bridges(adjacent, ours + friends, power).items():
        if node.startswith(TEAM_PREFIX):
            member = team.get(node[len(TEAM_PREFIX) :])
            name = member.name if member else node[len(TEAM_PREFIX) :]
            pos: Pos = member.pos if member else account_map.account.pos
            subject = member.id if member else None
        else:
            person = ctx.people[node]
            name, pos, subject = person.display, person.pos, person.id
        lost = joined([ctx.people[end].display for end in cut_off[:3]])
        more = f" (and {len(cut_off) - 3} more)" if len(cut_off) > 3 else ""
        yield Problem(
            pos,
            f"if {name} leaves, no warm path from our team or our friends to {lost}{more} "
            f"remains — build a second relationship to power that does not go through {name}",
            subject=subject,
        )
