"""The validation cache: same answers warm or cold, never stale, never in the way."""

from __future__ import annotations

import ast
import hashlib
import hmac
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

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
    mac, body = cache_file.read_bytes().split(b"\n", 1)
    document = json.loads(body)
    for entry in document["entries"].values():
        entry["findings"] = []
    cache_file.write_bytes(mac + b"\n" + json.dumps(document).encode())
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


# --- a cache folder anyone can write (issue 12) ---------------------------------------------

UNSAFE = "acmap: 1\naccount: {id: acme, name: Acme, x-run: !!python/object:os.system {}}\n"


def unsafe_project(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A project whose one map is E011, validated once: (project, cache folder, cache file)."""
    project, cache = tmp_path / "p", tmp_path / "cache"
    write_map_file(project, "acme.yaml", UNSAFE)
    code, out = validate(project, cache)
    assert code == 1 and "E011" in out
    (cache_file,) = cache.glob("validate-*.json")
    return project, cache, cache_file


def passing(document: dict[str, Any]) -> dict[str, Any]:
    for entry in document["entries"].values():
        entry.update(findings=[], valid=True)
    return document


def test_a_forged_entry_in_the_old_format_is_not_trusted(tmp_path: Path) -> None:
    project, cache, cache_file = unsafe_project(tmp_path)
    body = cache_file.read_bytes().split(b"\n", 1)[1]
    cache_file.write_text(json.dumps(passing(json.loads(body))))  # plain JSON, no MAC
    code, out = validate(project, cache)
    assert code == 1 and "E011" in out


def test_a_forged_entry_with_a_wrong_mac_is_not_trusted(tmp_path: Path) -> None:
    project, cache, cache_file = unsafe_project(tmp_path)
    mac, body = cache_file.read_bytes().split(b"\n", 1)
    forged = json.dumps(passing(json.loads(body)), separators=(",", ":")).encode()
    for wrong in (mac, b"0" * 64, hashlib.sha256(forged).hexdigest().encode()):
        cache_file.write_bytes(wrong + b"\n" + forged)
        code, out = validate(project, cache)
        assert code == 1 and "E011" in out


def sign(cache_file: Path, key_file: Path, project: Path, document: Any) -> None:
    """What only the key's owner can do: a correctly signed file (tests the shape checks)."""
    body = json.dumps(document).encode()
    mac = hmac.new(key_file.read_bytes().strip(), str(project).encode() + b"\0", "sha256")
    mac.update(body)
    cache_file.write_bytes(mac.hexdigest().encode() + b"\n" + body)


@pytest.mark.parametrize(
    "junk",
    [
        {"findings": [["x", 1, 1, "E999", "made-up", "error", "invented"]], "valid": False},
        {"findings": [["x", 1, 1, "E005", "wrong-name", "error", "m", None, None]]},
        {"findings": "nope", "valid": True, "account": None, "pos": None},
        {"findings": [], "valid": "yes", "account": None, "pos": None},
        {"findings": [], "valid": True, "account": 3, "pos": [1, "x"]},
        {},
        [],
        None,
    ],
)
def test_junk_entries_are_misses_never_findings_or_crashes(tmp_path: Path, junk: Any) -> None:
    project, cache = tmp_path / "p", tmp_path / "cache"
    key_file = tmp_path / "key"
    write_map_file(project, "acme.yaml", BAD)
    env = {"ACMAP_CACHE_DIR": str(cache), "ACMAP_CACHE_KEY": str(key_file)}
    cold = run_acmap("validate", cwd=project, env=env)
    (cache_file,) = cache.glob("validate-*.json")
    document = json.loads(cache_file.read_bytes().split(b"\n", 1)[1])
    for name in document["entries"]:
        document["entries"][name] = junk
    sign(cache_file, key_file, project.resolve(), document)
    warm = run_acmap("validate", cwd=project, env=env)
    assert "Traceback" not in warm.err and "invented" not in warm.out
    assert (warm.code, warm.out) == (cold.code, cold.out)


def test_a_truncated_or_junk_cache_file_is_checked_again(tmp_path: Path) -> None:
    project, cache, cache_file = unsafe_project(tmp_path)
    whole = cache_file.read_bytes()
    for junk in (whole[: len(whole) // 2], whole[:10], b"", b"\n\n\n", b"\xff\xfe" * 40):
        cache_file.write_bytes(junk)
        code, out = validate(project, cache)
        assert code == 1 and "E011" in out


def test_the_key_lives_outside_the_cache_folder_and_is_private(tmp_path: Path) -> None:
    project = tmp_path / "p"
    write_map_file(project, "acme.yaml", GOOD)
    config = tmp_path / "config"
    config.mkdir()
    env = {
        "ACMAP_CACHE_DIR": str(tmp_path / "cache"),
        "ACMAP_CACHE_KEY": "",
        "XDG_CONFIG_HOME": str(config),
    }
    assert run_acmap("validate", cwd=project, env=env).code == 0
    key = config / "acmap" / "cache.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert not list((tmp_path / "cache").glob("*.key"))
    # A key inside the cache folder protects nothing: then there is no cache at all.
    env["ACMAP_CACHE_KEY"] = str(tmp_path / "cache2" / "cache.key")
    env["ACMAP_CACHE_DIR"] = str(tmp_path / "cache2")
    assert run_acmap("validate", cwd=project, env=env).code == 0
    assert not list((tmp_path / "cache2").glob("validate-*.json"))


def test_a_missing_home_is_never_created(tmp_path: Path) -> None:
    project = tmp_path / "p"
    write_map_file(project, "acme.yaml", GOOD)
    home = tmp_path / "nonexistent"
    env = {
        "HOME": str(home),
        "ACMAP_CACHE_DIR": "",
        "ACMAP_CACHE_KEY": "",
        "XDG_CACHE_HOME": "",
        "XDG_CONFIG_HOME": "",
    }
    result = run_acmap("validate", cwd=project, env=env)
    assert (result.code, result.out) == (0, "1 file, 0 errors, 0 warnings\n"), result.err
    assert not home.exists()


def test_a_file_name_that_is_not_utf8_is_validated_and_shown(tmp_path: Path) -> None:
    project, cache = tmp_path / "p", tmp_path / "cache"
    write_map_file(project, "acme.yaml", GOOD)
    odd = os.fsencode(project / "maps") + b"/caf\xe9.yaml"
    with open(odd, "wb") as handle:
        handle.write(BAD.replace("acme", "other").encode())
    for _ in range(2):  # cold, then warm from the cache
        code, out = validate(project, cache)
        assert code == 1, out
        assert "maps/caf\\xe9.yaml" in out and "E005" in out
        assert "2 files" in out


SRC = Path(__file__).parent.parent / "src" / "acmap"


def imported_files(module: Path) -> set[str]:
    """The files under src/acmap that `module` imports (anywhere in it), relative to acmap/."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from acmap.format import codes` imports the module codes, not format/__init__.
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            names = [n if _source(n) else node.module for n in names]
        else:
            continue
        found |= {source for name in names if (source := _source(name))}
    return found


def _source(name: str) -> str | None:
    if not name.startswith("acmap."):
        return None
    path = SRC.joinpath(*name.split(".")[1:])
    if (path / "__init__.py").is_file():
        return (path / "__init__.py").relative_to(SRC).as_posix()
    if path.with_suffix(".py").is_file():
        return path.with_suffix(".py").relative_to(SRC).as_posix()
    return None


def test_every_module_validation_runs_is_in_the_fingerprint() -> None:
    # A new loader file left out of the list would keep serving results from before it changed.
    from acmap.load.cache import _LOADER_MODULES

    loader = sorted((SRC / "load").rglob("*.py"))
    wanted = {path.relative_to(SRC).as_posix() for path in loader}
    for path in loader:
        wanted |= {
            name
            for name in imported_files(path)
            if name.startswith("format/") or name == "words.py"
        }
    assert "load/syntax/recognisers.py" in wanted and "format/codes.py" in wanted
    assert sorted(wanted - set(_LOADER_MODULES)) == []
    # And nothing listed is gone (a missing file only ever fingerprints as "?").
    assert [name for name in _LOADER_MODULES if not (SRC / name).is_file()] == []
