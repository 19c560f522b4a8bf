"""The diagram's key on an account page, in HTML beside the drawing rather than drawn into it:
text a screen reader reads and a narrow screen wraps, one stylesheet for every page, and a
drawing `dot` lays out faster (render/legend.py is the key of a slide).

The stylesheet is made from render/style.py, the colours the drawing uses, so the key cannot
drift from the drawing. Everything in it is a constant of acmap's; nothing comes from a map.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from acmap.render import style
from acmap.render.legend import line_kinds

if TYPE_CHECKING:
    from acmap.model import AccountMap

STYLESHEET = "legend.css"
# The legend's words on a faded swatch: darker than the drawing's grey, which is too faint
# for text on a page (WCAG AA asks 4.5:1).
FADED_TEXT = "#555555"


def legend(account_map: AccountMap) -> dict[str, Any]:
    """What the key shows: the stances, influence, contact states and roles always, and the
    kinds of line this account's drawing has."""
    kinds = line_kinds(
        any(person.reports_to for person in account_map.stakeholders),
        {link.type for link in account_map.links},
        any(partner.knows for partner in account_map.partners),
    )
    lines = [(kind, look.label) for kind, look in kinds]
    return {
        "stances": list(style.STANCES),
        "influence": list(style.INFLUENCE_PEN),
        "roles": [
            (role, style.BADGE_TEXT[role], role in style.BADGE_ORDER[:3])
            for role in style.BADGE_ORDER
        ],
        "lines": lines,
    }


def stylesheet() -> bytes:
    """legend.css: a class per stance, influence, badge and line kind, in the drawing's colours."""
    rules = [
        f".key-{name} {{ background: {look.fill}; color: {look.ink}; }}"
        for name, look in style.STANCES.items()
    ]
    rules += [
        f".pen-{level} {{ border-width: {max(1, round(pen))}px; border-color: {style.BORDER}; }}"
        for level, pen in style.INFLUENCE_PEN.items()
    ]
    faded = style.STANCES["supporter"].fill + style.FADED_ALPHA
    rules.append(f".key-faded {{ background: {faded}; color: {FADED_TEXT}; }}")
    rules.append(f".key-left {{ background: {style.LEFT_FILL}; color: {FADED_TEXT}; }}")
    dark_fill, dark_ink = style.DARK_BADGE
    light_fill, light_ink = style.LIGHT_BADGE
    rules.append(f".badge-dark {{ background: {dark_fill}; color: {dark_ink}; }}")
    rules.append(f".badge-light {{ background: {light_fill}; color: {light_ink}; }}")
    for kind, look in line_kinds(True, style.LINKS, True):
        colour = look.color.split(":")[0]
        double = ":" in look.color  # two lines with white between them (allies)
        pattern = "double" if double else _BORDER_STYLES.get(look.style, "solid")
        width = 4 if double else 3 if look.style == "bold" else 2
        rules.append(f".line-{kind} {{ border-top: {width}px {pattern} {colour}; }}")
        if look.arrowhead != "none":  # the sample's last character is its arrowhead
            head = f"\\{ord(look.sample[-1]):x}"  # as a CSS escape: the stylesheet stays ASCII
            rules.append(f'.line-{kind}::after {{ content: "{head}"; color: {colour}; }}')
    return ("\n".join(rules) + "\n").encode("utf-8")


_BORDER_STYLES = {"dashed": "dashed", "dotted": "dotted", "solid": "solid", "bold": "solid"}
