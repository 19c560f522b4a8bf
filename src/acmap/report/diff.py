"""`acmap diff` reports: text for a terminal (fitted to its width, coloured by rich on a
terminal, plain when piped), Markdown for a pull request, JSON for tools.

The JSON document (version 1): `range`, `base`, `head`, `summary` (counts of accounts by kind,
invalid files, gaps opened and closed by severity, people whose id changed) and `accounts`, one
object per changed map file: `account`, `name`, `kind` (added, removed, renamed, changed),
`old_file`, `new_file`, `status` and `score` (`before`/`after`; `after` is null when the file is
invalid at HEAD), `status_worse`, `changes` (each `section`, `subject`, `field`, `before`,
`after`, `text`), `gaps_opened`, `gaps_closed`, `invalid_before`, `invalid_after` (findings)
and `ids_changed`: one `{"before": "jdoe", "after": "jane-doe", "matched_by": "email"}` (or
`"name"`) per person whose id changed; in `changes` that person's first entry then has
`"field": "id"` with the old and new id, and nothing that only followed the id is listed.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from typing import Any

from acmap.analysis.changes import AccountDiff, DiffResult, GapChange
from acmap.findings import Finding, count_by_severity
from acmap.report.findings import finding_segments
from acmap.report.json import dump
from acmap.report.terminal import SEVERITY_STYLE, STATUS_STYLE, Lines, Segment, visible, width
from acmap.words import plural

JSON_VERSION = 1
KIND_WORDS = {
    "added": "added",
    "removed": "removed",
    "renamed": "renamed",
    "changed": "changed",
}
LONG_ACCOUNT = 12  # lines: a longer account folds into <details> in Markdown (unless it errs)
FIRST_ERRORS = 3  # of an invalid file, shown; the rest counted
NOT_COUNTED = "not counted by --fail-on-new"
WORSE = "status worse: counts as a warning for --fail-on-new"


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
        gaps.append(f"{plural(len(closed), 'gap')} closed ({_tally(closed)})")
    if gaps:
        text += "; " + ", ".join(gaps)
    invalid = sum(1 for a in accounts if a.invalid_after)
    if invalid:
        text += f"; {plural(invalid, 'file')} invalid"
    return f"{text} — {label}"


def invalid_now(diff: AccountDiff) -> bool:
    """The file is invalid at HEAD: it has no status or score there."""
    return bool(diff.invalid_after) and diff.kind != "removed"


def health_segments(diff: AccountDiff) -> list[Segment]:
    """ "status green → amber · score 72 → 58 (−14)"; "was status red · score 40" for a removed
    map; "invalid (was status green · score 72)" for a file the change leaves invalid."""
    (s0, s1), (n0, n1) = diff.status, diff.score
    if invalid_now(diff):
        was = _one_side(s0, n0)
        return [("invalid", "bold red"), *([(" (was ", ""), *was, (")", "")] if was else [])]
    if diff.kind == "removed":
        was = _one_side(s0, n0)
        return [("was ", ""), *was] if was else []
    parts: list[list[Segment]] = []
    if s0 and s1 and s0 != s1:
        parts.append([("status ", ""), _status(s0), (" → ", ""), _status(s1)])
    elif s1 or s0:
        parts.append([("status ", ""), _status(s1 or s0 or "")])
    if n0 is not None and n1 is not None and n0 != n1:
        delta = n1 - n0
        sign = "+" if delta > 0 else "−"
        parts.append([(f"score {n0} → {n1} ({sign}{abs(delta)})", "")])
    elif n1 is not None or n0 is not None:
        parts.append([(f"score {n1 if n1 is not None else n0}", "")])
    return _joined(parts)


def _one_side(status: str | None, score: int | None) -> list[Segment]:
    parts: list[list[Segment]] = []
    if status:
        parts.append([("status ", ""), _status(status)])
    if score is not None:
        parts.append([(f"score {score}", "")])
    return _joined(parts)


def _status(status: str) -> Segment:
    return (status, STATUS_STYLE.get(status, ""))


def _joined(parts: list[list[Segment]]) -> list[Segment]:
    out: list[Segment] = []
    for number, part in enumerate(parts):
        if number:
            out.append((" · ", ""))
        out += part
    return out


def status_words(diff: AccountDiff) -> str:
    return "".join(text for text, _ in health_segments(diff))


def _what_happened(diff: AccountDiff) -> str:
    """The file-level event, when there is one worth saying."""
    if diff.kind == "added":
        return "new account map"
    if diff.kind == "removed":
        return "map removed"
    if diff.kind == "renamed":
        return f"renamed from {diff.old_file}"
    return ""


def gate_notes(diff: AccountDiff) -> list[str]:
    """What `--fail-on-new` makes of this account, where it is not the plain rule."""
    notes = []
    if diff.new_account and diff.opened:
        notes.append(f"new account: {plural(len(diff.opened), 'gap')} ({NOT_COUNTED})")
    if diff.worse:
        notes.append(WORSE)
    return notes


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

_TOKEN = re.compile(" +|[^ ]+")
_MARK_STYLE = {"added": "green", "removed": "red"}


def fill(out: Lines, segments: list[Segment], total: int, indent: int, hang: int = 2) -> None:
    """`segments` as lines of at most `total` columns: the first `indent` spaces in, the others
    `indent + hang`, broken between words, each word keeping its style; a word longer than a
    line is cut (a map's names can be anything, CJK and 200-letter words included). terminal.wrap
    keeps long words whole and Lines.wrapped styles only a prefix, where a diff colours whole
    sentences."""
    line: list[Segment] = [(" " * indent, "")]
    column, spaces, empty = indent, "", True  # empty: nothing but the indent on the line yet

    def new_line() -> None:
        nonlocal line, column, spaces, empty
        out.add(*line)
        column = indent + hang
        line, spaces, empty = [(" " * column, "")], "", True

    for text, style in segments:
        # A newline or tab in a name would break the layout: within a sentence it is a space.
        for token in _TOKEN.findall(visible(text).translate(_LAYOUT)):
            if token[0] == " ":
                spaces += token
                continue
            size = cells(token)
            if not empty and column + len(spaces) + size > total:
                new_line()
            if not empty and spaces:
                _append(line, spaces, style if line[-1][1] == style else "")
                column += len(spaces)
            spaces = ""
            while column + size > total:
                head, token = _cut(token, max(1, total - column))
                _append(line, head, style)
                new_line()
                size = cells(token)
            _append(line, token, style)
            column += size
            empty = False
    out.add(*line)


_LAYOUT = str.maketrans("\n\t", "  ")


def cells(text: str) -> int:
    """The columns `text` takes on a terminal: wide (East Asian) characters two, combining
    marks none."""
    if text.isascii():
        return len(text)
    return sum(_char_cells(c) for c in text)


def _char_cells(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _cut(word: str, room: int) -> tuple[str, str]:
    """`word` cut after `room` columns (at least one character, so a line always moves on)."""
    used = 0
    for at, char in enumerate(word):
        used += _char_cells(char)
        if used > room:
            return word[: max(1, at)], word[max(1, at) :]
    return word, ""


def _append(line: list[Segment], text: str, style: str) -> None:
    """One segment per run of a style, not one per word."""
    if line and line[-1][1] == style:
        line[-1] = (line[-1][0] + text, style)
    else:
        line.append((text, style))


def to_text(result: DiffResult) -> None:
    out = Lines()
    text_report(out, result.span.label, result.accounts, width())
    out.write()


def text_report(out: Lines, label: str, accounts: list[AccountDiff], total: int) -> None:
    fill(out, [(headline(label, accounts), "bold")], total, 0)
    out.add()
    for diff in accounts:
        if not quiet(diff):
            _account_text(out, diff, total)
            out.add()
    layout_only = [a for a in accounts if quiet(a)]
    if layout_only:
        files = ", ".join(a.file for a in layout_only)
        fill(out, [(f"Only layout or comments changed: {files}", "dim")], total, 0)


def _account_text(out: Lines, diff: AccountDiff, total: int) -> None:
    title: list[Segment] = [(diff.account, "bold")]
    if diff.name != diff.account:
        title.append((f" — {diff.name}", "bold"))
    title.append((f" ({diff.file})", ""))
    event = _what_happened(diff)
    if event:
        title.append((f": {event}", ""))
    fill(out, title, total, 0)
    health = health_segments(diff)
    if health:
        fill(out, health, total, 2)
    for note in gate_notes(diff):
        fill(out, [(note, "yellow")], total, 2)
    if diff.invalid_before:
        now = "now valid" if not diff.invalid_after and diff.kind != "removed" else "still invalid"
        fill(out, [(f"invalid before this change ({now}):", "")], total, 2)
        _findings_text(out, diff.invalid_before, total)
    if diff.invalid_after:
        fill(out, [("invalid after this change:", "bold red")], total, 2)
        _findings_text(out, diff.invalid_after, total)
    for change in diff.changes:
        fill(out, [(change.text, _MARK_STYLE.get(change.mark, ""))], total, 2)
    for g in diff.opened:
        style = SEVERITY_STYLE[g.finding.severity]
        fill(
            out,
            [("+ gap opened  ", ""), (f"{g.finding.severity:<7}", style), ("  " + g.text, "")],
            total,
            2,
            4,
        )
    for g in diff.closed:
        fill(
            out,
            [("- gap closed  ", "green"), (f"{g.finding.severity:<7}", "dim"), ("  " + g.text, "")],
            total,
            2,
            4,
        )


def _findings_text(out: Lines, findings: list[Finding], total: int) -> None:
    for f in findings[:FIRST_ERRORS]:
        fill(out, finding_segments(f), total, 4)
    rest = len(findings) - FIRST_ERRORS
    if rest > 0:
        fill(out, [(f"… and {plural(rest, 'more error', 'more errors')}", "dim")], total, 4)


# --- Markdown ------------------------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#~"})


def md(text: str) -> str:
    """Text that Markdown shows as written (names may hold *, _, < or |)."""
    return text.replace("\n", " ").translate(_MD_SPECIAL)


_SEVERITY_MARK = {"error": "🔴 error", "warning": "🟠 warning", "info": "🔵 info"}


def _code(text: str) -> str:
    """Text inside a Markdown code span: a backtick would end it."""
    return text.replace("`", "'").replace("\n", " ")


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
                f"{md(status_words(diff)) or '—'} | {_tally(diff.opened) or '—'} | "
                f"{_tally(diff.closed) or '—'} |"
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
        facts.append(md(health))
    facts += [md(note) for note in gate_notes(diff)]
    head += [" · ".join(facts), ""]
    body: list[str] = []
    for title, findings in (
        ("Invalid before this change", diff.invalid_before),
        ("Invalid after this change", diff.invalid_after),
    ):
        if findings:
            body += [f"**{title}**", ""]
            body += [
                f"- `{_code(f.file)}:{f.line}:{f.col}` `{f.code}` {f.name}: {md(f.message)}"
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
            parts.append(f"{plural(len(diff.opened), 'gap')} opened ({_tally(diff.opened)})")
        if diff.closed:
            parts.append(f"{plural(len(diff.closed), 'gap')} closed ({_tally(diff.closed)})")
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
        "ids_changed": sum(len(a.ids_changed) for a in accounts),
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
