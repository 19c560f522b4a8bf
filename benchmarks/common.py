"""Measuring helpers for the benchmark scripts in this folder.

A benchmark script runs as ``python benchmarks/<name>.py`` from the repository root, measures a few
things with the helpers below, and prints one table::

    from common import Row, acmap_cmd, acmap_env, ensure_portfolio, print_table, time_cmd

    root = ensure_portfolio(2000, seed=1)
    took = time_cmd(acmap_cmd("validate"), cwd=root, env=acmap_env())
    ok = print_table([Row("validate 2,000 maps", took, baseline=base, goal_ratio=1.0)])

Portfolios are generated once per (accounts, seed, options, generator version) under
``benchmarks/out/`` (git-ignored) and reused by later runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
REPO = BENCHMARKS.parent
OUT = BENCHMARKS / "out"
OK_CODES = (0, 1)  # acmap exits 1 when it finds problems: a normal result for a benchmark


class CommandFailed(RuntimeError):
    """A measured command exited with a code the benchmark did not expect."""


# --------------------------------------------------------------------------------------------
# Running acmap
# --------------------------------------------------------------------------------------------


def acmap_cmd(*args: str) -> list[str]:
    """argv that runs this checkout's acmap with the current interpreter."""
    return [sys.executable, "-m", "acmap", *args]


def baseline_tool(name: str) -> str:
    """The path of a baseline tool (yamllint, check-jsonschema) beside this Python, or exit 2."""
    import shutil

    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not Path(found).exists():
        print(
            f"{name} is not installed: pip install -e '.[bench]' (the benchmark baselines)",
            file=sys.stderr,
        )
        raise SystemExit(2)
    return found


def acmap_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for acmap_cmd: this checkout's src/ first on PYTHONPATH, no colour."""
    env = dict(os.environ)
    path = env.get("PYTHONPATH")
    env["PYTHONPATH"] = str(REPO / "src") + (os.pathsep + path if path else "")
    env["NO_COLOR"] = "1"
    # Measure acmap as installed, with its bytecode cached (pip compiles on install; an editable
    # checkout caches on first run). A shell with PYTHONDONTWRITEBYTECODE set would otherwise
    # recompile ~100 modules, about 40 ms, on every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("GITHUB_ACTIONS", None)  # text output, as on a terminal; a script can override
    if extra:
        env.update(extra)
    return env


def _environment(env: Mapping[str, str] | None) -> dict[str, str]:
    merged = dict(os.environ)
    if env:
        merged.update(env)
    return merged


def _check(argv: Sequence[str], code: int, stderr: str, ok_codes: Sequence[int]) -> None:
    if code not in ok_codes:
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        raise CommandFailed(f"{' '.join(argv)} exited {code}\n{tail}")


# --------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------


def time_cmd(
    argv: Sequence[str],
    cwd: Path | str,
    env: Mapping[str, str] | None = None,
    repeat: int = 3,
    *,
    warmup: int = 0,
    ok_codes: Sequence[int] = OK_CODES,
) -> float:
    """Best wall-clock seconds of `repeat` runs of a command (stdout discarded).

    `env` adds to (and overrides) the current environment. Raises CommandFailed when the command
    exits with a code outside `ok_codes`, so a crash is never timed as a fast run.
    """
    environment = _environment(env)
    best = float("inf")
    for i in range(warmup + repeat):
        started = time.perf_counter()
        done = subprocess.run(
            list(argv),
            cwd=cwd,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            check=False,
        )
        took = time.perf_counter() - started
        _check(argv, done.returncode, done.stderr.decode(errors="replace"), ok_codes)
        if i >= warmup:
            best = min(best, took)
    return best


# Runs in a fresh interpreter, so RUSAGE_CHILDREN sees only the measured command and what it
# started (never earlier children of the benchmark script, e.g. the portfolio generator).
_RSS_WRAPPER = """\
import json, resource, subprocess, sys
code = subprocess.call(json.loads(sys.argv[1]), stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": code, "peak": peak}))
"""


def peak_rss_mb(
    argv: Sequence[str],
    cwd: Path | str,
    env: Mapping[str, str] | None = None,
    *,
    ok_codes: Sequence[int] = OK_CODES,
) -> float:
    """Peak resident memory, in MiB, of a command run as a child of a fresh wrapper process.

    This is the peak of the largest single process in the measured tree (the command and the
    descendants it waited for, such as `dot` or `git`), as the kernel reports it for
    RUSAGE_CHILDREN; the wrapper's own memory is not included. Processes that run at the same time
    are not summed.
    """
    done = subprocess.run(
        [sys.executable, "-c", _RSS_WRAPPER, json.dumps(list(argv))],
        cwd=cwd,
        env=_environment(env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    stderr = done.stderr.decode(errors="replace")
    if done.returncode != 0:
        raise CommandFailed(f"memory wrapper for {' '.join(argv)} failed\n{stderr}")
    result = json.loads(done.stdout.decode().strip().splitlines()[-1])
    _check(argv, int(result["code"]), stderr, ok_codes)
    peak = float(result["peak"])  # KiB on Linux, bytes on macOS
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def time_func(fn: Callable[[], object], repeat: int = 5, *, warmup: int = 0) -> float:
    """Best wall-clock seconds of `repeat` calls of fn(), after `warmup` untimed calls."""
    for _ in range(warmup):
        fn()
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


# --------------------------------------------------------------------------------------------
# Portfolios
# --------------------------------------------------------------------------------------------


def _generator_version() -> str:
    """Changes whenever generate.py does, so a cached portfolio never outlives its generator."""
    return hashlib.sha256((BENCHMARKS / "generate.py").read_bytes()).hexdigest()[:8]


def ensure_portfolio(
    n: int,
    seed: int = 1,
    root: Path | None = None,
    *,
    large: int | None = None,
    stakeholders: int | None = None,
    git: bool = False,
    deals: bool = False,
) -> Path:
    """A generated portfolio of `n` accounts (acmap.toml and maps/), made once and then reused.

    Cached under `root` (default benchmarks/out/) by (n, seed, options, generator version).
    With git=True the portfolio is a git repository with one commit. Treat the result as
    read-only; copy_portfolio() gives a scratch copy to change (e.g. for diff benchmarks).
    """
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    import generate

    base = root if root is not None else OUT
    name = f"portfolio-{n}-s{seed}"
    if large is not None:
        name += f"-l{large}"
    if stakeholders is not None:
        name += f"-m{stakeholders}"
    if git:
        name += "-git"
    if deals:
        name += "-deals"
    final = base / f"{name}-g{_generator_version()}"
    if final.is_dir():
        return final
    base.mkdir(parents=True, exist_ok=True)
    # Build aside and rename: a portfolio that exists is complete, even with runs in parallel.
    work = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=base))
    work.chmod(0o755)
    try:
        generate.generate_portfolio(
            work, n, seed, large=large, stakeholders=stakeholders, deals=deals
        )
        if git:
            generate.git_commit(work, f"Portfolio of {n} accounts (seed {seed})")
        try:
            work.rename(final)
        except OSError:
            if not final.is_dir():
                raise
    finally:
        if work.exists():
            shutil.rmtree(work)
    return final


def ensure_single(stakeholders: int, seed: int = 1, root: Path | None = None) -> Path:
    """The map file of one generated account with exactly `stakeholders` people."""
    portfolio = ensure_portfolio(1, seed, root, stakeholders=stakeholders)
    return next((portfolio / "maps").glob("*.yaml"))


def copy_portfolio(source: Path, dest: Path | None = None) -> Path:
    """A scratch copy of a portfolio (with its .git, if any), in a new temp dir by default.

    The caller removes it (shutil.rmtree) when done.
    """
    target = dest if dest is not None else Path(tempfile.mkdtemp(prefix="acmap-bench-")) / "p"
    shutil.copytree(source, target, symlinks=True)
    return target


def account_ids(portfolio: Path) -> list[str]:
    """The account ids of a generated portfolio (its map file stems), sorted."""
    return sorted(p.stem for p in (portfolio / "maps").glob("*.yaml"))


# --------------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    """One measurement against its baseline and goal.

    `goal` is absolute (met when measured <= goal); `goal_ratio` is relative to the baseline
    (met when measured / baseline <= goal_ratio). With higher_is_better the comparisons flip
    (throughput, for instance).
    """

    name: str
    measured: float
    unit: str = "s"
    baseline: float | None = None
    goal: float | None = None
    goal_ratio: float | None = None
    higher_is_better: bool = False

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.measured / self.baseline

    @property
    def met(self) -> bool | None:
        """True or False when the row has a goal, None when it only reports."""
        checks: list[bool] = []
        if self.goal is not None:
            checks.append(self._within(self.measured, self.goal))
        if self.goal_ratio is not None:
            ratio = self.ratio
            checks.append(ratio is not None and self._within(ratio, self.goal_ratio))
        return all(checks) if checks else None

    def _within(self, value: float, limit: float) -> bool:
        return value >= limit if self.higher_is_better else value <= limit


def format_value(value: float, unit: str) -> str:
    if unit == "s":
        if value < 1:
            return f"{value * 1000:.1f} ms"
        return f"{value:.2f} s"
    if unit in ("MB", "MiB"):
        return f"{value:.1f} {unit}"
    text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"
    return f"{text} {unit}".rstrip()


def _goal_text(row: Row) -> str:
    sign = "≥" if row.higher_is_better else "≤"
    parts = []
    if row.goal is not None:
        parts.append(f"{sign} {format_value(row.goal, row.unit)}")
    if row.goal_ratio is not None:
        parts.append(f"{sign} {row.goal_ratio:.2f}× baseline")
    return ", ".join(parts) or "-"


def format_table(rows: Sequence[Row], title: str | None = None) -> str:
    """Rows as an aligned Markdown table: name | measured | baseline | ratio | goal | met?"""
    header = ("name", "measured", "baseline", "ratio", "goal", "met?")
    cells = [header]
    for row in rows:
        ratio = row.ratio
        met = row.met
        cells.append(
            (
                row.name,
                format_value(row.measured, row.unit),
                "-" if row.baseline is None else format_value(row.baseline, row.unit),
                "-" if ratio is None else f"{ratio:.2f}×",
                _goal_text(row),
                "-" if met is None else ("yes" if met else "NO"),
            )
        )
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]

    def line(values: Sequence[str]) -> str:
        padded = [
            v.ljust(w) if i in (0, 5) else v.rjust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    # Numbers align right, in the table and in its Markdown rendering.
    dashes = ["-" * (w + 1) + ":" if 0 < i < 5 else "-" * (w + 2) for i, w in enumerate(widths)]
    rule = "|" + "|".join(dashes) + "|"
    out = [f"### {title}", ""] if title else []
    out.append(line(cells[0]))
    out.append(rule)
    out.extend(line(c) for c in cells[1:])
    return "\n".join(out)


def print_table(rows: Sequence[Row], title: str | None = None) -> bool:
    """Print the table; True when every row with a goal met it (scripts exit 1 otherwise)."""
    print(format_table(rows, title))
    return all(row.met is not False for row in rows)
