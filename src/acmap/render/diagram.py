"""`acmap render`'s pipeline: one map to one diagram, or a selection of maps to a folder of
them. Problems the user must fix come back as DiagramError (the command's exit 2)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from acmap.render.canvas import SIZES, VIEWS, FocusError, RenderOptions
from acmap.render.dot import build_dot
from acmap.render.run import FORMATS, RenderError, run_dot

if TYPE_CHECKING:
    from acmap.analysis.changes.account import AccountDiff
    from acmap.analysis.changes.union import MapUnion
    from acmap.findings import Finding
    from acmap.model import AccountMap
    from acmap.settings import GapSettings, Settings


SUFFIXES = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}
SUFFIXES |= {".mmd": "mermaid", ".mermaid": "mermaid"}
MERMAID = "mermaid"  # written by acmap itself (render/mermaid.py), no Graphviz involved
BINARY = ("png", "pdf")


class DiagramError(Exception):
    """A message for the user: exit 2."""


class MapErrors(Exception):
    """The map to draw has errors: the command lists them, exit 1."""

    def __init__(self, errors: list[Finding]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def load_one(targets: list[str], config: Settings) -> AccountMap:
    """The one map `render ID` draws."""
    from acmap.load.selection import SelectionError, load_selection

    try:
        selection = load_selection(targets, config)
    except SelectionError as exc:
        raise DiagramError(str(exc)) from None
    for problem in selection.unreadable:
        raise DiagramError(problem)
    if selection.files > 1:
        raise DiagramError(
            f"{targets[0]} holds {selection.files} map files: name one, or use --all -o DIR"
        )
    if errors := [f for f in selection.findings if f.severity == "error"]:
        raise MapErrors(errors)
    if not selection.maps:
        raise DiagramError("no map files selected")
    return selection.maps[0]


@dataclass(slots=True)
class Batch:
    """What `render --all` did: how many diagrams it wrote, the accounts it could not draw or
    write (exit 2), and the errors of the maps it skipped (exit 1)."""

    written: int = 0
    broken: list[str] = field(default_factory=list)
    errors: list[Finding] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 2 if self.broken else 1 if self.errors else 0


def check_layout(view: str, size: str) -> None:
    for option, value, allowed in (("--view", view, VIEWS), ("--size", size, SIZES)):
        if value not in allowed:
            raise DiagramError(f"{option} {value!r}: expected one of {', '.join(allowed)}")


def format_for(requested: str | None, output: Path | None) -> str:
    """--format, checked against the -o suffix; else the suffix's; else svg."""
    from_suffix = SUFFIXES.get(output.suffix.lower()) if output is not None else None
    if requested is not None:
        if requested not in (*FORMATS, MERMAID):
            known = ", ".join((*FORMATS, MERMAID))
            raise DiagramError(f"--format {requested!r}: expected one of {known}")
        if from_suffix is not None and from_suffix != requested:
            raise DiagramError(f"--format {requested} does not match the file name {output}")
        return requested
    if output is not None and from_suffix is None:
        raise DiagramError(
            f"cannot tell the format of {output}: use a .svg, .png, .pdf, .dot or .mmd name,"
            " or --format"
        )
    return from_suffix or "svg"


def options_for(
    account_map: AccountMap,
    gaps: GapSettings,
    today: date,
    view: str,
    focus: str | None = None,
    depth: int = 1,
    legend: bool = True,
    size: str = "slide",
) -> RenderOptions:
    """The title's status and score are the numbers `acmap list` and `acmap gaps` show; contact
    states use the same thresholds as the rules."""
    from acmap.analysis.account import standing

    facts = standing(account_map, gaps, today)
    return RenderOptions(
        today=today,
        view=view,
        focus=focus,
        depth=depth,
        stale_days=facts.stale_days,
        engaged_days=facts.engaged_days,
        status=facts.status,
        score=facts.score,
        legend=legend,
        size=size,
    )


def for_deal(
    account_map: AccountMap, options: RenderOptions, opportunity: str | None, diff: str | None
) -> tuple[AccountMap, RenderOptions]:
    """`--opportunity`: the deal's buying committee with its per-deal roles (render/deal.py)."""
    from acmap.render.deal import DealError, deal_view

    if opportunity is not None and diff is not None:
        raise DiagramError("--opportunity and --diff cannot be combined: draw one of them")
    try:
        return deal_view(account_map, options, opportunity)
    except DealError as exc:
        raise DiagramError(str(exc)) from None


def diagram(
    account_map: AccountMap,
    options: RenderOptions,
    fmt: str,
    timeout: float,
    warn: Callable[[str], object] | None = None,
) -> bytes:
    """One account's diagram in `fmt` (svg, png, pdf, dot or mermaid); `warn` is told (a line)
    when GitHub would not draw the Mermaid text."""
    try:
        if fmt == MERMAID:
            from acmap.render.mermaid import build_mermaid
            from acmap.render.mermaid_chart import github_limits

            text = build_mermaid(account_map, options)
            if warn is not None and (too_big := github_limits(text)):
                warn(f"acmap: warning: {too_big}\n")
            return text.encode("utf-8")
        source = build_dot(account_map, options)
    except FocusError as exc:
        raise DiagramError(
            f"--focus {exc.args[0]!r}: no such stakeholder in {account_map.account.id}"
        ) from None
    if fmt == "dot":
        return source.encode("utf-8")
    try:
        return run_dot(source, fmt, timeout)
    except RenderError as exc:
        raise DiagramError(str(exc)) from None


def draw(
    account_map: AccountMap,
    *,
    gaps: GapSettings,
    today: date,
    view: str,
    legend: bool,
    fmt: str,
    timeout: float,
    size: str = "slide",
) -> tuple[str, bytes | str]:
    """--all, in the worker process that loaded the map: (account id, the diagram's bytes or
    why it could not be drawn). Only the diagram travels back, so maps never pile up in memory
    and both cores run `dot`."""
    try:
        options = options_for(account_map, gaps, today, view, legend=legend, size=size)
        return account_map.account.id, diagram(account_map, options, fmt, timeout)
    except DiagramError as exc:
        return account_map.account.id, str(exc)


def planned(targets: list[str], config: Settings, folder: Path, fmt: str) -> list[Path]:
    """The files --all means to write, by map file name (a map is named after its account; W001
    says so when not), so that existing ones are refused before any drawing."""
    from acmap.load.selection import SelectionError, map_files

    try:
        files, _ = map_files(targets, config)
    except SelectionError as exc:
        raise DiagramError(str(exc)) from None
    return [folder / f"{path.stem}.{_suffix(fmt)}" for path in files]


def render_all(
    targets: list[str],
    config: Settings,
    folder: Path,
    fmt: str,
    today: date,
    view: str,
    legend: bool,
    timeout: float,
    force: bool,
    size: str = "slide",
) -> Batch:
    """Every selected map's diagram, written to `folder` as ACCOUNT.FMT (atomically, never over
    an existing file without `force`)."""
    from functools import partial

    from acmap.edit.atomic import WouldOverwrite, write_atomic
    from acmap.load.selection import SelectionError, load_selection, project_root

    work = partial(
        draw,
        gaps=config.gaps,
        today=today,
        view=view,
        legend=legend,
        fmt=fmt,
        timeout=timeout,
        size=size,
    )
    try:
        selection = load_selection(targets, config, analyse=work, keep_maps=False)
    except SelectionError as exc:
        raise DiagramError(str(exc)) from None
    if selection.unreadable:
        raise DiagramError(selection.unreadable[0])
    batch = Batch(errors=[f for f in selection.findings if f.severity == "error"])
    if not selection.results and not batch.errors:
        raise DiagramError("no map files selected")
    for account_id, data in selection.results:
        path = folder / f"{account_id}.{_suffix(fmt)}"
        if isinstance(data, str):
            batch.broken.append(f"{account_id}: {data}")
            continue
        try:
            write_atomic(path, data, overwrite=force, root=project_root(config))
        except WouldOverwrite:
            batch.broken.append(f"{path} exists; add --force to replace it")
        except OSError as exc:
            raise DiagramError(f"{path}: cannot write: {exc.strerror or exc}") from None
        batch.written += 1
    return batch


def _suffix(fmt: str) -> str:
    return "mmd" if fmt == MERMAID else fmt


def write(path: Path, data: bytes, config: Settings | None = None) -> None:
    """Atomic, so an interrupted render never leaves half a diagram behind; never through a
    symlink in the project that leads out of it, never over a FIFO or a device."""
    from acmap.edit.atomic import write_atomic
    from acmap.load.selection import project_root

    try:
        write_atomic(path, data, root=None if config is None else project_root(config))
    except OSError as exc:
        raise DiagramError(f"{path}: cannot write: {exc.strerror or exc}") from None


def diff_diagram(
    account_map: AccountMap,
    revisions: str,
    config: Settings,
    options: RenderOptions,
    fmt: str,
    timeout: float,
    warn: Callable[[str], object] | None = None,
) -> bytes:
    """`render --diff BASE[..HEAD]`: the map at HEAD (default: as loaded, the work tree) with what
    changed since BASE marked, laid out where BASE's diagram has everyone; `warn` as diagram's
    (default: stderr)."""
    import sys
    from dataclasses import replace

    from acmap.render.diffview import diff_diagram as draw

    union = replace(_union(account_map, revisions, config, options.today), since=revisions)
    base_options = options_for(
        union.base,
        config.gaps,
        options.today,
        options.view,
        options.focus,
        options.depth,
        options.legend,
        options.size,
    )
    try:
        warn = warn or sys.stderr.write
        return draw(union, options, base_options, fmt, timeout, warn)
    except FocusError as exc:
        raise DiagramError(f"--focus {exc.args[0]!r}: not in {revisions.split('..')[0]}") from None
    except RenderError as exc:
        raise DiagramError(str(exc)) from None


def _union(account_map: AccountMap, revisions: str, config: Settings, today: date) -> MapUnion:
    """Both versions of the account's map file, from git (acmap diff's reading of them)."""
    import os

    from acmap.analysis.changes import diff_revisions
    from acmap.analysis.changes.union import map_union
    from acmap.git import GitError

    spec = os.path.relpath(os.path.abspath(account_map.path))
    base, _, head = revisions.partition("..")

    def version(span: str) -> AccountDiff | None:
        try:
            result = diff_revisions(span, None, [spec], config, today)
        except GitError as exc:
            raise DiagramError(str(exc)) from None
        return next((a for a in result.accounts if a.account == account_map.account.id), None)

    found = version(revisions)
    if found is None and head.lstrip("."):  # BASE..HEAD left the file alone: HEAD is BASE's
        found = version(base)
        if found is not None and found.union is not None:
            return map_union(found.union.base, found.union.base)
    if found is None:  # the map (as loaded) is the same at BASE
        return map_union(account_map, account_map)
    if found.union is None:
        where = revisions if found.invalid_after else base
        raise DiagramError(f"{spec}: no valid map of {found.account} at {where} to compare with")
    return found.union
