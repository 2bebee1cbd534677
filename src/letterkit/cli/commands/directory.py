"""``letterkit find``, ``letterkit random`` and ``letterkit birthdays``: the directory."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from letterkit import directory, fsutil, letterlog
from letterkit.cli import options as opt
from letterkit.cli import output as out
from letterkit.errors import NotFoundError
from letterkit.i18n import _, ngettext


def _snapshot_caption(people) -> str | None:
    """The list's date under a table that shows directory records, and how many of the
    addresses shown are stale (data/staleness.toml)."""

    dates = {p.snapshot for p in people if p.snapshot is not None}
    if not dates:
        return None
    caption = _("Memorial's list of {date}").format(date=min(dates).isoformat())
    stale = sum(1 for p in people if directory.is_stale(p))
    if stale:
        caption += ", " + ngettext(
            "{n} of these addresses is old: check each person's page before sending, "
            "or run 'letterkit data update'",
            "{n} of these addresses are old: check each person's page before sending, "
            "or run 'letterkit data update'",
            stale,
        ).format(n=stale)
    return caption


def _age(p):
    """The age of the address (``21 mo``), in yellow when it is stale."""
    age = directory.address_age(p)
    if age is None:
        return None
    return out.styled(age.short(), "yellow" if age.stale else None)


def _writable(p):
    return _("yes") if directory.is_writable(p) else out.styled(_("no"), "yellow")


def _print_people(people, as_json: bool, title: str, extra: list):
    """``find``/``random``: one JSON object a person, or a table of slug, name, facility
    and region with the command's ``extra`` (column, value of a person) pairs after them.
    Returns the console the table went to (None for JSON)."""
    if as_json:
        out.print_json_lines(directory.person_json(p) for p in people)
        return None
    columns = [
        out.Column(_("slug"), no_wrap=True),
        out.Column(_("name")),
        out.Column(_("facility")),
        out.Column(_("region")),
        *(column for column, _value in extra),
    ]
    rows = [
        [p.slug, p.nominative, _facility(p), _region(p), *(value(p) for _c, value in extra)]
        for p in people
    ]
    console = out.stdout_console()
    out.print_rows(console, title, columns, rows, footer=_snapshot_caption(people))
    return console


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


def _one_of(value, name: str, old_value, old_name: str):
    """The value of an option or of its old spelling (a hidden alias); not both."""
    if value is not None and old_value is not None:
        raise typer.BadParameter(
            _("use {name} only ({old} is its old spelling)").format(name=name, old=old_name)
        )
    return value if value is not None else old_value


def _json_option() -> typer.models.OptionInfo:
    return typer.Option(
        False, "--json", help=_("Print JSON Lines, one object a person (fields: see README).")
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
        as_json: bool = _json_option(),
    ) -> None:
        # deferred: the store loads the address engine, and `letterkit --help` imports
        # every command module (tests/test_render_reuse.py)
        from letterkit.store import Store

        people = directory.find(Store().people(), query, region=region, tag=tag, facility=facility)
        if not people:
            raise NotFoundError(
                _("no one found"),
                hint=_("try part of the name, or without --region/--tag/--facility"),
            )
        _print_people(
            people,
            as_json,
            _("Found: {n}").format(n=len(people)),
            [
                (out.Column(_("birthday"), no_wrap=True), _born),
                (out.Column(_("writable")), _writable),
                (out.Column(_("address age"), justify="right"), _age),
            ],
        )

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
        count: int | None = typer.Option(
            None,
            "-n",
            "--count",
            **opt.whole_number(1, 100),
            help=_("How many people (default 1)."),
            metavar="N",
        ),
        old_n: int | None = typer.Option(
            None, "--n", **opt.whole_number(1, 100), hidden=True, metavar="N"
        ),  # the old spelling of --count, kept for one release
        as_json: bool = _json_option(),
    ) -> None:
        from letterkit.store import Store  # deferred: see find

        n = _one_of(count, "--count", old_n, "--n") or 1
        people = directory.random_people(
            Store().people(), n, region=region, tag=tag, written=letterlog.written_slugs()
        )
        if not people:
            raise NotFoundError(
                _("no one with a usable address matches"),
                hint=_("try without --region/--tag, or 'letterkit find' to see who is known"),
            )
        console = _print_people(
            people,
            as_json,
            _("Someone to write to"),
            [(out.Column(_("page"), no_wrap=True), directory.page_url)],
        )
        if console is not None:
            console.print(_("Write: letterkit write SLUG"), markup=False)

    @app.command(
        "birthdays",
        help=_(
            "Who has a birthday soon (default: those whose send-by date is in the next "
            "30 days), with the age and the date in Russian; only people with a usable "
            "address."
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
        date: str | None = typer.Option(
            None,
            "--date",
            help=_("Count from this date instead of today."),
            metavar="YYYY-MM-DD",
            callback=opt.parse_date,
        ),
        from_: str | None = typer.Option(
            None, "--from", hidden=True, metavar="YYYY-MM-DD", callback=opt.parse_date
        ),  # the old spelling of --date, kept for one release
        as_json: bool = typer.Option(
            False,
            "--json",
            help=_("Print JSON Lines, one object a birthday (fields: see README)."),
        ),
        ics: Path | None = typer.Option(
            None,
            "--ics",
            help=_(
                "Write the birthdays to FILE as a calendar (iCalendar), each with a reminder "
                "on the last day to post a card."
            ),
            metavar="FILE",
            dir_okay=False,
        ),
        force: bool = typer.Option(
            False, "-f", "--force", help=_("Overwrite the --ics file if it exists.")
        ),
    ) -> None:
        from letterkit.store import Store  # deferred: see find

        if within is not None and month is not None:
            raise typer.BadParameter(_("use either --within or --month"))
        if as_json and ics is not None:
            raise typer.BadParameter(_("use either --json or --ics"))
        today = _one_of(date, "--date", from_, "--from") or dt.date.today()
        if ics is not None:
            fsutil.check_targets([ics], force=force)  # before the work: nothing half-done
        # deferred: the profile says whether letters go from abroad (the send-by date)
        from letterkit.dates import russian_day_month, send_by
        from letterkit.profile import load_profile

        abroad = load_profile().country != "RU"
        found = directory.birthdays(
            Store().people(), today, within_days=within, month=month, abroad=abroad
        )
        console = out.stdout_console()
        if not found:
            raise NotFoundError(
                _("no birthdays in that period"), hint=_("try a longer --within, or --month")
            )
        if ics is not None:
            # deferred: the calendar loads the icalendar library
            from letterkit.directory.calendar import birthday_calendar

            data = birthday_calendar(found, today, lambda day: send_by(day, abroad=abroad))
            fsutil.atomic_write(ics, data, force=force)
            out.plain(console, f"{_('Written')}: {ics}")
            return
        if as_json:
            out.print_json_lines(
                {
                    **directory.person_json(b.prisoner, today),
                    "birthday": b.date.isoformat(),
                    "turns": b.age,
                    "in_days": b.days,
                    "send_by": send_by(b.date, abroad=abroad).isoformat(),
                }
                for b in found
            )
            return
        columns = [
            out.Column(_("date"), no_wrap=True),
            out.Column(_("turns"), justify="right"),
            out.Column(_("in days"), justify="right"),
            out.Column(_("send by"), no_wrap=True),
            out.Column(_("slug"), no_wrap=True),
            out.Column(_("name")),
            out.Column(_("facility")),
            out.Column(_("region")),
        ]
        rows = [
            [
                b.date_ru,
                str(b.age),
                str(b.days),
                russian_day_month(send_by(b.date, abroad=abroad)),
                b.prisoner.slug,
                b.prisoner.nominative,
                _facility(b.prisoner),
                _region(b.prisoner),
            ]
            for b in found
        ]
        out.print_rows(
            console,
            _("Birthdays"),
            columns,
            rows,
            footer=_snapshot_caption([b.prisoner for b in found]),
        )
