"""acmap.toml: parsed by acmap.settings, its knobs checked against the rules by
acmap.analysis.policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from acmap.analysis.policy import load_settings
from acmap.rules import KNOBS
from acmap.rules.engine import thresholds
from acmap.settings import ConfigError, GapSettings, parse_settings


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
        f"{tmp_path / 'acmap.toml'}: [gaps]: unknown key 'stale_dayz' (did you mean 'stale_days'?)"
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
    assert "unknown key 'strategc' (did you mean 'strategic'?)" in error(
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
        (b'maps = "maps"\x00\n', "acmap.toml: not valid TOML"),
        (b'maps = "ma\\u0000ps"\n', "acmap.toml: maps 'ma\\x00ps' holds a control character"),
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
