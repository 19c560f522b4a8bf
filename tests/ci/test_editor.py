"""Editor support, as a rep gets it: the real yaml-language-server against an `acmap init` repo.

The server (tests/node, installed by scripts/setup.sh) runs over stdio exactly as VS Code's YAML
extension or any LSP editor runs it, with no schema configured: the `$schema=` modeline that
acmap writes at the top of every map must be enough. Each test starts from a fresh `acmap init`
and uses only what acmap itself wrote, so a modeline pointing at a file that is not there shows
up as the "Unable to load schema" a rep would see.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from acmap.format.schema import json_schema
from acmap.model import INFLUENCE_LEVELS, STANCES
from tests.ci.lsp import LanguageServer, encode, read_message
from tests.helpers import REPO, git, run_acmap

SERVER = REPO / "tests" / "node" / "node_modules" / "yaml-language-server" / "bin"
SERVER /= "yaml-language-server"
NODE = shutil.which("node")


def _missing() -> str | None:
    if NODE is None:
        return "node is not installed (bash scripts/setup.sh installs it)"
    if not SERVER.is_file():
        return f"yaml-language-server is not installed in {SERVER.parents[2]}: run bash scripts/setup.sh"
    return None


_MISSING = _missing()


@pytest.fixture(autouse=True)
def _server_installed() -> None:
    """Skipped only where node or the server is missing; CI runs setup.sh first, so there a
    missing server is a broken setup and the test fails instead of passing by skipping."""
    if _MISSING is not None:
        if os.environ.get("CI"):
            pytest.fail(f"the editor test cannot run in CI: {_MISSING}", pytrace=False)
        pytest.skip(_MISSING)


# What an editor sends as the user's yaml.* settings: validation and completion on, no schema
# associations (the modeline alone must do), and no SchemaStore catalogue, which an editor
# fetches from the network and which would only add schemas for other YAML files.
YAML_SETTINGS: dict[str, Any] = {
    "validate": True,
    "completion": True,
    "hover": True,
    "schemas": {},
    "schemaStore": {"enable": False},
}

# The machine running the tests may be loaded: a slow start is not a failure.
WAIT = 90


# --- repositories, as a new team makes them --------------------------------------------------


def _init(root: Path) -> Path:
    root.mkdir()
    git(root, "init", "-q")
    done = run_acmap("init", cwd=root, env={"ACMAP_TODAY": "2026-12-01"})
    assert done.code == 0, done.err
    return root


def _example(root: Path) -> Path:
    """`acmap init`, then the example map it writes: maps/globex.yaml."""
    return _init(root) / "maps" / "globex.yaml"


def _new(root: Path) -> Path:
    """`acmap init`, then `acmap new acme`: maps/acme.yaml."""
    _init(root)
    done = run_acmap("new", "acme", "--name", "Acme", "--owner", "dana", cwd=root)
    assert done.code == 0, done.err
    return root / "maps" / "acme.yaml"


def _nested(root: Path) -> Path:
    """`acmap init`, maps moved to accounts/emea in acmap.toml, then `acmap new acme` there."""
    _init(root)
    toml = root / "acmap.toml"
    text, count = re.subn(r'(?m)^maps = "maps"', 'maps = "accounts/emea"', toml.read_text())
    assert count == 1, text
    toml.write_text(text)
    done = run_acmap("new", "acme", "--name", "Acme", "--owner", "dana", cwd=root)
    assert done.code == 0, done.err
    path = root / "accounts" / "emea" / "acme.yaml"
    assert path.is_file(), done.out
    return path


LAYOUTS = {"example": _example, "new": _new, "nested-new": _nested}


@pytest.fixture(params=list(LAYOUTS))
def account_map(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A map as acmap wrote it, in a repository as acmap init left it."""
    layout = LAYOUTS[request.param]
    return layout(tmp_path / "repo")


@pytest.fixture
def editor(account_map: Path) -> Iterator[LanguageServer]:
    """yaml-language-server, initialized for the map's repository as an editor would."""
    root = account_map.parent
    while not (root / "acmap.toml").is_file():
        root = root.parent
    command = [str(NODE), str(SERVER), "--stdio"]
    with LanguageServer(command, root, {"yaml": YAML_SETTINGS}, timeout=WAIT) as server:
        server.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": {
                    "workspace": {"configuration": True, "workspaceFolders": True},
                    "textDocument": {
                        "synchronization": {"didSave": True},
                        "completion": {"completionItem": {"snippetSupport": True}},
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "publishDiagnostics": {"relatedInformation": True},
                    },
                },
            },
        )
        server.notify("initialized", {})
        server.notify("workspace/didChangeConfiguration", {"settings": {"yaml": YAML_SETTINGS}})
        yield server


def _open(server: LanguageServer, path: Path, text: str) -> str:
    uri = path.as_uri()
    document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
    server.notify("textDocument/didOpen", {"textDocument": document})
    return uri


def _published(server: LanguageServer, uri: str) -> list[dict[str, Any]]:
    """The diagnostics the server publishes for `uri` once it has validated it."""
    server.wait_for(
        "textDocument/publishDiagnostics",
        lambda params: params["uri"] == uri,
        f"diagnostics for {uri}",
    )
    server.settle(quiet=1.0)  # a second round (after the configuration) replaces the first
    found = server.diagnostics(uri)
    assert found is not None
    return found


def _no_schema_trouble(diagnostics: list[dict[str, Any]]) -> None:
    trouble = [d["message"] for d in diagnostics if "schema" in d["message"].lower()]
    assert not trouble, f"the map's $schema modeline does not resolve: {trouble}"


def _with_stakeholder(text: str, *lines: str) -> tuple[str, int]:
    """The map with a stakeholder (`lines`, indented under the list) first under
    `stakeholders:`, and the 0-based line number of its first line."""
    source = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(source) if line.startswith("stakeholders:")) + 1
    added = [f"  {lines[0]}\n", *(f"    {line}\n" for line in lines[1:])]
    return "".join(source[:at] + added + source[at:]), at


def _labels(completion: Any) -> list[str]:
    items = completion["items"] if isinstance(completion, dict) else completion or []
    return [item["label"] for item in items]


# --- (a) and (b): diagnostics from the schema --------------------------------------------------


@pytest.mark.timeout(300)
def test_a_schema_violation_is_reported_on_its_own_line(
    account_map: Path, editor: LanguageServer
) -> None:
    text, first = _with_stakeholder(
        account_map.read_text(encoding="utf-8"),
        "- id: jnunez",
        "name: José Núñez",  # not ASCII: the client's frames count bytes, not characters
        "stance: friendly",
        "favourite_colour: blue",
    )
    account_map.write_text(text, encoding="utf-8")  # the rep's edit, saved
    uri = _open(editor, account_map, text)

    diagnostics = _published(editor, uri)

    _no_schema_trouble(diagnostics)
    by_line = {d["range"]["start"]["line"]: d["message"] for d in diagnostics}
    stance, unknown = first + 2, first + 3
    assert set(by_line) == {stance, unknown}, diagnostics
    assert all(value in by_line[stance] for value in STANCES), by_line[stance]
    assert "favourite_colour" in by_line[unknown], by_line[unknown]


@pytest.mark.timeout(300)
def test_the_map_acmap_wrote_gets_no_diagnostics(account_map: Path, editor: LanguageServer) -> None:
    text = account_map.read_text(encoding="utf-8")
    uri = _open(editor, account_map, text)

    diagnostics = _published(editor, uri)

    _no_schema_trouble(diagnostics)
    assert diagnostics == []

    # Not silent for want of a schema: the schema's own words describe the document's keys.
    line = text.splitlines().index("stakeholders:")
    hover = editor.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": line, "character": 3}},
    )
    assert hover is not None, "no hover: the map is not under acmap's schema"
    assert json_schema()["properties"]["stakeholders"]["description"] in str(hover["contents"])


# --- (c): completion from the schema ---------------------------------------------------------


@pytest.mark.timeout(300)
def test_completion_offers_a_stakeholders_keys_and_the_stance_values(
    account_map: Path, editor: LanguageServer
) -> None:
    original = account_map.read_text(encoding="utf-8")
    text, first = _with_stakeholder(original, "- id: pdoe", "name: Pat Doe", "")
    uri = _open(editor, account_map, text)
    _no_schema_trouble(_published(editor, uri))  # validated: the schema is loaded
    version = 1

    def typed(*lines: str) -> None:
        """The rep types on: the stakeholder's lines are now `lines`."""
        nonlocal version
        version += 1
        changed = {"uri": uri, "version": version}
        text, _ = _with_stakeholder(original, *lines)
        editor.notify(
            "textDocument/didChange", {"textDocument": changed, "contentChanges": [{"text": text}]}
        )

    def complete(line: int, character: int) -> list[str]:
        where = {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
        return _labels(editor.request("textDocument/completion", where))

    keys = complete(first + 2, 4)  # the blank line inside the new stakeholder
    for key in ("stance", "influence", "roles", "title", "reports_to", "last_contact"):
        assert key in keys, keys
    assert "id" not in keys and "name" not in keys, keys  # already there
    assert "stage" not in keys and "tier" not in keys, keys  # an opportunity's, an account's

    typed("- id: pdoe", "name: Pat Doe", "stance: ")
    assert sorted(complete(first + 2, len("    stance: "))) == sorted(STANCES)

    typed("- id: pdoe", "name: Pat Doe", "influence: ")
    assert sorted(complete(first + 2, len("    influence: "))) == sorted(INFLUENCE_LEVELS)


# --- the client's framing ---------------------------------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(st.lists(st.dictionaries(st.text(), _JSON, max_size=4), min_size=1, max_size=4))
def test_frames_read_back_whatever_text_they_carry(messages: list[dict[str, Any]]) -> None:
    stream = io.BytesIO(b"".join(encode(message) for message in messages))
    assert [read_message(stream) for _ in messages] == messages
    assert read_message(stream) is None
