"""`dot` that estimates text widths (render/estimate.py): a private plugin folder without the
text-layout plugin, used only when every character is one the estimate knows, trusted only while
it is still what acmap made, and never a reason not to draw. Real `dot`, real folders."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from acmap.render.estimate import OWN_SYMBOLS, PLUGINS, environment, estimable, plugin_folder
from acmap.render.run import run_dot

DOT = shutil.which("dot")
pytestmark = pytest.mark.skipif(DOT is None, reason="Graphviz dot is not installed")

LATIN_1 = 'digraph { a [label="Zoë Straße, Müller & Søn"]; b [label="Ægir Þórsson"]; a -> b }\n'
CJK = 'digraph { a [label="東京海上 営業部長"]; b [label="北京 采购"]; a -> b }\n'
_LIBRARY = re.compile(r"^(\S+)\s+(\w+)\s*\{\s*$", re.M)  # "libgvplugin_core.so.6 core {"


@pytest.fixture
def program() -> str:
    """The real `dot`, whose Graphviz keeps its plugins where estimate.py looks (CI's apt
    Graphviz does; elsewhere the test is skipped, never under CI)."""
    from tests.mermaid_check import ci

    assert DOT is not None
    if plugin_folder(DOT) is None:
        if ci():
            pytest.fail(f"no Graphviz plugin folder found for {DOT}", pytrace=False)
        pytest.skip(f"no Graphviz plugin folder found for {DOT}")
    return DOT


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """acmap's cache folder in tmp; environment() forgotten before and after (it is cached)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("ACMAP_CACHE_DIR", str(folder))
    environment.cache_clear()
    yield folder
    environment.cache_clear()


def private_folder(program: str) -> Path:
    env = environment(program)
    assert env is not None
    return Path(env["GVBINDIR"])


def assert_only_good_links(folder: Path, plugins: Path) -> None:
    """What _make leaves: ours, writable by us alone, one link per plugin of PLUGINS into the
    installed plugin folder, and a config (a file, not a link) that names only those."""
    info = folder.lstat()
    assert folder.is_dir() and not folder.is_symlink()
    assert info.st_uid == os.getuid() and info.st_mode & 0o022 == 0
    entries = sorted(folder.iterdir())
    configs = [p for p in entries if p.name.startswith("config")]
    links = [p for p in entries if not p.name.startswith("config")]
    assert len(configs) == 1 and configs[0].is_file() and not configs[0].is_symlink()
    assert len(links) == len(PLUGINS)
    for plugin in PLUGINS:
        assert [p for p in links if p.name.startswith(f"libgvplugin_{plugin}.")], plugin
    for link in links:
        assert link.is_symlink()
        assert Path(os.path.realpath(link)).parent == plugins.resolve()
    named = {kind for _, kind in _LIBRARY.findall(configs[0].read_text(encoding="utf-8"))}
    assert named == set(PLUGINS)


def verbose(program: str, env: dict[str, str] | None, source: str) -> tuple[bytes, str]:
    done = subprocess.run(
        [program, "-v", "-Tsvg"], input=source.encode(), env=env, capture_output=True, check=True
    )
    return done.stdout, done.stderr.decode("utf-8", errors="replace")


# ------------------------------------------------------------------------------------------
# The private plugin folder
# ------------------------------------------------------------------------------------------


def test_environment_links_only_the_core_and_dot_layout_plugins(program: str, cache: Path) -> None:
    plugins = plugin_folder(program)
    assert plugins is not None
    env = environment(program)
    assert env is not None
    folder = Path(env["GVBINDIR"])
    assert folder.parent == cache / "graphviz"
    assert re.fullmatch(r"[0-9a-f]{16}", folder.name)  # the digest of the installed plugins
    assert_only_good_links(folder, plugins)
    assert env["PATH"] == os.environ["PATH"]  # the caller's environment, plus GVBINDIR
    assert environment(program) is env  # made once per process


def test_dot_in_that_environment_draws_svg_without_the_text_layout(
    program: str, cache: Path
) -> None:
    env = environment(program)
    assert env is not None
    estimated, log = verbose(program, env, LATIN_1)
    assert b"<svg" in estimated and "Straße" in estimated.decode("utf-8")
    assert f'libdir = "{env["GVBINDIR"]}"' in log  # dot read our folder's config
    assert "pango" not in log.lower()  # no text-layout plugin loaded, no font resolved by it
    plugins = plugin_folder(program)
    assert plugins is not None
    if any(plugins.glob("libgvplugin_pango.*")):  # measuring is possible here: it differs
        measured, measured_log = verbose(program, None, LATIN_1)
        assert "pango" in measured_log.lower()
        assert measured != estimated


def test_a_second_process_reuses_the_folder_it_trusts(program: str, cache: Path) -> None:
    folder = private_folder(program)
    config = next(folder.glob("config*"))
    made = config.stat().st_mtime_ns, config.stat().st_ino
    environment.cache_clear()  # as if another acmap started
    assert private_folder(program) == folder
    assert (config.stat().st_mtime_ns, config.stat().st_ino) == made  # not made again


# ------------------------------------------------------------------------------------------
# Which text is estimated
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Ann Lee, VP Sales", "Zoë Straße über Ærø ñ ¿", *OWN_SYMBOLS, "★ CHAMPION → ─▶ …"]
)
def test_ascii_latin_1_and_acmaps_own_symbols_are_estimable(text: str) -> None:
    assert estimable(f'digraph {{ a [label="{text}"] }}')


@pytest.mark.parametrize("text", ["Иван Петров", "東京", "김민준", "👍", "Zoë 😀", "Ω", "ſ"])
def test_cyrillic_cjk_and_emoji_are_measured(text: str) -> None:
    assert not estimable(f'digraph {{ a [label="{text}"] }}')


ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(), st.characters(max_codepoint=0xFF), st.sampled_from(OWN_SYMBOLS)
    ),
    max_size=40,
)


@given(ANY_TEXT)
def test_estimable_exactly_when_every_character_is_latin_1_or_our_own(text: str) -> None:
    assert estimable(text) == all(ord(ch) <= 0xFF or ch in OWN_SYMBOLS for ch in text)


@pytest.mark.parametrize("name", ["brightwater-foods", "halcyon-bank", "lumen-robotics"])
@pytest.mark.parametrize("key", [False, True], ids=["site", "slide"])
def test_acmaps_own_drawings_of_the_examples_are_estimable(name: str, key: bool) -> None:
    """Every symbol acmap draws (badges, the key's line samples, arrows) is in OWN_SYMBOLS: a
    new one would quietly send every site diagram back to measuring."""
    from dataclasses import replace
    from datetime import date

    from acmap.load import load_text
    from acmap.render.diagram import options_for
    from acmap.render.dot import build_dot
    from acmap.settings import GapSettings
    from tests.helpers import EXAMPLE_MAPS

    path = EXAMPLE_MAPS / f"{name}.yaml"
    account_map = load_text(path.read_text(encoding="utf-8"), str(path), stem=name).map
    assert account_map is not None
    options = options_for(account_map, GapSettings(), date(2026, 12, 1), "full", legend=key)
    source = build_dot(account_map, replace(options, title=key))
    assert estimable(source), sorted({ch for ch in source if ord(ch) > 0xFF} - set(OWN_SYMBOLS))


# ------------------------------------------------------------------------------------------
# run_dot(..., estimate=True)
# ------------------------------------------------------------------------------------------


def test_a_cjk_diagram_is_measured_even_when_estimating_is_asked(program: str, cache: Path) -> None:
    assert environment(program) is not None  # estimating is possible here; the text says no
    assert run_dot(CJK, "svg", estimate=True) == run_dot(CJK, "svg", estimate=False)


def test_a_latin_1_diagram_estimated_is_dot_run_with_the_private_folder(
    program: str, cache: Path
) -> None:
    env = environment(program)
    assert env is not None
    plain = subprocess.run(
        [program, "-Tsvg"], input=LATIN_1.encode(), env=env, capture_output=True, check=True
    )
    assert run_dot(LATIN_1, "svg", estimate=True) == plain.stdout


def test_estimating_is_for_svg_only(program: str, cache: Path) -> None:
    """A PNG is looked at as it is drawn: its text is measured, whatever is asked."""
    assert run_dot(LATIN_1, "png", estimate=True) == run_dot(LATIN_1, "png", estimate=False)


# ------------------------------------------------------------------------------------------
# Trust: a folder that is no longer what acmap made is not used as it is
# ------------------------------------------------------------------------------------------


def _open_to_others(folder: Path, elsewhere: Path) -> None:
    folder.chmod(0o777)


def _open_to_the_group(folder: Path, elsewhere: Path) -> None:
    folder.chmod(0o770)


def _link_outside(folder: Path, elsewhere: Path) -> None:
    """The core plugin's link swapped for a link to a copy outside the plugin folder (one that
    works: trust is not about whether dot runs)."""
    link = next(folder.glob("libgvplugin_core.*"))
    elsewhere.mkdir()
    copy = elsewhere / link.name
    shutil.copyfile(os.path.realpath(link), copy)
    link.unlink()
    link.symlink_to(copy)


def _library_not_a_link(folder: Path, elsewhere: Path) -> None:
    link = next(folder.glob("libgvplugin_dot_layout.*"))
    real = os.path.realpath(link)
    link.unlink()
    shutil.copyfile(real, link)


def _config_a_link(folder: Path, elsewhere: Path) -> None:
    config = next(folder.glob("config*"))
    elsewhere.mkdir()
    moved = elsewhere / config.name
    shutil.move(config, moved)
    config.symlink_to(moved)


def _no_config(folder: Path, elsewhere: Path) -> None:
    next(folder.glob("config*")).unlink()


@pytest.mark.parametrize(
    "tamper",
    [
        _open_to_others,
        _open_to_the_group,
        _link_outside,
        _library_not_a_link,
        _config_a_link,
        _no_config,
    ],
)
def test_a_tampered_folder_is_made_again(
    program: str, cache: Path, tmp_path: Path, tamper: Callable[[Path, Path], None]
) -> None:
    plugins = plugin_folder(program)
    assert plugins is not None
    folder = private_folder(program)
    tamper(folder, tmp_path / "elsewhere")
    environment.cache_clear()
    env = environment(program)
    assert env is not None
    assert Path(env["GVBINDIR"]) == folder
    assert_only_good_links(folder, plugins)
    assert run_dot(LATIN_1, "svg", estimate=True).startswith(b"<?xml")


def test_a_folder_swapped_for_a_symlink_is_never_followed(
    program: str, cache: Path, tmp_path: Path
) -> None:
    """A link where the folder was (to a copy that looks right) is not trusted, and cannot be
    removed in its place: acmap measures, or uses a real folder of its own; it always draws."""
    plugins = plugin_folder(program)
    assert plugins is not None
    folder = private_folder(program)
    copy = tmp_path / "elsewhere"
    shutil.copytree(folder, copy, symlinks=True)
    shutil.rmtree(folder)
    folder.symlink_to(copy)
    environment.cache_clear()
    env = environment(program)
    if env is not None:
        assert not Path(env["GVBINDIR"]).is_symlink()
        assert_only_good_links(Path(env["GVBINDIR"]), plugins)
    assert run_dot(LATIN_1, "svg", estimate=True).startswith(b"<?xml")


# ------------------------------------------------------------------------------------------
# When estimating cannot be arranged, dot measures
# ------------------------------------------------------------------------------------------


def test_no_cache_folder_means_measuring(
    program: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be\n", encoding="utf-8")
    monkeypatch.setenv("ACMAP_CACHE_DIR", str(blocked))
    environment.cache_clear()
    try:
        assert environment(program) is None
        drawn = run_dot(LATIN_1, "svg", estimate=True)
        assert drawn == run_dot(LATIN_1, "svg", estimate=False)
        assert b"Stra\xc3\x9fe" in drawn
        assert blocked.read_text(encoding="utf-8").startswith("a file")  # left as it was
    finally:
        environment.cache_clear()


def test_a_dot_whose_prefix_has_no_plugins_means_measuring(
    program: str, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wrapper script (bin/dot that execs the real one) in a folder with no lib/graphviz."""
    wrapper = tmp_path / "wrapped" / "bin" / "dot"
    wrapper.parent.mkdir(parents=True)
    wrapper.write_text(f'#!/bin/sh\nexec "{program}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    assert plugin_folder(str(wrapper)) is None
    assert environment(str(wrapper)) is None
    monkeypatch.setenv("PATH", f"{wrapper.parent}{os.pathsep}{os.environ['PATH']}")
    assert shutil.which("dot") == str(wrapper)
    assert run_dot(LATIN_1, "svg", estimate=True) == run_dot(LATIN_1, "svg", estimate=False)
    assert not (cache / "graphviz").exists()  # nothing made for it


# ------------------------------------------------------------------------------------------
# Which Graphviz: 2.43's tables cover Latin-1, later ones ASCII only
# ------------------------------------------------------------------------------------------


def test_graphviz_2_43_estimates_latin_1(program: str) -> None:
    from acmap.render.estimate import latin_1_tables

    latin_1_tables.cache_clear()
    version = subprocess.run([program, "-V"], capture_output=True, check=False).stderr
    expected = re.search(rb"version 2\.(\d+)\.", version)
    assert latin_1_tables(program) is bool(expected and int(expected[1]) < 50)


def test_a_newer_graphviz_estimates_only_ascii_and_acmaps_symbols(tmp_path: Path) -> None:
    """A `dot` that says it is Graphviz 12 (its tables cover ASCII: é would count as a space)."""
    from acmap.render.estimate import latin_1_tables

    fake = tmp_path / "dot"
    fake.write_text('#!/bin/sh\necho "dot - graphviz version 12.2.1 (0)" >&2\n', encoding="utf-8")
    fake.chmod(0o755)
    assert latin_1_tables(str(fake)) is False
    assert estimable('digraph { a [label="★ CHAMPION · owner: Amy → x"] }', latin_1=False)
    assert not estimable(LATIN_1, latin_1=False)
    assert estimable(LATIN_1, latin_1=True)


def test_a_dot_that_gives_no_version_is_taken_for_a_newer_one(tmp_path: Path) -> None:
    from acmap.render.estimate import latin_1_tables

    fake = tmp_path / "dot"
    fake.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    assert latin_1_tables(str(fake)) is False  # unsure: the stricter rule
