"""CSV cells as acmap writes them and reads them back: the one writer of every CSV output.

Map text is hostile, and a CSV is opened in spreadsheets. Two rules, applied to every cell:

- **Formulas are neutralised** (OWASP's CSV injection advice): a cell that starts with `=`, `+`,
  `-`, `@`, a tab or a CR would be run as a formula, so it is written with a single quote in
  front: `'=HYPERLINK(…)`, `'+1 555 0100`, `'-2` (spaces before the character count as
  nothing). A cell that already starts with quotes before such a character gets one more, so
  `restore` (used by `acmap import`) takes exactly one off and every value round-trips.
- **Line breaks are always quoted**: Python's csv module quotes only the characters of its
  lineterminator, so with "\\n" a bare CR went out unquoted and no reader could get the row
  back. Here any cell holding a line break (CR, LF, and the others str.splitlines knows) or
  the delimiter or a double quote is quoted, Excel style ("" for a quote).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

# What makes a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS = "=+-@\t\r"
# Spaces too: some spreadsheets trim them before they look for a formula.
_FORMULA = re.compile(r"[' ]*[=+\-@\t\r]")  # a cell that `neutralise` prefixes
_NEUTRALISED = re.compile(r"'[' ]*[=+\-@\t\r]")  # a cell `restore` takes the quote from
# The delimiter, the quote, and every line break some reader splits at.
_NEEDS_QUOTES = re.compile('[,"\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]')


def neutralise(value: object) -> str:
    """The cell for `value`: its text, with a `'` in front if it could start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if _FORMULA.match(text) else text


def restore(cell: str) -> str:
    """The value of a cell `neutralise` wrote: one leading `'` taken off where it added one."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def quoted(cell: str) -> str:
    """The cell as it stands between commas: quoted when it holds a comma, quote or break."""
    if _NEEDS_QUOTES.search(cell):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def row_text(values: Iterable[object]) -> str:
    """One CSV line, "\\n"-terminated, every cell neutralised and quoted as it needs."""
    cells = [quoted(neutralise(v)) for v in values]
    if cells == [""]:  # a lone empty cell, not a blank line
        cells = ['""']
    return ",".join(cells) + "\n"


class CsvWriter:
    """csv.writer's writerow/writerows, with every cell made safe (see the module)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def writerow(self, values: Iterable[object]) -> None:
        self.stream.write(row_text(values))

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for values in rows:
            self.writerow(values)


def csv_writer(stream: TextIO) -> CsvWriter:
    return CsvWriter(stream)
