"""The `gaps` subject: a GapsResult as text (streamed account by account), SPEC §6 JSON,
GitHub-flavoured Markdown or GitHub workflow commands."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from acmap.findings import Finding, count_by_severity
from acmap.report.findings import finding_segments, tally
from acmap.report.layout import Segment
from acmap.report.terminal import SEVERITY_STYLE, STATUS_STYLE, Lines, width
from acmap.words import plural

if TYPE_CHECKING:
    from acmap.analysis.health import AccountReport
    from acmap.analysis.portfolio import GapsResult
    from acmap.analysis.priority import NextAction


def totals(result: GapsResult, shown: list[Finding] | None = None) -> str:
    """ "4 accounts (2 red, 1 amber, 1 green); 1 invalid file skipped; 3 errors, 9 warnings, 4 info"."""
    parts = [plural(len(result.reports), "account")]
    status_text = ", ".join(f"{n} {s}" for s, n in result.statuses.items() if n)
    if status_text:
        parts[0] += f" ({status_text})"
    if result.skipped > 0:
        parts.append(f"{plural(result.skipped, 'invalid file')} skipped")
    parts.append(tally(count_by_severity(result.shown if shown is None else shown), zeros=True))
    return "; ".join(parts)


def to_text(result: GapsResult) -> None:
    """Validation findings and the next actions first, then each account as it is formatted:
    a portfolio's report streams out instead of being held whole."""
    total = width()
    out = Lines()
    if result.validation:
        for f in result.validation:
            out.add(*finding_segments(f))
        out.add()
    if result.actions:
        out.add(("Next actions", "bold underline"))
        for number, (report, text, code) in enumerate(result.actions, 1):
            lead = f"{number:>3}. "
            out.wrapped(
                [(lead, ""), (report.id, "bold"), (": ", "")],
                f"{text} [{code or 'plan'}]",
                len(lead),
                total,
                first=len(report.id) + 2,
            )
        out.add()
    for report in result.reports:
        _account_block(out, report, total)
        out.write()
    out.hanging([(totals(result), "bold")], total, 2)
    out.write()


def _account_block(out: Lines, report: AccountReport, total: int) -> None:
    # Wrapped on word boundaries, continuation lines hanging under the text they continue.
    out.hanging(
        [
            (report.id, "bold"),
            (f"— {report.name} ", ""),
            (report.status.upper(), STATUS_STYLE.get(report.status, "")),
            (f" score {report.score.total}/100", ""),
        ],
        total,
        4,
    )
    owner = report.owner_name or "no owner"
    facts = f"{report.tier} · {owner} · {report.file} · {tally(report.counts) or 'no gaps'}"
    out.hanging([(facts, "dim")], total, 4, first=2)
    for f in report.findings:
        place = f"{f.line}:{f.col}"
        prefix: list[Segment] = [
            ("  ", ""),
            (f"{f.severity:<8}", SEVERITY_STYLE[f.severity]),
            (f"{f.code} ", "bold"),
            (f"{place:<8}", "dim"),
        ]
        out.wrapped(prefix, f"{f.message} [{f.name}]", 2 + 8 + 5 + 8, total)
    out.add()


def to_json(result: GapsResult) -> None:
    from acmap.report.json import write_findings_document

    shown = result.shown
    summary = {
        "files": result.files,
        "valid": result.valid,
        "accounts": [r.as_json() for r in result.reports],
        **count_by_severity(shown),
    }
    write_findings_document(sys.stdout, shown, summary)


def to_github(result: GapsResult) -> None:
    from acmap.report.github import write_annotations

    shown = result.shown
    write_annotations(sys.stdout, shown)
    sys.stdout.write(totals(result, shown) + "\n")


def to_markdown(result: GapsResult) -> None:
    sys.stdout.write(
        gaps_markdown(result.reports, result.validation, totals(result), result.actions)
    )


def gaps_markdown(
    reports: list[AccountReport],
    validation: list[Finding],
    totals: str,
    actions: Sequence[NextAction] = (),
) -> str:
    """For a pull-request comment or a job summary; `reports` in the order shown."""
    from acmap.report.markdown import cell, link

    out = ["## acmap gaps", "", totals, ""]
    if validation:
        out += ["### Invalid files (skipped)", "", "| where | code | problem |", "|---|---|---|"]
        out += [
            f"| {link(f.file, f.line)} | `{f.code}` {f.name} | {cell(f.message)} |"
            for f in sorted(validation, key=Finding.sort_key)
        ]
        out.append("")
    if actions:
        out += ["### Next actions", ""]
        out += [
            f"{n}. **{cell(report.id)}**: {cell(text)} (`{code or 'plan'}`)"
            for n, (report, text, code) in enumerate(actions, 1)
        ]
        out.append("")
    for report in reports:
        owner = report.owner_name or "no owner"
        out += [
            f"### {cell(report.id)} — {cell(report.name)}",
            "",
            f"**{report.status}** · score {report.score.total}/100 · {report.tier} · "
            f"{cell(owner)} · `{report.file}`",
            "",
        ]
        if not report.findings:
            out += ["No gaps.", ""]
            continue
        out += ["| severity | rule | where | what to do |", "|---|---|---|---|"]
        out += [
            f"| {f.severity} | `{f.code}` {f.name} | {link(f.file, f.line)} | {cell(f.message)} |"
            for f in report.findings
        ]
        out.append("")
    return "\n".join(out)


REPORTERS = {"text": to_text, "json": to_json, "markdown": to_markdown, "github": to_github}
