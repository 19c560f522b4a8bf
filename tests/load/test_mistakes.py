"""The hand-editing mistakes corpus (tests/fixtures/mistakes): one mistake a file, one finding.

Each file is an otherwise valid map whose first two lines say what the rep did and what acmap
must report:

    # mistake: <what the rep did>
    # expect: <CODE> <LINE>[:<COL>] <words the message must contain, optional>

The line counts those two comment lines. The real `acmap validate --format json` (one run
over all the files: each map has its own account id, so no file's findings depend on
another's) must give exactly that one finding for each file (not a cascade), an error, so
that the file alone exits 1.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.helpers import FIXTURES, run_acmap

MISTAKES = FIXTURES / "mistakes"
FILES = sorted(MISTAKES.glob("*.yaml"))
_EXPECT = re.compile(
    r"# expect: (?P<code>[EW]\d{3}) (?P<line>\d+)(?::(?P<col>\d+))?(?: (?P<words>.+))?"
)


class Expected(NamedTuple):
    code: str
    line: int
    col: int | None
    words: str


def expected(path: Path) -> Expected:
    head = path.read_text(encoding="utf-8").splitlines()[:2]
    assert len(head) == 2 and head[0].startswith("# mistake: "), f"{path.name}: no mistake line"
    found = _EXPECT.fullmatch(head[1].rstrip())
    assert found, f"{path.name}: second line is not `# expect: CODE LINE[:COL] words`"
    col = found.group("col")
    return Expected(
        found.group("code"),
        int(found.group("line")),
        int(col) if col else None,
        (found.group("words") or "").strip(),
    )


@pytest.fixture(scope="module")
def reported() -> dict[str, list[dict[str, object]]]:
    """Every file's findings, from one real `acmap validate --format json` run over them all
    (the same per-file findings as a run per file: each map has its own account id)."""
    result = run_acmap("validate", "--format", "json", "--no-cache", *map(str, FILES))
    assert "Traceback" not in result.err and result.err == "", result.err
    assert result.code == 1, result.out
    by_file: dict[str, list[dict[str, object]]] = {path.name: [] for path in FILES}
    for finding in json.loads(result.out)["findings"]:
        by_file[Path(str(finding["file"])).name].append(finding)
    return by_file


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_the_mistake_is_named_on_its_own_line(
    path: Path, reported: dict[str, list[dict[str, object]]]
) -> None:
    want = expected(path)
    findings = reported[path.name]
    assert len(findings) == 1, [
        f"{f['line']}:{f['col']} {f['code']} {f['message']}" for f in findings
    ]
    found = findings[0]
    assert found["code"] == want.code, found
    assert found["severity"] == "error", found  # so the file alone fails validate (exit 1)
    assert found["line"] == want.line, found
    if want.col is not None:
        assert found["col"] == want.col, found
    assert want.words.casefold() in str(found["message"]).casefold(), found


def test_one_file_alone_exits_1() -> None:
    result = run_acmap("validate", "--format", "json", "--no-cache", str(FILES[0]))
    assert result.code == 1 and len(json.loads(result.out)["findings"]) == 1


def test_each_file_is_named_after_its_account() -> None:
    for path in FILES:
        assert f"  id: {path.stem}\n" in path.read_text(encoding="utf-8"), path.name


def test_the_syntax_mistakes_are_there() -> None:
    syntax = [path for path in FILES if path.name.startswith("syntax-")]
    assert len(syntax) >= 15
    kinds = {path.stem for path in syntax}
    for kind in (
        "syntax-missing-colon",
        "syntax-unclosed-bracket",
        "syntax-unclosed-quote",
        "syntax-colon-in-text",
        "syntax-items-under-empty-links",
        "syntax-items-under-empty-goals",
        "syntax-tab",
        "syntax-indentation-less",
        "syntax-missing-dash",
    ):
        assert kind in kinds


def test_the_corpus_holds_at_least_25_mistakes() -> None:
    # 28 syntax-* files here; the fields-* ones (branch h-fields) add to them when merged.
    assert len(FILES) >= 25
