"""What `acmap render` says on stderr: the maps it could not draw, and their errors."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Protocol

from acmap.report.terminal import visible

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


def text(batch: Batch) -> None:
    """`render --all`: the diagrams it could not draw or write, else the maps it skipped."""
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
