"""``letterkit sender set|show|clear``: the saved return address."""

from __future__ import annotations

import typer

from letterkit.cli import output as out
from letterkit.errors import InputError
from letterkit.i18n import _
from letterkit.international import validate_country
from letterkit.models import Sender
from letterkit.profile import load_profile, save_profile


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help=_("Your saved return address (stays on this computer)."), no_args_is_help=True
    )
    app.add_typer(group, name="sender")

    @group.command("set", help=_('Save your return address: "LINE; LINE; …" top to bottom.'))
    def set_(
        lines: str = typer.Argument(..., help=_('The lines separated by ";".')),
        country: str = typer.Option(
            "RU", "--country", help=_("Your country, ISO code."), metavar="CC"
        ),
    ) -> None:
        sender = Sender.parse(lines, validate_country(country))
        if not sender.lines:
            raise InputError(
                _("the return address is empty"), hint=_('give the lines separated by ";"')
            )
        profile = load_profile()
        profile.sender_lines = sender.lines
        profile.country = sender.country
        save_profile(profile)
        console = out.stdout_console()
        console.print(_("Saved your return address:"), markup=False)
        for line in sender.lines:
            out.plain(console, f"  {line}")

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

    @group.command("clear", help=_("Forget the saved return address."))
    def clear() -> None:
        profile = load_profile()
        profile.sender_lines = []
        save_profile(profile)
        out.plain(out.stdout_console(), _("Your return address was removed."))
