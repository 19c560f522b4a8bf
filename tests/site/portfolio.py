"""The small portfolios the site tests build: the example maps in a git repository with one
change committed (so pages have latest changes and two points of history), the render safety
map, and a map full of markup, scripts, `javascript:` URLs and markdown, in every field the
page shows: its deal (scored, against a gate acmap.toml sets) and its plan too."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import EXAMPLE_MAPS, commit, map_repo
from tests.render.test_safety import hostile_map

TODAY = "2026-12-01"

# Text that would do something if it became markup, a script, a link or markdown.
ATTACKS = {
    "script": "<script>alert('account')</script>",
    "img": '"><img src=x onerror=alert(1)>',
    "js_url": "javascript:alert(document.domain)",
    "markdown": "[click me](javascript:alert(2)) **bold** ![x](http://evil.example/x.png)",
    "svg": "<svg onload=alert(3)><a href='http://evil.example'>x</a></svg>",
    "close": "</script><script>alert(4)</script>",
    "style": "<style>body{display:none}</style>",
    "entity": "&lt;b&gt; &amp;amp; {{ 7*7 }} {% raw %}",
}


def attack_map() -> str:
    q = json.dumps  # a JSON string is a YAML double-quoted scalar
    a = ATTACKS
    return f"""\
acmap: 1
account:
  id: attack
  name: {q(a["script"])}
  owner: eve
  tier: key
  website: {q(a["js_url"])}
  industry: {q(a["markdown"])}
  team:
    - {{id: eve, name: {q(a["img"])}, email: {q(a["js_url"])}}}
    - {{id: tom, name: Tom Quinn}}
  goals: [{q(a["markdown"])}, {q(a["svg"])}]
  pains: [{q(a["close"])}]
  competitors: [{q(a["style"])}]
  opportunities:
    - id: deal
      name: {q(a["img"])}
      stage: proposal
      amount: 1000
      buying_group: [boss]
      metrics: [{{what: {q(a["script"])}, baseline: 1, target: 2}}]
      competition: [{{name: {q(a["svg"])}, status: evaluating}}]
units:
  - {{id: hq, name: {q(a["svg"])}}}
stakeholders:
  - id: boss
    name: {q(a["img"])}
    title: {q(a["script"])}
    unit: hq
    roles: [economic_buyer]
    stance: supporter
    owner: eve
    last_contact: 2026-11-20
    contact: {{email: {q(a["js_url"])}, linkedin: {q(a["js_url"])}, phone: {q(a["close"])}}}
    priorities: [{q(a["markdown"])}]
    notes: {q(a["entity"])}
  - {{id: champ, name: {q(a["entity"])}, title: {q(a["style"])}, unit: hq, reports_to: boss,
      roles: [champion], stance: advocate}}
links:
  - {{from: champ, to: boss, type: influences, note: {q(a["svg"])}}}
partners:
  - id: bad-partner
    name: {q(a["close"])}
    type: si
    knows: [{{stakeholder: boss}}]
actions:
  - {{what: {q(a["script"])}, owner: eve, with: [boss], due: 2026-12-05, opportunity: deal}}
  - {{what: {q(a["img"])}, owner: eve, with: [champ], due: 2026-11-20}}
  - {{what: {q(a["markdown"])}, owner: eve, due: 2026-11-01, status: done}}
  - {{what: Send the security pack, owner: tom, due: 2026-12-20}}
"""


# Two of the example maps (small: every page is crawled and checked by axe-core): a red key
# account with people who left, and an amber one with partners.
EXAMPLES = ("brightwater-foods.yaml", "halcyon-bank.yaml")


def build_portfolio(root: Path) -> Path:
    """A git repository at `root` with two example maps, the render safety map and the attack
    map; then one example map changed and committed."""
    maps = {name: (EXAMPLE_MAPS / name).read_text(encoding="utf-8") for name in EXAMPLES}
    maps["evil.yaml"] = hostile_map()
    maps["attack.yaml"] = attack_map()
    repo = map_repo(root, maps, today=TODAY)
    with (repo / "acmap.toml").open("a", encoding="utf-8") as settings:
        settings.write("\n[qualify.gates]\nproposal = {E = 2, C1 = 2}\n")
    halcyon = repo / "maps" / "halcyon-bank.yaml"
    text = halcyon.read_text(encoding="utf-8")
    changed = text.replace("stance: neutral", "stance: supporter", 1)
    assert changed != text
    halcyon.write_text(changed, encoding="utf-8")
    commit(repo, "Halcyon: a neutral is now a supporter")
    return repo
