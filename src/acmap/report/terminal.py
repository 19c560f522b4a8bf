"""The terminal, for every text reporter: its width, whether to colour, word wrapping, and output
built as styled segments (rich on a terminal, plain text when piped; NO_COLOR honoured)."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
STATUS_STYLE = {"red": "bold red", "amber": "bold yellow", "green": "bold green"}


def use_colour(stream: object = None) -> bool:
    """Colour only on a terminal that can show it, never with NO_COLOR; FORCE_COLOR forces it
    (as rich does). Decided here, before rich is imported, so plain output never loads it."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream or sys.stdout, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def width(minimum: int = 60) -> int:
    """The terminal's columns (COLUMNS first), 100 when piped, never under `minimum`."""
    import shutil

    return max(minimum, shutil.get_terminal_size((100, 24)).columns)


Segment = tuple[str, str]  # (text, rich style or "")


def wrap(text: str, first: int, width: int) -> list[str]:
    """Greedy word wrap: `first` columns on the first line, `width` on the others.

    textwrap does the same with far more work; a portfolio report wraps tens of thousands of
    messages, so this one only looks for spaces. A word longer than the line is never broken.
    """
    lines = []
    room = first if first > 1 else 1
    while len(text) > room:
        cut = text.rfind(" ", 0, room + 1)
        if cut <= 0:
            cut = text.find(" ", room)
            if cut < 0:
                break
        lines.append(text[:cut].rstrip())
        text = text[cut + 1 :].lstrip(" ")
        room = width
    lines.append(text)
    return lines


def indented(text: str, total: int, indent: int, hang: int = 2) -> list[str]:
    """`text` wrapped to `total` columns, `indent` spaces before the first line and `hang` more
    before the others."""
    room = total - indent
    lines = wrap(text, room, room - hang)
    return [" " * indent + lines[0], *(" " * (indent + hang) + line for line in lines[1:])]


class Lines:
    """Output built as styled segments: printed through rich on a terminal, as plain text else."""

    def __init__(self) -> None:
        self.lines: list[list[Segment]] = []
        self.console: Console | None = None  # made on the first coloured write

    def add(self, *segments: Segment | str) -> None:
        self.lines.append([s if isinstance(s, tuple) else (s, "") for s in segments])

    def wrapped(
        self, prefix: list[Segment], text: str, indent: int, total: int, first: int = 0
    ) -> None:
        """`prefix` then `text`, the following lines indented by `indent` columns.

        `first` is how much wider than `indent` the prefix of the first line is.
        """
        room = total - indent if total - indent > 20 else 20
        if len(text) <= room - first:  # most lines fit: skip the wrapping machinery
            self.lines.append([*prefix, (text, "")])
            return
        parts = wrap(text, room - first, room)
        self.lines.append([*prefix, (parts[0], "")])
        pad = " " * indent
        for rest in parts[1:]:
            self.lines.append([(pad + rest, "")])

    def write(self) -> None:
        """Print the lines gathered so far and forget them (so a portfolio streams out)."""
        if use_colour():
            from rich.console import Console
            from rich.text import Text

            if self.console is None:
                self.console = Console(highlight=False, soft_wrap=True)
            for line in self.lines:
                self.console.print(Text.assemble(*line))
        else:
            sys.stdout.write("".join("".join(t for t, _ in line) + "\n" for line in self.lines))
        self.lines = []


def console(stderr: bool = False, width: int | None = None) -> Console:
    """A rich console: colour on a terminal, plain when piped, NO_COLOR honoured (rich does)."""
    from rich.console import Console

    columns = os.environ.get("COLUMNS")
    if width is None and columns and columns.isdigit():
        width = int(columns)
    return Console(stderr=stderr, width=width, highlight=False, soft_wrap=False)


def hanging(segments: list[tuple[str, str]], width: int, indent: int, first: int = 0) -> Text:
    """Styled words wrapped to `width`, continuation lines indented by `indent` columns.

    Wrapped here rather than by rich so that lines carry no trailing padding.
    """
    from rich.text import Text

    text = Text(" " * first)
    column = first
    started = False
    for words, style in segments:
        for word in words.split(" "):  # empty words keep deliberate runs of spaces
            gap = " " if started else ""
            started = True
            if word and column + len(gap) + len(word) > width and column > indent:
                text.rstrip()
                text.append("\n" + " " * indent)
                column = indent
                gap = ""
            text.append(gap)
            text.append(word, style=style)
            column += len(gap) + len(word)
    return text
