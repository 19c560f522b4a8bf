"""Every goal figure of issues 2–7 and 15, re-measured together in one run.

    python benchmarks/run_all.py [--quick]

Runs each benchmark script in turn (same machine, same portfolios) and ends with one line per
script saying whether all its goals were met. --quick skips the 10,000-account scale curve.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS: list[tuple[str, list[str]]] = [
    ("bench_validate.py", []),
    ("bench_gaps.py", []),
    ("bench_render.py", []),
    ("bench_render_diff.py", []),
    ("bench_diff.py", []),
    ("bench_graph.py", []),
    ("bench_people.py", []),
    ("bench_history.py", []),
    ("bench_site.py", []),
    ("bench_scale.py", []),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    verdicts = []
    for script, extra in SCRIPTS:
        argv = [sys.executable, str(HERE / script), *extra]
        if args.quick and script == "bench_scale.py":
            argv += ["--sizes", "200,2000"]
        print(f"\n$ python benchmarks/{script} {' '.join(argv[2:])}".rstrip(), flush=True)
        code = subprocess.call(argv, cwd=HERE.parent)
        verdicts.append((script, code))
    print("\n### Goals\n")
    for script, code in verdicts:
        print(f"- {script}: {'all goals met' if code == 0 else 'a goal missed (see above)'}")
    return 0 if all(code == 0 for _, code in verdicts) else 1


if __name__ == "__main__":
    raise SystemExit(main())
