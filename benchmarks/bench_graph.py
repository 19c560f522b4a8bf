"""Issue 6's speed goal: `acmap path` and `acmap partners` over the 2,000-account portfolio each
finish in under 2× `acmap gaps` on it.

    python benchmarks/bench_graph.py [--accounts 2000] [--repeat 3]

Measures, best of `repeat` runs each, in the portfolio's folder:
- `acmap gaps` over every account (the baseline: load + every rule, G305 included);
- `acmap path ID FROM TO --top 3` on the largest account, to its economic buyer from the person
  farthest from them — the longest search the portfolio offers;
- `acmap partners` over every account, and the same as CSV;
- `acmap export` over every account (reported, no goal).
Exits 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from common import REPO, Row, acmap_cmd, acmap_env, ensure_portfolio, print_table, time_cmd

GOAL_RATIO = 2.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    root = ensure_portfolio(args.accounts, seed=1)
    account, source, target, people = _widest_search(root)
    common = dict(cwd=root, env=acmap_env(), repeat=args.repeat, warmup=1)
    today = ("--today", "2026-11-22")
    gaps = time_cmd(acmap_cmd("gaps", *today), **common)
    path = time_cmd(acmap_cmd("path", account, source, target, "--top", "3", *today), **common)
    partners = time_cmd(acmap_cmd("partners", *today), **common)
    partners_csv = time_cmd(acmap_cmd("partners", "-f", "csv", *today), **common)
    export = time_cmd(acmap_cmd("export"), **common)
    n = f"{args.accounts:,}"
    rows = [
        Row(f"gaps, {n} accounts (baseline)", gaps),
        Row(
            f"path {account} ({people} people), {source} → {target}",
            path,
            baseline=gaps,
            goal_ratio=GOAL_RATIO,
        ),
        Row(f"partners, {n} accounts", partners, baseline=gaps, goal_ratio=GOAL_RATIO),
        Row(f"partners -f csv, {n} accounts", partners_csv, baseline=gaps, goal_ratio=GOAL_RATIO),
        Row(f"export, {n} accounts (no goal)", export, baseline=gaps),
    ]
    ok = print_table(rows, title=f"acmap path and partners vs gaps, {n}-account portfolio")
    return 0 if ok else 1


def _widest_search(root: Path) -> tuple[str, str, str, int]:
    """The largest account, its economic buyer (else its last stakeholder) and whoever is
    farthest from them over warm relationships: the longest search the portfolio offers."""
    sys.path.insert(0, str(REPO / "src"))
    import networkx as nx

    from acmap.graph import warm_graph
    from acmap.load import load_file

    largest = max((root / "maps").glob("*.yaml"), key=lambda p: p.stat().st_size)
    account_map = load_file(largest).map
    assert account_map is not None, largest
    people = [s for s in account_map.stakeholders if s.active]
    buyer = next((s for s in people if "economic_buyer" in s.roles), people[-1])
    graph = warm_graph(account_map)
    distance = nx.single_source_dijkstra_path_length(graph.reverse(), buyer.id, weight="cost")
    farthest = max(distance, key=lambda node: distance[node])
    return account_map.account.id, farthest, buyer.id, len(account_map.stakeholders)


if __name__ == "__main__":
    sys.exit(main())
