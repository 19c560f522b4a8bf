"""`acmap export --partner`: the slice one partner may see, and nothing else, even in hostile maps."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from tests.helpers import Result

from acmap.crm.partner import partner_slice, rendered
from acmap.load import load_text

Acmap = Callable[..., Result]
MARK = "S3CR3T"


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text)


@st.composite
def hostile_maps(draw: st.DrawFn) -> tuple[str, set[str]]:
    """A map where every field outside the partner's whitelist holds a planted secret; returns
    the YAML and the names the partner may see."""
    noise = st.text(alphabet="abcXYZ <>&'\"=+-@;,:#{}[]\\é\u2028", max_size=12)
    counter = iter(range(10_000))

    def secret() -> str:
        return q(f"{draw(noise)}{MARK}{next(counter)}{draw(noise)}")

    count = draw(st.integers(1, 5))
    known = draw(st.sets(st.integers(0, count - 1)))
    active = [draw(st.booleans()) or (i in known and draw(st.booleans())) for i in range(count)]
    visible = {f"Seen Person {i}" for i in known if active[i]}
    lines = [
        "acmap: 1",
        "account:",
        "  id: acme",
        "  name: Acme Corp",
        f"  industry: {secret()}",
        f"  region: {secret()}",
        f"  website: {secret()}",
        f"  revenue: {secret()}",
        f"  goals: [{secret()}]",
        f"  pains: [{secret()}]",
        f"  competitors: [{secret()}]",
        f"  x-private: {secret()}",
        f"  team: [{{id: dana, name: {secret()}, email: {secret()}}}]",
        f"  opportunities: [{{id: deal, name: {secret()}, buying_group: [p0]}}]",
        f"units: [{{id: unit, name: {secret()}}}]",
        "stakeholders:",
    ]
    for i in range(count):
        shown = i in known and active[i]
        name = q(f"Seen Person {i}") if shown else secret()
        title = q(f"Seen Title {i}") if shown else secret()
        lines += [
            f"  - id: p{i}",
            f"    name: {name}",
            f"    title: {title}",
            "    unit: unit",
            "    owner: dana",
            f"    status: {'active' if active[i] else 'left'}",
            f"    notes: {secret()}",
            f"    priorities: [{secret()}]",
            f"    tags: [{secret()}]",
            f"    contact: {{email: {secret()}, phone: {secret()}, linkedin: {secret()}}}",
            f"    prefers: {{channel: email, style: {secret()}}}",
            f"    x-note: {secret()}",
        ]
        if i:
            lines.append("    reports_to: p0")
    lines += [
        f"links: [{{from: p0, to: p{count - 1}, type: allies, note: {secret()}}}]"
        if count > 1
        else "links: []",
        "partners:",
        "  - id: northwind",
        "    name: Northwind",
        "    owner: dana",
        f"    x-margin: {secret()}",
        "    knows:",
        *(f"      - {{stakeholder: p{i}, strength: strong, note: {secret()}}}" for i in known),
        "  - id: other",
        f"    name: {secret()}",
        f"    knows: [{{stakeholder: p0, note: {secret()}}}]",
    ]
    if not known:
        lines[lines.index("    knows:")] = "    knows: []"
    return "\n".join(lines) + "\n", visible


@given(hostile_maps())
def test_no_planted_secret_reaches_any_output(case: tuple[str, set[str]]) -> None:
    source, visible = case
    loaded = load_text(source, "maps/acme.yaml", stem="acme")
    assert loaded.map is not None, [f.message for f in loaded.findings if f.severity == "error"]
    sliced = partner_slice(loaded.map, "northwind")
    assert sliced is not None
    for output_format in ("json", "csv", "yaml"):
        text = "".join(rendered(output_format, "northwind", [sliced]).values())
        assert MARK not in text, output_format
        for name in visible:
            assert name in text
    yaml_map = load_text(rendered("yaml", "northwind", [sliced])["acme.yaml"], "acme.yaml")
    assert yaml_map.map is not None  # the partner can open it with acmap
    assert {s.name for s in yaml_map.map.stakeholders} == visible
    assert partner_slice(loaded.map, "nobody") is None


MAP = """\
acmap: 1
account:
  id: {id}
  name: {name}
  team: [{{id: dana, name: Dana Ruiz, email: dana@seller.example}}]
stakeholders:
  - {{id: cfo, name: Cat Fox, title: CFO, roles: [economic_buyer], stance: supporter,
     notes: private note, contact: {{email: cat@x.example}}}}
  - {{id: dev, name: Dev Null}}
partners:
  - id: {partner}
    name: Partner Co
    knows: [{{stakeholder: cfo, strength: strong, note: met at golf}}]
  - {{id: rival-si, name: Rival SI, knows: [{{stakeholder: dev}}]}}
"""


def test_export_partner_end_to_end_json_csv_and_map_files(
    acmap: Acmap, write_map: Callable[[str, str], Path], tmp_path: Path
) -> None:
    write_map("alpha.yaml", MAP.format(id="alpha", name="Alpha Inc", partner="northwind"))
    write_map("beta.yaml", MAP.format(id="beta", name="Beta Inc", partner="elsewhere"))
    root = tmp_path
    result = acmap("export", "--partner", "northwind", "-f", "json", cwd=root)
    assert result.code == 0, result.err
    assert json.loads(result.out) == {
        "version": 1,
        "partner": "northwind",
        "accounts": [
            {
                "id": "alpha",
                "name": "Alpha Inc",
                "tier": "standard",
                "people": [
                    {
                        "id": "cfo",
                        "name": "Cat Fox",
                        "title": "CFO",
                        "roles": ["economic_buyer"],
                        "stance": "supporter",
                        "strength": "strong",
                    }
                ],
            }
        ],
    }
    rows = list(csv.reader(io.StringIO(acmap("export", "--partner", "northwind", cwd=root).out)))
    assert rows[1] == [
        "northwind", "alpha", "Alpha Inc", "standard", "cfo", "Cat Fox", "CFO",
        "economic_buyer", "supporter", "strong",
    ]  # fmt: skip
    assert len(rows) == 2
    out = tmp_path / "slice" / "maps"
    made = acmap("export", "--partner", "northwind", "-f", "yaml", "-o", str(out), cwd=root)
    assert made.code == 0, made.err
    assert sorted(p.name for p in out.iterdir()) == ["alpha.yaml"]
    text = (out / "alpha.yaml").read_text()
    for private in ("private note", "cat@x", "golf", "Rival", "Dev Null", "dana", "Beta"):
        assert private not in text
    checked = acmap("validate", cwd=out.parent)
    assert checked.code == 0, checked.out + checked.err
    unknown = acmap("export", "--partner", "nobody", cwd=root)
    assert unknown.code == 2 and "not present at any selected account" in unknown.err
