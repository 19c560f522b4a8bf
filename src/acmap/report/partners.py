"""The `partners` subject: partner overlap as text, JSON or CSV (one row per person known)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from acmap.report.layout import indented
from acmap.report.terminal import emit, width
from acmap.words import plural, role_label

if TYPE_CHECKING:
    from acmap.analysis.partners import PartnersResult, PartnerSummary

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
_HOW_WELL = {"strong": "well", "medium": "fairly well", "weak": "a little"}


def money(values: dict[str, float]) -> str:
    """ "EUR 180,000 + USD 250,000", or "none"."""
    if not values:
        return "none"
    return " + ".join(
        f"{currency + ' ' if currency else ''}{amount:,.0f}"
        for currency, amount in sorted(values.items())
    )


def to_text(result: PartnersResult) -> None:
    if not result.partners:
        sys.stdout.write(f"No partners in {plural(result.accounts, 'account')}.\n")
        return
    total = width()
    lines: list[str] = []
    for summary in result.partners:
        lines.extend(_partner(summary, total))
        lines.append("")
    summaries = result.partners
    people = sum(s.people for s in summaries)
    present = len({p.account for s in summaries for p in s.accounts})
    intros = sum(s.introductions for s in summaries)
    lines.append(
        f"{plural(len(summaries), 'partner')} at {present} of "
        f"{plural(result.accounts, 'account')}; they know {plural(people, 'person', 'people')}, "
        f"{sum(s.key_reached for s in summaries)} of them key; "
        f"{plural(intros, 'introduction')} to ask for"
    )
    emit("\n".join(lines) + "\n")


def _partner(summary: PartnerSummary, total: int) -> list[str]:
    facts = [
        plural(len(summary.accounts), "account"),
        f"knows {plural(summary.people, 'person', 'people')}, {summary.key_reached} key",
        f"open deals reached {money(summary.open_value)}",
        plural(summary.introductions, "introduction") + " to ask for",
    ]
    kind = f", {summary.type}" if summary.type else ""
    lines = indented(f"{summary.name} ({summary.id}{kind}) — {' · '.join(facts)}", total, 0)
    for presence in summary.accounts:
        manager = f" · partner manager {presence.manager}" if presence.manager else ""
        head = f"{presence.account} — {presence.account_name} ({presence.tier}){manager}"
        lines += indented(head, total, 2)
        if not presence.knows:
            lines += indented("knows nobody mapped here yet", total, 6)
        for known in presence.knows:
            details = [", ".join(role_label(r) for r in known.roles)] if known.roles else []
            details.append(known.stance if known.stance != "unknown" else "stance unknown")
            details.append(f"knows them {_HOW_WELL.get(known.strength, known.strength)}")
            if known.key and not known.introduction:
                details.append("key, engaged" if known.engaged else "key, not engaged")
            title = f", {known.title}" if known.title and not known.name.startswith("[") else ""
            lines += indented(f"• {known.name}{title} — {' · '.join(details)}", total, 4)
            if known.introduction:
                # G501 says "<partner> knows <who>; we are not engaged (…) — ask …".
                ask = known.introduction.split("; we are ", 1)[-1]
                lines += indented(f"key, {ask} (G501)", total, 6)
        reach = (
            f"reaches {plural(presence.key_reached, 'key stakeholder')} · open deals "
            f"{money(presence.open_value)}"
        )
        lines += indented(reach, total, 4)
    return lines


def to_json(result: PartnersResult) -> None:
    from acmap.report.json import write_json

    write_json(sys.stdout, {"version": 1, "partners": [s.as_json() for s in result.partners]})


def to_csv(result: PartnersResult) -> None:
    from acmap.crm.cells import csv_writer

    writer = csv_writer(sys.stdout)
    writer.writerow(CSV_COLUMNS)
    for summary in result.partners:
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


REPORTERS = {"text": to_text, "json": to_json, "csv": to_csv}
