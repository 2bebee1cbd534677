"""``letterkit sender set|show|clear``: the saved return address."""

from __future__ import annotations

import typer

from letterkit.cli import output as out
from letterkit.i18n import _
from letterkit.international import mail_notes
from letterkit.models import Sender
from letterkit.profile import load_profile, save_profile


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help=_("Your saved return address (stays on this computer)."), no_args_is_help=True
    )
    app.add_typer(group, name="sender")

    @group.command("set", help=_('Save your return address: "LINE; LINE; …" top to bottom.'))
    def set_(
        lines: str = typer.Argument(..., help=_('The lines separated by ";".'), metavar="LINES"),
        sender_country: str | None = typer.Option(
            None,
            "--sender-country",
            help=_("Your country, ISO code (default RU)."),
            metavar="CC",
        ),
        country: str | None = typer.Option(
            None, "--country", hidden=True, metavar="CC"
        ),  # the old spelling of --sender-country, kept for one release
        writer_ru: str | None = typer.Option(
            None,
            "--writer-ru",
            help=_(
                "Your name in Cyrillic letters, given name first, for "
                "letters when your address is in Latin letters."
            ),
            metavar="NAME",
        ),
    ) -> None:
        # deferred: writing and the address engine cost start-up time
        from letterkit.address.parse import parse_address
        from letterkit.writing import prepare_sender

        if (
            sender_country is not None
            and country is not None
            and (sender_country.upper() != country.upper())
        ):
            raise typer.BadParameter(
                _("give the country once, with --sender-country"), param_hint="--sender-country"
            )
        sender, _signature = prepare_sender(
            lines, sender_country or country, writer_ru, profile=False, read_line=parse_address
        )
        assert sender is not None  # a text given is a return address or an error
        profile = load_profile()
        profile.sender_lines = sender.lines
        profile.country = sender.country
        profile.sender_parts = sender.parts
        save_profile(profile)
        console = out.stdout_console()
        console.print(_("Saved your return address:"), markup=False)
        for line in sender.lines:
            out.plain(console, f"  {line}")
        _print_understood(console, sender)
        _offer_russian_name(sender)
        out.print_notes(mail_notes(sender.country))

    def _offer_russian_name(sender: Sender) -> None:
        # deferred: the address engine costs start-up time; only sender set/write need it
        from letterkit.guidance.writer import suggested_russian_name

        suggestion = suggested_russian_name(sender)
        if suggestion:
            out.stderr_console().print(
                _(
                    "Note: your name in Russian letters: {name}. To sign letters with it, "
                    'run this again with --writer-ru "{name}".'
                ).format(name=suggestion),
                markup=False,
            )

    def _print_understood(console, sender: Sender) -> None:
        # deferred: the address engine costs start-up time; only sender set/show need it
        from letterkit.guidance.writer import writer_view

        writer = writer_view(sender)
        parts = sender.parts
        order = (
            (
                (parts.last, parts.first, parts.middle)
                if sender.country == "RU"
                else (parts.first, parts.middle, parts.last)
            )
            if parts
            else ()
        )
        rows = [
            (_("Name"), " ".join(p for p in order if p)),
            (_("Letters are signed"), writer.signature),
            (_("Where you live"), writer.place),
            (_("Region"), parts.region if parts else ""),
            (_("Postcode"), parts.postcode if parts else ""),
            (_("Country"), f"{sender.country} ({writer.country_ru})"),
        ]
        console.print(_("Understood as:"), markup=False)
        for label, value in rows:
            if value:
                console.print(f"  {label}: {value}", markup=False)

    @group.command("show", help=_("Show the saved return address."))
    def show() -> None:
        profile = load_profile()
        console = out.stdout_console()
        if not profile.sender_lines:
            out.plain(
                console, _('No return address saved. Set one with: letterkit sender set "…; …"')
            )
            return
        for line in profile.sender_lines:
            out.plain(console, line)
        out.plain(console, f"{_('Country')}: {profile.country}")
        sender = profile.sender
        if sender is not None and sender.parts is not None:
            _print_understood(console, sender)

    @group.command("clear", help=_("Forget the saved return address."))
    def clear() -> None:
        profile = load_profile()
        profile.sender_lines = []
        profile.sender_parts = None
        save_profile(profile)
        out.plain(out.stdout_console(), _("Your return address was removed."))
