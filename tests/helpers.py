"""Test helpers: run the real `acmap` command, write small maps, build real git repos."""

from __future__ import annotations

import fcntl
import os
import pty
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from acmap.load import Loaded, load_text

REPO = Path(__file__).resolve().parent.parent
# One results cache for the test session, away from the user's own.
_CACHE = tempfile.mkdtemp(prefix="acmap-test-cache-")
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE_MAPS = REPO / "maps"


# The keys of one finding in every JSON document (validate, gaps): SPEC.md's finding object.
FINDING_KEYS = {
    "file",
    "line",
    "col",
    "account",
    "code",
    "name",
    "severity",
    "message",
    "subject",
}


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


def acmap_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment acmap runs in under test: this worktree's code, no colour, 100 columns,
    the session's results cache, no CI or date of the caller's; then `env`."""
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
    return full_env


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
    full_env = acmap_env(env)
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


def in_pty(
    args: Sequence[str], cwd: Path, env: dict[str, str] | None = None, columns: int | None = None
) -> str:
    """Run acmap with stdin, stdout and stderr on a real pseudo-terminal, `columns` wide when
    given (no COLUMNS, so acmap asks the terminal; colour on unless `env` says NO_COLOR); what
    it printed, with the terminal's line ends as newlines."""
    leader, follower = pty.openpty()
    if columns is not None:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    full_env.update(
        {"PYTHONPATH": str(REPO / "src"), "ACMAP_CACHE_DIR": _CACHE, "TERM": "xterm-256color"}
    )
    full_env.update(env or {})
    proc = subprocess.Popen(
        [sys.executable, "-m", "acmap", *args],
        cwd=cwd,
        env=full_env,
        stdin=follower,
        stdout=follower,
        stderr=follower,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


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


def lumen_project(root: Path, lines: Iterable[str], added: str, today: str | None = None) -> Path:
    """A project holding the example Lumen Robotics map with `added` appended to the value of
    each of `lines` (such as "name: Dana Ruiz"; written in double quotes, so YAML escapes like
    `\\e` work in `added`): long or hostile names wherever a name is shown."""
    source = (EXAMPLE_MAPS / "lumen-robotics.yaml").read_text(encoding="utf-8")
    for plain in lines:
        key, _, value = plain.partition(": ")
        comma = "," if value.endswith(",") else ""
        assert plain in source, plain
        source = source.replace(plain, f'{key}: "{value.rstrip(",")} {added}"{comma}', 1)
    (root / "maps").mkdir(parents=True)
    (root / "maps" / "lumen-robotics.yaml").write_text(source, encoding="utf-8")
    pinned = f'today = "{today}"\n' if today else ""
    (root / "acmap.toml").write_text(f'maps = "maps"\n{pinned}', encoding="utf-8")
    return root


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


def fake_dot(root: Path, script: str) -> dict[str, str]:
    """An executable `dot` (a shell script) first on PATH: the environment to run acmap with."""
    folder = root / "bin"
    folder.mkdir()
    dot = folder / "dot"
    dot.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    dot.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"}
