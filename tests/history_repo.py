"""A scripted map history for the `acmap history` tests: real git, authors and dates set.

c1 2026-09-01 Dana Ruiz    globex and hooli added: both green
c2 2026-09-10 Omar Haddad  globex: Mary Lee loses her owner (G203 mlee opens)
c3 2026-09-15 Dana Ruiz    globex: a goal reworded (nothing opens or closes)
c4 2026-09-20 Omar Haddad  hooli: Gavin turns blocker (green → red)
c5 2026-09-25 Priya Shah   globex: Mary Lee gets her owner back (G203 mlee closes)
c6 2026-10-03 Dana Ruiz    hooli: broken YAML (invalid)
c7 2026-10-08 Omar Haddad  hooli: fixed, Gavin a supporter again (red → green)
c8 2026-10-20 Priya Shah   hooli moves to maps/emea/hooli.yaml (a rename)
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.helpers import GIT_ENV

GLOBEX = """\
acmap: 1
account:
  id: globex
  name: Globex Corporation
  tier: key
  owner: dana
  team:
    - {id: dana, name: Dana Ruiz}
    - {id: omar, name: Omar Haddad}
  reviewed: 2026-08-25
  goals: [Cut freight cost 10%]
stakeholders:
  - id: ceo
    name: Hank Scorpio
    title: CEO
    roles: [economic_buyer]
    stance: neutral
    influence: high
    owner: dana
    last_contact: 2026-08-28
    prefers: {channel: email}
  - id: mlee
    name: Mary Lee
    title: CFO
    reports_to: ceo
    roles: [decision_maker]
    stance: supporter
    influence: high
    owner: dana
    last_contact: 2026-08-29
    prefers: {channel: email}
  - id: jkim
    name: Jin Kim
    title: Controller
    reports_to: mlee
    roles: [champion]
    stance: advocate
    owner: omar
    last_contact: 2026-08-28
    prefers: {channel: email}
"""

HOOLI = """\
acmap: 1
account: {id: hooli, name: Hooli, owner: omar, team: [{id: omar, name: Omar Haddad}], goals: [Scale]}
stakeholders:
  - {id: gavin, name: Gavin Belson, roles: [economic_buyer, decision_maker], stance: supporter}
"""

AUTHORS = {"Dana Ruiz": "dana", "Omar Haddad": "omar", "Priya Shah": "priya"}


def _git(repo: Path, when: str | None, author: str | None, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{when}T10:00:00+00:00"
    if author is not None:
        env["GIT_AUTHOR_NAME"] = author
        env["GIT_AUTHOR_EMAIL"] = f"{AUTHORS[author]}@seller.example"
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _write(repo: Path, name: str, text: str) -> None:
    path = repo / "maps" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / "maps" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, name)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _commit(repo: Path, when: str, author: str, message: str) -> str:
    _git(repo, when, author, "add", "-A")
    _git(repo, when, author, "commit", "-q", "-m", message)
    return _git(repo, None, None, "rev-parse", "HEAD").strip()


MARY_OWNER = "    influence: high\n    owner: dana\n    last_contact: 2026-08-29"
MARY_NO_OWNER = "    influence: high\n    last_contact: 2026-08-29"


def scripted_history(repo: Path) -> list[str]:
    """The repository above, built in `repo`; its commit ids, c1 first."""
    repo.mkdir(parents=True, exist_ok=True)
    _git(repo, None, None, "init", "-q")
    (repo / "acmap.toml").write_text('maps = "maps"\ntoday = "2026-11-01"\n', encoding="utf-8")
    _write(repo, "globex.yaml", GLOBEX)
    _write(repo, "hooli.yaml", HOOLI)
    commits = [_commit(repo, "2026-09-01", "Dana Ruiz", "Globex and Hooli mapped")]
    _edit(repo, "globex.yaml", MARY_OWNER, MARY_NO_OWNER)
    commits.append(_commit(repo, "2026-09-10", "Omar Haddad", "Mary Lee: Dana hands her over"))
    _edit(repo, "globex.yaml", "Cut freight cost 10%", "Cut freight cost 12%")
    commits.append(_commit(repo, "2026-09-15", "Dana Ruiz", "Globex goal"))
    _edit(repo, "hooli.yaml", "stance: supporter", "stance: blocker")
    commits.append(_commit(repo, "2026-09-20", "Omar Haddad", "Gavin turned"))
    _edit(repo, "globex.yaml", MARY_NO_OWNER, MARY_OWNER)
    commits.append(_commit(repo, "2026-09-25", "Priya Shah", "Mary Lee: Dana again"))
    _edit(repo, "hooli.yaml", "stakeholders:\n", "stakeholders: [\n")
    commits.append(_commit(repo, "2026-10-03", "Dana Ruiz", "Hooli: half an edit"))
    _write(repo, "hooli.yaml", HOOLI)
    commits.append(_commit(repo, "2026-10-08", "Omar Haddad", "Hooli: fixed"))
    (repo / "maps" / "emea").mkdir()
    _git(repo, None, None, "mv", "maps/hooli.yaml", "maps/emea/hooli.yaml")
    commits.append(_commit(repo, "2026-10-20", "Priya Shah", "Hooli to EMEA"))
    return commits
