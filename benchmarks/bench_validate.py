"""Issue 2's speed and memory goals for `acmap validate`, measured in one run on the same files.

    python benchmarks/bench_validate.py [--accounts 2000] [--repeat 3]

Baselines, each run here on the same files:
- libyaml's C loader (PyYAML's CSafeLoader) merely loading every file, in one process;
- check-jsonschema with `acmap schema` as its schema;
- yamllint on one example map (start-up dominates a single file).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from common import (
    REPO,
    Row,
    acmap_cmd,
    acmap_env,
    baseline_tool,
    ensure_portfolio,
    peak_rss_mb,
    print_table,
    time_cmd,
)

C_LOAD = """\
import pathlib, sys, yaml
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.yaml")):
    with path.open("rb") as stream:
        yaml.load(stream, Loader=yaml.CSafeLoader)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    root = ensure_portfolio(args.accounts, seed=1)
    maps = root / "maps"
    size_mb = sum(p.stat().st_size for p in maps.glob("*.yaml")) / 1e6
    env = acmap_env()
    rows: list[Row] = []

    c_load = time_cmd([sys.executable, "-c", C_LOAD, str(maps)], cwd=root, repeat=args.repeat)
    # Cold: --no-cache, so every repeat parses and checks every file (the cache has its own row).
    cold = acmap_cmd("validate", "--no-cache")
    validate = time_cmd(cold, cwd=root, env=env, repeat=args.repeat)
    rows.append(
        Row(
            f"validate {args.accounts:,} maps ({size_mb:.0f} MB) vs C-loader load",
            validate,
            baseline=c_load,
            goal_ratio=1.0,
        )
    )
    single = time_cmd(cold, cwd=root, env=acmap_env({"ACMAP_JOBS": "1"}), repeat=1)
    rows.append(Row("  same, one process (for reference)", single, baseline=c_load))

    checker = baseline_tool("check-jsonschema")
    with tempfile.TemporaryDirectory() as scratch:
        schema = Path(scratch) / "acmap.schema.json"
        schema.write_text(json.dumps(json.loads((REPO / "acmap.schema.json").read_text())))
        files = sorted(str(p) for p in maps.glob("*.yaml"))
        cjs = time_cmd(
            [checker, "--schemafile", str(schema), *files], cwd=root, repeat=1, ok_codes=(0, 1)
        )
    rows.append(
        Row(
            "validate vs check-jsonschema (goal: ≥ 20× faster)",
            validate,
            baseline=cjs,
            goal_ratio=1 / 20,
        )
    )

    peak = peak_rss_mb(cold, cwd=root, env=env)
    rows.append(Row("validate peak memory (largest process)", peak, unit="MB", goal=150))

    with tempfile.TemporaryDirectory() as cache:
        warm_env = acmap_env({"ACMAP_CACHE_DIR": cache})
        warm = time_cmd(acmap_cmd("validate"), cwd=root, env=warm_env, repeat=3, warmup=1)
    rows.append(Row(f"validate {args.accounts:,} unchanged maps, warm cache", warm, goal=0.5))

    one = next(iter(sorted((REPO / "maps").glob("*.yaml"))))
    yamllint = baseline_tool("yamllint")
    lint = time_cmd([yamllint, str(one)], cwd=REPO, repeat=max(5, args.repeat), ok_codes=(0, 1))
    mine = time_cmd(acmap_cmd("validate", str(one)), cwd=REPO, env=env, repeat=max(5, args.repeat))
    rows.append(Row(f"validate maps/{one.name} vs yamllint", mine, baseline=lint, goal_ratio=1.0))

    return 0 if print_table(rows, "acmap validate (issue 2)") else 1


if __name__ == "__main__":
    raise SystemExit(main())
