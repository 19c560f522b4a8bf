"""Numbers as YAML 1.1 writes them (`1_000`, `0x1f`, `.inf`), and the limits a field sets."""

from __future__ import annotations

from acmap.format import fields as fmt


def parse_number(text: str) -> int | float | None:
    """The value of an int- or float-tagged scalar, or None when it is not one (`.nan`)."""
    cleaned = text.replace("_", "")
    if cleaned.lstrip("+-").lower() == ".inf":
        return float("-inf" if cleaned[0] == "-" else "inf")
    if len(cleaned) > 400:  # int() of thousands of digits is slow (and limited): surely too big
        return float("inf") if cleaned.lstrip("+-")[:1].isdigit() else None
    try:
        return int(cleaned, 0)
    except ValueError:
        pass
    try:
        value = float(cleaned)
    except ValueError:
        return None
    if value != value:
        return None
    return value  # ±inf is then too large


def out_of_range(text: str, spec: fmt.Field, value: float) -> str | None:
    """Why `value` (written as `text`) is outside what `spec` allows, or None."""
    limit = spec.maximum or fmt.NUMBER_LIMIT
    if abs(value) > limit:
        shown = text if len(text) <= 24 else f"{text[:20]}… ({len(text)} characters)"
        return f"{shown} is too large: at most {limit:.0e} is allowed"
    if spec.minimum is not None and value < spec.minimum:
        return f"{text} is negative: it must be {spec.minimum} or more"
    return None
