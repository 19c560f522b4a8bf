"""`acmap diff` reports: plain text for a terminal, Markdown for a pull request, JSON for tools."""

from __future__ import annotations

import sys
from typing import Any

from acmap.analysis.changes import AccountDiff, DiffResult, GapChange
from acmap.findings import count_by_severity
from acmap.report.findings import finding_line
from acmap.report.json import dump
from acmap.report.terminal import emit
from acmap.words import plural

JSON_VERSION = 1
KIND_WORDS = {
    "added": "added",
    "removed": "removed",
    "renamed": "renamed",
    "changed": "changed",
}
LONG_ACCOUNT = 12  # lines: a longer account folds into <details> in Markdown


def _tally(gaps: list[GapChange]) -> str:
    counts = count_by_severity([g.finding for g in gaps])
    parts = [plural(n, s, "info" if s == "info" else None) for s, n in counts.items() if n]
    return ", ".join(parts)


def headline(label: str, accounts: list[AccountDiff]) -> str:
    if not accounts:
        return f"No account map changed ({label})."
    kinds = [a.kind for a in accounts]
    parts = [f"{n} {k}" for k in KIND_WORDS if (n := kinds.count(k))]
    text = f"{plural(len(accounts), 'account')} changed ({', '.join(parts)})"
    opened = [g for a in accounts for g in a.opened]
    closed = [g for a in accounts for g in a.closed]
    gaps = []
    if opened:
        gaps.append(f"{plural(len(opened), 'gap')} opened ({_tally(opened)})")
    if closed:
        gaps.append(f"{len(closed)} closed")
    if gaps:
        text += "; " + ", ".join(gaps)
    invalid = sum(1 for a in accounts if a.invalid_after)
    if invalid:
        text += f"; {plural(invalid, 'file')} invalid"
    return f"{text} — {label}"


def status_words(diff: AccountDiff) -> str:
    """ "status green → amber · score 72 → 58 (−14)", or just the side that exists."""
    (s0, s1), (n0, n1) = diff.status, diff.score
    parts = []
    if s0 and s1:
        parts.append(f"status {s0} → {s1}" if s0 != s1 else f"status {s1}")
    elif s1 or s0:
        parts.append(f"status {s1 or s0}")
    if n0 is not None and n1 is not None:
        if n0 != n1:
            delta = n1 - n0
            sign = "+" if delta > 0 else "−"
            parts.append(f"score {n0} → {n1} ({sign}{abs(delta)})")
        else:
            parts.append(f"score {n1}")
    elif n1 is not None or n0 is not None:
        parts.append(f"score {n1 if n1 is not None else n0}")
    return " · ".join(parts)


def _what_happened(diff: AccountDiff) -> str:
    """The file-level event, when there is one worth saying."""
    if diff.kind == "added":
        return "new account map"
    if diff.kind == "removed":
        return "map removed"
    if diff.kind == "renamed":
        return f"renamed from {diff.old_file}"
    return ""


def quiet(diff: AccountDiff) -> bool:
    """Only layout or comments changed: nothing a reviewer needs to read."""
    return (
        diff.kind == "changed"
        and not diff.changes
        and not diff.opened
        and not diff.closed
        and not diff.invalid
        and diff.status[0] == diff.status[1]
        and diff.score[0] == diff.score[1]
    )


# --- text ----------------------------------------------------------------------------------------


def to_text(result: DiffResult) -> None:
    emit(text_report(result.span.label, result.accounts))


def text_report(label: str, accounts: list[AccountDiff]) -> str:
    out = [headline(label, accounts), ""]
    layout_only = [a for a in accounts if quiet(a)]
    for diff in accounts:
        if quiet(diff):
            continue
        named = f"{diff.account} — {diff.name}" if diff.name != diff.account else diff.account
        title = f"{named} ({diff.file})"
        event = _what_happened(diff)
        out.append(f"{title}: {event}" if event else title)
        health = status_words(diff)
        if diff.kind == "removed" and health:
            health = f"was {health}"
        if health:
            out.append(f"  {health}")
        if diff.invalid_before:
            now = (
                "now valid"
                if not diff.invalid_after and diff.kind != "removed"
                else "still invalid"
            )
            out.append(f"  invalid before this change ({now}):")
            out += [f"    {finding_line(f)}" for f in diff.invalid_before]
        if diff.invalid_after:
            out.append("  invalid after this change:")
            out += [f"    {finding_line(f)}" for f in diff.invalid_after]
        out += [f"  {c.text}" for c in diff.changes]
        out += [f"  + gap opened  {g.finding.severity:<7}  {g.text}" for g in diff.opened]
        out += [f"  - gap closed  {g.finding.severity:<7}  {g.text}" for g in diff.closed]
        out.append("")
    if layout_only:
        files = ", ".join(a.file for a in layout_only)
        out += [f"Only layout or comments changed: {files}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


# --- Markdown ------------------------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#~"})


def md(text: str) -> str:
    """Text that Markdown shows as written (names may hold *, _, < or |)."""
    return text.replace("\n", " ").translate(_MD_SPECIAL)


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
                f"{md(status_words(diff)) or '—'} | {len(diff.opened) or '—'} | "
                f"{len(diff.closed) or '—'} |"
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
    event = _what_happened(diff)
    if event:
        facts.append(md(event))
    health = status_words(diff)
    if health:
        facts.append(md(("was " if diff.kind == "removed" else "") + health))
    head += [" · ".join(facts), ""]
    body: list[str] = []
    for title, findings in (
        ("Invalid before this change", diff.invalid_before),
        ("Invalid after this change", diff.invalid_after),
    ):
        if findings:
            body += [f"**{title}**", ""]
            body += [
                f"- `{f.file}:{f.line}:{f.col}` `{f.code}` {f.name}: {md(f.message)}"
                for f in findings
            ]
            body.append("")
    if diff.changes:
        body += [f"- {md(c.text)}" for c in diff.changes]
        body.append("")
    if diff.opened:
        body += ["**Gaps opened**", ""] + [f"- {_gap_md(g)}" for g in diff.opened] + [""]
    if diff.closed:
        body += ["**Gaps closed**", ""] + [f"- ~~{_gap_md(g)}~~" for g in diff.closed] + [""]
    if len(body) > LONG_ACCOUNT:
        parts = [plural(len(diff.changes), "change")]
        if diff.opened:
            parts.append(f"{len(diff.opened)} opened")
        if diff.closed:
            parts.append(f"{len(diff.closed)} closed")
        summary = ", ".join(parts)
        body = [f"<details><summary>{summary}</summary>", "", *body, "</details>", ""]
    return head + body


# --- JSON ----------------------------------------------------------------------------------------


def to_json(result: DiffResult) -> None:
    span = result.span
    sys.stdout.write(json_report(span.label, span.base, span.head, result.accounts) + "\n")


def json_report(label: str, base: str, head: str | None, accounts: list[AccountDiff]) -> str:
    opened = [g.finding for a in accounts for g in a.opened]
    closed = [g.finding for a in accounts for g in a.closed]
    summary: dict[str, Any] = {
        "accounts": len(accounts),
        **{k: sum(1 for a in accounts if a.kind == k) for k in KIND_WORDS},
        "invalid": sum(1 for a in accounts if a.invalid_after),
        "gaps_opened": count_by_severity(opened),
        "gaps_closed": count_by_severity(closed),
    }
    document = {
        "version": JSON_VERSION,
        "range": label,
        "base": base,
        "head": head,
        "accounts": [a.as_json() for a in accounts],
        "summary": summary,
    }
    return dump(document)


REPORTERS = {"text": to_text, "markdown": to_markdown, "json": to_json}
