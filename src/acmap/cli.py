"""The `acmap` entry point: builds the Typer app and dispatches. No logic lives here."""

from __future__ import annotations

import contextlib
import functools
import importlib
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import typer
import typer.main

from acmap import __version__

# Each name is a module in acmap.commands exposing register(app). Command modules import their
# heavy dependencies inside the command function, so listing them here keeps start-up fast.
COMMANDS = (
    "validate",
    "schema",
    "render",
    "gaps",
    "list",
    "show",
    "diff",
    "fmt",
    "new",
    "init",
    "path",
    "partners",
    "people",
    "whatif",
    "import_",
    "export",
    "why",
    "qualify",
    "actions",
    "history",
    "site",
)


# --help: what each option's value is (Typer would say <str>), by its long name, and a few
# real command lines per command. Kept here, in one place, so command modules stay thin.
METAVARS = {
    "--format": "FORMAT",
    "--today": "DATE",
    "--owner": "OWNER",
    "--tier": "TIER",
    "--severity": "LEVEL",
    "--fail-on": "LEVEL",
    "--fail-on-new": "LEVEL",
    "--rule": "CODE",
    "--sort": "KEY",
    "--name": "NAME",
    "--top": "N",
    "--partner": "ID",
    "--account": "ID",
    "--column": "COLUMN=FIELD",
    "--encoding": "ENCODING",
    "--output": "PATH",
    "--view": "VIEW",
    "--size": "SIZE",
    "--focus": "ID",
    "--depth": "N",
    "--timeout": "SECONDS",
    "--max-memory": "MB",
    "--due-before": "DATE",
    "--status": "STATUS",
    "--set": "PERSON.FIELD=VALUE",
    "--remove": "PERSON",
    "--since": "DATE|REV",
    "--until": "DATE|REV",
    "--by": "PERIOD",
}
ARGUMENT_METAVARS = {
    "paths": "[PATH]...",
    "target": "[ID]...",
    "account": "ID",
    "folder": "[DIR]",
    "stakeholder": "STAKEHOLDER",
    "field": "[FIELD]",
}
EXAMPLES = {
    "validate": (
        "acmap validate",
        "acmap validate maps/halcyon-bank.yaml --strict",
        "acmap validate -f json",
    ),
    "schema": ("acmap schema -o acmap.schema.json", "acmap schema > schema.json"),
    "render": (
        "acmap render halcyon-bank -o diagrams/halcyon-bank.svg",
        "acmap render halcyon-bank --view influence --focus cio -o cio.png",
        "acmap render --all -o diagrams",
        "acmap render halcyon-bank -f dot",
    ),
    "gaps": (
        "acmap gaps",
        "acmap gaps halcyon-bank --severity warning",
        "acmap gaps --rule G101 --rule G2 --tier key",
        "acmap gaps --fail-on error -f github",
    ),
    "list": (
        "acmap list",
        "acmap list --sort score --owner dana",
        "acmap list -f csv > portfolio.csv",
    ),
    "show": ("acmap show halcyon-bank", "acmap show maps/halcyon-bank.yaml --today 2026-12-01"),
    "diff": (
        "acmap diff",
        "acmap diff main",
        "acmap diff origin/main...HEAD --fail-on-new error",
        "acmap diff HEAD~3 HEAD -- maps/halcyon-bank.yaml",
    ),
    "fmt": ("acmap fmt", "acmap fmt --check", "acmap fmt --diff maps/halcyon-bank.yaml"),
    "new": (
        "acmap new globex --name 'Globex Corp' --owner dana",
        "acmap new initech --name Initech --tier strategic",
    ),
    "init": ("acmap init", "acmap init accounts"),
    "path": (
        "acmap path halcyon-bank ceo cio",
        "acmap path halcyon-bank kofi cio --top 1",
        "acmap path lumen-robotics partner:stratus-cloud ceo -f json",
    ),
    "partners": ("acmap partners", "acmap partners --partner northwind-si -f csv"),
    "people": ("acmap people", "acmap people 'Mary Lee'", "acmap people -f json"),
    "whatif": (
        "acmap whatif halcyon-bank --set cfo.stance=blocker",
        "acmap whatif halcyon-bank --remove cio --set ceo.roles=economic_buyer,decision_maker",
    ),
    "import": (
        "acmap import contacts.csv --account halcyon-bank --dry-run",
        "acmap import contacts.csv -a halcyon-bank -c 'Mobile=phone' --encoding cp1252",
    ),
    "export": (
        "acmap export > stakeholders.csv",
        "acmap export halcyon-bank -f json -o people.json",
    ),
    "why": (
        "acmap why halcyon-bank cio",
        "acmap why halcyon-bank cio stance",
        "acmap why maps/halcyon-bank.yaml cio -f json",
    ),
    "qualify": (
        "acmap qualify",
        "acmap qualify halcyon-bank -f json",
        "acmap qualify --fail-on-gate",
    ),
    "actions": (
        "acmap actions --owner dana",
        "acmap actions --due-before 2027-01-01 -f csv",
        "acmap actions --owner dana -f ics > plan.ics",
    ),
    "history": (
        "acmap history",
        "acmap history halcyon-bank --since 2026-09-01",
        "acmap history --by month -o trend.svg",
        "acmap history --since v1.0 -f csv > history.csv",
    ),
    "site": ("acmap site -o site", "acmap site maps/ -o public --today 2026-12-01"),
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"acmap {__version__}")
        raise typer.Exit()


def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Account maps as code."""


def make_app(commands: tuple[str, ...] = COMMANDS) -> typer.Typer:
    app = typer.Typer(
        name="acmap",
        help="Account maps as code: validate, analyse, diff and render YAML account maps kept "
        "in git.",
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_root)
    for name in commands:
        importlib.import_module(f"acmap.commands.{name}").register(app)
    for info in app.registered_commands:
        if info.callback is not None:
            info.callback = _quiet_on_closed_pipe(info.callback)
    return app


def _pipe_closed(code: int | str | None = 0) -> NoReturn:
    """The reader went away (`acmap show x | head -1`): not an error. What is still buffered
    goes to /dev/null, so the interpreter's last flush of stdout cannot fail too (that failure
    is exit 120 and an "Exception ignored" on stderr); exit 0 as cat and grep do under a
    shell that ignores SIGPIPE; `code` when the command had already decided its exit code."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    sys.exit(code)


def _quiet_on_closed_pipe(command: Callable[..., Any]) -> Callable[..., Any]:
    """`command`, ending quietly when stdout's pipe closes under it. Caught here, inside the
    command, because Click turns a BrokenPipeError that reaches it into exit 1."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except BrokenPipeError:
            _pipe_closed()

    return run


def _flush_stdout(code: int | str | None) -> None:
    """Flush now, while a closed pipe can still be told apart from a failure; a command that
    exits 1 (gaps --fail-on) keeps its code when only the last flush meets the closed pipe."""
    if type(sys.stdout).__name__.endswith("PacifyFlushWrapper"):
        _pipe_closed()  # Click met the closed pipe itself (and made it exit 1)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _pipe_closed(code)
    except (OSError, ValueError):  # stdout closed or gone: nothing left to write to
        pass


def _dressed(app: typer.Typer) -> Callable[..., Any]:
    """The Click command of `app`, each option showing what its value is and each command
    ending its help with examples."""
    group = typer.main.get_command(app)
    commands = getattr(group, "commands", {})
    for name, command in commands.items():
        for param in command.params:
            # Typer carries its own copy of Click: its classes, told apart by duck typing.
            kind = getattr(param, "param_type_name", "")
            if kind == "option" and param.metavar is None and not getattr(param, "is_flag", 0):
                param.metavar = METAVARS.get(max(param.opts, key=len))
            elif kind == "argument" and param.name in ARGUMENT_METAVARS:
                param.metavar = param.metavar or ARGUMENT_METAVARS[param.name]
        examples = EXAMPLES.get(name)
        if examples:
            # \b: Click keeps the lines of this paragraph as they are, unwrapped.
            text = "\b\nExamples:\n" + "\n".join(f"  {line}" for line in examples)
            command.epilog = f"{command.epilog}\n\n{text}" if command.epilog else text
    return group


def _words_typed(argv: list[str]) -> list[str]:
    """The words on the command line, or, while the shell asks for completions, the words
    typed before the cursor: so completing `acmap gaps --rule G1` loads gaps only."""
    if not os.environ.get("_ACMAP_COMPLETE"):
        return argv
    import shlex

    line = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or ""
    try:
        words = shlex.split(line)
    except ValueError:  # an open quote: complete from every command
        return []
    cursor = os.environ.get("COMP_CWORD", "")
    done = int(cursor) if cursor.isdigit() else len(words) - (0 if line.endswith(" ") else 1)
    return words[1:done]


def _commands_for(argv: list[str]) -> tuple[str, ...]:
    """Only the command being run is imported and registered: start-up time is a feature.
    Help, a typo or no command at all get every command, so Typer can list or suggest them."""
    for word in argv:
        if word.startswith("-"):
            continue
        module = f"{word}_" if f"{word}_" in COMMANDS else word
        return (module,) if module in COMMANDS else COMMANDS
    return COMMANDS


def __getattr__(name: str) -> typer.Typer:
    # `from acmap.cli import app` (tests, docs tooling) gets the app with every command.
    if name == "app":
        return make_app()
    raise AttributeError(name)


def _never_unencodable() -> None:
    """stdout and stderr write what their encoding cannot hold as backslash escapes
    (PYTHONIOENCODING=ascii, a C locale): never a UnicodeEncodeError halfway through a report."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # closed or detached
                reconfigure(errors="backslashreplace")


def main() -> None:
    _never_unencodable()
    app = make_app(_commands_for(_words_typed(sys.argv[1:])))
    try:
        # prog_name: "acmap" in usage lines, and the completion variable is _ACMAP_COMPLETE
        # however acmap was started (python -m acmap would make it _PYTHON -M ACMAP_COMPLETE).
        _dressed(app)(prog_name="acmap")
    except KeyboardInterrupt:
        sys.stderr.write("acmap: interrupted\n")
        sys.exit(130)
    except SystemExit as done:
        _flush_stdout(done.code)
        raise
    except BrokenPipeError:
        _pipe_closed()
    except Exception as exc:  # a bug in acmap, never the user's fault: no traceback, exit 2
        if os.environ.get("ACMAP_DEBUG"):
            raise
        sys.stderr.write(
            f"acmap: internal error: {type(exc).__name__}: {exc}\n"
            "Please report it with ACMAP_DEBUG=1 set to see the traceback.\n"
        )
        sys.exit(2)
