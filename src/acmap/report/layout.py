"""Text laid out in terminal cells, for every text reporter: what a string shows as (`visible`),
how many columns it takes (`cells`), and cutting, padding and wrapping it to a width.

The one place that measures: terminal.py (colour, width, rich) and the reporters build on it.
No rich here: plain output measures and wraps without loading it.
"""

from __future__ import annotations

import re
import unicodedata

Segment = tuple[str, str]  # (text, rich style or "")
Span = tuple[int, int, str]  # (start, end, rich style) within a line

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


# Characters that take one column each: Latin (ASCII to Latin Extended-B, Latin Extended
# Additional), Greek and Cyrillic but for their combining marks, general punctuation. One regex
# search tells the text of nearly every map apart; only the rest is measured character by
# character (tests/report/test_terminal.py checks every character here measures one).
ONE_CELL = (
    "\x00-\u02ff\u0370-\u0377\u037a-\u037f\u0384-\u038a\u038c\u038e-\u03a1\u03a3-\u0482"
    "\u0488-\u052f\u1e00-\u1f15\u2000-\u2064"
)
_BEYOND = re.compile(f"[^{ONE_CELL}]")


def _char_cells(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cells(text: str) -> int:
    """The columns `text` takes on a terminal: wide and fullwidth characters (CJK, most emoji)
    two, combining marks none, any other character one."""
    if _BEYOND.search(text) is None:
        return len(text)
    return sum(_char_cells(char) for char in text)


def one_cell_each(text: str) -> bool:
    """Every character of `text` takes one column, so len() measures it (the fast paths)."""
    return _BEYOND.search(text) is None or all(_char_cells(char) == 1 for char in text)


def fit_cells(text: str, room: int) -> str:
    """`text` cut to `room` columns, an ellipsis saying so; `text` itself when it fits."""
    if cells(text) <= room:
        return text
    kept, used = [], 1  # the ellipsis
    for char in text:
        used += _char_cells(char)
        if used > room:
            break
        kept.append(char)
    return "".join(kept) + "…"


def table_width(widths: list[int]) -> int:
    """Cells a table of these column widths takes, two spaces between the shown (non-zero) ones."""
    shown = [w for w in widths if w]
    return sum(shown) + 2 * (len(shown) - 1)


def pad(text: str, room: int, right: bool = False) -> str:
    """`text` padded with spaces to `room` columns (on the left when `right`)."""
    spaces = " " * max(0, room - cells(text))
    return spaces + text if right else text + spaces


def cut(word: str, room: int) -> tuple[str, str]:
    """`word` cut after `room` columns (at least one character, so a line always moves on)."""
    used = 0
    for at, char in enumerate(word):
        used += _char_cells(char)
        if used > room:
            return word[: max(1, at)], word[max(1, at) :]
    return word, ""


def wrap(text: str, first: int, width: int) -> list[str]:
    """Greedy word wrap of `text` made `visible`: `first` columns on the first line, `width`
    on the others.

    textwrap does the same with far more work; a portfolio report wraps tens of thousands of
    messages, so this one only looks for spaces. A word longer than the line is never broken.
    """
    text = visible(text)
    if not one_cell_each(text):
        return _wrap_wide(text, first if first > 1 else 1, width)
    lines = []
    room = first if first > 1 else 1
    while len(text) > room:
        at = text.rfind(" ", 0, room + 1)
        if at <= 0:
            at = text.find(" ", room)
            if at < 0:
                break
        lines.append(text[:at].rstrip())
        text = text[at + 1 :].lstrip(" ")
        room = width
    lines.append(text)
    return lines


def _wrap_wide(text: str, room: int, width: int) -> list[str]:
    """wrap() for text whose characters are not all one column: the same greedy wrap,
    measured in columns."""
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


_TOKEN = re.compile(" +|[^ ]+")
_LAYOUT = str.maketrans("\n\t", "  ")


def fill(segments: list[Segment], total: int, indent: int, hang: int = 2) -> list[list[Segment]]:
    """`segments` made `visible`, as lines of at most `total` columns: the first `indent` spaces
    in, the others `indent + hang`, broken between words, each word keeping its style; a word
    longer than a line is cut (a map's names can be anything, CJK and 200-letter words
    included). wrap keeps long words whole and Lines.wrapped styles only a prefix, where a
    diff colours whole sentences."""
    lines: list[list[Segment]] = []
    line: list[Segment] = [(" " * indent, "")]
    column, spaces, empty = indent, "", True  # empty: nothing but the indent on the line yet

    def new_line() -> None:
        nonlocal line, column, spaces, empty
        lines.append(line)
        column = indent + hang
        line, spaces, empty = [(" " * column, "")], "", True

    for text, style in segments:
        # A newline or tab in a name would break the layout: within a sentence it is a space.
        for token in _TOKEN.findall(visible(text).translate(_LAYOUT)):
            if token[0] == " ":
                spaces += token
                continue
            size = cells(token)
            if not empty and column + len(spaces) + size > total:
                new_line()
            if not empty and spaces:
                _append(line, spaces, style if line[-1][1] == style else "")
                column += len(spaces)
            spaces = ""
            while column + size > total:
                head, token = cut(token, max(1, total - column))
                _append(line, head, style)
                new_line()
                size = cells(token)
            _append(line, token, style)
            column += size
            empty = False
    lines.append(line)
    return lines


def _append(line: list[Segment], text: str, style: str) -> None:
    """One segment per run of a style, not one per word."""
    if line and line[-1][1] == style:
        line[-1] = (line[-1][0] + text, style)
    else:
        line.append((text, style))


def hanging_rows(
    segments: list[Segment], width: int, indent: int, first: int = 0
) -> list[tuple[str, list[Span]]]:
    """Styled words made `visible`, joined by single spaces and wrapped to `width` columns,
    continuation lines indented by `indent` (the first starts at column `first`): each line
    as its text and the spans of its styles.

    Words are what lies between single spaces (so runs of spaces are kept); a line breaks
    before the first word that would end past `width`, once the line holds more than its
    indent, and loses its trailing whitespace. Found by index (str.find/rfind and a regex
    search per line), so the time is linear in the text and small per line.
    """
    texts = [visible(words) for words, _ in segments]
    whole = " ".join(texts)
    ranges = []  # (start, end, style) of each styled segment in `whole`
    offset = 0
    for words, (_, style) in zip(texts, segments, strict=True):
        if style:
            ranges.append((offset, offset + len(words), style))
        offset += len(words) + 1
    rows: list[tuple[str, list[Span]]] = []
    at = 0  # the first range that may reach the current line
    for number, (start, end) in enumerate(_line_ends(whole, width, indent, first)):
        content = whole[start:end]
        if end != len(whole):
            content = content.rstrip()
        if number == 0 and not content.strip(" ") and end != len(whole):
            rows.append(("", []))  # the line held only spaces: Text.rstrip took them all
            continue
        shift = first if number == 0 else indent
        stop = start + len(content)
        while at < len(ranges) and ranges[at][1] <= start:
            at += 1
        spans: list[Span] = []
        for low, high, style in ranges[at:]:
            if low >= stop:
                break
            spans.append((max(low, start) - start + shift, min(high, stop) - start + shift, style))
        rows.append((" " * shift + content, spans))
    return rows


_WORD = re.compile("[^ ]")
_WORDS = re.compile("[^ ]+")


def _line_ends(text: str, width: int, indent: int, first: int) -> list[tuple[int, int]]:
    """(start, end) in `text` of each line hanging_rows makes (before its trailing whitespace
    is stripped): a break goes before the first non-empty word ending past the room, once the
    line holds more than its indent columns."""
    if not one_cell_each(text):
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
    """_line_ends for text whose characters are not all one column: word by word, measured
    in columns."""
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
