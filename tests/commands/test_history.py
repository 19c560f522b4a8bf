"""`acmap history` as a user runs it: JSON of SPEC §9, CSV, the chart file, the cache, errors."""

from __future__ import annotations

import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.helpers import git, run_acmap
from tests.history_repo import scripted_history


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("history-cli") / "maps-repo"
    return root, scripted_history(root)


def history(root: Path, *args: str, cache: Path | None = None):  # type: ignore[no-untyped-def]
    env = {"ACMAP_CACHE_DIR": str(cache), "ACMAP_CACHE_KEY": f"{cache}.key"} if cache else None
    return run_acmap("history", *args, cwd=root, env=env)


def test_json_is_spec_9(repo: tuple[Path, list[str]]) -> None:
    root, c = repo
    done = history(root, "-f", "json")
    assert done.code == 0, done.err
    document = json.loads(done.out)
    assert document["version"] == 1
    assert list(document) == sorted(document)
    globex = next(a for a in document["accounts"] if a["account"] == "globex")
    point = globex["points"][1]
    assert {"commit", "date", "author", "status", "score", "error", "warning", "info"} <= set(point)
    assert (point["commit"], point["date"], point["author"]) == (c[1], "2026-09-10", "Omar Haddad")
    [gap] = [g for g in globex["gaps"] if g["code"] == "G203"]
    assert gap["opened"] == {"commit": c[1], "date": "2026-09-10", "author": "Omar Haddad"}
    assert gap["closed"] == {"commit": c[4], "date": "2026-09-25", "author": "Priya Shah"}
    assert gap["days_open"] == 15 and gap["subject"] == "mlee"
    hooli = next(a for a in document["accounts"] if a["account"] == "hooli")
    assert any(g["closed"] is None for g in hooli["gaps"])
    assert [p["status"] for p in hooli["points"]] == ["green", "red", "invalid", "green", "green"]
    first = document["portfolio"]["points"][0]
    assert {k: first[k] for k in ("date", "red", "amber", "green", "score")} == {
        "date": "2026-09-01",
        "red": 0,
        "amber": 0,
        "green": 2,
        "score": 65,
    }


def test_text_has_sparklines_gap_lives_and_regressions(repo: tuple[Path, list[str]]) -> None:
    root, c = repo
    done = history(root, "hooli")
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert lines[0].startswith("hooli  ▃▂×▃▃  35 → 35  green → green")
    assert any(c[3][:7] in line and "red" in line and line.endswith("regression") for line in lines)
    assert any(
        "gap G301 gavin opened 2026-09-20" in line
        and "closed 2026-10-08" in line
        and "18 days" in line
        for line in lines
    )


def test_csv_rows_for_accounts_and_portfolio(repo: tuple[Path, list[str]]) -> None:
    root, c = repo
    done = history(root, "-f", "csv", "--by", "month")
    assert done.code == 0, done.err
    rows = [line.split(",") for line in done.out.splitlines()]
    assert rows[0][:3] == ["kind", "account", "commit"]
    kinds = [(r[0], r[1], r[2]) for r in rows[1:]]
    assert kinds == [
        ("account", "globex", c[4]),
        ("account", "hooli", c[3]),
        ("account", "hooli", c[7]),
        ("portfolio", "", c[4]),
        ("portfolio", "", c[7]),
    ]
    assert rows[2][10] == "yes"  # hooli's September point is its regression


def test_the_svg_chart_has_one_line_per_status(
    repo: tuple[Path, list[str]], tmp_path: Path
) -> None:
    root, _ = repo
    chart = tmp_path / "trend.svg"
    done = history(root, "-o", str(chart), "-f", "json")
    assert done.code == 0, done.err
    tree = ET.parse(chart)
    ns = "{http://www.w3.org/2000/svg}"
    groups = {g.get("id"): g for g in tree.iter(f"{ns}g")}
    for status, colour in (("red", "#c62828"), ("amber", "#f9a825"), ("green", "#2e7d32")):
        group = groups[f"acmap-{status}"]
        [line] = [
            p
            for p in group.iter(f"{ns}path")
            if f"stroke: {colour}" in (p.get("style") or "") and "fill: none" in p.get("style", "")
        ]
        # A step per commit: the 8 commits give 15 vertices.
        assert line.get("d", "").count("L") == 14
    red = groups["acmap-red"].find(f"{ns}path")
    assert red is not None
    heights = {float(step.split()[-1]) for step in red.get("d", "").split("L")[1:]}
    assert len(heights) == 2  # no red account, then one (hooli at c4), then none again
    legend = {t.text for t in tree.iter(f"{ns}text")}
    assert {"red", "amber", "green"} <= legend
    text = chart.read_text(encoding="utf-8")
    assert "globex" not in text and "hooli" not in text and "Omar" not in text
    # Again without --force: refused, the file kept.
    again = history(root, "-o", str(chart))
    assert again.code == 2 and "--force" in again.err


def test_the_png_chart_is_a_png_with_the_three_colours(
    repo: tuple[Path, list[str]], tmp_path: Path
) -> None:
    from matplotlib.image import imread

    root, _ = repo
    chart = tmp_path / "trend.png"
    done = history(root, "-o", str(chart), "--by", "week")
    assert done.code == 0, done.err
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = imread(chart)
    found = {
        (round(p[0] * 255), round(p[1] * 255), round(p[2] * 255)) for row in pixels for p in row
    }
    for colour in ((0xC6, 0x28, 0x28), (0xF9, 0xA8, 0x25), (0x2E, 0x7D, 0x32)):
        assert colour in found


def test_a_warm_run_reads_the_cache_and_gives_the_same_json(
    repo: tuple[Path, list[str]], tmp_path: Path
) -> None:
    root, _ = repo
    cache = tmp_path / "cache"
    cache.mkdir()
    cold = history(root, "-f", "json", cache=cache)
    [accounts] = cache.glob("history-accounts-*.json")
    [messages] = cache.glob("history-messages-*.json")
    [stored] = [f for f in cache.glob("history-*.json") if f not in (accounts, messages)]
    warm = history(root, "-f", "json", cache=cache)
    assert cold.code == warm.code == 0 and warm.out == cold.out
    # A cache someone else edited does not verify: acmap judges every version again.
    for forged_file in (accounts, stored):
        mac, _, body = forged_file.read_bytes().partition(b"\n")
        forged_file.write_bytes(mac + b"\n" + body.replace(b'"green",95', b'"green",11'))
        assert b'"green",11' in forged_file.read_bytes()
    forged = history(root, "-f", "json", cache=cache)
    assert forged.out == cold.out
    mac, _, body = messages.read_bytes().partition(b"\n")
    messages.write_bytes(mac + b"\n" + body.replace(b'"]', b' (forged words)"]', 1))
    assert b"forged words" in messages.read_bytes()
    forged = history(root, "-f", "json", cache=cache)
    assert forged.out == cold.out


def test_a_warm_run_gives_the_same_text_and_csv(
    repo: tuple[Path, list[str]], tmp_path: Path
) -> None:
    """The accounts' finished histories come from the cache: what they say must not change."""
    root, _ = repo
    cache = tmp_path / "cache"
    cache.mkdir()
    for args in ((), ("-f", "csv"), ("--since", "2026-02-01")):
        cold = history(root, *args, "--no-cache")
        first = history(root, *args, cache=cache)
        warm = history(root, *args, cache=cache)
        assert cold.code == first.code == warm.code == 0
        assert cold.out == first.out == warm.out
    assert "  gap " in warm.out and "closed" in warm.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "nope"), "unknown revision 'nope'"),
        (("--until", "main~40"), "unknown revision 'main~40'"),
        (("--since", "2026-13-01"), "not a date"),
        (("--by", "year"), "--by 'year': expected one of commit, week, month"),
        (("hoolo",), "no account 'hoolo' in the maps' history"),
        (("-o", "trend.pdf"), "the chart is drawn as .svg or .png"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    repo: tuple[Path, list[str]], args: tuple[str, ...], message: str
) -> None:
    done = history(repo[0], *args)
    assert done.code == 2
    assert message in done.err and "Traceback" not in done.err
    assert len(done.err.strip().splitlines()) == 1


def test_not_a_git_repository(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    done = history(tmp_path)
    assert done.code == 2
    assert "not inside a git repository" in done.err and "Traceback" not in done.err


def test_user_text_never_becomes_terminal_control_or_a_formula(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    (root / "maps").mkdir()
    (root / "maps" / "acme.yaml").write_text(
        "acmap: 1\naccount: {id: acme, name: Acme}\nstakeholders: []\n", encoding="utf-8"
    )
    git(root, "add", "-A")
    env = {**os.environ, "GIT_AUTHOR_NAME": '=HYPERLINK("x")\x1b[31m'}

    subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "commit", "-qm", "x"],
        cwd=root,
        env={
            **env,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@e",
            "GIT_AUTHOR_EMAIL": "t@e",
        },
        check=True,
    )
    text = history(root)
    assert text.code == 0 and "\x1b" not in text.out
    csv = history(root, "-f", "csv")
    assert "\x1b" in csv.out  # piped data stays exact…
    assert ",\"'=HYPERLINK" in csv.out  # …but never a formula
