"""`acmap path ID FROM TO`: the warmest ways from a stakeholder, a team member or a partner to
a stakeholder, hop by hop in words."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from acmap.commands.options import TodayOption, fail, pick_format, settings, today_for

if TYPE_CHECKING:
    from acmap.graph import Path
    from acmap.model import AccountMap

FORMATS = ("text", "json")


def path(
    account: Annotated[
        str, typer.Argument(metavar="ID", help="An account id, or the path of a map file.")
    ],
    source: Annotated[
        str,
        typer.Argument(
            metavar="FROM",
            help="Where to start: a stakeholder, a team member (through the people they own) "
            "or a partner id.",
        ),
    ],
    target: Annotated[str, typer.Argument(metavar="TO", help="The stakeholder id to reach.")],
    top: Annotated[
        int, typer.Option("--top", min=1, max=50, help="How many paths to show, warmest first.")
    ] = 3,
    output_format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="text or json.", show_default=False),
    ] = None,
    today: TodayOption = None,
) -> None:
    """The warmest paths from one person to another, through links and reporting lines.

    Exit 1 when no path exists (conflicts never carry one), 2 for an unknown id.
    """
    from acmap import graph as people_graph
    from acmap.commands.options import load_account
    from acmap.rules.engine import context_for

    fmt = pick_format(output_format, FORMATS)
    config = settings()
    day = today_for(config, today)
    account_map = load_account(account, config)
    name = account_map.account.name
    start_kind, start = _start(account_map, source)
    end = account_map.person(target)
    if end is None:
        fail(
            f"no stakeholder {target!r} at {name}{_suggest(account_map, target, people_only=True)}"
        )
    if start_kind == "stakeholder" and start == end.id:
        fail(f"FROM and TO are the same person ({end.display})")

    warm = people_graph.warm_graph(account_map)
    if start_kind == "team member":
        member = account_map.team_by_id()[start]
        engaged = context_for(account_map, config.gaps, day).engaged_ids
        start_node = people_graph.add_team_member(warm, account_map, member, engaged)
    elif start_kind == "partner":
        partner = next(p for p in account_map.partners if p.id == start)
        start_node = people_graph.add_partner(warm, partner)
    else:
        start_node = start
    labels = _labels(account_map)
    paths = people_graph.warmest_paths(warm, start_node, end.id, top)
    why = "" if paths else _why_none(account_map, start_kind, start, end.id, labels)
    if fmt == "json":
        from acmap.report.json import write_json

        document = {
            "version": 1,
            "account": account_map.account.id,
            "from": {"id": start, "kind": start_kind.replace(" ", "_"), "name": labels[start_node]},
            "to": {"id": end.id, "kind": "stakeholder", "name": end.display},
            "paths": [_path_json(p, labels) for p in paths],
            "reason": why or None,
        }
        write_json(sys.stdout, document)
    elif paths:
        _print_paths(paths, labels, labels[start_node], end.display, name)
    else:
        _print_none(f"No path from {labels[start_node]} to {end.display} at {name}: {why}")
    if not paths:
        raise typer.Exit(1)


def _start(account_map: AccountMap, source: str) -> tuple[str, str]:
    """(kind, id) of FROM: a stakeholder beats a team member beats a partner with the same id;
    `team:ID` and `partner:ID` say which one is meant."""
    from acmap.graph import PARTNER_PREFIX, TEAM_PREFIX

    team = account_map.team_by_id()
    partners = {p.id for p in account_map.partners}
    if source.startswith(TEAM_PREFIX) and source[len(TEAM_PREFIX) :] in team:
        return "team member", source[len(TEAM_PREFIX) :]
    if source.startswith(PARTNER_PREFIX) and source[len(PARTNER_PREFIX) :] in partners:
        return "partner", source[len(PARTNER_PREFIX) :]
    person = account_map.person(source)
    if person is not None:
        if not person.active:
            sys.stdout.write(
                f"No path from {person.display}: they have left {account_map.account.name}\n"
            )
            raise typer.Exit(1)
        return "stakeholder", source
    if source in team:
        return "team member", source
    if source in partners:
        return "partner", source
    fail(
        f"no stakeholder, team member or partner {source!r} at {account_map.account.name}"
        f"{_suggest(account_map, source, people_only=False)}"
    )


def _suggest(account_map: AccountMap, word: str, *, people_only: bool) -> str:
    from acmap.words import did_you_mean_person as did_you_mean

    choices = {s.id: s.name or s.title or "" for s in account_map.stakeholders}
    if not people_only:
        for member in account_map.account.team:
            choices.setdefault(member.id, member.name)
        for partner in account_map.partners:
            choices.setdefault(partner.id, partner.name)
    return did_you_mean(word, choices)


def _labels(account_map: AccountMap) -> dict[str, str]:
    from acmap.graph import partner_node, team_node

    labels = {s.id: s.display for s in account_map.stakeholders}
    labels.update({team_node(m): m.name for m in account_map.account.team})
    labels.update({partner_node(p): p.name for p in account_map.partners})
    return labels


def _why_none(
    account_map: AccountMap, start_kind: str, start: str, end: str, labels: dict[str, str]
) -> str:
    target = account_map.person(end)
    if target is not None and not target.active:
        return f"{target.display} has left"
    if start_kind == "team member" and not any(
        s.owner == start and s.active for s in account_map.stakeholders
    ):
        return f"{labels.get('team:' + start, start)} owns nobody here — give them people to cover"
    if start_kind == "partner":
        partner = next(p for p in account_map.partners if p.id == start)
        if not partner.knows:
            return f"{partner.name} knows nobody here"
    return (
        "no links or reporting lines connect them (conflicts never carry a path) — "
        "map who connects them, or ask a partner for an introduction"
    )


def path_text(found: Path, labels: dict[str, str]) -> str:
    """ "Ines Roth —influences (strong)→ Paul Wendt —reports to→ Mark Otto"."""
    parts = [labels.get(found.hops[0].source, found.hops[0].source)]
    for hop in found.hops:
        parts.append(f"—{hop.words}→ {labels.get(hop.target, hop.target)}")
    return " ".join(parts)


def _print_paths(
    paths: list[Path], labels: dict[str, str], start: str, end: str, account_name: str
) -> None:
    import textwrap

    many = len(paths) > 1
    lines = [f"Warmest path{'s' if many else ''} from {start} to {end} at {account_name}:", ""]
    for number, found in enumerate(paths, 1):
        hops = len(found.hops)
        lines.extend(
            textwrap.wrap(
                path_text(found, labels),
                width=_width(),
                initial_indent=f"{number}. ",
                subsequent_indent="   ",
                break_on_hyphens=False,
            )
        )
        lines.append(f"   {hops} hop{'' if hops == 1 else 's'}, cost {found.cost:g}")
    sys.stdout.write("\n".join(lines) + "\n")


def _print_none(message: str) -> None:
    import textwrap

    sys.stdout.write("\n".join(textwrap.wrap(message, width=_width())) + "\n")


def _width() -> int:
    import os

    columns = os.environ.get("COLUMNS", "")
    return max(40, int(columns) if columns.isdigit() else 100)


def _path_json(found: Path, labels: dict[str, str]) -> dict[str, Any]:
    return {
        "cost": found.cost,
        "text": path_text(found, labels),
        "hops": [
            {
                "from": _plain_id(hop.source),
                "to": _plain_id(hop.target),
                "relation": hop.relation,
                "strength": hop.strength,
                "direction": "forward" if hop.forward else "backward",
                "words": hop.words,
                "cost": hop.cost,
            }
            for hop in found.hops
        ],
    }


def _plain_id(node: str) -> str:
    return node.split(":", 1)[1] if ":" in node else node


def register(app: typer.Typer) -> None:
    app.command()(path)
