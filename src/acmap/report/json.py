"""SPEC §6's JSON object: stable key order and findings sorted by file, line, column, code."""

from __future__ import annotations

import json
from typing import Any, TextIO

from acmap.findings import Finding

JSON_VERSION = 1


def write_findings_document(
    stream: TextIO, findings: list[Finding], summary: dict[str, Any]
) -> None:
    """SPEC §6's object and a newline, streamed: a portfolio's findings can run to tens of MB
    of JSON, and building it as one string first would triple the peak memory."""
    write_json(stream, _findings_object(findings, summary))


def _findings_object(findings: list[Finding], summary: dict[str, Any]) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "findings": [f.as_json() for f in sorted(findings, key=Finding.sort_key)],
        "summary": summary,
    }


_OPTIONS: dict[str, Any] = {"indent": 2, "sort_keys": True, "ensure_ascii": False, "default": str}


def dump(document: Any) -> str:
    return json.dumps(document, **_OPTIONS)


def write_json(stream: TextIO, document: Any) -> None:
    """dump(document) and a newline, written chunk by chunk."""
    json.dump(document, stream, **_OPTIONS)
    stream.write("\n")
