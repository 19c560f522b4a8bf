"""`acmap path` reports: each path hop by hop in words ("Ines Roth —influences (strong)→ Paul
Wendt —reports to→ Mark Otto"), as text for people and JSON for tools."""

from __future__ import annotations

import sys
from typing import Any

from acmap.analysis.paths import PathResult
from acmap.graph import Path
from acmap.report.json import write_json
from acmap.report.terminal import emit, width, wrap
from acmap.words import plural

JSON_VERSION = 1


def path_text(found: Path, labels: dict[str, str]) -> str:
    """ "Ines Roth —influences (strong)→ Paul Wendt —reports to→ Mark Otto"."""
    parts = [labels.get(found.hops[0].source, found.hops[0].source)]
    for hop in found.hops:
        parts.append(f"—{hop.words}→ {labels.get(hop.target, hop.target)}")
    return " ".join(parts)


def to_text(result: PathResult) -> None:
    columns = width()
    start, end = result.start.name, result.end.name
    if not result.paths:
        message = f"No path from {start} to {end} at {result.account_name}: {result.reason}"
        emit("\n".join(wrap(message, columns, columns)) + "\n")
        return
    many = len(result.paths) > 1
    lines = [
        f"Warmest path{'s' if many else ''} from {start} to {end} at {result.account_name}:",
        "",
    ]
    for number, found in enumerate(result.paths, 1):
        lead = f"{number}. "
        text = wrap(path_text(found, result.labels), columns - len(lead), columns - 3)
        lines.append(lead + text[0])
        lines.extend("   " + rest for rest in text[1:])
        lines.append(f"   {plural(len(found.hops), 'hop')}, cost {found.cost:g}")
    emit("\n".join(lines) + "\n")


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
