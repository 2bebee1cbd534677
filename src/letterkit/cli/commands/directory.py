"""``letterkit find``, ``letterkit random`` and ``letterkit birthdays``: the directory."""

from __future__ import annotations

import datetime as dt

import typer

from letterkit import directory, letterlog
from letterkit.cli import options as opt
from letterkit.cli import output as out
from letterkit.errors import NotFoundError
from letterkit.i18n import _


def _snapshot_caption(people) -> str | None:
    """The list's date under a table that shows directory records, and how many of the
    addresses shown are stale (data/staleness.toml)."""

    dates = {p.snapshot for p in people if p.snapshot is not None}
    if not dates:
        return None
    caption = _("Memorial's list of {date}").format(date=min(dates).isoformat())
    stale = sum(1 for p in people if directory.is_stale(p))
    if stale:
        caption += ", " + _(
            "{n} of these addresses are old: check each person's page before sending, "
            "or run 'letterkit data update'"
        ).format(n=stale)
    return caption


def _age(p) -> str:
    """The age of the address (``21 mo``), in yellow when it is stale."""
    age = directory.address_age(p)
    if age is None:
        return "—"
    return f"[yellow]{age.short()}[/]" if age.stale else age.short()


def _slug_column(table, people) -> None:
    """Slugs are what the user types next: never cut them (a very long one folds)."""
    width = max((len(p.slug) for p in people), default=4)
    table.add_column(_("slug"), overflow="fold", min_width=min(width, 36))


def _facility(p) -> str | None:
    return p.address.facility if p.address is not None else None


def _region(p) -> str | None:
    return p.address.region if p.address is not None else None


def _born(p) -> str | None:
    if p.birth_date is not None:
        return p.birth_date.isoformat()
    return str(p.birth_year) if p.birth_year else None


def _region_option() -> typer.models.OptionInfo:
    return typer.Option(
        None, "--region", help=_("Region of the address, or Memorial's region tag."), metavar="R"
    )


def _tag_option() -> typer.models.OptionInfo:
    return typer.Option(
        None, "--tag", help=_("One of Memorial's tags (part of it is enough)."), metavar="T"
    )


def register(app: typer.Typer) -> None:
    @app.command(
        "find",
        help=_(
            "Search the people letterkit knows (with Memorial's list) by name in Cyrillic "
            "or Latin letters (one typo tolerated), region, facility or Memorial tag."
        ),
    )
    def find(
        query: str = typer.Argument(
            "", help=_("A name or part of it: batsenin, Баценин. Empty: everyone.")
        ),
        region: str | None = _region_option(),
        tag: str | None = _tag_option(),
        facility: str | None = typer.Option(
            None, "--facility", help=_("Part of the facility's name, e.g. ИК-7."), metavar="F"
        ),
    ) -> None:
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        from rich.table import Table

        # deferred: the store loads the address engine, and `letterkit --help` imports
        # every command module (tests/test_render_reuse.py)
        from letterkit.store import Store

        people = directory.find(Store().people(), query, region=region, tag=tag, facility=facility)
        console = out.stdout_console()
        if not people:
            out.plain(console, _("No one found."))
            return
        table = Table(title=_("Found: {n}").format(n=len(people)))
        _slug_column(table, people)
        for column in (_("name"), _("facility"), _("region"), _("birthday")):
            table.add_column(column)
        table.add_column(_("writable"))
        table.add_column(_("address age"), justify="right")
        for p in people:
            table.add_row(
                out.cell(p.slug),
                out.cell(p.nominative),
                out.cell(_facility(p)),
                out.cell(_region(p)),
                out.cell(_born(p)),
                _("yes") if directory.is_writable(p) else f"[yellow]{_('no')}[/]",
                _age(p),
            )
        table.caption = _snapshot_caption(people)
        console.print(table)

    @app.command(
        "random",
        help=_(
            "Pick people to write to at random (only those with a usable address), "
            "preferring people you have not written to yet (letter log)."
        ),
    )
    def random_(
        region: str | None = _region_option(),
        tag: str | None = _tag_option(),
        n: int = typer.Option(
            1, "--n", **opt.whole_number(1, 100), help=_("How many people."), metavar="N"
        ),
    ) -> None:
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        from rich.table import Table

        from letterkit.store import Store  # deferred: see find

        people = directory.random_people(
            Store().people(), n, region=region, tag=tag, written=letterlog.written_slugs()
        )
        if not people:
            raise NotFoundError(
                _("no one with a usable address matches"),
                hint=_("try without --region/--tag, or 'letterkit find' to see who is known"),
            )
        table = Table(title=_("Someone to write to"))
        _slug_column(table, people)
        for column in (_("name"), _("facility"), _("region")):
            table.add_column(column)
        table.add_column(_("page"), overflow="fold")
        for p in people:
            url = next((s.url for s in p.sources if s.url), None)
            table.add_row(
                out.cell(p.slug),
                out.cell(p.nominative),
                out.cell(_facility(p)),
                out.cell(_region(p)),
                out.cell(url),
            )
        table.caption = _snapshot_caption(people)
        console = out.stdout_console()
        console.print(table)
        console.print(_("Write: letterkit write SLUG"), markup=False)

    @app.command(
        "birthdays",
        help=_(
            "Who has a birthday soon (default: the next 30 days), with the age and the "
            "date in Russian; only people with a usable address."
        ),
    )
    def birthdays(
        within: int | None = typer.Option(
            None,
            "--within",
            **opt.whole_number(0, 366),
            help=_("Birthdays in the next DAYS days."),
            metavar="DAYS",
        ),
        month: int | None = typer.Option(
            None,
            "--month",
            **opt.whole_number(1, 12),
            help=_("Birthdays in month M (1–12)."),
            metavar="M",
        ),
        from_: str | None = typer.Option(
            None,
            "--from",
            help=_("Count from this date instead of today."),
            metavar="YYYY-MM-DD",
            callback=opt.parse_date,
        ),
    ) -> None:
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        from rich.table import Table

        from letterkit.store import Store  # deferred: see find

        if within is not None and month is not None:
            raise typer.BadParameter(_("use either --within or --month"))
        today = from_ or dt.date.today()
        found = directory.birthdays(Store().people(), today, within_days=within, month=month)
        console = out.stdout_console()
        if not found:
            console.print(_("No birthdays in that period."))
            return
        # deferred: the profile says whether letters go from abroad (the send-by date)
        from letterkit.dates import russian_day_month, send_by
        from letterkit.profile import load_profile

        abroad = load_profile().country != "RU"
        table = Table(title=_("Birthdays"))
        for column in (_("date"), _("turns"), _("in days"), _("send by")):
            table.add_column(column, no_wrap=True)
        _slug_column(table, [b.prisoner for b in found])
        for column in (_("name"), _("facility")):
            table.add_column(column)
        for b in found:
            table.add_row(
                b.date_ru,
                str(b.age),
                str(b.days),
                out.cell(russian_day_month(send_by(b.date, abroad=abroad))),
                out.cell(b.prisoner.slug),
                out.cell(b.prisoner.nominative),
                out.cell(_facility(b.prisoner)),
            )
        table.caption = _snapshot_caption([b.prisoner for b in found])
        console.print(table)
