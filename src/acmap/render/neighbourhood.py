"""The picture under each changed account in `acmap diff --format markdown`: a Mermaid flowchart
of the changed neighbourhood (everyone marked, and their direct ties), changes as classes.

GitHub draws ```mermaid blocks inline in a pull request comment or a job summary, but refuses
large ones (render/mermaid_chart.github_limits): at most MAX_PEOPLE are drawn, changed people
first, and the block says how many more there are.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from acmap.analysis.changes.account import AccountDiff
from acmap.analysis.changes.union import MapUnion
from acmap.render.canvas import Marks, RenderOptions

MAX_PEOPLE = 30  # a readable picture, far below GitHub's 500 lines and 50,000 characters
KEY = (
    "<sub>Green border: new · dashed grey: removed · amber border: changed "
    "(`acmap render ID --diff BASE` draws the whole map).</sub>"
)


def mermaid_block(diff: AccountDiff) -> str:
    """A markdown ```mermaid block of what changed in this account, or "" when nothing a
    picture shows changed (or a side did not load)."""
    from acmap.render.mermaid import build_mermaid

    union = diff.union
    if union is None or not (union.people or union.lines or union.partners):
        return ""
    shown, more = neighbourhood(union)
    part = replace(union.map, stakeholders=[p for p in union.map.stakeholders if p.id in shown])
    options = RenderOptions(today=union.today or date.today(), legend=False)
    marks = Marks(union.people, union.partners, union.lines, union.badges)
    chart = build_mermaid(part, options, marks)
    lines = ["```mermaid", chart.rstrip("\n"), "```", ""]
    if more:
        lines += [f"<sub>… and {more} more {'person' if more == 1 else 'people'} not drawn.</sub>"]
    lines.append(KEY)
    return "\n".join(lines) + "\n"


def neighbourhood(union: MapUnion) -> tuple[set[str], int]:
    """The people to draw (marked ones first, then those one tie away), and how many of them
    MAX_PEOPLE leaves out."""
    order = [p.id for p in union.map.stakeholders]
    marked = [i for i in order if i in union.people]
    ends = {i for _, a, b in union.lines for i in (a, b)}
    marked += [i for i in order if i in ends and i not in union.people]  # a changed tie's people
    ties: dict[str, set[str]] = {}
    for person in union.map.stakeholders:
        if person.reports_to:
            ties.setdefault(person.id, set()).add(person.reports_to)
            ties.setdefault(person.reports_to, set()).add(person.id)
    for link in union.map.links:
        ties.setdefault(link.source, set()).add(link.target)
        ties.setdefault(link.target, set()).add(link.source)
    near = {n for i in marked for n in ties.get(i, ())}
    wanted = marked + [i for i in order if i in near and i not in marked]
    return set(wanted[:MAX_PEOPLE]), max(0, len(wanted) - MAX_PEOPLE)
