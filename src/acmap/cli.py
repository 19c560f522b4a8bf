"""The `acmap` entry point: builds the Typer app and dispatches. No logic lives here."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys

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
    return app


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
        raise
    except BrokenPipeError:
        # `acmap ... | head` closed the pipe: not an error worth a traceback.
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:  # a bug in acmap, never the user's fault: no traceback, exit 2
        if os.environ.get("ACMAP_DEBUG"):
            raise
        sys.stderr.write(
            f"acmap: internal error: {type(exc).__name__}: {exc}\n"
            "Please report it with ACMAP_DEBUG=1 set to see the traceback.\n"
        )
        sys.exit(2)
