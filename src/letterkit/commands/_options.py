"""Options shared by the commands that print (cli.md § Options shared by the commands)."""

from __future__ import annotations

import datetime as dt

import typer

from letterkit.i18n import _


def parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(_("use the form YYYY-MM-DD, e.g. 2026-11-25")) from None


def sender_option() -> typer.models.OptionInfo:
    return typer.Option(
        None,
        "--sender",
        help=_('Your return address as lines separated by ";" (overrides the saved profile).'),
        metavar="LINES",
    )


def sender_country_option() -> typer.models.OptionInfo:
    return typer.Option(
        None,
        "--sender-country",
        help=_(
            "Your country, ISO code (default RU or the profile's). Not RU: international layout."
        ),
        metavar="CC",
    )


def envelope_option() -> typer.models.OptionInfo:
    return typer.Option(
        "DL", "--envelope", help=_("Envelope size: DL, C6, C65, C5 or C4."), metavar="SIZE"
    )


def force_option() -> typer.models.OptionInfo:
    return typer.Option(False, "--force", help=_("Overwrite existing output files."))


def date_option() -> typer.models.OptionInfo:
    return typer.Option(
        None,
        "--date",
        help=_("Date printed on letters, YYYY-MM-DD (default today); makes output reproducible."),
        metavar="YYYY-MM-DD",
        callback=parse_date,
    )


def stdout_console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def stderr_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False)
