"""Running Graphviz's `dot`: found on PATH, fed on stdin, no shell, under limits.

A map from someone else's pull request decides how much work `dot` does, so `dot` runs boxed in:
- time: `timeout` seconds, then its whole process group (dot and anything it started) is killed;
- memory: an address-space cap (RLIMIT_AS, set in the child before `dot` starts, inherited by
  anything it starts), DEFAULT_MAX_MEMORY MB unless `max_memory` or ACMAP_DOT_MAX_MEMORY says
  otherwise (0: no cap); a `dot` that dies at its cap is reported as such;
- output on stderr: only the first STDERR_KEEP bytes are kept, the rest is read and dropped.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from typing import IO, NamedTuple

FORMATS = ("svg", "png", "pdf", "dot")
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_MEMORY = 2048  # MB (2**20 bytes): far above what a 500-person PNG needs (~400 MB)
MAX_MEMORY_ENV = "ACMAP_DOT_MAX_MEMORY"
STDERR_KEEP = 64 * 1024
PNG_DPI = 144  # sharp enough for a slide
_MB = 1 << 20
_CHUNK = 1 << 16
_REAP_GRACE = 2.0  # seconds to wait for pipes to close once the process group is killed

INSTALL_HINT = """\
Graphviz's `dot` program is not on PATH; acmap needs it to draw diagrams. Install Graphviz:
  Debian/Ubuntu:  sudo apt-get install graphviz
  macOS:          brew install graphviz
  Windows:        winget install graphviz   (or: choco install graphviz), then open a new terminal
Or write the DOT text with --format dot (or -o FILE.dot) and render it elsewhere."""


class RenderError(Exception):
    """`dot` is missing, failed, took too long or ran out of memory: a message, exit 2."""


class Done(NamedTuple):
    """How one run of `dot` ended: its exit code (negative: killed by that signal), its whole
    stdout, the first STDERR_KEEP bytes of its stderr and how many bytes of stderr there were."""

    returncode: int
    stdout: bytes
    stderr: bytes
    stderr_total: int


def find_dot() -> str | None:
    return shutil.which("dot")


def max_memory_from_env() -> int:
    """The memory cap in MB from ACMAP_DOT_MAX_MEMORY, else DEFAULT_MAX_MEMORY; 0 means none."""
    raw = os.environ.get(MAX_MEMORY_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_MEMORY
    if not raw.isdigit() or len(raw) > 9:
        raise RenderError(f"{MAX_MEMORY_ENV}={raw[:40]!r}: expected a whole number of MB (0: none)")
    return int(raw)


def run_dot(
    source: str,
    fmt: str,
    timeout: float = DEFAULT_TIMEOUT,
    max_memory: int | None = None,
    layout: Sequence[str] = (),
    estimate: bool = False,
) -> bytes:
    """The diagram for DOT `source` in `fmt` (svg, png or pdf; json0 for a layout to read back);
    `max_memory` in MB (None: from the environment, else the default; 0: no cap); `layout`:
    other layout flags (a diff view's fixed positions: -Kneato -n2); `estimate`: text widths
    from Graphviz's tables rather than measured (estimate.py; for SVG shown in a browser)."""
    if fmt not in (*FORMATS, "json0") or fmt == "dot":
        raise ValueError(f"dot does not make {fmt!r} here")
    cap = max_memory_from_env() if max_memory is None else max_memory
    program = find_dot()
    if program is None:
        raise RenderError(INSTALL_HINT)
    argv = [program, *layout, f"-T{fmt}"]
    if fmt == "png":
        argv.append(f"-Gdpi={PNG_DPI}")
    env = None
    if estimate and fmt == "svg":
        from acmap.render.estimate import environment, estimable, latin_1_tables

        env = environment(program)
        if env is not None and not estimable(source, latin_1_tables(program)):
            env = None
    data = source.encode("utf-8")
    done = _run(argv, data, timeout, cap, env)
    if done.returncode != 0 and _ROUTING_TROUBLE in done.stderr and not _out_of_memory(done):
        # dot's spline router sometimes gives up on edges between distant clusters in large
        # accounts; straight lines are less pretty but always route.
        done = _run([*argv, "-Gsplines=line"], data, timeout, cap, env)
    if done.returncode != 0 or not done.stdout:
        raise RenderError(_failure(done, cap))
    return done.stdout


_ROUTING_TROUBLE = b"libpath/"
# What dot, glib, cairo and the C++ runtime print when an allocation fails.
_MEMORY_WORDS = (
    b"out of memory",
    b"memory allocation",
    b"cannot allocate memory",
    b"failed to allocate",
    b"bad_alloc",
    b"error creating thread",
)
_ASSERTION = re.compile(rb"[^\n]*Assertion [^\n]*failed[^\n]*")
_CRASH_SIGNALS = ("SIGSEGV", "SIGBUS", "SIGABRT", "SIGTRAP", "SIGILL")


def _out_of_memory(done: Done) -> bool:
    lowered = done.stderr.lower()
    return any(word in lowered for word in _MEMORY_WORDS)


def _failure(done: Done, cap: int) -> str:
    """The message for a failed run: memory, a crash, or dot's own first error lines."""
    advice = "use --focus/--view or raise --max-memory"
    crash = _signal_name(done.returncode)
    failed = _ASSERTION.search(done.stderr)
    if failed and not _out_of_memory(done):
        # A bug of Graphviz's own (2.43: merge_chain on some clustered layouts), not the cap.
        where = _visible(failed.group(0).decode("utf-8", errors="replace").strip())[:300]
        return f"Graphviz crashed on this map ({where}); try another --view or --size"
    if cap and (_out_of_memory(done) or crash in _CRASH_SIGNALS):
        if _out_of_memory(done):
            return f"Graphviz ran out of its memory cap ({cap:,} MB) on this map; {advice}"
        return (
            f"Graphviz crashed ({crash}), most likely at its memory cap ({cap:,} MB) on this map;"
            f" {advice}"
        )
    text = done.stderr.decode("utf-8", errors="replace")
    lines = [_visible(line.strip()) for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if line.lower().startswith("error")]
    shown = (errors or lines[-3:])[:3]
    shown = [line if len(line) <= 300 else line[:300] + "…" for line in shown]
    detail = "; ".join(shown) or (f"killed by {crash}" if crash else f"exit code {done.returncode}")
    hidden = done.stderr_total - len("\n".join(shown).encode("utf-8"))
    if hidden > 0 and (done.stderr_total > STDERR_KEEP or len(shown) < len(lines)):
        detail += f" ({hidden:,} more bytes of Graphviz output not shown)"
    return f"dot failed: {detail}"


def _visible(line: str) -> str:
    """dot echoes map text in its errors: control characters (ESC…) shown, not sent."""
    return "".join(ch if ch >= " " and ch != "\x7f" else f"\\x{ord(ch):02x}" for ch in line)


def _signal_name(returncode: int) -> str:
    if returncode >= 0:
        return ""
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"


def _run(
    argv: list[str], data: bytes, timeout: float, cap: int, env: dict[str, str] | None = None
) -> Done:
    """Run `dot` in a session of its own (so the whole group can be killed), under the memory
    cap; feed stdin and drain stdout and stderr on threads, so no pipe can deadlock."""
    posix = os.name == "posix"
    program = argv[0]
    preexec = None
    if posix and cap:
        if os.path.isfile(_SHELL):
            argv = [_SHELL, "-c", _CAPPED.format(kb=cap * 1024), *argv]
        else:
            preexec = _memory_cap(cap)
    try:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=posix,
            env=env,
            preexec_fn=preexec,
        )
    except OSError as exc:
        raise RenderError(f"could not run {program}: {exc.strerror or exc}") from None
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    out: list[bytes] = []
    err: list[bytes] = []
    total = [0]
    threads = [
        threading.Thread(target=_feed, args=(proc.stdin, data), daemon=True),
        threading.Thread(target=_drain, args=(proc.stdout, out, None, total), daemon=True),
        threading.Thread(target=_drain, args=(proc.stderr, err, STDERR_KEEP, total), daemon=True),
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    exited = _exited(proc, posix)
    exited.join(timeout)
    for thread in threads:  # a child left behind may still hold the pipes open
        thread.join(max(0.0, deadline - time.monotonic()))
    finished = not any(thread.is_alive() for thread in (exited, *threads))
    _kill_group(proc, posix)
    if not finished:
        for thread in threads:
            thread.join(_REAP_GRACE)
        raise RenderError(
            f"dot did not finish within {timeout:g} s and was stopped. For a large account try "
            "--view org, or --focus ID --depth 1, or allow longer with --timeout."
        )
    return Done(proc.returncode, b"".join(out), b"".join(err), total[0])


def _exited(proc: subprocess.Popen[bytes], posix: bool) -> threading.Thread:
    """A thread that ends when `dot` exits. On POSIX it does not reap it: while dot is a zombie
    its pid cannot be reused, so killing its process group afterwards hits no stranger."""

    def wait() -> None:
        try:
            if posix and hasattr(os, "waitid"):
                os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
            else:
                proc.wait()
        except ChildProcessError:
            pass  # reaped already
        except OSError:
            proc.wait()

    thread = threading.Thread(target=wait, daemon=True)
    thread.start()
    return thread


_SHELL = "/bin/sh"
# The cap is set by a shell that then becomes `dot` (exec: the same process, in the same group,
# stdin and pipes). A Python preexec_fn would do the same, but it makes subprocess copy this
# whole process with fork for every diagram, where without one it can use vfork: 4-5 ms each.
# A cap above the hard limit fails and leaves the (lower) hard limit in force; a platform
# without RLIMIT_AS runs uncapped, as below.
_CAPPED = 'ulimit -v {kb} 2>/dev/null; exec "$0" "$@"'


def _memory_cap(cap: int) -> Callable[[], None]:
    """What the child runs before exec (where there is no /bin/sh): cap its address space (and its children's) at `cap` MB."""
    import resource

    limit = cap * _MB

    def apply() -> None:
        try:
            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            bound = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (bound, bound))
        except (OSError, ValueError):  # a platform without RLIMIT_AS: run uncapped
            pass

    return apply


def _kill_group(proc: subprocess.Popen[bytes], posix: bool) -> None:
    """Kill whatever is left of `dot` and everything it started (its session's process group:
    also on success, so no child of a wrapper outlives the run), then reap it."""
    if posix:
        with contextlib.suppress(OSError):  # ESRCH: nothing of the group is left
            os.killpg(proc.pid, signal.SIGKILL)
    if proc.poll() is None:  # not POSIX, or the group could not be signalled
        with contextlib.suppress(OSError):
            proc.kill()
    proc.wait()


def _feed(pipe: IO[bytes], data: bytes) -> None:
    try:
        pipe.write(data)
    except (BrokenPipeError, OSError):
        pass  # dot stopped reading: its exit code and stderr say why
    finally:
        with contextlib.suppress(OSError):
            pipe.close()


def _drain(pipe: IO[bytes], into: list[bytes], keep: int | None, total: list[int]) -> None:
    """Read `pipe` to its end; keep everything, or only the first `keep` bytes (then count the
    rest in total[0])."""
    kept = 0
    try:
        while chunk := os.read(pipe.fileno(), _CHUNK):
            if keep is None:
                into.append(chunk)
                continue
            total[0] += len(chunk)
            if kept < keep:
                into.append(chunk[: keep - kept])
                kept += len(into[-1])
    except (OSError, ValueError):
        pass
    finally:
        pipe.close()
