"""GitHub Actions workflow commands, so findings show as annotations on the pull request.

GitHub places an annotation by its path from the repository root, while findings name files
from the working directory (the Action's `working-directory: sales` makes `maps/globex.yaml`
out of `sales/maps/globex.yaml`). So paths are rebased once per run onto GITHUB_WORKSPACE, else
the git top level, else left as they are.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from acmap.findings import Finding

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, file: str | None = None) -> str:
    level = _LEVELS[finding.severity]
    title = _escape_property(f"{finding.code} {finding.name}")
    return (
        f"::{level} file={_escape_property(finding.file if file is None else file)},"
        f"line={finding.line},col={finding.col},title={title}::{_escape_data(finding.message)}"
    )


def write_annotations(stream: TextIO, findings: list[Finding]) -> None:
    """One workflow command per finding, in file order, written as they are made."""
    rebase = from_repository_root()
    for f in sorted(findings, key=Finding.sort_key):
        stream.write(annotation(f, rebase(f.file)) + "\n")


def from_repository_root(cwd: Path | None = None) -> Callable[[str], str]:
    """How to name a finding's file (as reports name it: from `cwd`) from the repository root.
    The root is looked up here, once: a run with 10,000 findings starts git at most once."""
    here = cwd or Path.cwd()
    root = _repository_root(here)
    if root is None:
        return lambda file: file
    # Both spellings of the way here: as named (symlinks kept, as findings name files) and
    # resolved (as git names its top level).
    bases = [(Path(os.path.abspath(here)), Path(os.path.abspath(root)))]
    bases.append((Path(os.path.realpath(here)), Path(os.path.realpath(root))))
    memo: dict[str, str] = {}

    def rebase(file: str) -> str:
        if file not in memo:
            memo[file] = _relative(file, bases)
        return memo[file]

    return rebase


def _relative(file: str, bases: list[tuple[Path, Path]]) -> str:
    for here, root in bases:
        # normpath, never resolve: a symlinked map is named as the link, not its target.
        path = Path(os.path.normpath(here / file))
        if path.is_relative_to(root):
            return path.relative_to(root).as_posix()
    return file


def _repository_root(cwd: Path) -> Path | None:
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        return Path(workspace) if Path(workspace).is_absolute() else cwd / workspace
    from acmap.git.run import GitError, toplevel

    try:
        return toplevel(cwd)
    except (GitError, OSError):
        return None
