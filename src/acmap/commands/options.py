"""Options and helpers shared by the commands: settings, today, output format, errors, console,
and the shell completions of their values.

`--at REV` on a reading command is one parameter and one call: `at: AtOption = None`, then
`config = settings(at)`. Every map the loader then gives (load_selection, map_files,
open_account, load_account…) comes from that commit, and so does acmap.toml; --today stays the
user's today.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Protocol

import typer

from acmap.analysis.policy import load_settings
from acmap.findings import SEVERITIES
from acmap.model import TIERS
from acmap.report.layout import visible
from acmap.settings import ConfigError, Settings

if TYPE_CHECKING:
    from acmap.findings import Finding
    from acmap.load import Loaded
    from acmap.model import AccountMap

# --- shell completion (Typer's): cheap, read nothing but file names and acmap.toml ----------


def account_ids(incomplete: str) -> list[str]:
    """The account ids of the maps folder of acmap.toml, from the file names alone (no map
    is read). A word that looks like a path gets none: the shell completes it as a file."""
    if "/" in incomplete or incomplete.startswith("."):
        return []
    try:
        maps = load_settings().maps
    except ConfigError:
        return []
    stems: set[str] = set()
    for _, dirs, names in os.walk(maps):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        stems.update(
            name.rsplit(".", 1)[0]
            for name in names
            if name.endswith((".yaml", ".yml")) and not name.startswith(".")
        )
    return [stem for stem in sorted(stems) if stem.startswith(incomplete)]


def rule_words(incomplete: str) -> list[tuple[str, str]]:
    """Every gap rule's code and kebab name, with its summary as the help the shell shows."""
    from acmap.format.codes import GAP_RULES

    words = [(w, c.summary) for c in GAP_RULES.values() for w in (c.code, c.name)]
    return [(w, summary) for w, summary in words if w.lower().startswith(incomplete.lower())]


def choices(*values: str) -> Callable[[str], list[str]]:
    """A completion of one of `values` (formats, severities, tiers)."""

    def complete(incomplete: str) -> list[str]:
        return [v for v in values if v.startswith(incomplete)]

    return complete


complete_tier = choices(*TIERS)
complete_severity = choices(*SEVERITIES)
complete_level = choices(*SEVERITIES, "never")  # --fail-on


TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        help="Pretend today is this date (YYYY-MM-DD); also ACMAP_TODAY or today= in acmap.toml.",
        show_default=False,
    ),
]
AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="REV",
        help="Read the maps as they were at this git revision or date (YYYY-MM-DD).",
        show_default=False,
    ),
]
OpportunityOption = Annotated[
    str | None,
    typer.Option(
        "--opportunity",
        metavar="DEAL",
        help="Draw only this opportunity's buying committee, with the roles of that deal.",
        show_default=False,
    ),
]
PathsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="Map files, folders or account ids (default: the maps folder).",
        show_default=False,
        autocompletion=account_ids,
    ),
]
TABLE_FORMATS = ("text", "json", "csv")  # a table of rows: list, partners
TableFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="text, json or csv.",
        show_default=False,
        autocompletion=choices(*TABLE_FORMATS),
    ),
]
REPORT_FORMATS = ("text", "json")  # a report for people, or the same facts for machines
ReportFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="text or json.",
        show_default=False,
        autocompletion=choices(*REPORT_FORMATS),
    ),
]
AccountArgument = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="An account id, or the path of a map file.",
        show_default=False,
        autocompletion=account_ids,
    ),
]


class Checked(Protocol):
    """A selection, or a pipeline's result: the findings of the files it read."""

    @property
    def findings(self) -> list[Finding]: ...


class Read(Protocol):
    """A selection, or a pipeline's result: the paths it could not read."""

    @property
    def unreadable(self) -> list[str]: ...


def fail(message: str, code: int = 2) -> NoReturn:
    """A one-line error on stderr and the documented exit code: never a traceback."""
    sys.stderr.write(f"acmap: {visible(message)}\n")
    raise typer.Exit(code)


def refuse_to_overwrite(paths: Iterable[Path]) -> None:
    """Exit 2 naming the first of `paths` that exists: writing commands replace a file only
    with --force. Called before the work, so a refusal leaves nothing half done."""
    existing = [p for p in paths if os.path.lexists(p)]
    if len(existing) == 1:
        fail(f"{existing[0]} exists; add --force to replace it")
    if existing:
        from acmap.words import plural

        others = plural(len(existing) - 1, "other file")
        fail(f"{existing[0]} and {others} exist; add --force to replace them")


def refuse_map_errors(errors: list[Finding], what: str) -> NoReturn:
    """List a map's errors on stderr, say nothing was `what` (rendered, exported), exit 1."""
    from acmap.report.diagrams import error_lines

    sys.stderr.write(error_lines(errors))
    sys.stderr.write(f"acmap: the map has errors (see `acmap validate`); nothing {what}\n")
    raise typer.Exit(1)


def report_left_out(selection: Checked) -> None:
    """For commands whose output has no room for findings: how many map files with errors
    were left out of it."""
    broken = {f.file for f in selection.findings if f.severity == "error"}
    if broken:
        from acmap.words import plural

        sys.stderr.write(
            f"acmap: {plural(len(broken), 'map file')} with errors left out (run acmap validate)\n"
        )


def exit_if_unreadable(selection: Read) -> None:
    """Name every path that could not be read, then exit 2: a CI run must not pass on maps
    it never saw."""
    for problem in selection.unreadable:
        sys.stderr.write(f"acmap: {visible(problem)}\n")
    if selection.unreadable:
        raise typer.Exit(2)


class Outcome(Checked, Read, Protocol):
    """A command's result that has both: what it checked and what it could not read."""


def print_report(kind: str, chosen: str, result: Outcome) -> None:
    """The report of `kind` in the `chosen` format; then, on stderr, how many maps with errors it
    left out; then every path it could not read, and exit 2 if there was one."""
    from acmap.report import reporter

    reporter(kind, chosen)(result)
    report_left_out(result)
    exit_if_unreadable(result)


def settings(at: str | None = None) -> Settings:
    """acmap.toml's settings; with `at` (--at REV), those of that commit, whose files every map
    is then read from. Exit 2 with the message when they cannot be had."""
    if at is None:
        try:
            return load_settings()
        except ConfigError as exc:
            fail(str(exc))
    from acmap.git import GitError

    try:
        return load_settings(at=at)
    except ConfigError as exc:
        fail(str(exc))
    except GitError as exc:
        fail(f"--at {at}: {exc}")


def today_for(config: Settings, cli_value: str | None) -> date:
    """--today beats ACMAP_TODAY beats acmap.toml's today beats the real date."""
    for source, value in (("--today", cli_value), ("ACMAP_TODAY", os.environ.get("ACMAP_TODAY"))):
        if value:
            try:
                return date.fromisoformat(value)
            except ValueError:
                fail(f"{source}: {value!r} is not a date (expected YYYY-MM-DD)")
    return config.today or date.today()


def pick_format(requested: str | None, allowed: tuple[str, ...]) -> str:
    """The output format: as asked, else github inside GitHub Actions, else text."""
    if requested is None:
        if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in allowed:
            return "github"
        return "text"
    if requested not in allowed:
        fail(f"--format {requested!r}: expected one of {', '.join(allowed)}")
    return requested


def check_choice(option: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        from acmap.words import did_you_mean

        hint = did_you_mean(value, allowed)
        fail(f"{option} {value!r}: expected one of {', '.join(allowed)}{hint}")


def load_account_file(account: str, config: Settings) -> Loaded:
    """The one map file `account` (an id or a path) names, through acmap.load's door, errors and
    all; exit 2 when it names none, several, an unreadable file or one outside the project."""
    from acmap.load import LoadError, open_account

    try:
        return open_account(account, config)
    except LoadError as exc:
        fail(str(exc))


def load_account(account: str, config: Settings) -> AccountMap:
    """The map of `account`; exit 2 when it cannot be used or has errors."""
    from acmap.load import LoadError, require_map

    try:
        return require_map(load_account_file(account, config))
    except LoadError as exc:
        fail(str(exc))
