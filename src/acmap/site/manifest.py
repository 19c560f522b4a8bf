"""What the last build of a site saw: per map file, the hash of everything its page depends on
and the account's summary; and every file the site wrote. An unchanged map is not read again,
its page not rewritten (its mtime stays), and only files listed here are ever removed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NAME = "acmap-site.json"
FORMAT = 1


@dataclass(slots=True)
class Manifest:
    context: str = ""  # acmap's code, the settings, today: a change rebuilds every page
    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)  # file → input, summary
    files: list[str] = field(default_factory=list)  # every file the site wrote, relative
    pages: dict[str, str] = field(default_factory=dict)  # shared page → digest of its inputs

    def as_json(self) -> dict[str, Any]:
        return {
            "acmap-site": FORMAT,
            "context": self.context,
            "accounts": self.accounts,
            "files": sorted(self.files),
            "pages": self.pages,
        }


def read(folder: Path) -> Manifest | None:
    """The manifest of the site in `folder`; None when there is none, or not ours."""
    try:
        data = json.loads((folder / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("acmap-site") != FORMAT:
        return None
    accounts = data.get("accounts")
    files = data.get("files")
    if not isinstance(accounts, dict) or not isinstance(files, list):
        return None
    pages = data.get("pages")
    if not isinstance(pages, dict):
        pages = {}
    context = str(data.get("context", ""))
    return Manifest(context, accounts, [f for f in files if _ours(f)], pages)


def _ours(name: object) -> bool:
    """A name the site could have written: relative, inside the folder, no `..`."""
    if not isinstance(name, str) or not name or name.startswith("/") or "\\" in name:
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def write(folder: Path, manifest: Manifest) -> None:
    from acmap.edit.atomic import same_bytes, write_atomic

    # Keys in the order they were made (files in selection order): stable, and unsorted is
    # faster for a portfolio's worth of summaries.
    text = json.dumps(manifest.as_json(), ensure_ascii=False, separators=(",", ":")) + "\n"
    data = text.encode("utf-8")
    if not same_bytes(folder / NAME, data):  # a build that changed nothing touches nothing
        write_atomic(folder / NAME, data, root=folder)


def digest(*parts: bytes | str) -> str:
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big") + data)
    return hashed.hexdigest()
