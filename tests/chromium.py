"""Debian's Chromium, headless, driven by selenium through its chromedriver: the one way the
tests start a real browser (the Mermaid check, tests/mermaid_check.py; the site, tests/site/).

No network: the flags keep Chromium from calling home (this machine's network is closed, and a
test must not depend on one), and every page is a local file.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selenium.webdriver import Chrome

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
_FLAGS = (
    "--headless=new",
    "--no-sandbox",  # root in a container has no user namespace for the sandbox
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def browser() -> str | None:
    """The Chromium on PATH, or None."""
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def missing() -> str | None:
    """Why headless Chromium cannot be driven here (the browser, its driver, selenium), or
    None; each user adds what it needs besides (axe-core, mermaid)."""
    if browser() is None:
        return "chromium is not installed (bash scripts/setup.sh installs it)"
    if shutil.which("chromedriver") is None:
        return "chromedriver is not installed (bash scripts/setup.sh installs chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed in the venv (pip install -e '.[dev]')"
    return None


def start(profile: Path, *extra: str) -> Chrome:
    """A headless Chromium with a fresh profile in `profile`, its console log kept (the tests
    read the browser's errors); `extra` flags such as a window size."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = browser() or ""
    for argument in (*_FLAGS, *extra, f"--user-data-dir={profile}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "")
    return webdriver.Chrome(options=options, service=service)
