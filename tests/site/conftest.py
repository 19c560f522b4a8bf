"""The site tests' fixtures: one site built for the session, one browser for the session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.helpers import run_acmap
from tests.site.portfolio import build_portfolio

if TYPE_CHECKING:
    from tests.site.browser import SiteBrowser


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the test portfolio (tests/site/portfolio.py), built once: its folder."""
    repo = build_portfolio(tmp_path_factory.mktemp("site-portfolio"))
    out = repo / "public"
    result = run_acmap("site", "-o", str(out), cwd=repo)
    assert result.code == 0, result.err
    return out


@pytest.fixture(scope="session")
def site_browser() -> Iterator[SiteBrowser]:
    """One headless Chromium for every browser test, always quit. Skipped where chromium, its
    driver or axe-core is missing, except under CI, which installs them: there it fails."""
    from tests.mermaid_check import ci
    from tests.site.browser import SiteBrowser, missing

    if (reason := missing()) is not None:
        if ci():
            pytest.fail(f"the site's browser tests cannot run in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    browser = SiteBrowser()
    try:
        yield browser
    finally:
        browser.close()
