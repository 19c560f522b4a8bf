"""The one registry of codes: every validation code (SPEC §3) and gap rule (SPEC §4) with its kebab
name, default severity and one-line summary. The loader's findings, the gap rules (`@rule("G201")`
takes its name and severity from here), the rule names acmap.toml and `--rule` accept, `acmap gaps
--help` and the README's two tables (``python -m acmap.format.codes README.md`` rewrites them; a
test fails when they disagree) all read it. Light, no rule imported: `gaps --help` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass

from acmap.findings import Finding


@dataclass(frozen=True, slots=True)
class Code:
    """One code. `raised` says when a rule yields a higher severity than its default (G101 on a
    strategic account); `fix` is the README's "how to fix" for a gap rule."""

    code: str
    name: str
    severity: str
    summary: str
    fix: str = ""
    raised: str = ""

    @property
    def default(self) -> str:
        """The README's "default" column: "warning", "error on strategic/key, else warning"."""
        return f"{self.raised}, else {self.severity}" if self.raised else self.severity


def _table(*codes: Code) -> dict[str, Code]:
    return {c.code: c for c in codes}


VALIDATION_CODES = _table(
    Code(
        "E001",
        "yaml-syntax",
        "error",
        "not well-formed YAML, not UTF-8, binary, more than one document (line and column of the "
        "problem)",
    ),
    Code("E002", "duplicate-key", "error", "the same key twice in one mapping"),
    Code(
        "E003", "unknown-field", "error", 'a key the format does not define, with "did you mean …?"'
    ),
    Code("E004", "missing-field", "error", "a required key is absent (or empty); an empty file"),
    Code(
        "E005",
        "invalid-value",
        "error",
        "wrong type, bad enum (lists the allowed values), bad date, bad id, unsupported `acmap:` "
        "version, a top-level list",
    ),
    Code(
        "E006",
        "duplicate-id",
        "error",
        "two units, stakeholders, opportunities, team members or partners share an id",
    ),
    Code(
        "E007",
        "unknown-reference",
        "error",
        "a unit, reports_to, owner, parent, link end, buying_group or knows entry (or a deal's "
        "roles, confirmed_by, criterion or step owner, an action's owner, with or opportunity) "
        'names no such id, with "did you mean …?"',
    ),
    Code(
        "E008",
        "cycle",
        "error",
        "a reporting-line or unit-parent cycle, with its members (`a → b → c → a`)",
    ),
    Code(
        "E009",
        "self-reference",
        "error",
        "reports_to self, a link from a person to themselves, a unit its own parent",
    ),
    Code(
        "E010",
        "duplicate-account",
        "error",
        "two files declare the same account.id (the later file is reported and skipped)",
    ),
    Code(
        "E011",
        "unsafe-yaml",
        "error",
        "any tag outside YAML's core schema (`!!python/…`, `!custom`), more than 64 alias uses or "
        "aliases expanding past 100,000 values, nesting deeper than 1,000 levels, a file over 5 MB",
    ),
    Code("W001", "id-mismatch", "warning", "account.id differs from the file name"),
)

# In the order of the README and of `acmap gaps --help`; rules/__init__.py lists them the same way.
GAP_RULES = _table(
    Code(
        "G101",
        "no-economic-buyer",
        "warning",
        "no active stakeholder has role economic_buyer",
        "ask your coach who releases the money; add them with `roles: [economic_buyer]`",
        raised="error on strategic/key",
    ),
    Code(
        "G102",
        "no-decision-maker",
        "warning",
        "no active stakeholder has role decision_maker",
        "find who makes the final call",
    ),
    Code(
        "G103",
        "no-champion",
        "warning",
        "no active stakeholder has role champion",
        "test a supporter with influence: will they sell for us?",
    ),
    Code(
        "G104",
        "single-threaded",
        "warning",
        "fewer than `min_engaged` engaged stakeholders",
        "engage more of the buying group (the message names candidates)",
        raised="error if ≤ 1 engaged",
    ),
    Code(
        "G105",
        "uncovered-unit",
        "info",
        "a unit with no active, named stakeholder in it or below it",
        "find out who is there, or ignore the unit",
    ),
    Code(
        "G106",
        "no-power-access",
        "warning",
        "no engaged stakeholder has influence high or role economic_buyer/decision_maker",
        "get a meeting with one of them",
    ),
    Code(
        "G201",
        "gone-dark",
        "warning",
        "a key stakeholder's last_contact is older than `stale_days`",
        "re-engage; the message names who influences them and which partner knows them",
    ),
    Code(
        "G202",
        "never-contacted",
        "warning",
        "a key stakeholder has no last_contact",
        "set up a first meeting (or ask for an introduction)",
    ),
    Code(
        "G203",
        "no-owner",
        "warning",
        "a key stakeholder has no owner on our team",
        "give them an owner from `account.team`",
    ),
    Code(
        "G204",
        "weak-champion",
        "warning",
        "a champion whose stance is not advocate or supporter",
        "test them, or drop the role",
    ),
    Code(
        "G205",
        "left-key-role",
        "error",
        "a stakeholder who has left still holds economic_buyer, decision_maker or champion, "
        "or is someone's reports_to",
        "find who took over; fix roles and reports_to",
    ),
    Code(
        "G206",
        "overdue-action",
        "warning",
        "an open action's `due` is before today",
        "do it, move its `due`, or mark it done or dropped",
    ),
    Code(
        "G207",
        "no-plan",
        "info",
        "a key stakeholder who is not engaged and has no open action `with` them (maps with "
        "`actions`)",
        "plan who meets them, by when",
    ),
    Code(
        "G301",
        "unaddressed-blocker",
        "warning",
        "a blocker (or a high-influence skeptic) with no owner and no link from an advocate or "
        "supporter",
        "give them an owner; find a supporter who can sway them",
    ),
    Code(
        "G302",
        "no-path-to-power",
        "info",
        "no economic buyer or decision maker is reachable from an advocate, supporter or champion "
        "through links or reporting lines",
        "work the best partial path the message shows",
    ),
    Code(
        "G303",
        "isolated-stakeholder",
        "info",
        "an active stakeholder with no reporting line, no reports and no links",
        "place them in the org",
    ),
    Code(
        "G304",
        "rose-tinted",
        "info",
        "5 or more stances known and none is skeptic or blocker",
        "ask who would lose from this deal",
    ),
    Code(
        "G305",
        "hidden-influencer",
        "info",
        "a person's computed influence (links and reporting lines) is among the account's highest "
        "but `influence` is not high",
        "reassess their influence",
    ),
    Code(
        "G306",
        "single-point-of-failure",
        "warning",
        "one active person (theirs or ours) whose departure would leave no warm path from our "
        "team or our friends to any economic buyer or decision maker",
        "build a second warm relationship to power that does not go through them",
    ),
    Code(
        "G401",
        "unknown-stance",
        "warning",
        "a key stakeholder with stance unknown",
        "find out where they stand",
    ),
    Code(
        "G402",
        "missing-preferences",
        "info",
        "a key stakeholder without prefers.channel",
        "note how they like to be reached",
    ),
    Code(
        "G403",
        "no-goals",
        "warning",
        "the account has no goals",
        "write down what the customer wants, in their words",
    ),
    Code(
        "G404",
        "stale-map",
        "warning",
        "account.reviewed is absent or older than `review_days`",
        "review the map with the team",
    ),
    Code(
        "G405",
        "unidentified-key-person",
        "warning",
        "a placeholder (no name) holds a key role",
        "find who holds the seat",
    ),
    Code(
        "G501",
        "partner-intro",
        "info",
        "a partner knows a key stakeholder we are not engaged with",
        "ask the partner for an introduction",
    ),
    Code(
        "G502",
        "buying-group-gap",
        "warning",
        "an open opportunity's buying_group has no economic_buyer or no decision_maker",
        "add them to the buying group",
    ),
    Code(
        "G503",
        "champion-moved",
        "info",
        "someone who was a friend (advocate, supporter or champion) at one account is active at "
        "another account of the portfolio (same email, linkedin, CRM id or moved_to)",
        "ask the one who knew them to reconnect, and ask them for an introduction",
    ),
    Code(
        "G601",
        "qualification-gate",
        "warning",
        "an open opportunity's MEDDPICC scores miss the gate of its stage (`[qualify.gates]`)",
        "see `acmap qualify`: it names the facts each letter lacks",
    ),
    Code(
        "G602",
        "no-compelling-event",
        "info",
        "an open opportunity at proposal or later, with deal facts, has no `compelling_event`",
        "find out why they must decide by a date",
    ),
    Code(
        "G603",
        "unproven-champion",
        "warning",
        "an open opportunity's champion has no `champion_evidence` within `stale_days` (deals "
        "with deal facts)",
        "ask the champion for something only a champion would do, and record it",
    ),
    Code(
        "G604",
        "favours-competitor",
        "info",
        "a key stakeholder `favours` a competitor and nobody owns them or has an open action "
        "with them",
        "give them an owner and plan a meeting",
    ),
)

CODES = {**VALIDATION_CODES, **GAP_RULES}
_RULE_BY_NAME = {c.name: c for c in GAP_RULES.values()}


def finding(
    file: str,
    line: int,
    col: int,
    code: str,
    message: str,
    account: str | None = None,
    subject: str | None = None,
) -> Finding:
    """A validation finding, named and graded by the registry."""
    entry = VALIDATION_CODES[code]
    return Finding(file, line, col, code, entry.name, entry.severity, message, account, subject)


# --- naming gap rules: acmap.toml, x-acmap-ignore, --rule -------------------------------------


def gap_rule(word: str) -> Code | None:
    """The gap rule a code (any case) or kebab name stands for."""
    return GAP_RULES.get(word.upper()) or _RULE_BY_NAME.get(word)


def rule_words() -> tuple[str, ...]:
    """Every word that names a rule in acmap.toml: each code and each kebab name."""
    return tuple(word for c in GAP_RULES.values() for word in (c.code, c.name))


class UnknownRule(ValueError):
    """A --rule value that names no rule; the message carries a "did you mean"."""


def select_rules(words: Iterable[str]) -> frozenset[str]:
    """--rule values to rule codes: a code, a kebab name or a family prefix such as G2."""
    codes: set[str] = set()
    for word in words:
        found = gap_rule(word)
        if found is not None:
            codes.add(found.code)
            continue
        upper = word.upper()
        family = [code for code in GAP_RULES if len(upper) >= 2 and code.startswith(upper)]
        if upper.startswith("G") and family:
            codes.update(family)
            continue
        from acmap.words import did_you_mean

        raise UnknownRule(f"{word!r}: no such rule{did_you_mean(word, rule_words())}")
    return frozenset(codes)


# --- generated texts: `acmap gaps --help` and the README ------------------------------------


def rules_help() -> str:
    """The epilog of `acmap gaps --help`: every rule, two columns, down then across."""
    entries = [f"{c.code} {c.name}" for c in GAP_RULES.values()]
    rows = (len(entries) + 1) // 2
    left, right = entries[:rows], entries[rows:]
    pad = max(map(len, left)) + 6
    lines = [f"  {a:<{pad}}{b}".rstrip() for a, b in zip(left, [*right, ""], strict=False)]
    # "\b" stops click from re-wrapping the columns.
    return "Rules (--rule takes a code, a name or a family such as G2):\n\n\b\n" + "\n".join(
        [*lines, ""]
    )


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def validation_table() -> str:
    rows = [_row("code", "name", "what"), "|---|---|---|"]
    for c in VALIDATION_CODES.values():
        what = c.summary if c.severity == "error" else f"{c.severity}: {c.summary}"
        rows.append(_row(c.code, c.name, what))
    return "\n".join(rows)


def rules_table() -> str:
    rows = [_row("code", "name", "default", "fires when", "how to fix"), "|---|---|---|---|---|"]
    rows += [_row(c.code, c.name, c.default, c.summary, c.fix) for c in GAP_RULES.values()]
    return "\n".join(rows)


# The README's generated blocks, each between `<!-- codes:NAME:begin -->` and `…:end -->`.
README_BLOCKS = {"validation": validation_table, "rules": rules_table}


def with_tables(readme: str) -> str:
    """`readme` with every generated block replaced by the registry's current table; ValueError
    when a block's markers are missing."""
    for block, table in README_BLOCKS.items():
        begin, end = f"<!-- codes:{block}:begin -->", f"<!-- codes:{block}:end -->"
        head, found, rest = readme.partition(begin)
        _, found_end, tail = rest.partition(end)
        if not (found and found_end):
            raise ValueError(f"no {begin} … {end} block")
        readme = f"{head}{begin}\n{table()}\n{end}{tail}"
    return readme


def main(argv: list[str]) -> int:
    """`python -m acmap.format.codes [README.md …]`: rewrite the files' tables from the
    registry; with no file, print the tables."""
    from pathlib import Path

    if not argv:
        sys.stdout.write(f"{validation_table()}\n\n{rules_table()}\n")
    for path in map(Path, argv):
        text = path.read_text(encoding="utf-8")
        try:
            fresh = with_tables(text)
        except ValueError as exc:
            sys.stderr.write(f"{path}: {exc}\n")
            return 2
        if fresh != text:
            path.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
