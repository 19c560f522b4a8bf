"""File names and anchors from ids: the only place a page's path or a fragment is made.

Ids in a valid map are slugs, but a page name must never depend on that: anything that is not a
slug becomes `_` and a hash (a slug cannot start with `_`, so the two never meet), and a name
never holds a separator. The site's own element ids all carry a capital letter, which a slug
cannot: a person called `gaps` keeps `#gaps` for their card.
"""

from __future__ import annotations

import hashlib
import re

_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")

ACCOUNTS, OWNERS, PARTNERS, ASSETS = "accounts", "owners", "partners", "assets"
INDEX = "index.html"


def safe(identifier: str) -> str:
    """`identifier` when it is a slug, else a name no slug can take."""
    if _SLUG.fullmatch(identifier):
        return identifier
    return "_" + hashlib.sha256(identifier.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def account_page(account_id: str) -> str:
    return f"{ACCOUNTS}/{safe(account_id)}.html"


def owner_page(member_id: str) -> str:
    return f"{OWNERS}/{safe(member_id)}.html"


def partner_page(partner_id: str) -> str:
    return f"{PARTNERS}/{safe(partner_id)}.html"


def anchor(person_id: str) -> str:
    """The fragment of a person's card on their account's page (`accounts/globex.html#mlee`)."""
    return safe(person_id)
