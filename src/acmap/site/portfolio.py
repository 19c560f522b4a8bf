"""The pages made from every account's summary (account.summarise): the index, one page per
owner and per partner, and the search index. None reads a map: an incremental build makes them
from the manifest's summaries and the few maps that changed."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from acmap.site.names import INDEX, owner_page, partner_page
from acmap.site.pages import render

NEXT_ACTIONS = 5  # as many as `acmap gaps` lists
STATUS_RANK = {"red": 0, "amber": 1, "green": 2}
SEARCH_INDEX = "assets/search-index.js"

Summary = dict[str, Any]


Page = tuple[str, str, Callable[[], str]]  # file name, digest of its inputs, how to make it
ROW = ("name", "page", "tier", "status", "score", "gaps")  # what owners' and partners' pages show


def pages(accounts: list[Summary], today: str, trend: list[list[Any]] | None = None) -> Iterator[
    Page
]:  # fmt: skip
    """Every page that is not an account's, each with the digest of what it shows: a page
    whose digest the manifest holds is not made again (the index always is: it shows all).
    `trend` is the portfolio per commit from the history ([day, red, amber, green])."""
    ordered = worst_first(accounts)
    yield INDEX, "", lambda: index_page(ordered, today, trend or [])
    for member, (name, owned, covering) in sorted(owners(ordered).items()):
        owner = {
            "title": f"{name}: accounts",
            "name": name,
            "owned": [_row(a) for a in owned],
            "covering": [(_row(a), n) for a, n in covering],
        }
        yield owner_page(member), _digest("owner", owner, today), _maker("owner.html", owner, today)
    for partner, (name, kind, present) in sorted(partners(ordered).items()):
        data = {
            "title": f"Partner {name}",
            "name": name,
            "kind": kind,
            "present": [(_row(a), knows) for a, knows in present],
        }
        yield (
            partner_page(partner),
            _digest("partner", data, today),
            _maker("partner.html", data, today),
        )


def _row(account: Summary) -> Summary:
    return {key: account[key] for key in ROW}


def _digest(kind: str, data: dict[str, Any], today: str) -> str:
    from acmap.site.manifest import digest

    return digest(kind, today, json.dumps(data, sort_keys=True, ensure_ascii=False))


def _maker(template: str, data: dict[str, Any], today: str) -> Callable[[], str]:
    return lambda: render(template, root="../", today=today, **data)


def worst_first(accounts: list[Summary]) -> list[Summary]:
    """The order of `acmap list`: red first, most errors, lowest score, then by id."""
    return sorted(
        accounts,
        key=lambda a: (
            STATUS_RANK.get(a["status"], 1),
            -a["gaps"]["error"],
            -a["gaps"]["warning"],
            a["score"],
            a["id"],
        ),
    )


def index_page(accounts: list[Summary], today: str, trend: list[list[Any]] | None = None) -> str:
    statuses = {s: sum(1 for a in accounts if a["status"] == s) for s in STATUS_RANK}
    owner_names = sorted(
        {(a["owner_name"] or a["owner"], a["owner"]) for a in accounts if a["owner"]}
    )
    return render(
        "index.html",
        root="",
        title="Portfolio",
        accounts=accounts,
        statuses=statuses,
        actions=next_actions(accounts),
        planned=planned_soon(accounts),
        trend=portfolio_trend(trend or []),
        owners=[name for name, _ in owner_names],
        members=sorted((name, owner_page(m)) for m, (name, _, _) in owners(accounts).items()),
        tiers=sorted({a["tier"] for a in accounts}),
        partner_list=sorted(
            {(p["name"], partner_page(p["id"])) for a in accounts for p in a["partners"]}
        ),
        today=today,
    )


def next_actions(accounts: list[Summary]) -> list[tuple[Summary, list[Any]]]:
    """The few gaps that matter most across the portfolio, as `acmap gaps` picks them."""
    candidates = [(a, action) for a in accounts for action in a["actions"]]
    candidates.sort(
        key=lambda pair: (
            -pair[1][0],
            pair[1][1],
            STATUS_RANK.get(pair[0]["status"], 1),
            pair[0]["id"],
            pair[1][2],
        )
    )
    return candidates[:NEXT_ACTIONS]


def planned_soon(accounts: list[Summary]) -> list[tuple[Summary, str]]:
    """The plan's open actions due soon, soonest first, as many as `acmap gaps` adds."""
    from acmap.analysis.priority import PLANNED_SHOWN

    soon = [(a, p) for a in accounts for p in a.get("planned", [])]
    soon.sort(key=lambda pair: (pair[1][0], pair[0]["id"], pair[1][1]))
    return [(a, p[2]) for a, p in soon[:PLANNED_SHOWN]]


def portfolio_trend(trend: list[list[Any]]) -> dict[str, Any] | None:
    """The index's trend: stacked bars per commit and, in words, the first and latest counts."""
    from acmap.site.sparkline import MOST_BARS, status_bars

    if not trend:
        return None
    shown = trend[-MOST_BARS:]
    return {
        "svg": status_bars([(p[1], p[2], p[3]) for p in shown]),
        "commits": len(trend),
        "shown": len(shown),
        "first": shown[0],
        "last": shown[-1],
    }


def owners(
    accounts: list[Summary],
) -> dict[str, tuple[str, list[Summary], list[tuple[Summary, int]]]]:
    """Per team member: their name, the accounts they own, the others where they cover people."""
    found: dict[str, tuple[str, list[Summary], list[tuple[Summary, int]]]] = {}

    def entry(member: str, account: Summary) -> tuple[str, list[Summary], list[Any]]:
        if member not in found:
            found[member] = (account["team"].get(member) or member, [], [])
        return found[member]

    for account in accounts:
        if account["owner"]:
            entry(account["owner"], account)[1].append(account)
        for member, count in sorted(account["covers"].items()):
            if member != account["owner"]:
                entry(member, account)[2].append((account, count))
    return found


def partners(accounts: list[Summary]) -> dict[str, tuple[str, str | None, list[Any]]]:
    """Per partner id: its name, type, and each account it is present at with whom it knows."""
    found: dict[str, tuple[str, str | None, list[Any]]] = {}
    for account in accounts:
        for partner in account["partners"]:
            entry = found.setdefault(partner["id"], (partner["name"], partner["type"], []))
            entry[2].append((account, partner["knows"]))
    return found


def search_entries(account: Summary, people: list[tuple[str, str, str, bool]]) -> str:
    """One account's search entries (it, and each person: anchor, name, title, active) as a
    JSON fragment, made with its page and kept in its summary: the index file is then joined,
    not encoded again, when one map changes."""
    page = account["page"]
    entries = [[account["name"], f"account · {account['tier']}", page]]
    for anchor, name, title, active in people:
        detail = ", ".join(x for x in (title, account["name"]) if x)
        entries.append([name, detail + ("" if active else " (left)"), f"{page}#{anchor}"])
    return _script_json(entries)[1:-1]


def search_index(accounts: list[Summary]) -> str:
    """The search entries as a script that sets one global (a file:// page cannot fetch JSON).
    Only JSON inside: `<`, `>` and `&` escaped, so no text can end or start markup either."""
    parts = [a["search"] for a in sorted(accounts, key=lambda a: a["id"])]
    listed = [
        [name, f"partner · {len(present)} accounts", partner_page(partner)]
        for partner, (name, _kind, present) in sorted(partners(accounts).items())
    ]
    if listed:
        parts.append(_script_json(listed)[1:-1])
    return f"window.acmapSearch = [{','.join(p for p in parts if p)}];\n"


def _script_json(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
