"""The nodes of a diagram: people (stance as fill, influence as border, role badges, contact
state) and the partners beside the account."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable

from acmap.contact import LEFT, contact_state
from acmap.model import AccountMap, Partner, Stakeholder
from acmap.render import style
from acmap.render.canvas import Graph, RenderOptions, first_name, shorten, wrap
from acmap.render.marks import REMOVED_COLOUR, badge, mark_node
from acmap.render.safe import EMPTY, Html, Value, tag, text

NAME_WIDTH = 40
TITLE_WIDTH = 30


def person_node(
    graph: Graph,
    person: Stakeholder,
    account_map: AccountMap,
    options: RenderOptions,
    large: bool,
) -> None:
    stance = style.STANCES.get(person.stance, style.STANCES["unknown"])
    contact = contact_state(person, options.today, options.engaged_days, options.stale_days)
    left = contact.state == LEFT
    # Gone dark, never contacted or left: faded, so the people we are in touch with stand out.
    faded = not contact.in_touch
    ink = style.FADED_INK if faded else stance.ink
    fill = stance.fill + style.FADED_ALPHA if faded else stance.fill
    if left:
        fill = style.LEFT_FILL
    mark = graph.marks.people.get(person.id)
    if mark == "removed":
        ink = REMOVED_COLOUR

    rows: list[Html] = []
    if person.identified:
        name = text(shorten(person.name or "", NAME_WIDTH))
    else:
        name = text("?  not yet identified")
    name = tag("B", name)
    if left:
        name = tag("S", name)
    rows.append(tag("FONT", name, point_size=12 if not large else 11, color=ink))
    if person.title:
        title = wrap(person.title, TITLE_WIDTH, 1 if large else 2)
        rows.append(tag("FONT", title, point_size=10 if not large else 9, color=ink))
    role_badges = badges(person.roles, compact=large)
    if role_badges:
        rows.append(role_badges)
    if words := graph.marks.badges.get(person.id):
        rows.append(badge(words))
    parts = [] if contact.in_touch else [contact.short()]
    if person.owner and person.active:
        member = account_map.team_by_id().get(person.owner)
        owner = member.name if member and member.name else person.owner
        parts.append(f"owner: {first_name(owner)}")
    note = shorten("  ·  ".join(parts), 44)
    if note:
        rows.append(tag("FONT", tag("I", text(note)), point_size=9, color=ink))

    label = tag(
        "TABLE",
        *(tag("TR", tag("TD", row)) for row in rows),
        border=0,
        cellspacing=1,
        cellpadding=1,
    )
    node_style = "rounded,filled,dashed" if not person.identified else "rounded,filled"
    pen = style.INFLUENCE_PEN.get(person.influence or "", style.UNASSESSED_PEN)
    attrs: dict[str, Value] = {
        "label": label,
        "style": node_style,
        "fillcolor": fill,
        "color": style.FADED_BORDER if faded else style.BORDER,
        "penwidth": pen,
    }
    if options.focus == person.id:
        attrs["peripheries"] = 2
    graph.node(graph.ids[person.id], mark_node(attrs, mark))


def badges(roles: Iterable[str], compact: bool, per_row: int = 3) -> Html:
    known = frozenset(r for r in roles if r in style.BADGE_TEXT)
    return _badge_table(known, compact, per_row)


@functools.lru_cache(maxsize=256)
def _badge_table(roles: frozenset[str], compact: bool, per_row: int) -> Html:
    """The role badges: the same few combinations recur, so each is built once."""
    ordered = sorted(roles, key=style.BADGE_ORDER.index)
    if not ordered:
        return EMPTY
    cells = []
    for role in ordered:
        background, ink = style.DARK_BADGE if role in style.BADGE_ORDER[:3] else style.LIGHT_BADGE
        words = style.BADGE_TEXT[role]
        if compact:
            words = "".join(w[0] for w in words.replace("$ ", "").replace("★ ", "").split())
        cells.append(
            tag(
                "TD",
                tag("FONT", text(words), color=ink, point_size=7),
                bgcolor=background,
                border=1,
                color="#333333",
                style="rounded",
                cellpadding=2,
            )
        )
    rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    return tag(
        "TABLE",
        *(tag("TR", *row) for row in rows),
        border=0,
        cellspacing=2,
        cellpadding=0,
    )


def partner_nodes(graph: Graph, shown: list[Partner], large: bool, stack: bool) -> None:
    """Partners outside the account, in a column of their own beside it."""
    graph.open(
        "cluster_partners",
        {
            "label": tag("FONT", tag("B", text("PARTNERS")), color=style.MUTED, point_size=10),
            "labeljust": "l",
            "labelloc": "t",
            "style": "rounded,dashed",
            "color": style.PARTNER_BORDER,
            "margin": 10,
        },
    )
    for partner in shown:
        _partner(graph, partner, large)
    # In a top-down diagram the partners stand in a column beside the account; left to right
    # (influence view) they lead into the people they know.
    for upper, lower in itertools.pairwise(shown if stack else []):
        graph.edge(
            graph.ids["partner:" + upper.id], graph.ids["partner:" + lower.id], {"style": "invis"}
        )
    graph.close()


def _partner(graph: Graph, partner: Partner, large: bool) -> None:
    kind = style.PARTNER_TYPES.get(partner.type or "", "PARTNER")
    rows = [
        tag("FONT", text(kind), point_size=7, color="#7a5a00"),
        tag("FONT", tag("B", text(shorten(partner.name or partner.id, NAME_WIDTH))), point_size=11),
    ]
    label = tag(
        "TABLE", *(tag("TR", tag("TD", r)) for r in rows), border=0, cellspacing=1, cellpadding=1
    )
    attrs: dict[str, Value] = {
        "label": label,
        "shape": "box",
        "style": "filled",
        "fillcolor": style.PARTNER_FILL,
        "color": style.PARTNER_BORDER,
        "penwidth": 1.2,
    }
    graph.node(
        graph.ids["partner:" + partner.id], mark_node(attrs, graph.marks.partners.get(partner.id))
    )
