"""Shell completion (Typer's), through the real protocol the shell scripts speak: the
_ACMAP_COMPLETE, COMP_WORDS and COMP_CWORD variables, and the real entry point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers import REPO, run_acmap


def complete(line: str, cwd: Path = REPO, shell: str = "bash") -> list[str]:
    """What bash would offer for `line` with the cursor at its end."""
    words = line.split()
    cursor = len(words) if line.endswith(" ") else len(words) - 1
    env = {"_ACMAP_COMPLETE": f"complete_{shell}", "COMP_WORDS": line, "COMP_CWORD": str(cursor)}
    result = run_acmap(cwd=cwd, env=env)
    assert result.code == 0, result.err
    assert result.err == ""
    return result.out.split()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Maps in a nested folder named by acmap.toml; one of them is not even YAML."""
    maps = tmp_path / "sales" / "maps"
    (maps / "emea").mkdir(parents=True)
    (tmp_path / "acmap.toml").write_text('maps = "sales/maps"\n', encoding="utf-8")
    (maps / "globex.yaml").write_text("acmap: 1\naccount: {id: globex, name: G}\n")
    (maps / "emea" / "gamma-gmbh.yml").write_text("acmap: 1\naccount: {id: gamma-gmbh}\n")
    (maps / "garbled.yaml").write_bytes(b"\xff\xfe: [unclosed\n")
    (maps / ".hidden.yaml").write_text("")
    (maps / "notes.txt").write_text("")
    (tmp_path / "work").mkdir()
    return tmp_path


def test_account_ids_come_from_the_file_names_of_the_maps_folder(project: Path) -> None:
    # From a subfolder: acmap.toml is found walking up, as for every command.
    assert complete("acmap show g", cwd=project / "work") == ["gamma-gmbh", "garbled", "globex"]
    assert complete("acmap path glo", cwd=project) == ["globex"]
    assert complete("acmap gaps ", cwd=project) == ["gamma-gmbh", "garbled", "globex"]
    assert complete("acmap import x.csv --account gam", cwd=project) == ["gamma-gmbh"]


def test_a_path_is_left_to_the_shell(project: Path) -> None:
    assert complete("acmap show sales/", cwd=project) == []


def test_account_ids_of_the_example_maps() -> None:
    assert complete("acmap show h") == ["halcyon-bank"]


def test_rule_codes_and_names() -> None:
    assert complete("acmap gaps --rule G2") == [f"G20{i}" for i in range(1, 8)]
    assert complete("acmap gaps --rule gone") == ["gone-dark"]
    assert "no-economic-buyer" in complete("acmap gaps --rule ")


def test_choices() -> None:
    assert complete("acmap list --format ") == ["text", "json", "csv"]
    assert complete("acmap gaps --tier s") == ["strategic", "standard"]
    assert complete("acmap gaps --severity ") == ["error", "warning", "info"]
    assert complete("acmap gaps --fail-on ") == ["error", "warning", "info", "never"]
    assert complete("acmap diff --fail-on-new ") == ["error", "warning", "never"]


def test_commands_and_options() -> None:
    assert complete("acmap sh") == ["show"]
    assert "--severity" in complete("acmap gaps --s")


def test_zsh_gets_help_texts_with_the_rule_codes() -> None:
    env = {"_ACMAP_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "acmap gaps --rule G10"}
    out = run_acmap(env=env).out
    assert "G101" in out and "economic_buyer" in out


def test_install_and_show_completion_are_offered() -> None:
    assert "--install-completion" in run_acmap("--help").out
    script = run_acmap("--show-completion", "bash", env={"SHELL": "/bin/bash"})
    assert script.code == 0, script.err
    assert "_ACMAP_COMPLETE=complete_bash" in script.out


# acmap's own entry point, reporting at exit which command modules it imported (importlib's
# imports are not in -X importtime).
MODULES_AT_EXIT = """
import atexit, sys
atexit.register(lambda: sys.stderr.write(" ".join(m for m in sys.modules if ".commands." in m)))
sys.argv = ["acmap"]
from acmap.cli import main
main()
"""


def test_completion_loads_only_the_command_being_completed() -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "_ACMAP_COMPLETE": "complete_bash",
        "COMP_WORDS": "acmap gaps --rule G1",
        "COMP_CWORD": "3",
    }
    done = subprocess.run(
        [sys.executable, "-c", MODULES_AT_EXIT],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "G101" in done.stdout.split()
    assert sorted(done.stderr.split()) == ["acmap.commands.gaps", "acmap.commands.options"]
