"""`acmap new`: a new account map from a commented template that validates at once."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from acmap.commands.options import TodayOption, complete_tier, fail, settings, today_for


def new(
    account_id: Annotated[
        str, typer.Argument(metavar="ID", help="Account id: a slug such as globex; the file name.")
    ],
    name: Annotated[str, typer.Option("--name", help="The account's name.", show_default=False)],
    tier: Annotated[
        str,
        typer.Option(
            "--tier", help="strategic, key, growth or standard.", autocompletion=complete_tier
        ),
    ] = "standard",
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            help="Our account owner: a short team-member id such as dana.",
            show_default=False,
        ),
    ] = None,
    today: TodayOption = None,
) -> None:
    """Create maps/ID.yaml from a commented template. Never overwrites a file.

    Exit 0 when created; 2 when the id, tier or owner is not valid or the file exists.
    """
    import re

    from acmap.edit.atomic import WouldOverwrite, write_atomic
    from acmap.edit.templates import render, schema_reference, yaml_text
    from acmap.format import fields as formatv1
    from acmap.load import display, load_text, project_root
    from acmap.model import TIERS

    config = settings()
    day = today_for(config, today)
    slug = re.compile(formatv1.SLUG_PATTERN)
    if not slug.match(account_id):
        fail(
            f"{account_id!r} is not a valid account id: use lowercase letters, digits, '-' and "
            "'_', starting with a letter or digit"
        )
    if tier not in TIERS:
        fail(f"--tier {tier!r}: expected one of {', '.join(TIERS)}")
    if owner is not None and not slug.match(owner):
        fail(f"--owner {owner!r} is not a valid team-member id (e.g. dana)")
    if not name.strip():
        fail("--name must not be empty")
    bad = _control(name)
    if bad is not None:
        fail(f"--name must be plain text: it holds a control character (U+{ord(bad):04X})")
    if owner:
        owner_block = (
            f"  owner: {owner}    # our account owner: an id from team\n"
            "  team:    # our side of the relationship\n"
            f"    - {{id: {owner}, name: {yaml_text(owner.replace('-', ' ').replace('_', ' ').title())}}}"
            "    # write the full name"
        )
    else:
        owner_block = (
            "  # owner: dana    # our account owner: an id from team\n"
            "  # team:\n"
            "  #   - {id: dana, name: Dana Ruiz, role: account_executive}"
        )
    text = render(
        "new-map.yaml",
        id=account_id,
        name=yaml_text(name.strip()),
        title=" ".join(name.split()),
        tier=tier,
        owner_block=owner_block,
        owner_id=owner or "dana",
        today=day.isoformat(),
        schema=schema_reference(config.maps, config.root),
    )
    path = config.maps / f"{account_id}.yaml"
    shown = display(path)  # the link as named, never where a symlink leads
    checked = load_text(text, shown, stem=account_id)
    errors = [f for f in checked.findings if f.severity == "error"]
    if errors:  # a template bug, never the user's: say so rather than write a broken map
        fail(f"internal error: the new map would not validate: {errors[0].message}")
    try:
        write_atomic(path, text, overwrite=False, root=project_root(config))
    except WouldOverwrite:
        fail(f"{shown} already exists; acmap new never overwrites a map")
    except OSError as exc:
        fail(f"{shown}: cannot write: {exc.strerror or exc}")
    sys.stdout.write(
        f"created {shown}\nnext: name the people who matter, then run `acmap gaps {account_id}`\n"
    )


def _control(text: str) -> str | None:
    """The first character of `text` a name cannot hold: a control character (ESC, NUL, a line
    break of any kind), or a byte the terminal's encoding could not decode (a lone surrogate)."""
    import unicodedata

    for char in text:
        if unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
            return char
    return None


def register(app: typer.Typer) -> None:
    app.command()(new)
