"""The portfolio's trend as a chart (`acmap history -o trend.svg|.png`), drawn with matplotlib.

One line per status: how many accounts were red, amber and green at each point. Only labels
acmap writes appear in it (the statuses, "accounts", dates): no account, person or commit text,
so nothing from a map can become markup in the SVG. matplotlib is imported here only, with the
Agg backend (no display), so every other command starts without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from acmap.analysis.history import TrendPoint

CHART_FORMATS = (".svg", ".png")
LINES = (("red", "#c62828"), ("amber", "#f9a825"), ("green", "#2e7d32"))


class ChartError(Exception):
    """The chart cannot be written (an unknown extension, no room on disk): exit 2."""


def draw_trend(points: Sequence[TrendPoint], target: Path) -> bytes:
    """The chart of `points` as the bytes of an SVG or PNG, chosen by `target`'s extension."""
    suffix = target.suffix.lower()
    if suffix not in CHART_FORMATS:
        raise ChartError(f"{target}: a chart is .svg or .png")
    import io

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.ticker import MaxNLocator

    # Reproducible SVG: the same ids and no creation date, so a committed chart diffs cleanly.
    with matplotlib.rc_context({"svg.hashsalt": "acmap", "svg.fonttype": "none"}):
        figure, axes = plt.subplots(figsize=(8, 3.6), dpi=100)
        days = [float(date2num(p.commit.day)) for p in points]  # type: ignore[no-untyped-call]
        for status, colour in LINES:
            (line,) = axes.plot(
                days,
                [getattr(p, status) for p in points],
                color=colour,
                linewidth=2,
                marker="o" if len(points) < 40 else None,
                markersize=3,
                label=status,
                drawstyle="steps-post",
            )
            line.set_gid(f"acmap-{status}")  # the SVG <g id> a test or a stylesheet finds
        locator = AutoDateLocator()  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
        axes.xaxis_date()
        axes.set_ylabel("accounts")
        top = max((max(p.red, p.amber, p.green) for p in points), default=0)
        axes.set_ylim(0, max(1, top) * 1.08)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.grid(axis="y", alpha=0.3)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        # Above the plot, beside the title: a line near the top is never hidden under it.
        axes.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), frameon=False, ncols=3)
        axes.set_title("Accounts by status over time", loc="left")
        figure.tight_layout()
        buffer = io.BytesIO()
        metadata = {"Date": None} if suffix == ".svg" else {"Software": None}
        figure.savefig(buffer, format=suffix[1:], metadata=metadata)
        plt.close(figure)
    return buffer.getvalue()
