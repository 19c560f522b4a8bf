"""acmap.toml: parsed by acmap.settings, its knobs checked against the rules by
acmap.analysis.policy."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acmap.analysis.policy import load_settings
from acmap.rules import KNOBS
from acmap.rules.engine import thresholds
from acmap.settings import ConfigError, GapSettings, Where, parse_settings


def settings_from(tmp_path: Path, text: str) -> GapSettings:
    (tmp_path / "acmap.toml").write_text(text, encoding="utf-8")
    return load_settings(tmp_path).gaps


def error(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as raised:
        settings_from(tmp_path, text)
    return str(raised.value)


def test_every_knob_a_rule_declares_may_be_set_per_account_and_per_tier(tmp_path: Path) -> None:
    gaps = settings_from(
        tmp_path,
        "[gaps]\nstale_days = 30\nreview_days = 365\n[gaps.tier.strategic]\nmin_engaged = 6\n",
    )
    assert gaps.base == {"stale_days": 30, "review_days": 365}
    assert gaps.overrides("strategic") == {"stale_days": 30, "review_days": 365, "min_engaged": 6}
    assert dict(thresholds(gaps, "strategic")) == {
        **KNOBS,
        "stale_days": 30,
        "review_days": 365,
        "min_engaged": 6,
    }
    assert dict(thresholds(GapSettings(), "growth")) == KNOBS


def test_an_unknown_knob_says_did_you_mean_in_gaps_and_in_a_tier(tmp_path: Path) -> None:
    message = error(tmp_path, "[gaps]\nstale_dayz = 30\n")
    assert message == (
        f"{tmp_path / 'acmap.toml'}:2:1: [gaps]: unknown key 'stale_dayz' "
        "(did you mean 'stale_days'?)"
    )
    message = error(tmp_path, "[gaps.tier.key]\nmin_engagd = 2\n")
    assert "[gaps.tier.key]: unknown key 'min_engagd' (did you mean 'min_engaged'?)" in message


def test_a_misplaced_key_is_unknown_not_a_bad_number(tmp_path: Path) -> None:
    assert "[gaps]: unknown key 'maps'" in error(tmp_path, '[gaps]\nmaps = "accounts"\n')


def test_bad_values_tiers_and_rule_names(tmp_path: Path) -> None:
    assert "stale_days must be a whole number ≥ 0, got -1" in error(
        tmp_path, "[gaps]\nstale_days = -1\n"
    )
    assert "must be a whole number ≥ 0, got True" in error(tmp_path, "[gaps]\nmin_engaged = true\n")
    assert "unknown tier 'strategc' (did you mean 'strategic'?)" in error(
        tmp_path, "[gaps.tier.strategc]\nmin_engaged = 6\n"
    )
    assert "unknown rule 'gone-drak' (did you mean 'gone-dark'?)" in error(
        tmp_path, '[gaps.severity]\n"gone-drak" = "off"\n'
    )
    assert "expected one of error, warning, info, off" in error(
        tmp_path, '[gaps.severity]\nG201 = "loud"\n'
    )


def test_the_rules_are_asked_for_their_knobs_only_when_there_is_a_gaps_table() -> None:
    asked: list[bool] = []

    def knobs() -> tuple[str, ...]:
        asked.append(True)
        return ("stale_days",)

    path = Path("acmap.toml")
    parse_settings({"maps": "maps"}, path, knobs=knobs)
    assert asked == []
    parsed = parse_settings({"gaps": {"stale_days": 1}}, path, knobs=knobs)
    assert asked == [True] and parsed.gaps.base == {"stale_days": 1}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'maps = "caf\xe9"\n', "acmap.toml: not UTF-8 text (byte 0xe9 at offset 11)"),
        (b'maps = "maps"\x00\n', "acmap.toml:1:14: not valid TOML: Expected newline"),
        (b'maps = "ma\\u0000ps"\n', "acmap.toml:1:8: maps 'ma\\x00ps' holds a control character"),
    ],
    ids=["latin-1", "raw NUL", "escaped NUL"],
)
def test_undecodable_or_nul_settings_are_a_config_error_naming_the_file(
    tmp_path: Path, data: bytes, message: str
) -> None:
    """Once an "internal error" with a traceback's worth of nothing: now exit 2, one line."""
    from tests.helpers import run_acmap

    (tmp_path / "acmap.toml").write_bytes(data)
    result = run_acmap("validate", cwd=tmp_path)
    assert result.code == 2
    assert message in result.err
    assert result.err.startswith("acmap: ") and result.err.count("\n") == 1, result.err
    assert "internal error" not in result.err


def test_maps_must_stay_inside_the_folder_of_acmap_toml(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    (project / "accounts").symlink_to(outside)
    (project / "sub").mkdir()
    for maps in (str(outside), "/etc", "../outside", "sub/../../outside", "accounts"):
        message = error(project, f"maps = {maps!r}\n")
        assert f"maps = {maps!r} is outside the folder of acmap.toml" in message
    for maps in ("maps", ".", "sub/../maps", "./sub"):
        (project / "acmap.toml").write_text(f"maps = {maps!r}\n", encoding="utf-8")
        assert load_settings(project).maps == project / maps


def test_an_acmap_toml_linked_from_outside_the_project_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "credentials.toml"
    secret.write_text('[default]\naws_secret_access_key = "hunter2"\n', encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "acmap.toml").symlink_to(secret)
    with pytest.raises(ConfigError) as raised:
        load_settings(project)
    message = str(raised.value)
    assert "symlink to a file outside the project is not followed" in message
    assert "default" not in message and "hunter2" not in message


# --- mistakes in acmap.toml: the line, and what was meant ---------------------------------------

TOML = """\
maps = "maps"

[gaps]
stale_days = 90

[gaps.tier.strategic]
min_engaged = 5

[gaps.severity]
G304 = "off"
"stale-map" = "error"
"""


def mistake(tmp_path: Path, old: str, new: str) -> str:
    assert old in TOML
    message = error(tmp_path, TOML.replace(old, new, 1))
    prefix = f"{tmp_path / 'acmap.toml'}:"
    assert message.startswith(prefix), message
    return message.removeprefix(prefix)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'G304 = "off"',
            'G304 = "of"',
            "10:8: [gaps.severity] G304 = 'of' is not a severity (did you mean 'off'?): "
            "expected one of error, warning, info, off",
        ),
        ('"stale-map" = "error"', '"stale-map" = "ERROR"', "11:15: [gaps.severity] stale-map"),
        (
            "[gaps.tier.strategic]",
            "[gaps.tier.gold]",
            "6:12: [gaps.tier]: unknown tier 'gold'; expected one of: strategic, key, growth, "
            "standard",
        ),
        ("[gaps.tier.strategic]", "[gaps.tier.strategc]", "6:12: [gaps.tier]: unknown tier"),
        ("min_engaged = 5", "min_engagd = 5", "7:1: [gaps.tier.strategic]: unknown key"),
        ("stale_days = 90", "stale_dayz = 90", "4:1: [gaps]: unknown key 'stale_dayz' (did"),
        ("stale_days = 90", "stale_days = -1", "4:14: [gaps] stale_days must be a whole number"),
        (
            "stale_days = 90",
            'stale_days = "30"',
            "4:14: [gaps] stale_days must be a whole number ≥ 0, got '30' "
            "(write it without quotes: stale_days = 30)",
        ),
        ('"stale-map"', '"stale-mpa"', "11:1: [gaps.severity]: unknown rule 'stale-mpa' (did"),
        ('maps = "maps"', 'mapz = "maps"', "1:1: unknown key 'mapz' (did you mean 'maps'?)"),
        ('maps = "maps"', "maps = 3", "1:8: maps must be a folder name, got 3"),
        ('maps = "maps"', 'today = "2026-02-30"', "1:9: today must be a date YYYY-MM-DD"),
        ("[gaps]\n", "stale_days = 1\n[gaps]\n", "3:1: unknown key 'stale_days' (it belongs under"),
        (
            "[gaps]\nstale_days = 90",
            "[gaps]\ntier.gold.min_engaged = 1",
            "4:6: [gaps.tier]: unknown tier 'gold'",
        ),
    ],
)
def test_a_mistake_in_acmap_toml_names_its_line_and_what_was_meant(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert mistake(tmp_path, old, new).startswith(expected)


def test_a_key_in_an_inline_table_is_named_by_the_line_of_its_table(tmp_path: Path) -> None:
    message = error(tmp_path, 'maps = "maps"\ngaps = {tier = {gold = {min_engaged = 1}}}\n')
    assert message.startswith(f"{tmp_path / 'acmap.toml'}:2:1: [gaps.tier]: unknown tier 'gold'")


def test_quoted_and_spaced_keys_are_found_too(tmp_path: Path) -> None:
    message = error(tmp_path, '[ gaps . "severity" ]\n  "G304"   =   "loud"\n')
    assert message.startswith(f"{tmp_path / 'acmap.toml'}:2:16: [gaps.severity] G304 = 'loud'")


def test_a_toml_syntax_error_names_its_line_and_column(tmp_path: Path) -> None:
    from tests.helpers import run_acmap

    (tmp_path / "acmap.toml").write_text('maps = "maps"\n[gaps]\nstale_days = = 3\n')
    result = run_acmap("validate", cwd=tmp_path)
    assert result.code == 2
    assert result.err == (f"acmap: {tmp_path / 'acmap.toml'}:3:14: not valid TOML: Invalid value\n")


NAME = st.one_of(
    st.from_regex(r"[A-Za-z0-9_-]{1,10}", fullmatch=True),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=10),
)


def toml_key(name: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9_-]+", name):
        return name
    escaped = re.sub(r'["\\\x00-\x1f\x7f]', lambda m: f"\\u{ord(m[0]):04X}", name)
    return f'"{escaped}"'


@settings(deadline=None)
@given(
    st.dictionaries(
        NAME, st.dictionaries(NAME, st.integers(0, 9), min_size=1, max_size=3), max_size=3
    )
)
def test_the_locator_finds_every_key_however_it_is_spelt(doc: dict[str, dict[str, int]]) -> None:
    """Keys are user text, bare or quoted with any escapes: each is found on its own line."""
    lines: list[str] = []
    written = {}
    for table, keys in doc.items():
        lines.append(f"[{toml_key(table)}]")
        for key, value in keys.items():
            lines.append(f"{toml_key(key)} = {value}")
            written[table, key] = len(lines)
    text = "\n".join(lines) + "\n"
    assert tomllib.loads(text) == doc
    where = Where("acmap.toml", text)
    for (table, key), line in written.items():
        assert where.key(table, key) == f"acmap.toml:{line}:1"
        assert where.value(table, key) == f"acmap.toml:{line}:{len(toml_key(key)) + 4}"


@settings(deadline=None)
@given(st.text(), st.lists(NAME, min_size=1, max_size=3))
def test_the_locator_never_fails_on_any_text(text: str, path: list[str]) -> None:
    assert Where("acmap.toml", text).key(*path).startswith("acmap.toml")


# --- [qualify.gates] (SPEC §10) -----------------------------------------------------------------


def test_qualify_gates_are_read_per_stage(tmp_path: Path) -> None:
    gaps = settings_from(
        tmp_path,
        "[qualify.gates]\nproposal = {E = 2, C1 = 2}\nnegotiation = {E = 3, P = 2, D2 = 2}\n",
    )
    assert gaps.gates == {"proposal": {"E": 2, "C1": 2}, "negotiation": {"E": 3, "P": 2, "D2": 2}}
    assert settings_from(tmp_path, "[gaps]\nstale_days = 30\n").gates == {}


@pytest.mark.parametrize(
    ("text", "place", "says"),
    [
        (
            "[qualify.gates]\nproposel = {E = 2}\n",
            "2:1",
            "[qualify.gates]: unknown stage 'proposel' (did you mean 'proposal'?)",
        ),
        (
            "[qualify.gates]\nproposal = {E = 2, X = 1}\n",
            "2:1",
            "[qualify.gates.proposal]: unknown MEDDPICC letter 'X'; expected one of: M, E, D1, D2",
        ),
        (
            "[qualify.gates]\nproposal = {E = 4}\n",
            "2:1",  # a key inside an inline table: the line of its table
            "[qualify.gates] proposal.E must be a score 0–3, got 4",
        ),
        (
            "[qualify.gates]\n\nnegotiation = {C1 = true}\n",
            "3:1",
            "[qualify.gates] negotiation.C1 must be a score 0–3, got True",
        ),
        (
            "[qualify.gates.proposal]\nE = '2'\n",
            "2:5",
            "[qualify.gates] proposal.E must be a score 0–3, got '2'",
        ),
        ("[qualify]\ngate = {}\n", "2:1", "[qualify]: unknown key 'gate' (did you mean 'gates'?)"),
        ("[qualify.gates]\nproposal = 2\n", "2:12", "[qualify.gates] proposal must be a table"),
        ("qualify = 3\n", "1:1", "[qualify] must be a table"),
    ],
)
def test_qualify_gate_mistakes_name_line_and_column(
    tmp_path: Path, text: str, place: str, says: str
) -> None:
    message = error(tmp_path, text)
    assert message.startswith(f"{tmp_path / 'acmap.toml'}:{place}: "), message
    assert says in message
