"""Gap reports as GitHub-flavoured Markdown: for a pull-request comment or a job summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from acmap.findings import Finding

if TYPE_CHECKING:
    from acmap.analysis.health import AccountReport


def cell(text: str) -> str:
    """Text that is safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _link(file: str, line: int) -> str:
    return f"[{cell(file)}:{line}]({file}#L{line})"


def gaps_markdown(reports: list[AccountReport], validation: list[Finding], totals: str) -> str:
    from acmap.analysis.health import by_importance, next_actions, worst_first

    ordered = worst_first(reports)
    out = ["## acmap gaps", "", totals, ""]
    if validation:
        out += ["### Invalid files (skipped)", "", "| where | code | problem |", "|---|---|---|"]
        out += [
            f"| {_link(f.file, f.line)} | `{f.code}` {f.name} | {cell(f.message)} |"
            for f in sorted(validation, key=Finding.sort_key)
        ]
        out.append("")
    actions = next_actions(ordered)
    if actions:
        out += ["### Next actions", ""]
        out += [
            f"{n}. **{cell(report.id)}**: {cell(finding.message)} (`{finding.code}`)"
            for n, (report, finding) in enumerate(actions, 1)
        ]
        out.append("")
    for report in ordered:
        owner = report.owner_name or "no owner"
        out += [
            f"### {cell(report.id)} — {cell(report.name)}",
            "",
            f"**{report.status}** · score {report.score.total}/100 · {report.tier} · "
            f"{cell(owner)} · `{report.file}`",
            "",
        ]
        findings = by_importance(report.findings)
        if not findings:
            out += ["No gaps.", ""]
            continue
        out += ["| severity | rule | where | what to do |", "|---|---|---|---|"]
        out += [
            f"| {f.severity} | `{f.code}` {f.name} | {_link(f.file, f.line)} | {cell(f.message)} |"
            for f in findings
        ]
        out.append("")
    return "\n".join(out)
