"""`acmap show` on SPEC §7's keys: each deal's committee and MEDDPICC facts, favours, a move,
and the engagement plan with overdue actions first; hostile text stays text."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_acmap, write_map_file
from tests.load.test_deals import DEAL

TODAY = ("--today", "2026-12-15")


def show(tmp_path: Path, source: str = DEAL) -> str:
    path = write_map_file(tmp_path, "acme.yaml", source)
    result = run_acmap("show", str(path), *TODAY, env={"COLUMNS": "100"}, cwd=tmp_path)
    assert result.code == 0, result.err
    return result.out


def test_show_gives_the_deal_facts_the_map_holds(tmp_path: Path) -> None:
    out = show(tmp_path)
    for line in (
        "    committee: Mary Lee (economic buyer), Jin Kim (champion, technical buyer)",
        "    compelling event: Carrier contract renewal by 2027-01-31",
        "    metric: Freight cost per load: 410 → 370 USD (confirmed by Mary Lee)",
        "    criterion: 3-year TCO: ahead (Mary Lee)",
        "    decision step: Security review: planned (due 2027-01-15, Jin Kim)",
        "    paper step: MSA redlines: done (due 2027-02-01, Jin Kim)",
        "    competition: Initrode (evaluating)",
        "    champion evidence: 2026-10-20 Shared the internal budget memo",
    ):
        assert f"\n{line}\n" in out, line
    assert "favours Initrode" in out
    assert "moved to initech" in out


def test_a_deal_without_facts_shows_none_of_them(tmp_path: Path) -> None:
    start, end = DEAL.index("      roles:"), DEAL.index("stakeholders:")
    out = show(tmp_path, DEAL[:start] + DEAL[end:])
    assert "  • TMS rollout (proposal)\n" in out
    for label in ("committee:", "compelling event:", "metric:", "criterion:", "champion evidence"):
        assert label not in out


def test_actions_open_first_overdue_marked(tmp_path: Path) -> None:
    source = DEAL + (
        "  - {what: Send the ROI model, owner: dana, due: 2027-01-05}\n"
        "  - {what: Lunch with Jin, status: done, due: 2026-11-01}\n"
    )
    out = show(tmp_path, source)
    section = out[out.index("\nActions (2 open)\n") :]
    lines = section.splitlines()[2:5]
    assert lines == [
        "  • Executive briefing on freight TCO overdue (due 2026-12-10, owner Dana Ruiz, with Mary"
        " Lee, for",
        "    TMS rollout)",
        "  • Send the ROI model open (due 2027-01-05, owner Dana Ruiz)",
    ]
    assert "  • Lunch with Jin done (due 2026-11-01)" in section


def test_user_text_in_the_deal_is_never_markup(tmp_path: Path) -> None:
    source = DEAL.replace(
        "what: Carrier contract renewal", 'what: "[bold red]renewal[/] \\e[31mred"'
    ).replace("what: Executive briefing on freight TCO", 'what: "[link=http://x]click[/link]"')
    out = show(tmp_path, source)
    assert "[bold red]renewal[/]" in out
    assert "[link=http://x]click[/link]" in out
    assert "\x1b" not in out
