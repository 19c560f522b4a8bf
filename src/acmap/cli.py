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
    "import_",
    "export",
)


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
        add_completion=False,
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


def _pipe_closed() -> NoReturn:
    """The reader went away (`acmap show x | head -1`): not an error. What is still buffered
    goes to /dev/null, so the interpreter's last flush of stdout cannot fail too (that failure
    is exit 120 and an "Exception ignored" on stderr); exit 0 as cat and grep do under a
    shell that ignores SIGPIPE."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    sys.exit(0)


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


def _flush_stdout() -> None:
    """Flush now, while a closed pipe can still be told apart from a failure."""
    if type(sys.stdout).__name__.endswith("PacifyFlushWrapper"):
        _pipe_closed()  # Click met the closed pipe itself (in its help or usage output)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _pipe_closed()
    except (OSError, ValueError):  # stdout closed or gone: nothing left to write to
        pass


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
    app = make_app(_commands_for(sys.argv[1:]))
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("acmap: interrupted\n")
        sys.exit(130)
    except SystemExit:
        _flush_stdout()
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
