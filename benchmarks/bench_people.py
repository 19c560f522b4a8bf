"""Issue 17's speed goal for `acmap people`, measured in one run on the same files.

    python benchmarks/bench_people.py [--accounts 2000] [--repeat 3]

- people over the portfolio (every stakeholder of every map joined into persons) against
  `acmap gaps` on it (every rule, G503's cross-map step included) — goal ≤ 1.5×.
"""

from __future__ import annotations

import argparse

from common import Row, acmap_cmd, acmap_env, ensure_portfolio, print_table, time_cmd


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    root = ensure_portfolio(args.accounts, seed=1)
    env = acmap_env()
    gaps = time_cmd(acmap_cmd("gaps"), cwd=root, env=env, repeat=args.repeat, ok_codes=(0, 1))
    people = time_cmd(acmap_cmd("people"), cwd=root, env=env, repeat=args.repeat)
    people_json = time_cmd(acmap_cmd("people", "-f", "json"), cwd=root, env=env, repeat=args.repeat)
    rows = [
        Row(f"people on {args.accounts:,} accounts vs gaps", people, baseline=gaps, goal_ratio=1.5),
        Row(
            f"people -f json on {args.accounts:,} accounts vs gaps",
            people_json,
            baseline=gaps,
            goal_ratio=1.5,
        ),
    ]
    return 0 if print_table(rows, "acmap people (issue 17)") else 1


if __name__ == "__main__":
    raise SystemExit(main())
