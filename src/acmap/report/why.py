"""The `why` subject: each field of one person, its value and the commit that set it, as a table
fitted to the terminal or as JSON."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from acmap.git.names import shown
from acmap.report.layout import Segment, cells, fit_cells, pad, table_width
from acmap.report.terminal import STANCE_STYLE, Lines, fit_width
from acmap.words import plural

if TYPE_CHECKING:
    from acmap.analysis.provenance import Origin, Provenance

HEADERS = ["FIELD", "VALUE", "WHEN", "WHO", "COMMIT", "SUBJECT"]
VALUE, WHO, SUBJECT = 1, 3, 5
UNCOMMITTED = "not committed yet"
UNSET = "—"  # a field someone removed: its setter is the commit that removed it
# How a table too wide for the terminal is narrowed, step by step until it fits: the subject,
# last, takes the room left, when that is enough to read; else the value and the author are
# shortened (with an ellipsis) and, at last, the subject and the author left out. The field,
# when and the commit id stay whole (the id is what you type next: git show ID).
NARROWING: tuple[tuple[int, int], ...] = (  # (column, width it gets; 0: left out)
    (VALUE, 40),
    (WHO, 16),
    (VALUE, 24),
    (WHO, 10),
    (VALUE, 16),
    (SUBJECT, 0),
    (WHO, 0),
)
SUBJECT_ROOM = 12  # the least of a subject worth showing
_LAYOUT = str.maketrans("\n\t\r", "   ")  # a table row stays one line


def shown_value(value: Any) -> str:
    """A field's value as one line of text: a list joined by commas, a date as YYYY-MM-DD."""
    if value is None or value == []:
        return UNSET
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _row(origin: Origin) -> list[str]:
    value = shown_value(origin.value).translate(_LAYOUT)
    found = origin.revision
    if found is None:
        return [origin.field, value, UNCOMMITTED, "", "", ""]
    return [
        origin.field,
        value,
        found.date[:10],
        found.author.translate(_LAYOUT),
        found.short,
        found.subject.translate(_LAYOUT),
    ]


def _styles(origin: Origin) -> list[str]:
    styles = ["bold", "", "", "", "yellow", ""]
    if origin.field == "stance":
        styles[VALUE] = STANCE_STYLE.get(str(origin.value), "")
    if origin.revision is None:
        styles[2] = "magenta"
    return styles


def to_text(result: Provenance) -> None:
    out = Lines()
    room = fit_width()
    head = (
        f"{result.person} ({result.stakeholder}) at {result.account_name}, "
        f"from the history of {shown(result.path)}"
    )
    out.hanging([(head, "bold")], room or cells(head), 2)
    out.add()
    rows = [_row(o) for o in result.origins]
    widths = _fitted(
        [max([len(h), *(cells(row[i]) for row in rows)]) for i, h in enumerate(HEADERS)], room
    )
    columns = [i for i, w in enumerate(widths) if w]

    def segments_of(values: list[str], styles: list[str]) -> list[Segment]:
        segments: list[Segment] = []
        for i in columns:
            text = pad(fit_cells(values[i], widths[i]), widths[i])
            if i != columns[0]:
                segments.append(("  ", ""))
            segments.append((text if i != columns[-1] else text.rstrip(), styles[i]))
        return segments

    out.add(*segments_of(HEADERS, ["bold"] * len(HEADERS)))
    for origin, row in zip(result.origins, rows, strict=True):
        out.add(*segments_of(row, _styles(origin)))
    out.add()
    summary = f"{plural(result.versions, 'committed version')} read"
    if not result.versions:
        summary = f"no committed version of {shown(result.path)} yet"
    if result.unreadable:
        summary += f"; {result.unreadable} that could not be read skipped"
    out.hanging([(summary, "dim")], room or cells(summary), 2)
    out.write()


def _fitted(widths: list[int], room: int | None) -> list[int]:
    """`widths` narrowed by NARROWING until the table fits `room` (as they are when output is
    piped without COLUMNS, or when nothing more can go)."""
    widths = list(widths)
    if room is None:
        return widths
    for column, size in NARROWING:
        if table_width(widths) <= room:
            break
        if widths[SUBJECT]:
            left = room - table_width([*widths[:SUBJECT], 0]) - 2
            if left >= SUBJECT_ROOM:
                widths[SUBJECT] = left
                break
        widths[column] = min(widths[column], size) if size else 0
    return widths


def json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [json_value(item) for item in value]
    return value


def to_json(result: Provenance) -> None:
    from acmap.report.json import write_json

    fields = []
    for origin in result.origins:
        found = origin.revision
        fields.append(
            {
                "field": origin.field,
                "value": json_value(origin.value),
                "commit": found.commit if found else None,
                "date": found.date[:10] if found else None,
                "author": found.author if found else None,
                "subject": found.subject if found else None,
            }
        )
    document = {
        "version": 1,
        "account": result.account,
        "stakeholder": result.stakeholder,
        "fields": fields,
    }
    write_json(sys.stdout, document)


REPORTERS = {"text": to_text, "json": to_json}
