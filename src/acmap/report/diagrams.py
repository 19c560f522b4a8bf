"""What `acmap render` says on stderr: what it wrote, the maps it could not draw, and their
errors. On stderr, as black and ruff say what they reformatted: stdout is the diagram's when
there is no -o, and `2>/dev/null` silences the news without touching the data."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from acmap.report.layout import visible

if TYPE_CHECKING:
    from acmap.findings import Finding

SHOWN_ERRORS = 10


class Batch(Protocol):
    """What `render --all` did (acmap.render.diagram.Batch)."""

    written: int
    broken: list[str]
    errors: list[Finding]


def error_lines(errors: list[Finding]) -> str:
    """The first few errors of the maps not drawn, as `file:line:col: CODE message` lines."""
    return visible(
        "".join(f"{f.file}:{f.line}:{f.col}: {f.code} {f.message}\n" for f in errors[:SHOWN_ERRORS])
    )


def text(done: Batch | Path, folder: Path | None = None) -> None:
    """`render -o FILE`: the file it wrote. `render --all -o DIR`: the diagrams it could not
    draw or write, else the maps it skipped; and how many it wrote, where."""
    if isinstance(done, Path):
        sys.stderr.write(f"wrote {visible(str(done))}\n")
        return
    batch = done
    if batch.written:
        from acmap.words import plural

        where = f" to {visible(str(folder))}" if folder is not None else ""
        sys.stderr.write(f"wrote {plural(batch.written, 'diagram')}{where}\n")
    for problem in batch.broken:
        sys.stderr.write(f"acmap: {visible(problem)}\n")
    if batch.broken or not batch.errors:
        return
    sys.stderr.write(error_lines(batch.errors))
    if batch.written:
        sys.stderr.write("acmap: maps with errors were skipped (see `acmap validate`)\n")
    else:
        sys.stderr.write("acmap: every map has errors (see `acmap validate`); nothing rendered\n")


REPORTERS = {"text": text}
