"""A headless Chromium for the site tests: one for the whole session (tests/site/conftest.py),
opening built pages from file:// and reading them back from the live DOM. It starts the browser
as every browser test does (tests/chromium.py)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from tests.chromium import missing as browser_missing
from tests.chromium import start
from tests.helpers import REPO

AXE_JS = REPO / "tests" / "node" / "node_modules" / "axe-core" / "axe.min.js"


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not AXE_JS.is_file():
        return f"axe-core is not installed in {AXE_JS.parent.parent}: run bash scripts/setup.sh"
    return browser_missing()


class SiteBrowser:
    """Headless Chromium; `close()` quits it."""

    def __init__(self) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="acmap-site-browser-"))
        try:
            self.driver = start(self._folder / "profile", "--window-size=1280,900")
        except Exception:
            shutil.rmtree(self._folder, ignore_errors=True)
            raise
        self.driver.set_script_timeout(60)
        # axe-core in every page as it loads, sent once (not 500 kB over WebDriver per page);
        # a script the browser itself adds, outside the page's CSP.
        source = AXE_JS.read_text(encoding="utf-8")
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": source})

    def open(self, page: Path) -> list[str]:
        """Open `page` from file://; the console's errors and warnings while it loaded."""
        self.console()  # start with an empty log
        self.driver.get(page.as_uri())
        self.driver.execute_script("return document.readyState")
        return self.console()

    def console(self) -> list[str]:
        entries = self.driver.get_log("browser")  # type: ignore[no-untyped-call]
        return [e["message"] for e in entries if e.get("level") in ("SEVERE", "WARNING")]

    def run(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def axe(self) -> list[dict[str, Any]]:
        """axe-core's serious and critical violations on the open page."""
        found: dict[str, Any] = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
            " help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))),"
            " e => done([{id: 'axe failed', impact: 'critical', help: String(e), nodes: []}]));"
        )
        return [v for v in found if v["impact"] in ("serious", "critical")]

    def screenshot(self, path: Path) -> Path:
        self.driver.save_screenshot(str(path))
        return path

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self._folder, ignore_errors=True)
