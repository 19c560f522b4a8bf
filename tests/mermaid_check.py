"""The real Mermaid check: Mermaid text parsed and drawn by the `mermaid` npm package in headless
Chromium, as GitHub draws a ```mermaid block (securityLevel 'strict').

One browser serves a whole test session (the `mermaid_check` fixture in tests/conftest.py). The
page is a local file in a temp folder that loads tests/node/node_modules/mermaid by file URL:
no server, no network. `MermaidCheck.render(text)` returns what went wrong (the parse or render
error, the browser console's errors) and what was drawn: the SVG, and, read from the live DOM,
the text of every node and what no diagram of ours may contain (links, scripts, on* handlers,
href attributes).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.chromium import missing as browser_missing
from tests.chromium import start
from tests.helpers import REPO

MERMAID_JS = REPO / "tests" / "node" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>mermaid check</title>
<script src="{script}"></script>
<script>mermaid.initialize({{startOnLoad: false, securityLevel: "strict"}});</script>
</head><body><div id="out"></div></body></html>
"""

# Runs in the page: parse, render, put the SVG into the document and read it back from the DOM
# (what a reader sees is textContent, whatever entities or markup made it).
RENDER = """
const [text, id, done] = arguments;
(async () => {
  const result = {error: null, svg: "", nodes: [], edges: 0, clusters: [], anchors: 0,
                  scripts: 0, handlers: [], hrefs: [], text: ""};
  try {
    await mermaid.parse(text);
    const {svg} = await mermaid.render(id, text);
    const out = document.getElementById("out");
    out.innerHTML = svg;
    const root = out.querySelector("svg");
    result.svg = svg;
    result.text = root.textContent;
    for (const node of root.querySelectorAll("g.node")) {
      result.nodes.push({id: node.id, classes: node.getAttribute("class") || "",
                         text: node.textContent});
    }
    for (const cluster of root.querySelectorAll("g.cluster")) {
      result.clusters.push({id: cluster.id, text: cluster.textContent});
    }
    result.edges = root.querySelectorAll("path.flowchart-link, .edgePaths path").length;
    result.anchors = out.querySelectorAll("a").length;
    result.scripts = out.querySelectorAll("script").length;
    for (const element of out.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith("on")) result.handlers.push(element.tagName + " " + name);
        if (name === "href" || name.endsWith(":href")) result.hrefs.push(attribute.value);
      }
    }
    out.innerHTML = "";
  } catch (e) {
    result.error = String((e && e.message) || e);
  }
  done(result);
})();
"""


@dataclass
class Drawn:
    """What Mermaid made of one text."""

    error: str | None
    console: list[str]
    svg: str
    nodes: list[dict[str, str]] = field(default_factory=list)  # id, classes, text
    clusters: list[dict[str, str]] = field(default_factory=list)  # id, text
    edges: int = 0
    anchors: int = 0
    scripts: int = 0
    handlers: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)
    text: str = ""

    @property
    def problems(self) -> list[str]:
        """The parse or render error and the console's errors: empty when all went well."""
        return ([self.error] if self.error else []) + self.console

    def node(self, mermaid_id: str) -> dict[str, str]:
        """The drawn node of a flowchart id (Mermaid names it `…-flowchart-<id>-<n>`)."""
        found = [n for n in self.nodes if f"-{mermaid_id}-" in n["id"] + "-"]
        assert len(found) == 1, (mermaid_id, [n["id"] for n in self.nodes])
        return found[0]


def missing() -> str | None:
    """Why the check cannot run here, or None."""
    if not MERMAID_JS.is_file():
        return f"mermaid is not installed in {MERMAID_JS.parents[2]}: run bash scripts/setup.sh"
    return browser_missing()


class MermaidCheck:
    """Headless Chromium with the Mermaid page open; `close()` quits it."""

    def __init__(self) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="acmap-mermaid-"))
        page = self._folder / "check.html"
        page.write_text(PAGE.format(script=MERMAID_JS.as_uri()), encoding="utf-8")
        try:
            self._driver = start(self._folder / "profile")
        except Exception:
            shutil.rmtree(self._folder, ignore_errors=True)
            raise
        self._driver.set_script_timeout(120)
        self._driver.get(page.as_uri())
        self._count = 0
        loaded = self._driver.execute_script("return typeof mermaid !== 'undefined'")
        if not loaded:
            self.close()
            raise RuntimeError(f"the Mermaid page did not load {MERMAID_JS}")
        self._console()  # start each render with an empty log

    def render(self, text: str) -> Drawn:
        self._count += 1
        raw: dict[str, Any] = self._driver.execute_async_script(RENDER, text, f"m{self._count}")
        return Drawn(console=self._console(), **raw)

    def _console(self) -> list[str]:
        entries = self._driver.get_log("browser")  # type: ignore[no-untyped-call]
        return [e["message"] for e in entries if e.get("level") == "SEVERE"]

    def close(self) -> None:
        try:
            self._driver.quit()
        finally:
            shutil.rmtree(self._folder, ignore_errors=True)


def ci() -> bool:
    return bool(os.environ.get("CI"))


def describe(drawn: Drawn) -> str:
    """A failure message: the problems, then the nodes' text."""
    return json.dumps({"problems": drawn.problems, "nodes": drawn.nodes[:20]}, indent=1)
