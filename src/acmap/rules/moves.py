"""G503 champion-moved: a friend at one account who is now at another account of the portfolio.

The one rule that cannot be decided on one map. Rules run per map (in worker processes for a
big portfolio), so it runs in two steps: each map gives up its `sightings` (small records of who
is on it and how to recognise them elsewhere), and the portfolio step (acmap.analysis.portfolio)
joins them into persons (acmap.analysis.people) and hands them to `champion_moved`, which yields
the problems for the account where the person is now. Per map, the rule finds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import NamedTuple

from acmap.model import AccountMap, Pos, Stakeholder
from acmap.rules.base import Context, Problem, rule
from acmap.words import role_label


class Sighting(NamedTuple):
    """One person as one map knows them: enough to recognise them on another map and to say what
    we knew. A named tuple: thousands of them cross back from the worker processes."""

    account: str
    account_name: str
    file: str
    stakeholder: str
    name: str | None
    title: str | None
    status: str
    stance: str
    roles: tuple[str, ...]
    email: str | None  # normalised (see `email_key`)
    linkedin: str | None  # normalised (see `linkedin_key`)
    crm_id: str | None
    moved_to: str | None  # an account id, with status left
    moved_on: date | None
    owner: str | None  # the team member's name who covered them
    pos: Pos

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def friend(self) -> bool:
        """On our side: advocate or supporter, or our champion (SPEC §8)."""
        return self.stance in ("advocate", "supporter") or "champion" in self.roles

    @property
    def display(self) -> str:
        return self.name or f"[{self.title or self.stakeholder}]"


class Place(NamedTuple):
    """Where an account's account-level findings point: its file and its `account:` mapping."""

    account: str
    name: str
    file: str
    pos: Pos


def email_key(email: str | None) -> str | None:
    """Emails match whatever their case and surrounding blanks."""
    if not email or "@" not in email:
        return None
    return email.strip().casefold()


def linkedin_key(url: str | None) -> str | None:
    """One profile however its URL is written: without scheme, `www.`, query, fragment and
    trailing slashes, in lower case ("https://www.LinkedIn.com/in/Mary-Lee/" and
    "linkedin.com/in/mary-lee" are one person)."""
    if not url:
        return None
    text = url.strip().casefold()
    for mark in ("#", "?"):
        text = text.split(mark, 1)[0]
    for scheme in ("https://", "http://"):
        if text.startswith(scheme):
            text = text[len(scheme) :]
            break
    text = text.removeprefix("www.").rstrip("/")
    return text or None


def name_key(name: str | None) -> str | None:
    """Names match whatever their case and spacing (only ever together with `moved_to`)."""
    if not name:
        return None
    return " ".join(name.split()).casefold() or None


def sightings(account_map: AccountMap) -> list[Sighting]:
    """Every stakeholder of one map as a Sighting, in map order."""
    account = account_map.account
    team = {m.id: m.name for m in account.team}
    file = account_map.path.as_posix()
    return [
        _sighting(person, account.id, account.name, file, team)
        for person in account_map.stakeholders
    ]


def _sighting(
    person: Stakeholder, account: str, account_name: str, file: str, team: dict[str, str]
) -> Sighting:
    contact = person.contact
    move = person.moved_to
    return Sighting(
        account=account,
        account_name=account_name,
        file=file,
        stakeholder=person.id,
        name=person.name,
        title=person.title,
        status=person.status,
        stance=person.stance,
        roles=tuple(person.roles),
        email=email_key(contact.email if contact else None),
        linkedin=linkedin_key(contact.linkedin if contact else None),
        crm_id=person.crm_id.strip() if person.crm_id and person.crm_id.strip() else None,
        moved_to=move.account if move is not None and move.account else None,
        moved_on=move.on if move is not None else None,
        owner=(team.get(person.owner) or person.owner) if person.owner else None,
        pos=person.pos,
    )


def place(account_map: AccountMap) -> Place:
    account = account_map.account
    return Place(account.id, account.name, account_map.path.as_posix(), account.pos)


@rule("G503")
def champion_moved_here(account_map: AccountMap, ctx: Context) -> Iterator[Problem]:
    """Per map there is nothing to find: see `champion_moved`, the portfolio step."""
    return iter(())


def champion_moved(
    persons: Sequence[Sequence[Sighting]], places: dict[str, Place]
) -> Iterator[tuple[str, Problem]]:
    """(account id, problem) for each person who was a friend at one account and left it, and is
    now active at another account of the portfolio (or moved_to one that does not list them yet).
    The problem belongs to the account where they are now: that is where the introduction helps."""
    for person in persons:
        former = [s for s in person if s.friend and not s.active]
        if not former:
            continue
        now = [s for s in person if s.active]
        for was in former:
            here = [s for s in now if s.account != was.account]
            for current in here:
                yield (
                    current.account,
                    Problem(
                        current.pos, _message(was, current.display, places), current.stakeholder
                    ),
                )
            target = was.moved_to
            if (
                target
                and target != was.account
                and target in places
                and not any(s.account == target for s in here)
            ):
                yield (
                    target,
                    Problem(
                        places[target].pos,
                        _message(was, was.display, places) + " (not on this map yet: add them)",
                        None,
                    ),
                )


def _message(was: Sighting, display: str, places: dict[str, Place]) -> str:
    known = places.get(was.account)
    where = known.name if known and known.name else was.account_name or was.account
    what = [was.stance] if was.stance in ("advocate", "supporter") else []
    what += [role_label(r) for r in was.roles if r == "champion"]
    knew = f", covered by {was.owner}" if was.owner else ""
    ask = f"ask {was.owner} to reconnect" if was.owner else "reconnect"
    return (
        f"{display} was {_a(' and '.join(what))} at {where} ({was.account}{knew}) and is now here "
        f"— {ask} and ask {display} for an introduction"
    )


def _a(words: str) -> str:
    return ("an " if words[:1] in "aeiou" else "a ") + words
