"""Issue 3's speed goals for `acmap gaps`, measured in one run on the same files.

    python benchmarks/bench_gaps.py [--accounts 2000] [--repeat 3]

- gaps over the portfolio against `acmap validate --no-cache` on it (both parse every file; gaps
  then runs 29 rules and scores each account) — goal ≤ 1.3×;
- the same on the portfolio with deal blocks, actions and [qualify.gates] (generate.py --deals:
  G601 scores MEDDPICC on every open deal, G206/G207 read the plan) — goal ≤ 1.3× (issue 16);
- gaps on one example map against yamllint on the same file — goal ≤ 1.0×.
"""

from __future__ import annotations

import argparse

from common import (
    REPO,
    Row,
    acmap_cmd,
    acmap_env,
    baseline_tool,
    ensure_portfolio,
    print_table,
    time_cmd,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    root = ensure_portfolio(args.accounts, seed=1)
    env = acmap_env()
    validate = time_cmd(acmap_cmd("validate", "--no-cache"), cwd=root, env=env, repeat=args.repeat)
    gaps = time_cmd(acmap_cmd("gaps"), cwd=root, env=env, repeat=args.repeat, ok_codes=(0, 1))
    rows = [
        Row(
            f"gaps on {args.accounts:,} accounts vs validate --no-cache",
            gaps,
            baseline=validate,
            goal_ratio=1.3,
        )
    ]
    dealt = ensure_portfolio(args.accounts, seed=1, deals=True)
    check = acmap_cmd("validate", "--no-cache")
    validate_deals = time_cmd(check, cwd=dealt, env=env, repeat=args.repeat)
    gaps_deals = time_cmd(acmap_cmd("gaps"), cwd=dealt, env=env, repeat=args.repeat)
    rows.append(
        Row(
            f"gaps on {args.accounts:,} accounts with deals and actions vs validate --no-cache",
            gaps_deals,
            baseline=validate_deals,
            goal_ratio=1.3,
        )
    )
    one = REPO / "maps" / "meridian-health.yaml"
    yamllint = baseline_tool("yamllint")
    repeat = max(7, args.repeat)
    lint = time_cmd([yamllint, str(one)], cwd=REPO, repeat=repeat, ok_codes=(0, 1))
    mine = time_cmd(acmap_cmd("gaps", str(one)), cwd=REPO, env=env, repeat=repeat)
    rows.append(Row(f"gaps maps/{one.name} vs yamllint", mine, baseline=lint, goal_ratio=1.0))
    return 0 if print_table(rows, "acmap gaps (issue 3)") else 1


if __name__ == "__main__":
    raise SystemExit(main())
