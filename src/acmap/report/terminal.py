"""The terminal, for every text reporter: its width, whether to colour, and output built as
styled segments (rich on a terminal, plain text when piped; NO_COLOR honoured). What text
shows as and how it is measured and wrapped is layout.py's."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

from acmap.report.layout import Segment, cells, fill, hanging_rows, wrap
from acmap.report.layout import visible as visible  # where commands look for it

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Span, Text

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
STATUS_STYLE = {"red": "bold red", "amber": "bold yellow", "green": "bold green"}
STANCE_STYLE = {
    "advocate": "bold green",
    "supporter": "green",
    "neutral": "yellow",
    "skeptic": "magenta",
    "blocker": "bold red",
    "unknown": "dim",
}


def use_colour(stream: object = None) -> bool:
    """Colour only on a terminal that can show it, never with NO_COLOR; FORCE_COLOR forces it
    (as rich does). Decided here, before rich is imported, so plain output never loads it."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream or sys.stdout, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def data(text: str, stream: TextIO | None = None) -> str:
    """Data (CSV, JSON) about to be written to `stream` (stdout by default): made `visible` when
    the stream is a terminal, where a person reads it, and kept exact when it is piped or
    redirected, where a program reads it (JSON escapes C0 controls itself; a CSV cell keeps
    the bytes the map holds, so export and import round-trip)."""
    isatty = getattr(stream or sys.stdout, "isatty", None)
    return visible(text) if isatty and isatty() else text


def emit(text: str, stream: TextIO | None = None) -> None:
    """Write a plain text report (made `visible`) to `stream`, stdout by default."""
    (stream or sys.stdout).write(visible(text))


def _columns() -> int | None:
    """COLUMNS when it is a positive whole number; None when unset, 0 or nonsense."""
    value = os.environ.get("COLUMNS", "").strip()
    return int(value) if value.isdigit() and 0 < int(value) < 100_000 else None


def width(minimum: int = 60) -> int:
    """The terminal's columns (COLUMNS first), 100 when piped, never under `minimum`.

    COLUMNS=0, negative or not a number is ignored, and so is a terminal reporting 0 columns
    (a new pseudo-terminal does)."""
    columns = _columns()
    if columns is None:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return max(minimum, columns or 100)


def fit_width() -> int | None:
    """The width a table must fit: COLUMNS when set, else the terminal's when stdout is one,
    else None: piped output without COLUMNS keeps its natural width (a program reads it)."""
    columns = _columns()
    if columns is not None:
        return columns
    isatty = getattr(sys.stdout, "isatty", None)
    if not (isatty and isatty()):
        return None
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns or None
    except (AttributeError, ValueError, OSError):
        return None


def console_width() -> int:
    """The width a rich console gets: COLUMNS when sane, else the first standard stream that
    is a terminal and reports a width (as rich looks), else 80 (rich's default when piped).

    Always passed explicitly: rich takes COLUMNS=0 at its word and prints nothing."""
    columns = _columns()
    if columns is not None:
        return columns
    if os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return 80
    for fd in (0, 1, 2):
        try:
            columns = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        return columns or 80
    return 80


class Lines:
    """Output built as styled segments: printed through rich on a terminal, as plain text else."""

    def __init__(self) -> None:
        self.lines: list[list[Segment]] = []
        self.console: Console | None = None  # made on the first coloured write

    def add(self, *segments: Segment | str) -> None:
        """A line of segments; their text is made `visible`."""
        self.lines.append(
            [(visible(s[0]), s[1]) if isinstance(s, tuple) else (visible(s), "") for s in segments]
        )

    def wrapped(
        self, prefix: list[Segment], text: str, indent: int, total: int, first: int = 0
    ) -> None:
        """`prefix` then `text`, the following lines indented by `indent` columns.

        `first` is how much wider than `indent` the prefix of the first line is.
        """
        prefix = [(visible(t), style) for t, style in prefix]
        text = visible(text)
        room = total - indent if total - indent > 20 else 20
        if cells(text) <= room - first:  # most lines fit: skip the wrapping machinery
            self.lines.append([*prefix, (text, "")])
            return
        parts = wrap(text, room - first, room)
        self.lines.append([*prefix, (parts[0], "")])
        pad = " " * indent
        for rest in parts[1:]:
            self.lines.append([(pad + rest, "")])

    def hanging(self, segments: list[Segment], total: int, indent: int, first: int = 0) -> None:
        """Styled words joined by single spaces and wrapped to `total` columns on word
        boundaries, as `hanging` wraps them: the first line starts at column `first`, the
        others at `indent`. Without rich, so plain output stays fast and rich-free."""
        for text, spans in hanging_rows(segments, total, indent, first):
            line: list[Segment] = []
            at = 0
            for start, end, style in spans:
                if start > at:
                    line.append((text[at:start], ""))
                line.append((text[start:end], style))
                at = end
            if at < len(text) or not line:
                line.append((text[at:], ""))
            self.lines.append(line)

    def filled(self, segments: list[Segment], total: int, indent: int, hang: int = 2) -> None:
        """Whole styled sentences wrapped to `total` columns, long words cut (layout.fill)."""
        self.lines.extend(fill(segments, total, indent, hang))

    def write(self) -> None:
        """Print the lines gathered so far and forget them (so a portfolio streams out)."""
        if use_colour():
            from rich.text import Text

            if self.console is None:
                self.console = _console_class()(
                    width=console_width(), highlight=False, soft_wrap=True
                )
            for line in self.lines:
                self.console.print(Text.assemble(*line))
        else:
            sys.stdout.write("".join("".join(t for t, _ in line) + "\n" for line in self.lines))
        self.lines = []


def console(stderr: bool = False, width: int | None = None) -> Console:
    """A rich console: colour on a terminal, plain when piped, NO_COLOR honoured (rich does)."""
    return _console_class()(
        stderr=stderr, width=width or console_width(), highlight=False, soft_wrap=False
    )


_CONSOLE: type[Console] | None = None


def _console_class() -> type[Console]:
    """rich's Console, but a closed pipe raises BrokenPipeError: rich's own handling exits 1,
    and `acmap show x | head -1` is no failure (cli.py ends it quietly with exit 0)."""
    global _CONSOLE
    if _CONSOLE is None:
        from rich.console import Console

        class PipedConsole(Console):
            def on_broken_pipe(self) -> None:
                self.quiet = True  # write nothing more; cli.py points stdout at /dev/null
                raise BrokenPipeError

        _CONSOLE = PipedConsole
    return _CONSOLE


def hanging(segments: list[tuple[str, str]], width: int, indent: int, first: int = 0) -> Text:
    """Styled words wrapped to `width`, continuation lines indented by `indent` columns (the
    first line starts at column `first`, at most `indent`); the words made `visible`.

    The lines are layout.hanging_rows's, wrapped there rather than by rich so that they carry
    no trailing padding; one Text per line, so the time is linear in the text and small per
    line (word-by-word rich Text appends and rich's re-wrapping were quadratic: a 4 MB name
    took minutes).
    """
    rows = hanging_rows(segments, width, indent, first)
    return _wrapped([(text, spans, None) for text, spans in rows])


Row = tuple[str, list[tuple[int, int, str]], "Text | None"]  # a line: text, spans, its Text


def joined(lines: list[Text]) -> Text:
    """`lines` joined by newlines, as a Text that rich renders line by line (see Wrapped)."""
    wrapped_class = _wrapped_class()
    rows: list[Row] = []
    for line in lines:
        if isinstance(line, wrapped_class):
            rows.extend(line.rows)  # type: ignore[attr-defined]
        else:
            rows.append((line.plain, [], line))
    return _wrapped(rows)


def _wrapped(rows: list[Row]) -> Text:
    wrapped = _wrapped_class()()
    wrapped.rows = rows  # type: ignore[attr-defined]
    wrapped._length = sum(len(row[0]) for row in rows) + len(rows) - 1
    return wrapped


_WRAPPED: type[Text] | None = None


def _wrapped_class() -> type[Text]:
    """Wrapped, a Text whose lines are already wrapped: made on first use (rich loads late)."""
    global _WRAPPED
    if _WRAPPED is None:
        from rich.cells import cell_len
        from rich.console import ConsoleOptions, RenderResult
        from rich.segment import Segment
        from rich.style import Style
        from rich.text import Span, Text

        def as_text(row: Row) -> Text:
            plain, spans, text = row
            return text if text is not None else Text(plain, spans=[Span(*s) for s in spans])

        class Rendered:
            """How a Wrapped prints, line by line: a line that fits and holds no tab or newline
            goes out as segments made here as Text.render makes them, without rich's wrapping
            (which costs a lot per line); any other line is rendered by rich as before, so what
            is printed is the same."""

            def __init__(self, rows: list[Row], justify: str | None) -> None:
                self.rows = rows
                self.justify = justify

            def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
                room = options.max_width
                plain_justify = (self.justify or options.justify) in (None, "default")
                styles: dict[str, Style] = {}
                newline = Segment.line()
                plain = console.color_system is None  # no styles written: whole lines at once
                pending: list[str] = []
                for row in self.rows:
                    text, spans, original = row
                    if (
                        original is not None
                        or not plain_justify
                        or "\t" in text
                        or "\n" in text
                        or cell_len(text) > room
                    ):
                        if pending:
                            yield Segment("".join(pending))
                            pending = []
                        yield from console.render(as_text(row), options)
                        continue
                    if plain:
                        pending.append(text + "\n")
                        continue
                    at = 0
                    for start, end, name in spans:
                        if start > at:
                            yield Segment(text[at:start])
                        style = styles.get(name)
                        if style is None:
                            style = styles[name] = console.get_style(name, default=Style.null())
                        yield Segment(text[start:end], style)
                        at = end
                    if at < len(text):
                        yield Segment(text[at:])
                    yield newline
                if pending:
                    yield Segment("".join(pending))

        class Wrapped(Text):
            """A Text whose lines are already wrapped (`rows`): rich casts it to Rendered
            before printing it, and so does not join it with its neighbours or re-wrap it.
            Its plain text and spans are put together only when asked for."""

            rows: list[Row]

            def __rich__(self) -> Rendered:
                return Rendered(self.rows, self.justify)

            @property
            def lines(self) -> list[Text]:
                return [as_text(row) for row in self.rows]

            @property  # type: ignore[misc]
            def plain(self) -> str:
                return "\n".join(row[0] for row in self.rows)

            @property  # type: ignore[misc]
            def spans(self) -> list[Span]:
                found: list[Span] = []
                offset = 0
                for row in self.rows:
                    found.extend(
                        Span(s.start + offset, s.end + offset, s.style) for s in as_text(row).spans
                    )
                    offset += len(row[0]) + 1
                return found

        _WRAPPED = Wrapped
    return _WRAPPED
