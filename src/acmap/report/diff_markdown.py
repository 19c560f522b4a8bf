"""`acmap diff --format markdown`: the report for a pull request comment, a table of the
changed accounts then one section each, a long account folded into <details>."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from acmap.report.diff_words import (
    FIRST_ERRORS,
    gate_notes,
    headline,
    quiet,
    status_words,
    tally,
    what_happened,
)
from acmap.report.markdown import code
from acmap.report.markdown import text as md
from acmap.words import plural

if TYPE_CHECKING:
    from acmap.analysis.changes import AccountDiff, DiffResult, GapChange

LONG_ACCOUNT = 12  # lines: a longer account folds into <details> (unless it errs)

_SEVERITY_MARK = {"error": "🔴 error", "warning": "🟠 warning", "info": "🔵 info"}


def _gap_md(g: GapChange) -> str:
    f = g.finding
    lead = f"{g.who}: " if g.who and g.who not in f.message else ""
    return f"{_SEVERITY_MARK[f.severity]} `{f.code}` {f.name} — {md(lead + f.message)}"


def to_markdown(result: DiffResult) -> None:
    sys.stdout.write(markdown_report(result.span.label, result.accounts))


def markdown_report(label: str, accounts: list[AccountDiff]) -> str:
    out = [f"## acmap diff — `{label.replace('`', '')}`", "", md(headline(label, accounts)), ""]
    shown = [a for a in accounts if not quiet(a)]
    if shown:
        out += [
            "| account | change | status and score | gaps opened | gaps closed |",
            "|---|---|---|---|---|",
        ]
        for diff in shown:
            invalid = " ⚠️ invalid" if diff.invalid_after else ""
            out.append(
                f"| **{md(diff.name)}** (`{diff.account}`) | {diff.kind}{invalid} | "
                f"{md(status_words(diff)) or '—'} | {tally(diff.opened) or '—'} | "
                f"{tally(diff.closed) or '—'} |"
            )
        out.append("")
    for diff in shown:
        out += _account_md(diff)
    layout_only = [a for a in accounts if quiet(a)]
    if layout_only:
        files = ", ".join(f"`{a.file}`" for a in layout_only)
        out += [f"Only layout or comments changed: {files}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _account_md(diff: AccountDiff) -> list[str]:
    head = [f"### {md(diff.name)} (`{diff.account}`)", ""]
    facts = [f"`{diff.file}`"]
    event = what_happened(diff)
    if event:
        facts.append(md(event))
    health = status_words(diff)
    if health:
        facts.append(md(health))
    facts += [md(note) for note in gate_notes(diff)]
    head += [" · ".join(facts), ""]
    head += [diff.picture, ""] if diff.picture else []  # the changed neighbourhood, drawn
    body: list[str] = []
    for title, findings in (
        ("Invalid before this change", diff.invalid_before),
        ("Invalid after this change", diff.invalid_after),
    ):
        if findings:
            body += [f"**{title}**", ""]
            body += [
                f"- `{code(f.file)}:{f.line}:{f.col}` `{f.code}` {f.name}: {md(f.message)}"
                for f in findings[:FIRST_ERRORS]
            ]
            if len(findings) > FIRST_ERRORS:
                body.append(f"- … and {plural(len(findings) - FIRST_ERRORS, 'more error')}")
            body.append("")
    if diff.changes:
        body += [f"- {md(c.text)}" for c in diff.changes]
        body.append("")
    if diff.opened:
        body += ["**Gaps opened**", ""] + [f"- {_gap_md(g)}" for g in diff.opened] + [""]
    if diff.closed:
        body += ["**Gaps closed**", ""] + [f"- ~~{_gap_md(g)}~~" for g in diff.closed] + [""]
    # An opened error is what a reviewer must see: such an account is never folded away.
    errs = any(g.finding.severity == "error" for g in diff.opened) or diff.invalid_after
    if len(body) > LONG_ACCOUNT and not errs:
        parts = [plural(len(diff.changes), "change")]
        if diff.opened:
            parts.append(f"{plural(len(diff.opened), 'gap')} opened ({tally(diff.opened)})")
        if diff.closed:
            parts.append(f"{plural(len(diff.closed), 'gap')} closed ({tally(diff.closed)})")
        summary = ", ".join(parts)
        body = [f"<details><summary>{summary}</summary>", "", *body, "</details>", ""]
    return head + body
