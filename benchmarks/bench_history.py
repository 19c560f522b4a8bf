"""Issue 15's speed goals for `acmap history`, on a generated repository with a long history.

    python benchmarks/bench_history.py [--accounts 2000] [--commits 300] [--repeat 3]

The repository: the 2,000 accounts of benchmarks/generate.py in a first commit, then 300
commits a few days apart, each editing 1–5 maps the way a week of account work does
(generate.py's modify edits: stances move, people join and leave, links change). It is built
in memory and written with one `git fast-import`, so it takes seconds, not minutes.

Goals: `acmap history` over the whole portfolio (cold: an empty results cache) within 3× of
one `acmap gaps` over the portfolio today; a warm second run (the accounts' finished
histories from the cache) under 1 s, as JSON and as text; peak memory under 300 MB (resource.getrusage of children: the largest process).
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from common import BENCHMARKS, Row, acmap_cmd, acmap_env, peak_rss_mb, print_table, time_cmd

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def build_repo(root: Path, accounts: int, commits: int, seed: int = 1) -> int:
    """The repository in `root`; returns how many map versions its history holds."""
    sys.path.insert(0, str(BENCHMARKS))
    import generate

    root.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    docs = [
        generate.make_account(seed, i, generate.account_size(seed, i, False))
        for i in range(accounts)
    ]
    names = [f"maps/{doc['account']['id']}.yaml" for doc in docs]
    settings = f'maps = "maps"\ntoday = "{generate.TODAY.isoformat()}"\n'
    stream: list[bytes] = []

    def blob(text: str) -> None:
        data = text.encode("utf-8")
        stream.append(b"data %d\n" % len(data) + data + b"\n")

    def header(n: int, message: str) -> None:
        when = START + timedelta(days=n * 0.85)
        author = ("Dana Ruiz", "Omar Haddad", "Priya Shah")[n % 3]
        stamp = f"{int(when.timestamp())} +0000"
        stream.append(f"commit refs/heads/main\nmark :{n + 1}\n".encode())
        stream.append(f"author {author} <rep@seller.example> {stamp}\n".encode())
        stream.append(f"committer {author} <rep@seller.example> {stamp}\n".encode())
        blob(message)
        if n:
            stream.append(f"from :{n}\n".encode())

    header(0, "All accounts mapped")
    stream.append(b"M 100644 inline acmap.toml\n")
    blob(settings)
    for name, doc in zip(names, docs, strict=True):
        stream.append(f"M 100644 inline {name}\n".encode())
        blob(generate.emit_map(doc))
    versions = accounts
    rng = random.Random(f"acmap-bench-history/{seed}")
    for n in range(1, commits + 1):
        chosen = sorted(rng.sample(range(accounts), rng.randint(1, 5)))
        header(n, f"Update {len(chosen)} account maps (week {n})")
        for index in chosen:
            generate._modify(rng, docs[index], n)
            stream.append(f"M 100644 inline {names[index]}\n".encode())
            blob(generate.emit_map(docs[index]))
        versions += len(chosen)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=root, check=True)
    return versions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="acmap-bench-history-"))
    try:
        root = scratch / "repo"
        versions = build_repo(root, args.accounts, args.commits)
        cache = scratch / "cache"

        def env(fresh: bool) -> dict[str, str]:
            if fresh:
                shutil.rmtree(cache, ignore_errors=True)
            cache.mkdir(exist_ok=True)
            return acmap_env({"ACMAP_CACHE_DIR": str(cache), "ACMAP_CACHE_KEY": f"{cache}.key"})

        history = acmap_cmd("history", "-f", "json")
        gaps = time_cmd(
            acmap_cmd("gaps", "-f", "json"), cwd=root, env=env(True), repeat=args.repeat
        )
        cold = min(time_cmd(history, cwd=root, env=env(True), repeat=1) for _ in range(args.repeat))
        time_cmd(history, cwd=root, env=env(True), repeat=1)  # fill the cache
        warm = time_cmd(history, cwd=root, env=env(False), repeat=args.repeat)
        # The default text reads no gap messages and writes no JSON: measured on its own.
        text = acmap_cmd("history")
        warm_text = time_cmd(text, cwd=root, env=env(False), repeat=args.repeat)
        peak = peak_rss_mb(history, cwd=root, env=env(True))
        title = (
            f"acmap history ({args.accounts:,} accounts, {args.commits} commits, "
            f"{versions:,} map versions)"
        )
        rows = [
            Row(
                "history, cold cache, vs one gaps over the portfolio",
                cold,
                baseline=gaps,
                goal_ratio=3.0,
            ),
            Row("history -f json, warm second run", warm, goal=1.0),
            Row("history (text), warm second run", warm_text, goal=1.0),
            Row("history, peak memory (cold)", peak, unit="MB", goal=300.0),
        ]
        ok = print_table(rows, title=title)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
