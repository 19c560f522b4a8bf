"""`acmap path` reports: each path hop by hop in words ("Ines Roth —influences (strong)→ Paul
Wendt —reports to→ Mark Otto"), as text for people and JSON for tools."""

from __future__ import annotations

import sys
from typing import Any

from acmap.analysis.paths import PathResult
from acmap.graph import Path
from acmap.report.json import write_json
from acmap.report.layout import Segment
from acmap.report.terminal import STANCE_STYLE, Lines, width
from acmap.words import plural

JSON_VERSION = 1


def path_text(found: Path, labels: dict[str, str]) -> str:
    """ "Ines Roth —influences (strong)→ Paul Wendt —reports to→ Mark Otto"."""
    parts = [labels.get(found.hops[0].source, found.hops[0].source)]
    for hop in found.hops:
        parts.append(f"—{hop.words}→ {labels.get(hop.target, hop.target)}")
    return " ".join(parts)


def to_text(result: PathResult) -> None:
    """Names in bold, a stakeholder's in the colour of their stance (as `show` has them), the
    relationship of each hop in cyan; wrapped on word boundaries to the terminal's width."""
    columns = width()
    out = Lines()
    start, end = result.start, result.end
    if not result.paths:
        out.hanging(
            [
                ("No path from", "yellow"),
                *_name(result, start.node),
                ("to", "yellow"),
                *_name(result, end.node),
                (f"at {result.account_name}: {result.reason}", ""),
            ],
            columns,
            2,
        )
        out.write()
        return
    many = len(result.paths) > 1
    out.hanging(
        [
            (f"Warmest path{'s' if many else ''} from", "bold"),
            *_name(result, start.node),
            ("to", "bold"),
            *_name(result, end.node),
            (f"at {result.account_name}:", "bold"),
        ],
        columns,
        2,
    )
    out.add()
    for number, found in enumerate(result.paths, 1):
        segments: list[Segment] = [(f"{number}.", ""), *_name(result, found.hops[0].source)]
        for hop in found.hops:
            segments += [(f"—{hop.words}→", "cyan"), *_name(result, hop.target)]
        out.hanging(segments, columns, 3)
        out.add((f"   {plural(len(found.hops), 'hop')}, cost {found.cost:g}", "dim"))
    out.write()


def _name(result: PathResult, node: str) -> list[Segment]:
    stance = result.stances.get(node)
    style = STANCE_STYLE.get(stance, "bold") if stance else "bold"
    return [(result.labels.get(node, node), style)]


def to_json(result: PathResult) -> None:
    start, end = result.start, result.end
    write_json(
        sys.stdout,
        {
            "version": JSON_VERSION,
            "account": result.account,
            "from": {"id": start.id, "kind": start.kind.replace(" ", "_"), "name": start.name},
            "to": {"id": end.id, "kind": end.kind.replace(" ", "_"), "name": end.name},
            "paths": [_path_json(p, result.labels) for p in result.paths],
            "reason": result.reason or None,
        },
    )


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


REPORTERS = {"text": to_text, "json": to_json}
