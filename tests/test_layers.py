"""The layering of src/acmap, enforced by import-linter (`lint-imports`, run by .ci/run).

The contracts live in pyproject.toml. These tests show that they bite: a planted upward import
breaks them; and that the real tree keeps them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.helpers import REPO

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


def lint_imports(src: Path, config: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports on the acmap package under `src` (not the one the venv has installed)."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-logo", "--cache-dir", str(cache), str(config)],
        cwd=src.parent,
        env={**os.environ, "PYTHONPATH": str(src)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def planted(tmp_path: Path, module: str, line: str) -> Path:
    """A copy of src/ with `line` added at the end of acmap/<module>."""
    src = tmp_path / "src"
    shutil.copytree(REPO / "src", src, ignore=shutil.ignore_patterns("__pycache__"))
    target = src / "acmap" / module
    target.write_text(f"{target.read_text(encoding='utf-8')}\n{line}\n", encoding="utf-8")
    return src


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("model.py", "import acmap.commands.gaps", "acmap.model is not allowed to import"),
        ("settings.py", "import acmap.rules", "acmap.settings is not allowed to import"),
        ("format/codes.py", "import acmap.load", "acmap.format is not allowed to import"),
        ("commands/list.py", "import acmap.commands.gaps", "No command imports another"),
        ("crm/export.py", "import acmap.edit.importer", "acmap.crm is not allowed to import"),
        # selection imports parse: a circle between siblings (the layers alone allow it).
        ("load/parse.py", "import acmap.load.selection", "No cycles are allowed in acmap.load"),
    ],
)
def test_a_planted_upward_import_breaks_the_contract(
    tmp_path: Path, module: str, line: str, broken: str
) -> None:
    src = planted(tmp_path, module, line)
    done = lint_imports(src, REPO / "pyproject.toml", tmp_path / "cache")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "BROKEN" in done.stdout
    assert broken in done.stdout


def test_the_real_tree_keeps_every_contract(tmp_path: Path) -> None:
    done = lint_imports(REPO / "src", REPO / "pyproject.toml", tmp_path / "cache")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_the_independence_contract_lists_every_command_module() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    [independence] = [c for c in contracts if c["type"] == "independence"]
    commands = REPO / "src" / "acmap" / "commands"
    on_disk = {
        f"acmap.commands.{p.stem}" for p in commands.glob("*.py") if p.stem != "__init__"
    } - {"acmap.commands.options"}
    assert set(independence["modules"]) == on_disk


def test_rules_and_settings_do_not_import_each_other() -> None:
    # Not even lazily inside a function (the layers allow rules → settings): the rules declare
    # their knobs, settings parses acmap.toml, and acmap.analysis.policy joins the two.
    for module, other in (("settings.py", "acmap.rules"), ("rules", "acmap.settings")):
        path = REPO / "src" / "acmap" / module
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        pattern = re.compile(rf"^\s*(from {re.escape(other)}\b|import {re.escape(other)}\b)", re.M)
        for file in files:
            assert not pattern.search(file.read_text(encoding="utf-8")), file
