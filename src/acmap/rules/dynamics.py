"""G3xx dynamics: who opposes us, who connects to power, and whether the picture is honest."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from acmap.model import WARM_LINKS, AccountMap, Stakeholder
from acmap.rules.base import (
    Context,
    Problem,
    account_pos,
    holds_power,
    names,
    rule,
    warm_route,
    who,
)


@rule("G301")
def unaddressed_blocker(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    for person in account_map.stakeholders:
        if not person.active or person.owner is not None:
            continue
        if not (
            person.stance == "blocker"
            or (person.stance == "skeptic" and person.influence == "high")
        ):
            continue
        if any(_friendly_reach(ctx, link_source, person) for link_source in _sources(ctx, person)):
            continue
        what = (
            person.stance if person.influence != "high" else f"{person.stance} with high influence"
        )
        route = warm_route(account_map, ctx, person)
        hint = f" ({route})" if route else ""
        yield Problem(
            person.where("stance"),
            f"{who(person, key_roles=False)} is a {what} and nobody works on them — give them an owner and "
            f"find a supporter who can sway them{hint}",
            subject=person.id,
        )


def _sources(ctx: Context, person: Stakeholder) -> Iterator[str]:
    """Who has a link towards `person` (either end of a mutual `allies` link)."""
    for link in ctx.linked.get(person.id, ()):
        if link.type == "allies":
            yield link.source if link.target == person.id else link.target
        elif link.type in WARM_LINKS and link.target == person.id:
            yield link.source


def _friendly_reach(ctx: Context, source_id: str, person: Stakeholder) -> bool:
    source = ctx.people.get(source_id)
    return source is not None and source is not person and source.active and source.friendly


@rule("G302")
def no_path_to_power(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    people = [s for s in account_map.stakeholders if s.active]
    power = [s for s in people if holds_power(s)]
    if not power:
        return  # G101/G102 say that nobody holds power; there is nothing to reach.
    friends = [s for s in people if s.friendly or "champion" in s.roles]
    targets = ", ".join(who(s) for s in power[:2])
    if not friends:
        yield Problem(
            account_pos(account_map),
            f"no path to {targets}: nobody is an advocate, supporter or champion yet — "
            "win a first supporter",
        )
        return
    parent = _reach(account_map, ctx, friends)
    if any(s.id in parent for s in power):
        return
    best = _best_reached(ctx, parent, power)
    from acmap.graph import route  # the people graph: only for maps that need a path

    path = route(parent, best.id)
    shown = " → ".join(ctx.people[step].display for step in path)
    if len(path) == 1:
        partial = f"the best placed, {who(best)}, has no connection onward"
    else:
        partial = f"best partial path {shown}"
    yield Problem(
        account_pos(account_map),
        f"no path from our supporters to {targets}: {partial} — find who connects "
        f"{best.display} to {power[0].display}, or ask for an introduction",
    )


def _reach(account_map: AccountMap, ctx: Context, friends: list[Stakeholder]) -> dict[str, str]:
    """Breadth-first from every friendly person over warm ties; each reached id's predecessor."""
    from acmap.graph import neighbours, reach

    return reach(neighbours(account_map, warm=True), [f.id for f in friends])


def _best_reached(ctx: Context, parent: dict[str, str], power: list[Stakeholder]) -> Stakeholder:
    """The reached person nearest to power: high influence first, then in a power holder's unit,
    then the closest (`parent` is in breadth-first order and min keeps the first of equals)."""
    power_units = {s.unit for s in power if s.unit}
    order = {"high": 0, "medium": 1, "low": 2}
    reached = [ctx.people[i] for i in parent]
    return min(
        reached,
        key=lambda s: (order.get(s.influence or "", 3), s.unit not in power_units),
    )


@rule("G303")
def isolated_stakeholder(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    for person in account_map.stakeholders:
        if not person.active or person.reports_to or person.id in ctx.reports:
            continue
        if person.id in ctx.linked:
            continue
        yield Problem(
            person.pos,
            f"{who(person)} is not connected to anyone — add reports_to or a link so the map "
            "shows how they fit in",
            subject=person.id,
        )


ROSE_TINTED_MIN = 5  # known stances before an all-positive picture looks suspicious


@rule("G304")
def rose_tinted(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    known = [s for s in account_map.stakeholders if s.active and s.stance != "unknown"]
    if len(known) < ROSE_TINTED_MIN:
        return
    if any(s.stance in ("skeptic", "blocker") for s in known):
        return
    coaches = [s for s in known if "coach" in s.roles]
    ask = f"ask {names(coaches)}" if coaches else "ask your coach"
    yield Problem(
        account_pos(account_map),
        f"{len(known)} stances known and not one skeptic or blocker — every deal has opposition: "
        f"{ask} who prefers the status quo or a competitor",
    )


HIDDEN_TOP = 3  # "among the highest": the top this many by computed influence (ties included)
HIDDEN_MIN_SCORE = 50  # and at least half the account's highest, so a flat network flags nobody
HIDDEN_MIN_PEOPLE = 5  # in a smaller map everyone is near the top


@rule("G305")
def hidden_influencer(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    from acmap.graph import influence_graph, influence_scores

    active = [s for s in account_map.stakeholders if s.active]
    if len(active) < HIDDEN_MIN_PEOPLE:
        return
    graph = influence_graph(account_map)
    scores = influence_scores(account_map, graph)
    ranked = sorted(-value for value in scores.values())  # rank = 1 + how many score higher
    for person in active:
        score = scores.get(person.id, 0)
        if person.influence == "high" or score < HIDDEN_MIN_SCORE:
            continue
        rank = 1 + bisect.bisect_left(ranked, -score)
        if rank > HIDDEN_TOP:
            continue
        # The most influential of those who listen to them first: they make the point.
        listeners = sorted(
            (ctx.people[i] for i in graph.listeners_of(person.id)),
            key=lambda other: -scores.get(other.id, 0),
        )
        verb = "listens" if len(listeners) == 1 else "listen"
        marked = f"marks them {person.influence}" if person.influence else "does not assess them"
        yield Problem(
            person.where("influence"),
            f"{who(person)} ranks #{rank} of {len(active)} by computed influence "
            f"({names(listeners, 2)} {verb} to them) but the map {marked} — find out which "
            "decisions they shape and set influence: high if they do",
            subject=person.id,
        )
