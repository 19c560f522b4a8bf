"""How recently we spoke to a person: the one definition of contact state that the rules, `show`,
`render` and `diff` all use, so a person is "gone dark" in every output or in none.

- **left**: the person no longer works at the account (status left);
- **never contacted**: active, with no last_contact;
- **gone dark**: active, last contact older than `stale_days` (G201 fires for key people);
- **engaged**: active, last contact within `engaged_days` (SPEC §2; a future date counts as recent);
- **quiet**: in between (only when `stale_days` is longer than `engaged_days`).

Gone dark is decided first, as SPEC §4 words G201. `engaged()` is SPEC §2's count of engaged people
(G104, G106, the breadth score); with `stale_days` set shorter than `engaged_days` a person can be
counted as engaged and still be gone dark, exactly as the two definitions say.

`words()` is how a sentence says the state (`show`), `short()` how a diagram's node does (`render`).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from acmap.model import Stakeholder

ENGAGED = "engaged"
QUIET = "quiet"
GONE_DARK = "gone dark"
NEVER_CONTACTED = "never contacted"
LEFT = "left"
STATES = (ENGAGED, QUIET, GONE_DARK, NEVER_CONTACTED, LEFT)


class ContactState(NamedTuple):
    """A person's state and, when they have a last contact, the days since it (negative when
    the date is in the future)."""

    state: str
    days: int | None = None

    @property
    def in_touch(self) -> bool:
        """Engaged or quiet: neither gone dark, never contacted nor gone."""
        return self.state in (ENGAGED, QUIET)

    def words(self) -> str:
        """ "engaged, 12 days ago", "gone dark, 266 days ago", "never contacted", "left"."""
        if self.days is None or self.state == LEFT:
            return self.state
        if self.state == QUIET:
            return f"last contact {ago(self.days)}"
        return f"{self.state}, {ago(self.days)}"

    def short(self) -> str:
        """The same state in a diagram's few words: "gone dark · 266 days", "engaged · 12 days",
        "never contacted", "left the account"."""
        if self.state == LEFT:
            return "left the account"
        if self.days is None:
            return self.state
        label = "last contact" if self.state == QUIET else self.state
        return f"{label} · {'today' if self.days == 0 else _days(self.days)}"


def contact_state(
    person: Stakeholder, today: date, engaged_days: int, stale_days: int
) -> ContactState:
    if not person.active:
        return ContactState(LEFT)
    last = person.last_contact
    if last is None:
        return ContactState(NEVER_CONTACTED)
    days = (today - last).days
    # SPEC §4's G201 reads "older than stale_days" whatever engaged_days says, so gone dark is
    # decided first; `engaged` below keeps SPEC §2's own definition for counting.
    if days > stale_days:
        return ContactState(GONE_DARK, days)
    if days <= engaged_days:
        return ContactState(ENGAGED, days)
    return ContactState(QUIET, days)


def engaged(person: Stakeholder, today: date, engaged_days: int) -> bool:
    """SPEC §2: active, and the last contact within engaged_days (a future date counts)."""
    last = person.last_contact
    return person.active and last is not None and (today - last).days <= engaged_days


def ago(days: int | None) -> str:
    """ "today", "1 day ago", "266 days ago", "in 3 days", or "never"."""
    if days is None:
        return "never"
    if days == 0:
        return "today"
    if days < 0:
        return f"in {_days(-days)}"
    return f"{_days(days)} ago"


def _days(days: int) -> str:
    if days < 0:
        return f"in {_days(-days)}"
    return f"{days} day{'' if days == 1 else 's'}"
