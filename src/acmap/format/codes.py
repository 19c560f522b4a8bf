"""The validation codes of SPEC §3: code → kebab name and severity."""

from __future__ import annotations

from acmap.findings import Finding

VALIDATION_CODES: dict[str, tuple[str, str]] = {
    "E001": ("yaml-syntax", "error"),
    "E002": ("duplicate-key", "error"),
    "E003": ("unknown-field", "error"),
    "E004": ("missing-field", "error"),
    "E005": ("invalid-value", "error"),
    "E006": ("duplicate-id", "error"),
    "E007": ("unknown-reference", "error"),
    "E008": ("cycle", "error"),
    "E009": ("self-reference", "error"),
    "E010": ("duplicate-account", "error"),
    "E011": ("unsafe-yaml", "error"),
    "W001": ("id-mismatch", "warning"),
}


def finding(
    file: str,
    line: int,
    col: int,
    code: str,
    message: str,
    account: str | None = None,
    subject: str | None = None,
) -> Finding:
    name, severity = VALIDATION_CODES[code]
    return Finding(file, line, col, code, name, severity, message, account, subject)
