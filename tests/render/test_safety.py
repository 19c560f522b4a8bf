"""A map from someone else's pull request must not change the diagram's structure or read files."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from acmap.render.safe import Html, attributes, tag, text
from tests.helpers import run_acmap

SVG = "{http://www.w3.org/2000/svg}"

HOSTILE = {
    "account": 'Acme "Quotes" <b>Corp</b>',
    "unit": "{braces} }; subgraph x {",
    "injection": ']; node [image="/etc/passwd"]',
    "html": "<b>bold</b> &amp; <img src=x>",
    "escapes": r"Back\slash \N \G \l \E \\",
    "multiline": "first line\nsecond line",
    "rtl": "\u200fمرحبا\u200e Ltd",
    "cjk": "王小明 (テスト)",
    "port": "ceo:n",
}


def hostile_map() -> str:
    q = json.dumps  # a JSON string is a YAML double-quoted scalar
    return f"""\
acmap: 1
account:
  id: evil
  name: {q(HOSTILE["account"])}
  team:
    - {{id: dana, name: {q(HOSTILE["html"])}}}
units:
  - {{id: u1, name: {q(HOSTILE["unit"])}}}
stakeholders:
  - {{id: a, name: {q(HOSTILE["injection"])}, title: {q(HOSTILE["escapes"])}, unit: u1,
      owner: dana, roles: [champion], stance: advocate, influence: high}}
  - {{id: b, name: {q(HOSTILE["html"])}, title: {q(HOSTILE["multiline"])}, reports_to: a}}
  - {{id: c, name: {q(HOSTILE["rtl"])}, title: {q(HOSTILE["cjk"])}, status: left}}
  - {{id: d, title: {q(HOSTILE["port"])}, reports_to: a}}
links:
  - {{from: b, to: c, type: conflicts, note: {q(HOSTILE["injection"])}}}
partners:
  - id: p
    name: {q(HOSTILE["escapes"])}
    knows: [{{stakeholder: a}}]
"""


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
def test_hostile_text_is_drawn_literally_and_embeds_nothing(tmp_path: Path) -> None:
    source = tmp_path / "maps" / "evil.yaml"
    source.parent.mkdir()
    source.write_text(hostile_map(), encoding="utf-8")
    out = tmp_path / "evil.svg"
    result = run_acmap("render", str(source), "-o", str(out), cwd=tmp_path)
    assert result.code == 0, result.err

    svg = out.read_text(encoding="utf-8")
    root = ET.fromstring(svg)  # still well-formed XML
    drawn = "\n".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for key in ("account", "unit", "injection", "html", "escapes", "rtl", "cjk", "port"):
        assert HOSTILE[key] in drawn, key
    assert "first line" in drawn and "second line" in drawn
    assert "<b>bold</b>" in drawn  # shown as text, not as bold markup
    assert root.find(f".//{SVG}image") is None
    assert "<image" not in svg and "xlink:href" not in svg
    assert "root:" not in svg  # nothing from /etc/passwd
    # Four people and one partner: no node was injected, none lost.
    nodes = [g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
    titles = {"".join(n.find(f"{SVG}title").itertext()) for n in nodes}  # type: ignore[union-attr]
    assert {"n1", "n2", "n3", "n4", "p1"} <= titles
    assert not {t for t in titles if not t.startswith(("n", "p", "legend"))}


def test_dot_text_keeps_user_text_inside_escaped_labels(tmp_path: Path) -> None:
    source = tmp_path / "maps" / "evil.yaml"
    source.parent.mkdir()
    source.write_text(hostile_map(), encoding="utf-8")
    result = run_acmap("render", str(source), "--format", "dot", cwd=tmp_path)
    assert result.code == 0, result.err
    dot = result.out
    assert 'image="' not in dot and "image=&quot;/etc/passwd&quot;" in dot
    assert "<b>" not in dot and "<img" not in dot
    assert "&lt;b&gt;bold&lt;/b&gt;" in dot
    assert r"\\N" in dot and r"\N" not in dot.replace(r"\\", "")
    statements = re.findall(r"^\s*([^\s\[{}]+)(?: -> ([^\s\[]+))? \[", dot, flags=re.MULTILINE)
    ids = {i for pair in statements for i in pair if i}
    assert ids and all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)


def test_text_escapes_markup_entities_and_backslashes() -> None:
    assert text('<a href="x">&amp;</a>').markup == (
        "&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;"
    )
    assert text(r"\N\l").markup == r"\\N\\l"
    assert text("one\ntwo").markup == "one<BR/>two"
    assert text("bell\x07 nul\x00 \ud800").markup == "bell nul "


def test_only_whitelisted_attributes_and_tags() -> None:
    with pytest.raises(ValueError, match="image"):
        attributes({"image": "/etc/passwd"})
    with pytest.raises(ValueError, match="not allowed"):
        tag("IMG")
    with pytest.raises(ValueError, match="not allowed"):
        tag("TD", href="javascript:alert(1)")
    with pytest.raises(ValueError, match="constant"):
        attributes({"color": 'red", image="/etc/passwd'})
    with pytest.raises(TypeError):
        Html("<IMG SRC='/etc/passwd'/>")


def test_no_dot_on_path_explains_how_to_install(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    result = run_acmap(
        "render", "halcyon-bank", "-o", str(tmp_path / "h.svg"), env={"PATH": str(empty)}
    )
    assert result.code == 2
    for hint in ("apt-get install graphviz", "brew install graphviz", "winget install graphviz"):
        assert hint in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "h.svg").exists()

    dot = run_acmap(
        "render", "halcyon-bank", "-o", str(tmp_path / "h.dot"), env={"PATH": str(empty)}
    )
    assert dot.code == 0, dot.err
    assert (tmp_path / "h.dot").read_text(encoding="utf-8").startswith("digraph acmap {")
