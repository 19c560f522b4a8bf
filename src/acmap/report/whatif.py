"""The `whatif` subject: before and after, as text or as SPEC §9's JSON."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from acmap.report.layout import indented
from acmap.report.terminal import emit, width
from acmap.words import joined

if TYPE_CHECKING:
    from acmap.analysis.whatif import WhatIf
    from acmap.findings import Finding


def to_text(result: WhatIf) -> None:
    total = width()
    (was, score), (now, after) = result.before, result.after
    change = f"{after - score:+d}" if after != score else "unchanged"
    lines = [
        f"What if, at {result.account} (nothing written):",
        f"  status {was} → {now} · score {score} → {after} ({change})",
    ]
    for title, found in (("gaps opened", result.opened), ("gaps closed", result.closed)):
        lines.append(f"  {title}: {len(found)}")
        for f in found:
            lines.extend(indented(f"{f.severity:<7} {f.code} {f.message} [{f.name}]", total, 4, 8))
    if result.paths_lost:
        lines.append(
            f"  warm paths lost: no warm path reaches {joined(result.paths_lost)} any more"
        )
    else:
        lines.append("  warm paths lost: none")
    emit("\n".join(lines) + "\n")


def to_json(result: WhatIf) -> None:
    from acmap.report.json import write_json

    write_json(sys.stdout, result.as_json())


def invalid(findings: list[Finding]) -> None:
    """The edited map's errors, as validate prints them, on stderr."""
    from acmap.report.findings import write_findings

    sys.stderr.write("acmap: with those edits the map is not valid:\n")
    write_findings(sys.stderr, findings)


REPORTERS = {"text": to_text, "json": to_json}
