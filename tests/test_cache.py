"""The validation cache: same answers warm or cold, never stale, never in the way."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run_acmap, write_map_file

GOOD = "acmap: 1\naccount: {id: acme, name: Acme}\n"
BAD = "acmap: 1\naccount: {id: acme, name: Acme, tier: gold}\n"


def validate(root: Path, cache: Path, *extra: str) -> tuple[int, str]:
    result = run_acmap("validate", *extra, cwd=root, env={"ACMAP_CACHE_DIR": str(cache)})
    assert "Traceback" not in result.err
    return result.code, result.out


def test_warm_run_gives_the_same_findings(tmp_path: Path) -> None:
    project, cache = tmp_path / "p", tmp_path / "cache"
    write_map_file(project, "acme.yaml", BAD)
    write_map_file(project, "other.yaml", GOOD.replace("acme", "other"))
    cold = validate(project, cache)
    assert list(cache.glob("validate-*.json")), "the first run writes the cache"
    assert validate(project, cache) == cold
    assert cold[0] == 1 and "E005" in cold[1]


def test_a_changed_file_is_checked_again(tmp_path: Path) -> None:
    project, cache = tmp_path / "p", tmp_path / "cache"
    path = write_map_file(project, "acme.yaml", BAD)
    assert validate(project, cache)[0] == 1
    path.write_text(GOOD)
    assert validate(project, cache) == (0, "1 file, 0 errors, 0 warnings\n")


def test_a_renamed_file_is_checked_again(tmp_path: Path) -> None:
    # The file name is part of the finding (and of W001): a rename must not reuse the entry.
    project, cache = tmp_path / "p", tmp_path / "cache"
    path = write_map_file(project, "acme.yaml", GOOD)
    assert validate(project, cache, "--strict")[0] == 0
    path.rename(project / "maps" / "renamed.yaml")
    code, out = validate(project, cache, "--strict")
    assert code == 1 and "maps/renamed.yaml:2:15: W001" in out


def test_no_cache_neither_reads_nor_writes(tmp_path: Path) -> None:
    project, cache = tmp_path / "p", tmp_path / "cache"
    write_map_file(project, "acme.yaml", GOOD)
    validate(project, cache, "--no-cache")
    assert not cache.exists()


def test_a_poisoned_cache_cannot_hide_errors_from_a_changed_file(tmp_path: Path) -> None:
    project, cache = tmp_path / "p", tmp_path / "cache"
    write_map_file(project, "acme.yaml", GOOD)
    validate(project, cache)
    (cache_file,) = cache.glob("validate-*.json")
    document = json.loads(cache_file.read_text())
    for entry in document["entries"].values():
        entry["findings"] = []
    cache_file.write_text(json.dumps(document))
    write_map_file(project, "acme.yaml", BAD)  # new bytes → new key → parsed again
    assert validate(project, cache)[0] == 1


def test_a_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    project, cache = tmp_path / "p", tmp_path / "cache"
    write_map_file(project, "acme.yaml", BAD)
    validate(project, cache)
    for cache_file in cache.glob("validate-*.json"):
        cache_file.write_text("{not json")
    assert validate(project, cache)[0] == 1


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path: Path) -> None:
    project = tmp_path / "p"
    write_map_file(project, "acme.yaml", GOOD)
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    assert validate(project, blocker / "cache") == (0, "1 file, 0 errors, 0 warnings\n")
