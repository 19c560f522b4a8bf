"""How much of `acmap render` is acmap and how much is Graphviz, on a 500-stakeholder account.

    python benchmarks/bench_render.py [--people 500] [--repeat 3]

Measures, best of `repeat` runs each:
- the whole command: `acmap render ACCOUNT -o out.svg` (start-up, loading, DOT, `dot`, writing);
- `dot -Tsvg` alone on the very DOT text acmap produced;
- acmap without `dot`: `acmap render ACCOUNT -o out.dot` (start-up, loading, building DOT);
- the Mermaid flowchart: `acmap render ACCOUNT -o out.mmd` (no Graphviz at all).
acmap's own time is the whole minus `dot`; the goal is at most 15% of the whole. Building the
Mermaid text (in process, map in, text out) has a goal of MERMAID_GOAL seconds.
Exits 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from common import Row, acmap_cmd, acmap_env, ensure_single, print_table, time_cmd

GOAL_SHARE = 15.0  # percent of the whole
MERMAID_GOAL = 0.5  # seconds: issue 14


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    dot = shutil.which("dot")
    if dot is None:
        print("bench_render: Graphviz `dot` is not on PATH", file=sys.stderr)
        return 2

    account = ensure_single(args.people)
    env = acmap_env()
    with tempfile.TemporaryDirectory(prefix="acmap-bench-render-") as scratch:
        out = Path(scratch)
        svg, dot_file = out / "account.svg", out / "account.dot"
        cwd = account.parent.parent
        common = dict(cwd=cwd, env=env, repeat=args.repeat, warmup=1)
        whole = time_cmd(acmap_cmd("render", str(account), "--force", "-o", str(svg)), **common)
        without_dot = time_cmd(
            acmap_cmd("render", str(account), "--force", "-o", str(dot_file)), **common
        )
        mermaid = time_cmd(
            acmap_cmd("render", str(account), "--force", "-o", str(out / "account.mmd")), **common
        )
        dot_alone = time_cmd([dot, "-Tsvg", str(dot_file), "-o", str(out / "dot.svg")], **common)

    building = _build_time(account, args.repeat, "dot")
    own = max(0.0, whole - dot_alone)
    share = 100.0 * own / whole
    rows = [
        Row(f"render {args.people} people to SVG (whole)", whole),
        Row("  dot -Tsvg alone", dot_alone),
        Row("  acmap alone (render -o .dot)", without_dot),
        Row("  acmap's own time (whole - dot)", own),
        Row("    of which building the DOT text", building),
        Row("acmap's share of the whole", share, unit="%", goal=GOAL_SHARE),
        Row(f"render {args.people} people to Mermaid (whole)", mermaid),
        Row(
            "  of which building the Mermaid text",
            _build_time(account, args.repeat, "mermaid"),
            goal=MERMAID_GOAL,
        ),
    ]
    return 0 if print_table(rows, title=f"acmap render, {args.people}-stakeholder account") else 1


def _build_time(account: Path, repeat: int, fmt: str) -> float:
    """In-process time of the render package alone: map in, DOT (or Mermaid) text out."""
    from datetime import date

    from common import REPO, time_func

    sys.path.insert(0, str(REPO / "src"))
    from acmap.load import load_file
    from acmap.render import RenderOptions, build_dot
    from acmap.render.mermaid import build_mermaid

    account_map = load_file(account).map
    assert account_map is not None
    options = RenderOptions(today=date(2026, 11, 22))
    build = build_mermaid if fmt == "mermaid" else build_dot
    return time_func(lambda: build(account_map, options), repeat=repeat, warmup=1)


if __name__ == "__main__":
    sys.exit(main())
