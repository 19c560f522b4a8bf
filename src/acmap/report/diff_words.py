"""The words every `acmap diff` report shares (text, Markdown, JSON): the headline, an
account's status and score, what happened to its file, what `--fail-on-new` makes of it."""

from __future__ import annotations

from acmap.analysis.changes import AccountDiff, GapChange
from acmap.findings import count_by_severity
from acmap.report.layout import Segment
from acmap.report.terminal import STATUS_STYLE
from acmap.words import plural

KIND_WORDS = {
    "added": "added",
    "removed": "removed",
    "renamed": "renamed",
    "changed": "changed",
}
FIRST_ERRORS = 3  # of an invalid file, shown; the rest counted
NOT_COUNTED = "not counted by --fail-on-new"
WORSE = "status worse: counts as a warning for --fail-on-new"


def tally(gaps: list[GapChange]) -> str:
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
        gaps.append(f"{plural(len(opened), 'gap')} opened ({tally(opened)})")
    if closed:
        gaps.append(f"{plural(len(closed), 'gap')} closed ({tally(closed)})")
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


def what_happened(diff: AccountDiff) -> str:
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
