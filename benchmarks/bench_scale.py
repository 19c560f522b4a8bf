"""Issue 7's scale curve: validate, gaps, list and render over growing portfolios.

    python benchmarks/bench_scale.py [--sizes 200,2000,10000] [--repeat 1]

Prints wall time and peak memory (largest single process) per command and size, plus the time
per account, so that growth is visibly linear. Render writes DOT for every account (`render --all
--format dot`): Graphviz's own layout time is measured separately by bench_render.py.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile

from common import acmap_cmd, acmap_env, ensure_portfolio, format_value, peak_rss_mb, time_cmd

COMMANDS: dict[str, tuple[str, ...]] = {
    "validate (cold: --no-cache)": ("validate", "--no-cache"),
    "validate (warm cache)": ("validate",),
    "gaps": ("gaps", "--format", "json"),
    "list": ("list", "--format", "json"),
    "render (DOT, all)": ("render", "--all", "--format", "dot", "--force", "-o", "{out}"),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="200,2000,10000")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    env = acmap_env()
    print("### Scale curve\n")
    print("| command | accounts | time | per account | peak memory |")
    print("|---|---:|---:|---:|---:|")
    for name, template in COMMANDS.items():
        for size in sizes:
            root = ensure_portfolio(size, seed=1)
            scratch = tempfile.mkdtemp(prefix="acmap-scale-")
            try:
                argv = acmap_cmd(*(part.replace("{out}", scratch) for part in template))
                # A private cache per run: "warm" means warmed here, never by an earlier run.
                run_env = {**env, "ACMAP_CACHE_DIR": f"{scratch}/cache"}
                warm = 1 if "warm" in name else 0
                took = time_cmd(
                    argv, cwd=root, env=run_env, repeat=args.repeat, warmup=warm, ok_codes=(0, 1)
                )
                peak = peak_rss_mb(argv, cwd=root, env=run_env, ok_codes=(0, 1))
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
            print(
                f"| {name} | {size:,} | {format_value(took, 's')} | "
                f"{took / size * 1000:.2f} ms | {peak:.0f} MB |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
