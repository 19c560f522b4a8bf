"""Test helpers: run the real `acmap` command, write small maps, build real git repos."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from acmap.load import Loaded, load_text

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE_MAPS = REPO / "maps"


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_acmap(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    timeout: float = 60,
) -> Result:
    """Run `python -m acmap` in a real subprocess: real exit codes, stdout, stderr."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "ACMAP_TODAY")}
    full_env.update({"NO_COLOR": "1", "COLUMNS": "100", "PYTHONPATH": str(REPO / "src")})
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "acmap", *args],
        cwd=cwd or REPO,
        env=full_env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def load_yaml(source: str, file: str = "acme.yaml") -> Loaded:
    """Load a map from a few lines of YAML (dedented), named as if it were `file`."""
    return load_text(textwrap.dedent(source), file, stem=Path(file).stem)


def codes_at(loaded: Loaded) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.col) for f in loaded.findings]


def write_map_file(root: Path, name: str, source: str) -> Path:
    path = root / "maps" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path
