"""`acmap site` on the 2,000-account portfolio, against `acmap gaps` on it (issue 18).

    python benchmarks/bench_site.py [--accounts 2000] [--repeat 1]

Measures, on a scratch copy of the portfolio:
- `acmap gaps` (the baseline: every map parsed, every rule run);
- `acmap site -o DIR` into an empty folder (every map parsed, checked, drawn by Graphviz and
  written as a page); goal: at most GOAL_RATIO x gaps;
- the rebuild after one map changes (one stance): only that map is read and drawn, the shared
  pages are made from the manifest; goal: under INCREMENTAL_GOAL seconds.
Exits 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from common import (
    Row,
    acmap_cmd,
    acmap_env,
    copy_portfolio,
    ensure_portfolio,
    print_table,
    time_cmd,
)

GOAL_RATIO = 3.0
INCREMENTAL_GOAL = 2.0  # seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    if shutil.which("dot") is None:
        print("bench_site: Graphviz `dot` is not on PATH", file=sys.stderr)
        return 2
    scratch = copy_portfolio(ensure_portfolio(args.accounts, seed=1))
    try:
        env = acmap_env()
        gaps = time_cmd(acmap_cmd("gaps"), cwd=scratch, env=env, repeat=args.repeat)
        out = scratch / "site"
        full = float("inf")
        for _ in range(args.repeat):
            shutil.rmtree(out, ignore_errors=True)
            full = min(
                full, time_cmd(acmap_cmd("site", "-o", str(out)), cwd=scratch, env=env, repeat=1)
            )
        one = _change_one_map(scratch)
        incremental = time_cmd(acmap_cmd("site", "-o", str(out)), cwd=scratch, env=env, repeat=1)
        page = out / "accounts" / f"{one.stem}.html"
        assert page.is_file(), page
        unchanged = time_cmd(
            acmap_cmd("site", "-o", str(out)), cwd=scratch, env=env, repeat=args.repeat
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    rows = [
        Row(f"gaps on {args.accounts:,} accounts (baseline)", gaps),
        Row(f"site -o DIR, {args.accounts:,} accounts", full, baseline=gaps, goal_ratio=GOAL_RATIO),
        Row("site rebuild after one map changed", incremental, goal=INCREMENTAL_GOAL),
        Row("site rebuild, nothing changed", unchanged),
    ]
    return 0 if print_table(rows, "acmap site (issue 18)") else 1


def _change_one_map(portfolio: Path) -> Path:
    """One map with one stance changed (or a reviewed date, when it has no neutral)."""
    path = sorted((portfolio / "maps").glob("*.yaml"))[
        len(list((portfolio / "maps").glob("*.yaml"))) // 2
    ]
    text = path.read_text(encoding="utf-8")
    changed = text.replace("stance: neutral", "stance: supporter", 1)
    if changed == text:
        changed = text + "\n# touched by bench_site\n"
    path.write_text(changed, encoding="utf-8")
    return path


if __name__ == "__main__":
    raise SystemExit(main())
