"""Test helpers: run the real `acmap` command, write small maps, build real git repos."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

from acmap.load import Loaded, load_text

REPO = Path(__file__).resolve().parent.parent
# One results cache for the test session, away from the user's own.
_CACHE = tempfile.mkdtemp(prefix="acmap-test-cache-")
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE_MAPS = REPO / "maps"


@dataclass
class Result:
    code: int
    out: str
    err: str


# util-linux's setpriv: root without CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH obeys file modes.
ROOT_WITHOUT_READ_ALL = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


def can_test_permissions() -> bool:
    """True when a chmod 000 file can be made unreadable to acmap (non-root, or root + setpriv)."""
    return os.geteuid() != 0 or shutil.which("setpriv") is not None


def run_acmap(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    timeout: float = 60,
    obey_permissions: bool = False,
) -> Result:
    """Run `python -m acmap` in a real subprocess: real exit codes, stdout, stderr.

    obey_permissions: as root (CI), drop the capabilities that let root read any file, so a
    chmod 000 file is unreadable to acmap as it would be to any user.
    """
    full_env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "ACMAP_TODAY")}
    full_env.update(
        {
            "NO_COLOR": "1",
            "COLUMNS": "100",
            "PYTHONPATH": str(REPO / "src"),
            "ACMAP_CACHE_DIR": _CACHE,
            "ACMAP_CACHE_KEY": _CACHE + ".key",  # the cache's MAC key, outside the cache folder
        }
    )
    full_env.update(env or {})
    prefix = ROOT_WITHOUT_READ_ALL if obey_permissions and os.geteuid() == 0 else []
    proc = subprocess.run(
        [*prefix, sys.executable, "-m", "acmap", *args],
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


# --- real git repositories (acmap diff, pre-commit, the Action) ------------------------------

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Rep",
    "GIT_AUTHOR_EMAIL": "rep@seller.example",
    "GIT_COMMITTER_NAME": "Test Rep",
    "GIT_COMMITTER_EMAIL": "rep@seller.example",
    "GIT_AUTHOR_DATE": "2026-11-01T09:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-11-01T09:00:00+00:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    """Run git in `repo` with a fixed identity and no user configuration; fail loudly."""
    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def map_repo(root: Path, maps: dict[str, str], today: str = "2026-11-22") -> Path:
    """A git repository with acmap.toml (today pinned) and `maps/<name>` files, committed."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    (root / "acmap.toml").write_text(f'maps = "maps"\ntoday = "{today}"\n', encoding="utf-8")
    for name, source in maps.items():
        write_map_file(root, name, source)
    commit(root, "Initial maps")
    return root


def commit(repo: Path, message: str) -> str:
    """Stage everything and commit; returns the new commit id."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()
