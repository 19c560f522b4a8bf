"""`dot` runs under limits, as the map decides how much work it does: an address-space cap (a map
that would take gigabytes fails at the cap with a clear message) and a bounded read of its stderr
(50 MB of Graphviz chatter is not echoed)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests.helpers import fake_dot, run_acmap

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")


def write_big_map(root: Path, people: int = 20_000) -> Path:
    """A 1.3 MB map of 20,000 people in 50 units, three reports each: the red team's size."""
    lines = ["acmap: 1", "account:", "  id: big", "  name: Big Co", "units:"]
    lines += [f"  - {{id: u{i}, name: Unit {i}}}" for i in range(50)]
    lines.append("stakeholders:")
    for i in range(people):
        boss = f", reports_to: p{(i - 1) // 3}" if i else ""
        lines.append(f"  - {{id: p{i}, name: Person {i}, unit: u{i % 50}{boss}}}")
    path = root / "maps" / "big.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@needs_dot
def test_a_huge_map_fails_at_the_memory_cap_with_a_clear_message(tmp_path: Path) -> None:
    account = write_big_map(tmp_path)
    out = tmp_path / "big.svg"
    started = time.monotonic()
    result = run_acmap(
        "render", str(account), "-o", str(out), "--max-memory", "200", "--timeout", "50",
        cwd=tmp_path,
    )  # fmt: skip
    elapsed = time.monotonic() - started
    assert result.code == 2, result.err
    # dot either says "out of memory" or dies of a signal before its stderr is flushed (seen
    # under load); both name the cap and the way out.
    assert "memory cap (200 MB) on this map; use --focus/--view or raise --max-memory" in result.err
    assert "--focus/--view or raise --max-memory" in result.err
    assert "did not finish" not in result.err  # the cap stopped it, not the clock
    assert "Traceback" not in result.err
    assert elapsed < 50  # within --timeout: the cap stopped dot, not the clock
    assert not out.exists()


@pytest.mark.parametrize(
    ("option", "env", "limit"),
    [
        ([], {}, str(2048 * 1024)),
        (["--max-memory", "300"], {}, str(300 * 1024)),
        ([], {"ACMAP_DOT_MAX_MEMORY": "300"}, str(300 * 1024)),
        (["--max-memory", "0"], {"ACMAP_DOT_MAX_MEMORY": "300"}, "unlimited"),
    ],
)
def test_dot_runs_under_the_cap_from_the_option_or_the_environment(
    tmp_path: Path, option: list[str], env: dict[str, str], limit: str
) -> None:
    """The cap is the child's own address-space limit (`ulimit -v`, in kB), set before it runs."""
    env = {
        **env,
        **fake_dot(tmp_path, 'cat >/dev/null\necho "Error: cap $(ulimit -v)" >&2\nexit 1\n'),
    }
    result = run_acmap("render", "halcyon-bank", "-o", str(tmp_path / "h.svg"), *option, env=env)
    assert result.code == 2
    assert f"dot failed: Error: cap {limit}\n" in result.err


def test_the_limits_are_in_render_help() -> None:
    result = run_acmap("render", "--help")
    assert result.code == 0
    assert "--max-memory" in result.out
    assert "ACMAP_DOT_MAX_MEMORY" in result.out
    assert "64 kB" in result.out


def test_fifty_megabytes_of_graphviz_stderr_are_not_echoed(tmp_path: Path) -> None:
    env = fake_dot(
        tmp_path,
        "cat >/dev/null\n"
        "echo 'Error: the first complaint' >&2\n"
        "head -c 50000000 /dev/zero | tr '\\000' x >&2\n"
        "exit 1\n",
    )
    started = time.monotonic()
    result = run_acmap(
        "render", "halcyon-bank", "-o", str(tmp_path / "h.svg"), "--timeout", "50", env=env
    )
    assert result.code == 2, result.err[:2000]
    assert len(result.err) < 10_000
    assert "dot failed: Error: the first complaint" in result.err
    assert "more bytes of Graphviz output not shown" in result.err
    assert "Traceback" not in result.err
    assert time.monotonic() - started < 30


def test_a_dot_that_floods_both_pipes_before_reading_does_not_deadlock(tmp_path: Path) -> None:
    """dot writes megabytes to stdout and stderr before it reads its input: acmap feeds stdin and
    drains both pipes at once, so the diagram still arrives."""
    env = fake_dot(
        tmp_path,
        "head -c 5000000 /dev/zero | tr '\\000' x >&2\n"
        "printf '<svg>' ; head -c 5000000 /dev/zero | tr '\\000' ' '\n"
        "cat >/dev/null\n"
        "printf '</svg>'\n",
    )
    out = tmp_path / "h.svg"
    result = run_acmap("render", "halcyon-bank", "-o", str(out), "--timeout", "50", env=env)
    assert result.code == 0, result.err[:2000]
    data = out.read_bytes()
    assert data.startswith(b"<svg>") and data.endswith(b"</svg>")
    assert len(data) == 5_000_011


def test_control_characters_in_graphviz_errors_are_made_visible(tmp_path: Path) -> None:
    env = fake_dot(
        tmp_path, "cat >/dev/null\nprintf 'Error: near \\033]0;owned\\007 here\\n' >&2\nexit 1\n"
    )
    result = run_acmap("render", "halcyon-bank", "-o", str(tmp_path / "h.svg"), env=env)
    assert result.code == 2
    assert "\x1b" not in result.err and "\x07" not in result.err
    assert "\\x1b]0;owned\\x07" in result.err


def test_a_graphviz_assertion_is_reported_as_its_own_crash_not_the_memory_cap(
    tmp_path: Path,
) -> None:
    """Graphviz 2.43 aborts on some clustered layouts (merge_chain); that is not the cap."""
    account = tmp_path / "maps" / "small.yaml"
    account.parent.mkdir(parents=True)
    account.write_text(
        "acmap: 1\naccount: {id: small, name: Small}\nstakeholders:\n  - {id: a, name: A}\n",
        encoding="utf-8",
    )
    script = (
        "cat >/dev/null\n"
        'echo "dot: class2.c:148: merge_chain: Assertion \\`ED_to_virt(e) == NULL\' failed." >&2\n'
        "kill -ABRT $$\n"
    )
    env = fake_dot(tmp_path, script)
    done = run_acmap("render", str(account), "-o", str(tmp_path / "out.svg"), cwd=tmp_path, env=env)
    assert done.code == 2
    assert "Graphviz crashed on this map (dot: class2.c:148: merge_chain: Assertion" in done.err
    assert "memory cap" not in done.err
    assert "Traceback" not in done.err
