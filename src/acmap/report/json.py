"""SPEC §6's JSON object: stable key order and findings sorted by file, line, column, code."""

from __future__ import annotations

import json
from typing import Any

from acmap.findings import Finding

JSON_VERSION = 1


def findings_document(findings: list[Finding], summary: dict[str, Any]) -> str:
    document = {
        "version": JSON_VERSION,
        "findings": [f.as_json() for f in sorted(findings, key=Finding.sort_key)],
        "summary": summary,
    }
    return dump(document)


def dump(document: Any) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False, default=str)
