"""Run the README's ```console examples and compare what they print with what the README shows.

    python tests/readme_transcripts.py README.md             # check; exit 1 with a diff when stale
    python tests/readme_transcripts.py --update README.md    # rewrite the outputs shown

The conventions of a ```console block (```sh and ```text blocks are never run):

- A line starting with `$ ` is a command; the lines after it, up to the next `$ ` line or the end
  of the block, are what it prints: stdout and stderr together, in the order they were written.
  A command line ending in ` \\` continues on the next line. Trailing blank lines are ignored
  (on both sides) and trailing spaces of every line too.
- A line that is only `…` (indented or not) stands for any number of lines, none included.
  A line ending in `…` stands for any line that starts with the text before the `…`.
- A command is expected to exit 0. A last output line `[exit N]` says it exits N instead.
- Every command runs once, through `bash -c`, from the root of ONE fresh copy of the repository:
  the files `git ls-files` lists, copied from the work tree into a temporary folder that is made a
  git repository with one commit (as a fresh clone is, so `acmap diff` works). Untracked files are
  not copied, so they cannot make an example pass. Blocks run top to bottom and commands in order,
  so a command sees the files earlier ones wrote (`new`, `init`, `fmt`, `import`, `render -o`,
  `cp`); a `cd` lasts for its own command line only.
- The environment is a rep's after `. .venv/bin/activate`: the venv's bin first on PATH, with the
  copy's `src` on PYTHONPATH (so the copy's code runs, not the code the venv was installed from);
  output piped (plain, no colour), NO_COLOR=1, COLUMNS=100, HOME and the acmap cache in the
  temporary folder, and no GITHUB_ACTIONS, ACMAP_TODAY or XDG_* from the caller's environment.
  In what a command prints, the copy's absolute path is shown as `.` and HOME's as `~`.

The updater (`--update`) replaces each command's output with what it prints today and keeps the
`…` elisions where they are: the lines before the first `…` follow the start of the output, the
lines after the last `…` its end, and each run of lines between two elisions moves to where it
matches best. A block whose elisions cannot be placed is left as it is and reported (exit 1).
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ELISION = "…"
REPO = Path(__file__).resolve().parent.parent
COMMAND_TIMEOUT = 120  # seconds; one slow command must not hang the test run
# The terminal the README's outputs are shown for.
COLUMNS = "100"


# --- the README's console blocks -------------------------------------------------------------


@dataclass
class Command:
    """One `$ command` of a console block and the output lines the README shows for it."""

    line: int  # 1-based line of the `$ ` in the README
    text: str  # the shell command, continuation lines joined
    source: list[str]  # the README lines of the command itself (`$ …` and continuations)
    shown: list[str]  # the output lines, `[exit N]` and trailing blank lines included

    @property
    def expected(self) -> list[str]:
        """The output lines to match: without the `[exit N]` line and trailing blank lines."""
        lines = _strip_blank_tail(self.shown)
        if lines and _exit_line(lines[-1]) is not None:
            lines = _strip_blank_tail(lines[:-1])
        return lines

    @property
    def exit_code(self) -> int:
        lines = _strip_blank_tail(self.shown)
        code = _exit_line(lines[-1]) if lines else None
        return 0 if code is None else code

    @property
    def blank_tail(self) -> int:
        """How many blank lines end the shown output (kept by the updater: they are layout)."""
        return len(self.shown) - len(_strip_blank_tail(self.shown))


@dataclass
class Block:
    start: int  # 0-based index of the opening fence line
    end: int  # 0-based index of the closing fence line
    commands: list[Command] = field(default_factory=list)


def _strip_blank_tail(lines: list[str]) -> list[str]:
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    return lines[:end]


def _exit_line(line: str) -> int | None:
    text = line.strip()
    if text.startswith("[exit ") and text.endswith("]") and text[6:-1].strip().isdigit():
        return int(text[6:-1])
    return None


def parse_blocks(lines: list[str]) -> list[Block]:
    """The ```console blocks of a Markdown text (as lines without their line breaks)."""
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        fence = lines[i].strip()
        if not fence.startswith("```"):
            i += 1
            continue
        end = i + 1
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        if fence[3:].strip() == "console":
            if end == len(lines):
                raise ValueError(f"line {i + 1}: this ```console block is never closed")
            blocks.append(_parse_block(lines, i, end))
        i = end + 1
    return blocks


def _parse_block(lines: list[str], start: int, end: int) -> Block:
    block = Block(start, end)
    i = start + 1
    while i < end:
        line = lines[i]
        if not line.startswith("$ "):
            if block.commands:
                block.commands[-1].shown.append(line)
            elif line.strip():
                raise ValueError(f"line {i + 1}: a console block starts with `$ command`: {line!r}")
            i += 1
            continue
        source = [line]
        text = line[2:]
        while text.endswith("\\") and i + 1 < end:
            i += 1
            source.append(lines[i])
            text = text + "\n" + lines[i]  # bash joins a backslash-newline itself
        block.commands.append(Command(i + 2 - len(source), text, source, []))
        i += 1
    return block


# --- matching with elisions -------------------------------------------------------------------


def _is_elision(line: str) -> bool:
    return line.strip() == ELISION


def _line_matches(pattern: str, actual: str) -> bool:
    if pattern.endswith(ELISION):
        return actual.startswith(pattern[: -len(ELISION)])
    return pattern == actual


def matches(pattern: list[str], actual: list[str]) -> bool:
    """Whether output lines match the shown lines, `…` elisions included."""
    pattern = [p.rstrip() for p in pattern]
    actual = [a.rstrip() for a in actual]
    memo: dict[tuple[int, int], bool] = {}

    def match(p: int, a: int) -> bool:
        if (p, a) not in memo:
            if p == len(pattern):
                result = a == len(actual)
            elif _is_elision(pattern[p]):
                result = any(match(p + 1, k) for k in range(a, len(actual) + 1))
            else:
                result = a < len(actual) and _line_matches(pattern[p], actual[a])
                result = result and match(p + 1, a + 1)
            memo[p, a] = result
        return memo[p, a]

    return match(0, 0)


# --- running ----------------------------------------------------------------------------------


@dataclass
class Run:
    command: Command
    output: list[str]  # what it printed, trailing spaces and blank lines stripped
    exit_code: int

    @property
    def ok(self) -> bool:
        expected = [line.rstrip() for line in self.command.expected]
        return self.exit_code == self.command.exit_code and matches(expected, self.output)


def fresh_copy(repo: Path, into: Path) -> Path:
    """Copy the files git tracks in `repo` (as they are in its work tree) into a new git repo."""
    listed = subprocess.run(
        ["git", "-C", str(repo), "ls-files", "-z", "--cached"],
        capture_output=True,
        check=True,
    ).stdout
    for name in listed.decode("utf-8", "surrogateescape").split("\0"):
        source = repo / name
        if not name or not (source.is_file() or source.is_symlink()):
            continue  # deleted in the work tree, or a submodule
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
    env = _git_env()
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["commit", "-q", "-m", "A fresh clone of the README's repository"],
    ):
        subprocess.run(["git", *args], cwd=into, env=env, capture_output=True, check=True)
    return into


def _git_env() -> dict[str, str]:
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": "README Rep",
        "GIT_AUTHOR_EMAIL": "rep@seller.example",
        "GIT_COMMITTER_NAME": "README Rep",
        "GIT_COMMITTER_EMAIL": "rep@seller.example",
        "GIT_AUTHOR_DATE": "2026-11-20T09:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-11-20T09:00:00+00:00",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }


def venv_bin(repo: Path) -> Path:
    """The folder `. .venv/bin/activate` puts first on PATH (else the running Python's)."""
    candidate = repo / ".venv" / "bin"
    return candidate if (candidate / "python").exists() else Path(sys.executable).parent


# What the caller's environment must not decide: CI mode, a pinned today, colour, other code.
DROPPED = (
    "GITHUB_ACTIONS",
    "ACMAP_TODAY",
    "ACMAP_JOBS",
    "FORCE_COLOR",
    "PYTHONPATH",
    "CLICOLOR_FORCE",
)


def shell_env(copy: Path, bin_dir: Path, scratch: Path) -> dict[str, str]:
    env = {k: v for k, v in _git_env().items() if k not in DROPPED and not k.startswith("XDG_")}
    home = scratch / "home"
    home.mkdir(exist_ok=True)
    env.update(
        {
            "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', os.defpath)}",
            "VIRTUAL_ENV": str(bin_dir.parent),
            "PYTHONPATH": str(copy / "src"),
            "PYTHONUNBUFFERED": "1",  # stdout and stderr interleave as on a terminal
            "NO_COLOR": "1",
            "COLUMNS": COLUMNS,
            "TERM": "dumb",
            # An example may install completion or write settings: never into the real home.
            "HOME": str(home),
            "LC_ALL": "C.UTF-8",
            "ACMAP_CACHE_DIR": str(scratch / "cache"),
            "ACMAP_CACHE_KEY": str(scratch / "cache.key"),
        }
    )
    return env


def run_commands(blocks: list[Block], repo: Path = REPO) -> list[Run]:
    """Run every command of `blocks`, in order, in one fresh copy of `repo`."""
    with tempfile.TemporaryDirectory(prefix="acmap-readme-") as scratch_name:
        scratch = Path(scratch_name)
        copy = fresh_copy(repo, scratch / "repo")
        env = shell_env(copy, venv_bin(repo), scratch)
        # The temporary folder's name changes with every run: shown as `.` and `~` instead.
        places = {str(copy): ".", env["HOME"]: "~"}
        places.update({str(Path(k).resolve()): v for k, v in places.items()})
        runs = []
        for block in blocks:
            for command in block.commands:
                runs.append(_run(command, copy, env, places))
        return runs


def _run(command: Command, cwd: Path, env: dict[str, str], places: dict[str, str]) -> Run:
    try:
        done = subprocess.run(
            ["bash", "-c", command.text],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=COMMAND_TIMEOUT,
        )
        text, code = done.stdout.decode("utf-8", "backslashreplace"), done.returncode
    except subprocess.TimeoutExpired as timeout:
        partial = timeout.stdout or b""
        text = partial.decode("utf-8", "backslashreplace")
        text += f"\n(the README tester stopped it after {COMMAND_TIMEOUT} s)"
        code = -1
    for place in sorted(places, key=len, reverse=True):
        text = text.replace(place, places[place])
    # Split at \n only, as the README's lines are: a line may hold \u2028 or a form feed.
    output = _strip_blank_tail([line.rstrip() for line in text.split("\n")])
    return Run(command, output, code)


# --- reporting --------------------------------------------------------------------------------


def describe_failure(run: Run, readme: str) -> str:
    """A failing command as a unified diff: README (what it shows) → today (what it prints)."""
    command = run.command
    shown = [line.rstrip() for line in command.expected]
    if command.exit_code:
        shown.append(f"[exit {command.exit_code}]")
    printed = list(run.output)
    if run.exit_code:
        printed.append(f"[exit {run.exit_code}]")
    diff = difflib.unified_diff(
        shown, printed, f"{readme}:{command.line} (shown)", "printed today", lineterm="", n=2
    )
    header = f"{readme}:{command.line}: $ {command.text}"
    if command.exit_code != run.exit_code:
        header += f"\n  exit {run.exit_code}, the README says {command.exit_code}"
    return header + "\n" + "\n".join("  " + line for line in diff)


# --- the updater ------------------------------------------------------------------------------


class CannotPlace(Exception):
    """The elisions of a command's shown output cannot be placed in what it prints today."""


def _segments(pattern: list[str]) -> list[list[str] | None]:
    """Shown lines split at elisions: runs of lines, with None for each `…` line."""
    parts: list[list[str] | None] = []
    for line in pattern:
        if _is_elision(line):
            parts.append(None)
        elif parts and parts[-1] is not None:
            parts[-1].append(line)
        else:
            parts.append([line])
    return parts


def _similarity(pattern: list[str], actual: list[str]) -> float:
    """How alike two runs of lines are, 0..1 (a line ending in `…` compares only its prefix)."""
    total = 0.0
    for p, a in zip(pattern, actual, strict=True):
        if p.endswith(ELISION):
            p, a = p[: -len(ELISION)], a[: len(p) - len(ELISION)]
        total += difflib.SequenceMatcher(None, p, a).ratio()
    return total / len(pattern)


def _follow(pattern: str, actual: str) -> str:
    """The shown line for `actual`: itself, or cut where the shown line's `…` cut it."""
    if not pattern.endswith(ELISION) or _is_elision(pattern):
        return actual
    prefix = pattern[: -len(ELISION)]
    if actual.startswith(prefix):
        return pattern
    cut = len(prefix)
    # Cut at a word's end, not inside it, so the elided line still reads.
    while cut < len(actual) and actual[cut - 1 : cut] not in (" ", ""):
        cut += 1
    if cut >= len(actual):
        return actual
    return actual[:cut] + ELISION


def updated_output(pattern: list[str], actual: list[str]) -> list[str]:
    """The shown lines for `actual` output, with the elisions of `pattern` kept in place."""
    pattern = [p.rstrip() for p in pattern]
    if matches(pattern, actual):
        return pattern
    if not any(p.endswith(ELISION) for p in pattern):
        return list(actual)
    parts = _segments(pattern)
    spans: dict[int, tuple[int, int]] = {}  # part → the output lines it stands for
    low, high = 0, len(actual)
    if len(parts) == 1:  # no `…` line, only lines cut short with one
        return _follow_run(parts[0] or [], actual)
    # The lines before the first `…` follow the start of the output, those after the last its end;
    # the runs between two elisions go where they match best, in order.
    if parts[0] is not None:
        spans[0] = _place(parts[0], actual, low, high, at_start=True)
        low = spans[0][1]
    if len(parts) > 1 and parts[-1] is not None:
        spans[len(parts) - 1] = _place(parts[-1], actual, low, high, at_end=True)
        high = spans[len(parts) - 1][0]
    for k, part in enumerate(parts):
        if part is not None and k not in spans:
            spans[k] = _place(part, actual, low, high)
            low = spans[k][1]
    new: list[str] = []
    for k, part in enumerate(parts):
        if part is None:
            new.append(ELISION)
        elif spans[k][0] == spans[k][1]:
            raise CannotPlace(
                f"nothing printed is left for the lines shown from {part[0].strip()!r}"
            )
        else:
            new.extend(_follow_run(part, actual[spans[k][0] : spans[k][1]]))
    if not matches(new, actual):
        raise CannotPlace("the shown lines, updated, would still not match what is printed")
    return new


def _place(
    part: list[str],
    actual: list[str],
    low: int,
    high: int,
    at_start: bool = False,
    at_end: bool = False,
) -> tuple[int, int]:
    """Where in actual[low:high] a run of shown lines now lies, as (start, end)."""
    region = actual[low:high]
    matcher = difflib.SequenceMatcher(None, part, region, autojunk=False)
    blocks = _densest(b for b in matcher.get_matching_blocks() if b.size)
    start, end = -1, -1
    if blocks:
        # From the first line that still matches to the last, widened by the shown lines around
        # them that changed.
        start = max(0, blocks[0].b - blocks[0].a)
        last = blocks[-1]
        end = min(len(region), last.b + last.size + len(part) - last.a - last.size)
        if end - start > 3 * len(part) + 5:  # matched lines scattered all over: not this run
            start = end = -1
    if start < 0:
        best = 0.0
        for at in range(0, len(region) - len(part) + 1):
            score = _similarity(part, region[at : at + len(part)])
            if score > best:
                best, start, end = score, at, at + len(part)
        if best < 0.5 and not (at_start or at_end):
            raise CannotPlace(f"nothing printed is like the lines shown from {part[0].strip()!r}")
        if start < 0:
            start, end = 0, min(len(part), len(region))
    if at_start:
        start = 0
    if at_end:
        end = len(region)
    return low + start, low + end


def _densest(blocks: Iterable[difflib.Match]) -> list[difflib.Match]:
    """The matched lines that lie together, without strays matched far away.

    A short line such as `│   Natarajan` can match in another person's entry; the run of shown
    lines is where most of its lines match close together.
    """
    clusters: list[list[difflib.Match]] = []
    for block in blocks:
        if clusters:
            last = clusters[-1][-1]
            gap_shown, gap_printed = block.a - last.a - last.size, block.b - last.b - last.size
            if gap_printed - gap_shown <= 3:
                clusters[-1].append(block)
                continue
        clusters.append([block])
    return max(clusters, key=lambda c: sum(b.size for b in c), default=[])


def _follow_run(part: list[str], printed: list[str]) -> list[str]:
    """The printed lines, each cut where the shown line it replaces was cut with `…`."""
    shown_for: dict[int, str] = {}
    matcher = difflib.SequenceMatcher(None, part, printed, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "replace" and a1 - a0 == b1 - b0:
            shown_for.update(zip(range(b0, b1), part[a0:a1], strict=True))
    return [_follow(shown_for.get(j, ""), line) for j, line in enumerate(printed)]


def _elision_styles(pattern: list[str]) -> list[str]:
    return [p for p in pattern if _is_elision(p)]


def update_readme(text: str, runs: list[Run], readme: str = "README.md") -> tuple[str, list[str]]:
    """The README with every command's shown output replaced by what it printed.

    A block with an elision that cannot be placed is left as it is, whole. Returns the new text
    and one message per command whose elisions could not be placed.
    """
    lines = text.split("\n")
    by_line = {run.command.line: run for run in runs}
    problems: list[str] = []
    out: list[str] = []
    i = 0
    for block in parse_blocks(lines):
        out.extend(lines[i : block.start])
        new, why = _updated_block(block, lines, by_line)
        if why:
            problems.extend(
                f"{readme}:{line}: {text}; the block is left as it is" for line, text in why
            )
            new = lines[block.start : block.end + 1]
        out.extend(new)
        i = block.end + 1
    out.extend(lines[i:])
    return "\n".join(out), problems


def _updated_block(
    block: Block, lines: list[str], by_line: dict[int, Run]
) -> tuple[list[str], list[tuple[int, str]]]:
    """A console block's lines with today's outputs, and the commands that could not be updated."""
    out = [lines[block.start]]
    problems: list[tuple[int, str]] = []
    for command in block.commands:
        out.extend(command.source)
        run = by_line.get(command.line)
        if run is None or run.ok:
            out.extend(command.shown)
            continue
        try:
            shown = _with_elision_indents(command.expected, run.output)
        except CannotPlace as why:
            problems.append((command.line, f"$ {command.text}: {why}"))
            continue
        if run.exit_code:
            shown.append(f"[exit {run.exit_code}]")
        out.extend(shown)
        out.extend([""] * command.blank_tail)
    out.append(lines[block.end])
    return out, problems


def _with_elision_indents(pattern: list[str], actual: list[str]) -> list[str]:
    """updated_output, keeping each `…` line exactly as written (its indentation too)."""
    styles = iter(_elision_styles(pattern))
    return [next(styles) if _is_elision(line) else line for line in updated_output(pattern, actual)]


# --- command line -----------------------------------------------------------------------------


def check(readme: Path, repo: Path = REPO) -> tuple[list[Run], list[str]]:
    """Run the README's examples; return the runs and a description of each failure."""
    blocks = parse_blocks(readme.read_text(encoding="utf-8").split("\n"))
    runs = run_commands(blocks, repo)
    return runs, [describe_failure(run, readme.name) for run in runs if not run.ok]


def main(argv: list[str]) -> int:
    update = "--update" in argv
    names = [a for a in argv if a != "--update"]
    if len(names) != 1 or names[0].startswith("-"):
        print("usage: python tests/readme_transcripts.py [--update] README.md", file=sys.stderr)
        return 2
    readme = Path(names[0]).resolve()
    repo = readme.parent
    try:
        runs, failures = check(readme, repo)
    except (OSError, ValueError, subprocess.CalledProcessError) as why:
        print(f"{names[0]}: {why}", file=sys.stderr)
        return 2
    if not update:
        print("\n\n".join(failures) if failures else f"{len(runs)} README commands: all as shown")
        return 1 if failures else 0
    text = readme.read_text(encoding="utf-8")
    new, problems = update_readme(text, runs, names[0])
    if new != text:
        readme.write_text(new, encoding="utf-8")
    changed = len(failures) - len(problems)
    print(f"{len(runs)} README commands: {changed} updated, {len(problems)} left as they were")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
