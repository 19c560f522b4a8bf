"""Issue 5's speed goal for `acmap diff`, measured on a 2,000-account git repository.

    python benchmarks/bench_diff.py [--accounts 2000] [--changed 3] [--repeat 5]

A commit changes 3 maps (benchmarks/generate.py --modify: stances move, people join and leave,
links change). Goal: `acmap diff HEAD~1 HEAD` takes at most 2× `acmap gaps` on those 3 files:
the diff's cost grows with the change, not with the repository.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys

from common import (
    BENCHMARKS,
    Row,
    acmap_cmd,
    acmap_env,
    copy_portfolio,
    ensure_portfolio,
    print_table,
    time_cmd,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--changed", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    sys.path.insert(0, str(BENCHMARKS))
    import generate

    source = ensure_portfolio(args.accounts, seed=1, git=True)
    scratch = copy_portfolio(source)
    try:
        generate.modify_maps(scratch, args.changed, seed=1)
        changed = subprocess.run(
            ["git", "diff", "--name-only", "HEAD~1", "HEAD"],
            cwd=scratch,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        env = acmap_env()
        diff = time_cmd(
            acmap_cmd("diff", "HEAD~1", "HEAD"), cwd=scratch, env=env, repeat=args.repeat
        )
        gaps = time_cmd(acmap_cmd("gaps", *changed), cwd=scratch, env=env, repeat=args.repeat)
        markdown = time_cmd(
            acmap_cmd("diff", "HEAD~1", "HEAD", "--format", "markdown"),
            cwd=scratch,
            env=env,
            repeat=args.repeat,
        )
        rows = [
            Row(
                f"diff HEAD~1 HEAD ({len(changed)} of {args.accounts:,} maps changed) vs gaps on them",
                diff,
                baseline=gaps,
                goal_ratio=2.0,
            ),
            Row("  same, --format markdown (for reference)", markdown, baseline=gaps),
        ]
        ok = print_table(rows, title="acmap diff")
    finally:
        shutil.rmtree(scratch.parent, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
