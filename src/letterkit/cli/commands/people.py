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
        as_json: bool = typer.Option(
            False, "--json", help=_("Print JSON Lines, one object a person (fields: see README).")
        ),
    ) -> None:
        # deferred: the store loads the address engine, and `letterkit --help` imports
        # every command module (tests/test_render_reuse.py)
        from letterkit.store import Store

        store = Store()
        people = (
            store.people()
            if all_
            else [*store.user_people.values(), *store.shipped_people.values()]
        )
        people = sorted(people, key=lambda p: p.slug)
        if as_json:
            # deferred: see Store
            from letterkit import directory
            from letterkit.errors import NotFoundError

            if not people:
                raise NotFoundError(
                    _("no records"), hint=_("add one with 'letterkit add', or use --all")
                )
            out.print_json_lines(directory.person_json(p) for p in people)
            return
        columns = [
            out.Column(_("slug"), no_wrap=True),
            out.Column(_("name")),
            out.Column(_("born"), no_wrap=True),
            out.Column(_("facility")),
            out.Column(_("source")),
        ]
        rows = [
            [p.slug, p.nominative, p.birth_year, p.address.facility if p.address else None,
             p.origin]
            for p in people
        ]  # fmt: skip
        out.print_rows(out.stdout_console(), _("Known people"), columns, rows)

    @app.command(
        "show", help=_("Show a person's record with the envelope address and the English address.")
    )
    def show(
        slug: str = typer.Argument(
            ..., help=_("The person's slug, or their name."), autocompletion=complete_slugs
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
        as_json: bool = typer.Option(
            False, "--json", help=_("Print the record as one JSON object (fields: see README).")
        ),
    ) -> None:
        from letterkit.address.english import english_line  # deferred: see list_people
        from letterkit.lookup import find_person  # deferred: see list_people
        from letterkit.store import Store

        p = find_person(slug, Store())
        if refresh:
            # deferred: the update package (httpx, selectolax) loads only with --refresh
            from letterkit.cli.refresh import refresh_before

            refresh_before(p.slug, "show")
            p = Store().get(p.slug)
        if as_json:
            # deferred: see list_people
            from letterkit import directory

            obj = directory.person_json(p, date)
            obj["english"] = english_line(p.address) if p.address is not None else None
            out.print_json(obj)
            print_snapshot_notice(out.stdout_console(), p, details=False, today=date)
            return
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
