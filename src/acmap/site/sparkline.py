"""The two small charts of the site, drawn here as inline SVG from numbers only: an account's score
over its commits (a sparkline) and the portfolio's red/amber/green per commit (stacked bars).

No text goes into them (what they say is written beside them, escaped by the templates), every
coordinate is a number this module computes, and colours are CSS classes (the page's CSP allows
no inline style): the markup is safe because nothing from a map can reach it.
"""

from __future__ import annotations

from collections.abc import Sequence

WIDTH, HEIGHT = 160, 32  # the score sparkline, in CSS pixels
BAR, GAP, BARS_HEIGHT = 10, 3, 40  # the portfolio trend: one bar per commit
MOST_BARS = 60  # a long history shows its latest commits: a wider chart says no more


def score_line(scores: Sequence[int]) -> str:
    """A polyline of scores 0–100, oldest first, with a dot on the latest; "" for none."""
    values = [_clamp(int(s), 0, 100) for s in scores]
    if not values:
        return ""
    step = (WIDTH - 4) / max(len(values) - 1, 1)
    points = [(2 + i * step, 2 + (HEIGHT - 4) * (100 - v) / 100) for i, v in enumerate(values)]
    if len(points) == 1:
        points.append((WIDTH - 2, points[0][1]))  # one version: a level line
    drawn = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    last_x, last_y = points[-1] if len(values) > 1 else points[0]
    return (
        f'<svg class="spark" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'aria-hidden="true" focusable="false">'
        f'<polyline class="spark-line" points="{drawn}"/>'
        f'<circle class="spark-dot" cx="{last_x:.1f}" cy="{last_y:.1f}" r="2.5"/></svg>'
    )


def status_bars(counts: Sequence[tuple[int, int, int]]) -> str:
    """One stacked bar per commit, (red, amber, green) accounts, oldest first; "" for none."""
    rows = [tuple(max(int(n), 0) for n in c) for c in counts][-MOST_BARS:]
    if not rows:
        return ""
    most = max((sum(r) for r in rows), default=0) or 1
    width = len(rows) * (BAR + GAP)
    parts = [
        f'<svg class="trend" width="{width}" height="{BARS_HEIGHT}" '
        f'viewBox="0 0 {width} {BARS_HEIGHT}" aria-hidden="true" focusable="false">'
    ]
    for i, row in enumerate(rows):
        below = 0  # accounts already drawn under this segment: y never drifts below 0
        for status, count in zip(("red", "amber", "green"), row, strict=True):
            if count:
                top = BARS_HEIGHT - BARS_HEIGHT * (below + count) / most
                h = BARS_HEIGHT * count / most
                below += count
                parts.append(
                    f'<rect class="bar-{status}" x="{i * (BAR + GAP)}" y="{max(top, 0.0):.1f}" '
                    f'width="{BAR}" height="{h:.1f}"/>'
                )
    parts.append("</svg>")
    return "".join(parts)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))
