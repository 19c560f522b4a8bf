"""The terminal, for every text reporter: its width, whether to colour, word wrapping, and output
built as styled segments (rich on a terminal, plain text when piped; NO_COLOR honoured)."""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, TextIO

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


# C0 controls but for the layout of newline and tab, DEL and the C1 controls (U+0080-U+009F;
# U+009B is a one-character CSI to some terminals).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def visible(text: str) -> str:
    """`text` with its control characters made visible: ESC becomes the four characters
    `\\x1b`, BEL `\\x07`, CR `\\x0d`, DEL `\\x7f`, U+009B `\\x9b`; newline and tab are kept (layout).

    Every text report passes map text through this on its way to the terminal or a CI log (the
    Lines, wrap and hanging helpers, finding lines, plain reports), so a map cannot colour,
    retitle, clear or rewrite a terminal: the only escape sequences acmap writes are its own
    colours. It is idempotent and returns `text` itself when there is nothing to escape.
    """
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(_escaped, text)


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


Segment = tuple[str, str]  # (text, rich style or "")

# Characters a terminal shows two columns wide: East Asian wide and fullwidth forms, emoji.
# Looked for with one regex search, so text without them (nearly all) is measured by len().
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U0001f300-\U0001f64f\U0001f900-\U0001f9ff\U00020000-\U0003fffd]"
)


def cells(text: str) -> int:
    """The columns `text` takes on a terminal: two for each wide character."""
    if _WIDE.search(text) is None:
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def fit_cells(text: str, room: int) -> str:
    """`text` cut to `room` columns, an ellipsis saying so; `text` itself when it fits."""
    if cells(text) <= room:
        return text
    kept, used = [], 1  # the ellipsis
    for char in text:
        used += cells(char)
        if used > room:
            break
        kept.append(char)
    return "".join(kept) + "…"


def pad(text: str, room: int, right: bool = False) -> str:
    """`text` padded with spaces to `room` columns (on the left when `right`)."""
    spaces = " " * max(0, room - cells(text))
    return spaces + text if right else text + spaces


def wrap(text: str, first: int, width: int) -> list[str]:
    """Greedy word wrap: `first` columns on the first line, `width` on the others.

    textwrap does the same with far more work; a portfolio report wraps tens of thousands of
    messages, so this one only looks for spaces. A word longer than the line is never broken.
    """
    text = visible(text)
    if _WIDE.search(text) is not None:
        return _wrap_wide(text, first if first > 1 else 1, width)
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


def _wrap_wide(text: str, room: int, width: int) -> list[str]:
    """wrap() for text holding wide characters: the same greedy wrap, measured in columns."""
    lines: list[str] = []
    line, used = "", 0
    for word in text.split(" "):
        size = cells(word)
        if line and used + 1 + size > room:
            lines.append(line.rstrip())
            line, used, room = word, size, width
        elif line or word:
            line, used = (f"{line} {word}", used + 1 + size) if line else (word, size)
    lines.append(line)
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
        for text, spans, _ in _hanging_rows(segments, total, indent, first):
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

    Words are what lies between single spaces (so runs of spaces are kept); a line breaks
    before the first word that would end past `width`, once the line holds more than its
    indent, and loses its trailing whitespace. Wrapped here rather than by rich so that lines
    carry no trailing padding; found by index (str.find/rfind and a regex search per line),
    one Text per line, so the time is linear in the text and small per line (word-by-word
    rich Text appends and rich's re-wrapping were quadratic: a 4 MB name took minutes).
    """
    return _wrapped(_hanging_rows(segments, width, indent, first))


def _hanging_rows(
    segments: list[tuple[str, str]], width: int, indent: int, first: int = 0
) -> list[Row]:
    """The lines `hanging` makes, as rows (text, spans, None): no rich needed."""
    texts = [visible(words) for words, _ in segments]
    whole = " ".join(texts)
    ranges = []  # (start, end, style) of each styled segment in `whole`
    offset = 0
    for words, (_, style) in zip(texts, segments, strict=True):
        if style:
            ranges.append((offset, offset + len(words), style))
        offset += len(words) + 1
    rows: list[Row] = []
    at = 0  # the first range that may reach the current line
    for number, (start, end) in enumerate(_line_ends(whole, width, indent, first)):
        content = whole[start:end]
        if end != len(whole):
            content = content.rstrip()
        if number == 0 and not content.strip(" ") and end != len(whole):
            rows.append(("", [], None))  # the line held only spaces: Text.rstrip took them all
            continue
        pad = first if number == 0 else indent
        stop = start + len(content)
        while at < len(ranges) and ranges[at][1] <= start:
            at += 1
        spans: list[tuple[int, int, str]] = []
        for low, high, style in ranges[at:]:
            if low >= stop:
                break
            spans.append((max(low, start) - start + pad, min(high, stop) - start + pad, style))
        rows.append((" " * pad + content, spans, None))
    return rows


_WORD = re.compile("[^ ]")


def _line_ends(text: str, width: int, indent: int, first: int) -> list[tuple[int, int]]:
    """(start, end) in `text` of each line hanging makes (before its trailing whitespace is
    stripped): a break goes before the first non-empty word ending past the room, once the
    line holds more than its indent columns."""
    if _WIDE.search(text) is not None:
        return _line_ends_wide(text, width, indent, first)
    found = []
    start, column, size = 0, first, len(text)
    while True:
        limit = start + width - column  # a word ending past this index does not fit
        if limit >= size:
            break
        if text[limit] == " ":
            word = _WORD.search(text, limit)
            if word is None:
                break
            at = word.start()
        else:
            at = max(start, text.rfind(" ", start, limit) + 1)
        while at == start or column + at - 1 - start <= indent:  # the word stays on this line
            gap = text.find(" ", at)
            word = _WORD.search(text, gap) if gap >= 0 else None
            if word is None:
                break
            at = word.start()
        else:
            found.append((start, at - 1))
            start, column = at, indent
            continue
        break
    found.append((start, size))
    return found


def _line_ends_wide(text: str, width: int, indent: int, first: int) -> list[tuple[int, int]]:
    """_line_ends for text holding wide characters: word by word, measured in columns."""
    found = []
    start, used, holds_word = 0, first, False
    at = 0  # where the last word ended
    for word in _WORDS.finditer(text):
        ends = used + (word.start() - at) + cells(word.group())
        if ends > width and holds_word and used > indent:
            found.append((start, word.start() - 1))
            start, ends = word.start(), indent + cells(word.group())
        used, at, holds_word = ends, word.end(), True
    found.append((start, len(text)))
    return found


_WORDS = re.compile("[^ ]+")

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
