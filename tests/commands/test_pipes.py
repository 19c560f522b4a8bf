"""A closed pipe (`acmap show x | head -1`) ends quietly with exit 0, every time, for every
command that reads: not exit 1 (Click's and rich's handling), not 120 (the interpreter's
last flush), and nothing on stderr."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers import EXAMPLE_MAPS, REPO, acmap_env, map_repo

RUNS = 10
TODAY = ("--today", "2026-11-22")

# Ten runs through a real shell pipeline; each run's exit status (PIPESTATUS, under pipefail)
# on a line of stdout, everything acmap wrote to stderr in one file.
PIPELINE = """
set -o pipefail
for _ in $(seq "$RUNS"); do
  "$PYTHON" -m acmap "$@" 2>>"$ERRORS" | head -c 1 >/dev/null
  echo "${PIPESTATUS[0]}"
done
"""


def _through_head(args: tuple[str, ...], cwd: Path, errors: Path) -> tuple[list[str], str]:
    env = acmap_env({"PYTHON": sys.executable, "RUNS": str(RUNS), "ERRORS": str(errors)})
    done = subprocess.run(
        ["bash", "-c", PIPELINE, "pipes", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split(), errors.read_text(encoding="utf-8") if errors.exists() else ""


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """600 generated accounts (a list of about 70 kB, more than a pipe holds), their files
    renamed so that each gets a W001 warning: validate has a long report and still exits 0."""
    root = tmp_path_factory.mktemp("portfolio")
    subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "generate.py"),
            str(root),
            "--accounts",
            "600",
            "--stakeholders",
            "3",
        ],
        check=True,
        capture_output=True,
    )
    for path in (root / "maps").glob("*.yaml"):
        path.rename(path.with_name(f"old-{path.name}"))
    return root


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example maps in a git repository, one of them changed since the commit (for diff)."""
    root = tmp_path_factory.mktemp("examples")
    maps = {p.name: p.read_text(encoding="utf-8") for p in sorted(EXAMPLE_MAPS.glob("*.yaml"))}
    map_repo(root, maps)
    changed = root / "maps" / "halcyon-bank.yaml"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("stance: neutral", "stance: blocker"), encoding="utf-8")
    return root


EXAMPLE_COMMANDS = [
    ("show", "halcyon-bank", *TODAY),
    ("show", "lumen-robotics", *TODAY),
    ("gaps", *TODAY),
    ("path", "halcyon-bank", "ceo", "cio", *TODAY),
    ("diff", *TODAY),
    ("render", "halcyon-bank", "-f", "dot", *TODAY),
    ("schema",),
    ("export",),
    ("partners", *TODAY),
]
PORTFOLIO_COMMANDS = [("list", *TODAY), ("validate",)]


@pytest.mark.parametrize(
    "args", EXAMPLE_COMMANDS, ids=lambda args: " ".join(a for a in args if a not in TODAY)
)
def test_example_maps_through_head(args: tuple[str, ...], examples: Path, tmp_path: Path) -> None:
    if args[0] == "render" and shutil.which("dot") is None:
        pytest.skip("Graphviz dot is not installed")
    codes, errors = _through_head(args, examples, tmp_path / "errors")
    assert codes == ["0"] * RUNS, errors
    assert errors == ""


@pytest.mark.parametrize(
    "args", PORTFOLIO_COMMANDS, ids=lambda args: " ".join(a for a in args if a not in TODAY)
)
def test_a_big_portfolio_through_head(
    args: tuple[str, ...], portfolio: Path, tmp_path: Path
) -> None:
    codes, errors = _through_head(args, portfolio, tmp_path / "errors")
    assert codes == ["0"] * RUNS, errors
    assert errors == ""
