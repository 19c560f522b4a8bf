"""`acmap partners`: partner overlap across the portfolio — which partner knows whom, where, at
what power, and where they could introduce us."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from acmap.commands.options import (
    PathsArgument,
    TodayOption,
    exit_if_unreadable,
    fail,
    pick_format,
    report_left_out,
    settings,
    today_for,
)

if TYPE_CHECKING:
    from acmap.analysis.partners import PartnerSummary

FORMATS = ("text", "json", "csv")
CSV_COLUMNS = (
    "partner_id",
    "partner_name",
    "partner_type",
    "partner_manager",
    "account_id",
    "account_name",
    "tier",
    "stakeholder_id",
    "stakeholder_name",
    "title",
    "roles",
    "stance",
    "strength",
    "key",
    "engaged",
    "account_key_reached",
    "account_open_value",
    "introduction",
)


def partners(
    paths: PathsArgument = None,
    partner: Annotated[
        str | None,
        typer.Option("--partner", help="Only this partner id.", show_default=False),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="text, json or csv.", show_default=False),
    ] = None,
    today: TodayOption = None,
) -> None:
    """Partner overlap: which partner is present at which account, whom they know there, the key
    stakeholders and open deal value that reaches, and where they could introduce us (G501)."""
    from functools import partial

    from acmap.analysis.partners import by_partner, presences
    from acmap.load.selection import SelectionError, load_selection

    chosen = pick_format(output_format, FORMATS)
    config = settings()
    day = today_for(config, today)
    analyse = partial(presences, gaps=config.gaps, today=day)
    try:
        selection = load_selection(paths or [], config, analyse=analyse, keep_maps=False)
    except SelectionError as exc:
        fail(str(exc))
    summaries = by_partner([p for found in selection.results for p in found])
    if partner is not None:
        summaries = _only(partner, summaries)

    if chosen == "json":
        from acmap.report.json import write_json

        document = {"version": 1, "partners": [s.as_json() for s in summaries]}
        write_json(sys.stdout, document)
    elif chosen == "csv":
        _write_csv(summaries)
    else:
        _write_text(summaries, len(selection.maps))

    report_left_out(selection)
    exit_if_unreadable(selection)


def _only(wanted: str, summaries: list[PartnerSummary]) -> list[PartnerSummary]:
    from acmap.words import did_you_mean_person as did_you_mean

    kept = [s for s in summaries if s.id == wanted]
    if not kept:
        hint = did_you_mean(wanted, {s.id: s.name for s in summaries})
        fail(f"--partner {wanted!r}: no such partner in the selected maps{hint}")
    return kept


def _write_text(summaries: list[PartnerSummary], accounts: int) -> None:
    import os
    import textwrap

    from acmap.analysis.partners import money
    from acmap.model import ROLE_LABELS

    columns = os.environ.get("COLUMNS", "")
    width = max(60, int(columns) if columns.isdigit() else 100)

    def wrapped(text: str, indent: int, hang: int = 2) -> list[str]:
        return textwrap.wrap(
            text,
            width=width,
            initial_indent=" " * indent,
            subsequent_indent=" " * (indent + hang),
            break_on_hyphens=False,
        )

    if not summaries:
        sys.stdout.write(f"No partners in {_count(accounts, 'account')}.\n")
        return
    lines: list[str] = []
    for summary in summaries:
        facts = [
            _count(len(summary.accounts), "account"),
            f"knows {_count(summary.people, 'person', 'people')}, {summary.key_reached} key",
            f"open deals reached {money(summary.open_value)}",
            _count(summary.introductions, "introduction") + " to ask for",
        ]
        kind = f", {summary.type}" if summary.type else ""
        lines.extend(wrapped(f"{summary.name} ({summary.id}{kind}) — {' · '.join(facts)}", 0))
        for presence in summary.accounts:
            manager = f" · partner manager {presence.manager}" if presence.manager else ""
            lines.extend(
                wrapped(
                    f"{presence.account} — {presence.account_name} ({presence.tier}){manager}", 2
                )
            )
            if not presence.knows:
                lines.extend(wrapped("knows nobody mapped here yet", 6))
            for known in presence.knows:
                details = (
                    [", ".join(ROLE_LABELS.get(r, r) for r in known.roles)] if known.roles else []
                )
                details.append(known.stance if known.stance != "unknown" else "stance unknown")
                details.append(f"knows them {_HOW_WELL.get(known.strength, known.strength)}")
                if known.key and not known.introduction:
                    details.append("key, engaged" if known.engaged else "key, not engaged")
                title = f", {known.title}" if known.title and not known.name.startswith("[") else ""
                lines.extend(wrapped(f"• {known.name}{title} — {' · '.join(details)}", 4))
                if known.introduction:
                    # G501 says "<partner> knows <who>; we are not engaged (…) — ask …".
                    ask = known.introduction.split("; we are ", 1)[-1]
                    lines.extend(wrapped(f"key, {ask} (G501)", 6))
            lines.extend(
                wrapped(
                    f"reaches {_count(presence.key_reached, 'key stakeholder')} · open deals "
                    f"{money(presence.open_value)}",
                    4,
                )
            )
        lines.append("")
    people = sum(s.people for s in summaries)
    present = len({p.account for s in summaries for p in s.accounts})
    intros = sum(s.introductions for s in summaries)
    lines.append(
        f"{_count(len(summaries), 'partner')} at {present} of {_count(accounts, 'account')}; "
        f"they know {_count(people, 'person', 'people')}, "
        f"{sum(s.key_reached for s in summaries)} of them key; "
        f"{_count(intros, 'introduction')} to ask for"
    )
    sys.stdout.write("\n".join(lines) + "\n")


_HOW_WELL = {"strong": "well", "medium": "fairly well", "weak": "a little"}


def _count(number: int, noun: str, nouns: str | None = None) -> str:
    return f"{number} {noun if number == 1 else (nouns or noun + 's')}"


def _write_csv(summaries: list[PartnerSummary]) -> None:
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for summary in summaries:
        for presence in summary.accounts:
            value = "; ".join(
                f"{currency} {amount:.0f}".strip()
                for currency, amount in sorted(presence.open_value.items())
            )
            head = [
                summary.id,
                summary.name,
                summary.type or "",
                presence.manager or "",
                presence.account,
                presence.account_name,
                presence.tier,
            ]
            tail = [str(presence.key_reached), value]
            if not presence.knows:
                writer.writerow([*head, "", "", "", "", "", "", "", "", *tail, ""])
            for known in presence.knows:
                writer.writerow(
                    [
                        *head,
                        known.id,
                        known.name,
                        known.title or "",
                        ";".join(known.roles),
                        known.stance,
                        known.strength,
                        "yes" if known.key else "no",
                        "yes" if known.engaged else "no",
                        *tail,
                        known.introduction or "",
                    ]
                )


def register(app: typer.Typer) -> None:
    app.command()(partners)
