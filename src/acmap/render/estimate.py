"""`dot` that estimates the width of text instead of measuring it: for diagrams that are many
and shown in a browser (`acmap site`), where measuring is most of dot's time and the browser
draws the text with its own fonts anyway.

Graphviz measures text with its text-layout plugin (pango, which loads fontconfig and the fonts:
three quarters of dot's time on an account's diagram). Without one it estimates from tables of
Arial/Helvetica widths built into it: exact for the Arial, Helvetica or Liberation Sans a browser
draws our font list with, and the same on every machine, so a page does not change with the
fonts of the machine that built it. Graphviz learns its plugins from the config file in
GVBINDIR; a private folder (in acmap's cache folder) that links only the core renderers and the
dot layout, with the config `dot -c` writes for them, leaves the text layout out.

Graphviz 2.43's tables cover Latin-1 and count UTF-8 bytes, so text with other characters
(Cyrillic, CJK, emoji …) would be cut short: such a diagram is measured as always. Later
versions' tables cover ASCII only (other characters count as a space), so there only ASCII and
acmap's own few symbols are estimated. Anything that cannot be
arranged (plugins not found, no cache folder, not POSIX) also means measuring.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

PLUGINS = ("core", "dot_layout")  # the renderers (svg …) and the dot layout: no text layout
# Characters acmap's own drawings use beyond Latin-1 (arrows, the legend's line samples, the
# champion's star): the estimate is close enough for them.
OWN_SYMBOLS = "·…→–─═╌┈━┣┫▶▷▲▼➤●★"
_BEYOND_LATIN_1 = re.compile(f"[^\\x00-\\xff{OWN_SYMBOLS}]")
_BEYOND_ASCII = re.compile(f"[^\\x00-\\x7f{OWN_SYMBOLS}]")
ASCII_TABLES_FROM = (2, 50)  # the Graphviz whose estimate has per-font ASCII tables (textspan_lut)
_VERSION = re.compile(rb"version (\d+)\.(\d+)")
_PROBE = b"digraph { a [label=<<B>probe</B>>] }"
_SETUP_TIMEOUT = 10.0  # seconds for `dot -c` and the probe


def estimable(source: str, latin_1: bool = True) -> bool:
    """Whether every character of the DOT text is one the estimate measures well enough, with
    tables that cover Latin-1 (Graphviz 2.43) or only ASCII (`latin_1` False: later ones)."""
    if source.isascii():
        return True
    return (_BEYOND_LATIN_1 if latin_1 else _BEYOND_ASCII).search(source) is None


@functools.cache
def latin_1_tables(program: str) -> bool:
    """Whether this Graphviz estimates Latin-1 (before ASCII_TABLES_FROM); False when unsure."""
    try:
        done = subprocess.run(
            [program, "-V"], capture_output=True, timeout=_SETUP_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    found = _VERSION.search(done.stderr + done.stdout)
    return found is not None and (int(found[1]), int(found[2])) < ASCII_TABLES_FROM


@functools.cache
def environment(program: str) -> dict[str, str] | None:
    """The environment to run `program` (dot) in without its text layout, or None: measure."""
    if os.name != "posix":
        return None
    from acmap.load.cache import cache_folder

    plugins = plugin_folder(program)
    cache = cache_folder()
    if plugins is None or cache is None:
        return None
    files = _plugin_files(plugins)
    if files is None:
        return None
    stamp = hashlib.sha256(str(plugins).encode())
    for path in files:
        info = path.stat()
        stamp.update(f"\0{path.name}\0{info.st_size}\0{info.st_mtime_ns}".encode())
    folder = cache / "graphviz" / stamp.hexdigest()[:16]
    if not _trusted(folder, plugins):
        try:
            _make(folder, program, files)
        except (OSError, subprocess.SubprocessError):
            if not _trusted(folder, plugins):  # another acmap may have made it meanwhile
                return None
    env = dict(os.environ, GVBINDIR=str(folder))
    return env if _works(program, env) else None


def plugin_folder(program: str) -> Path | None:
    """Where the Graphviz that `program` belongs to keeps its plugins and their config file."""
    prefix = Path(os.path.realpath(program)).parent.parent
    candidates = [prefix / "lib" / "graphviz", prefix / "lib64" / "graphviz"]
    candidates += sorted((prefix / "lib").glob("*/graphviz"))  # Debian's multiarch folders
    for folder in candidates:
        if any(folder.glob("config*")) and _plugin_files(folder) is not None:
            return folder
    return None


def _plugin_files(folder: Path) -> list[Path] | None:
    """The installed library of each plugin in PLUGINS (libgvplugin_core.so.6 …), or None."""
    found = []
    for plugin in PLUGINS:
        names = sorted(p for p in folder.glob(f"libgvplugin_{plugin}.*") if p.is_file())
        if not names:
            return None
        found.append(names[0])
    return found


def _trusted(folder: Path, plugins: Path) -> bool:
    """A folder made by _make, still ours: owned by us, writable by nobody else, and every
    library in it a link into the installed plugin folder (dot loads what it lists)."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    if folder.is_symlink() or not folder.is_dir():
        return False
    if info.st_uid != os.getuid() or info.st_mode & 0o022:
        return False
    entries = list(folder.iterdir())
    if not any(p.name.startswith("config") for p in entries):
        return False
    for entry in entries:
        if entry.name.startswith("config"):
            config = entry.lstat()
            if entry.is_symlink() or config.st_uid != os.getuid() or config.st_mode & 0o022:
                return False  # dot loads whatever its config lists
        elif not entry.is_symlink() or Path(os.path.realpath(entry)).parent != plugins.resolve():
            return False
    return True


def _make(folder: Path, program: str, files: list[Path]) -> None:
    """Links to the plugins and the config `dot -c` writes for them, made aside and renamed
    into place (another acmap may be making the same folder)."""
    folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    work = Path(tempfile.mkdtemp(prefix=".make-", dir=folder.parent))
    try:
        for path in files:
            (work / path.name).symlink_to(path)
        subprocess.run(
            [program, "-c"],
            env=dict(os.environ, GVBINDIR=str(work)),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=_SETUP_TIMEOUT,
            check=True,
        )
        if folder.is_symlink():
            folder.unlink()  # never followed: replaced by a folder of our own
        elif folder.exists():
            shutil.rmtree(folder)  # not one we trust (an older Graphviz's, or changed)
        work.rename(folder)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)


def _works(program: str, env: dict[str, str]) -> bool:
    try:
        done = subprocess.run(
            [program, "-Tsvg"],
            input=_PROBE,
            env=env,
            capture_output=True,
            timeout=_SETUP_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0 and b"<svg" in done.stdout and b"probe" in done.stdout
