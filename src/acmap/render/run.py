"""Running Graphviz's `dot`: found on PATH, fed on stdin, no shell, under a timeout."""

from __future__ import annotations

import shutil
import subprocess

FORMATS = ("svg", "png", "pdf", "dot")
DEFAULT_TIMEOUT = 60.0
PNG_DPI = 144  # sharp enough for a slide

INSTALL_HINT = """\
Graphviz's `dot` program is not on PATH; acmap needs it to draw diagrams. Install Graphviz:
  Debian/Ubuntu:  sudo apt-get install graphviz
  macOS:          brew install graphviz
  Windows:        winget install graphviz   (or: choco install graphviz), then open a new terminal
Or write the DOT text with --format dot (or -o FILE.dot) and render it elsewhere."""


class RenderError(Exception):
    """`dot` is missing, failed or took too long: a message for the user, exit 2."""


def find_dot() -> str | None:
    return shutil.which("dot")


def run_dot(source: str, fmt: str, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The diagram for DOT `source` in `fmt` (svg, png or pdf)."""
    if fmt not in FORMATS or fmt == "dot":
        raise ValueError(f"dot does not make {fmt!r} here")
    program = find_dot()
    if program is None:
        raise RenderError(INSTALL_HINT)
    argv = [program, f"-T{fmt}"]
    if fmt == "png":
        argv.append(f"-Gdpi={PNG_DPI}")
    done = _run(argv, source, timeout)
    if done.returncode != 0 and _ROUTING_TROUBLE in done.stderr:
        # dot's spline router sometimes gives up on edges between distant clusters in large
        # accounts; straight lines are less pretty but always route.
        done = _run([*argv, "-Gsplines=line"], source, timeout)
    if done.returncode != 0 or not done.stdout:
        detail = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        tail = "; ".join(detail[-3:]) or f"exit code {done.returncode}"
        raise RenderError(f"dot failed: {tail}")
    return done.stdout


_ROUTING_TROUBLE = b"libpath/"


def _run(argv: list[str], source: str, timeout: float) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            argv,
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"dot did not finish within {timeout:g} s and was stopped. For a large account try "
            "--view org, or --focus ID --depth 1, or allow longer with --timeout."
        ) from None
    except OSError as exc:
        raise RenderError(f"could not run {argv[0]}: {exc.strerror or exc}") from None
