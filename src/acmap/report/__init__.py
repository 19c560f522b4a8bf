"""Reporters: one module per subject (findings, gaps, portfolio, account, diff, partners, path,
import), each with a REPORTERS table from output format to a function of the command's typed
result. A reporter formats; it never decides.

`reporter(subject, format)` imports only the module asked for: start-up time is a feature.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def reporter(subject: str, output_format: str) -> Callable[..., Any]:
    """REPORTERS[subject][format]: the function that writes `subject` in `output_format`."""
    module = importlib.import_module(f"acmap.report.{subject}")
    table: dict[str, Callable[..., Any]] = module.REPORTERS
    return table[output_format]
