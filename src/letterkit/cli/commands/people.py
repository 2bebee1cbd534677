"""``letterkit list`` and ``letterkit show SLUG``."""

from __future__ import annotations

import typer

from letterkit.cli import options as opt
from letterkit.cli import output as out
from letterkit.cli.completion import complete_slugs
from letterkit.cli.output import envelope_panel, print_snapshot_notice
from letterkit.i18n import _, current_language


def register(app: typer.Typer) -> None:
    @app.command(
        "list", help=_("List the people letterkit knows (hand-made and your own records).")
    )
    def list_people(
        all_: bool = typer.Option(False, "--all", help=_("Include the whole Memorial directory.")),
    ) -> None:
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        from rich.table import Table

        # deferred: the store loads the address engine, and `letterkit --help` imports
        # every command module (tests/test_render_reuse.py)
        from letterkit.store import Store

        store = Store()
        people = (
            store.people()
            if all_
            else [*store.user_people.values(), *store.shipped_people.values()]
        )
        table = Table(title=_("Known people"))
        for column in (_("slug"), _("name"), _("born"), _("facility"), _("source")):
            table.add_column(column)
        for p in people:
            facility = p.address.facility if p.address and p.address.facility else "—"
            table.add_row(
                out.cell(p.slug), out.cell(p.nominative), out.cell(p.birth_year),
                out.cell(facility), out.cell(p.origin),
            )  # fmt: skip
        out.stdout_console().print(table)

    @app.command(
        "show", help=_("Show a person's record with the envelope address and the English address.")
    )
    def show(
        slug: str = typer.Argument(
            ..., help=_("The person's slug."), autocompletion=complete_slugs
        ),
        date: str | None = typer.Option(
            None,
            "--date",
            help=_("Count the address's age to this day instead of today."),
            metavar="YYYY-MM-DD",
            callback=opt.parse_date,
        ),
        refresh: bool = typer.Option(
            False,
            "--refresh",
            help=_(
                "First re-read the person's Memorial page (two requests to memopzk.org; "
                "LETTERKIT_OFFLINE=1 forbids it) and save what changed."
            ),
        ),
    ) -> None:
        from letterkit.address.english import english_line  # deferred: see list_people
        from letterkit.store import Store

        if refresh:
            # deferred: the update package (httpx, selectolax) loads only with --refresh
            from letterkit.cli.refresh import refresh_before

            refresh_before(slug, "show")
        p = Store().get(slug)
        console = out.stdout_console()
        console.print(f"[bold]{out.esc(p.nominative)}[/]  ({out.esc(p.slug)})")
        if p.birth_year:
            out.plain(
                console,
                f"{_('Born')}: {p.birth_date.isoformat() if p.birth_date else p.birth_year}",
            )
        if p.status:
            out.plain(console, f"{_('Status (Memorial tags)')}: {p.status}")
        summary = p.summary_ru if current_language() == "ru" else p.summary_en
        if summary:
            out.plain(console, summary)
        if p.sentence:
            out.plain(console, f"{_('Sentence')}: {p.sentence}")
        for note in p.notes:
            out.plain(console, f"{_('Note')}: {note}")
        if p.address is not None:
            console.print(envelope_panel(p.address, _("Envelope address")))
            console.print(out.labelled(_("English"), english_line(p.address)))
            out.print_warnings(console, p.address.warnings)
        else:
            console.print(f"[yellow]{_('No usable postal address.')}[/]")
        for source in p.sources:
            out.plain(
                console,
                f"{_('Source')}: {source.title}" + (f" — {source.url}" if source.url else ""),
            )
        out.plain(console, f"{_('Checked')}: {p.checked.isoformat()}")
        print_snapshot_notice(console, p, details=True, today=date)
