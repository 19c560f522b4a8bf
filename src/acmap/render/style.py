"""acmap's visual language: what stance, role, influence, contact and link type look like.

Colours are chosen for colour-blind readers: stance runs blue (with us) → orange-red (against us)
on a diverging scale with distinct lightness steps (after ColorBrewer RdBu), unknown is grey, and
link types differ by line pattern and arrowhead as well as by colour (Okabe–Ito hues).
"""

from __future__ import annotations

from typing import NamedTuple

FONT = "Helvetica,Arial,sans-serif"
INK = "#222222"
MUTED = "#666666"
FADED_INK = "#8a8a8a"


class StanceStyle(NamedTuple):
    label: str
    fill: str
    ink: str  # text colour that reads on the fill


STANCES: dict[str, StanceStyle] = {
    "advocate": StanceStyle("advocate", "#2f78b5", "#ffffff"),
    "supporter": StanceStyle("supporter", "#9ecae1", INK),
    "neutral": StanceStyle("neutral", "#f4efe1", INK),
    "skeptic": StanceStyle("skeptic", "#f4a582", INK),
    "blocker": StanceStyle("blocker", "#c8402c", "#ffffff"),
    "unknown": StanceStyle("unknown", "#d4d4d4", INK),
}
# Gone dark, never contacted, left: the same hue, mostly transparent, grey text.
FADED_ALPHA = "59"
LEFT_FILL = "#f2f2f2"

# Role badges: the three that decide a deal are dark and come first; the others are light.
BADGE_ORDER = (
    "economic_buyer",
    "decision_maker",
    "champion",
    "coach",
    "technical_buyer",
    "influencer",
    "gatekeeper",
    "procurement",
    "legal",
    "user",
)
DARK_BADGE = ("#333333", "#ffffff")
LIGHT_BADGE = ("#ffffff", "#444444")
BADGE_TEXT = {
    "economic_buyer": "$ ECONOMIC BUYER",
    "decision_maker": "DECISION MAKER",
    "champion": "★ CHAMPION",
    "coach": "COACH",
    "technical_buyer": "TECH BUYER",
    "influencer": "INFLUENCER",
    "gatekeeper": "GATEKEEPER",
    "procurement": "PROCUREMENT",
    "legal": "LEGAL",
    "user": "USER",
}

# Influence as border weight.
INFLUENCE_PEN = {"high": 4.0, "medium": 2.0, "low": 0.8}
UNASSESSED_PEN = 0.8
BORDER = "#333333"
FADED_BORDER = "#9a9a9a"


class LinkStyle(NamedTuple):
    label: str
    color: str
    style: str
    arrowhead: str
    arrowtail: str
    dir: str
    sample: str  # the line drawn in the legend, in characters of its pattern and arrowhead


REPORTING = LinkStyle(
    "reports to (manager → report)", "#555555", "solid", "normal", "none", "forward", "───▶"
)
LINKS: dict[str, LinkStyle] = {
    "influences": LinkStyle("influences", "#7b3294", "dashed", "vee", "none", "forward", "╌╌╌➤"),
    "dotted_line": LinkStyle(
        "dotted-line report", "#555555", "dotted", "normal", "none", "forward", "┈┈┈▶"
    ),
    "mentors": LinkStyle("mentors", "#009e73", "solid", "onormal", "none", "forward", "───▷"),
    "allies": LinkStyle(
        "allies", "#0072b2:#ffffff:#0072b2", "solid", "none", "none", "none", "════"
    ),
    "conflicts": LinkStyle("conflicts", "#d55e00", "bold", "tee", "tee", "both", "┣━━┫"),
}
KNOWS = LinkStyle("partner knows", "#b8860b", "dashed", "dot", "none", "forward", "╌╌╌●")
STRENGTH_PEN = {"strong": 2.6, "medium": 1.5, "weak": 0.8}

PARTNER_FILL = "#fff4cc"
PARTNER_BORDER = "#b8860b"
PARTNER_TYPES = {
    "reseller": "RESELLER",
    "si": "SYSTEMS INTEGRATOR",
    "referral": "REFERRAL",
    "technology": "TECHNOLOGY PARTNER",
    "consultancy": "CONSULTANCY",
}

ACCOUNT_BORDER = "#9a9a9a"
UNIT_FILLS = ("#f6f6f6", "#ececec", "#e2e2e2", "#d9d9d9")
UNIT_BORDER = "#bdbdbd"

STATUS_COLOURS = {"green": "#1a9850", "amber": "#e6a100", "red": "#c8402c"}
