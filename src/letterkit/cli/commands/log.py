"""``letterkit log``: the private letter log (show, --due, --enable/--disable, --clear)."""

from __future__ import annotations

import datetime as dt

import typer

from letterkit import letterlog
from letterkit.cli import options as opt
from letterkit.cli import output as out
from letterkit.errors import NotFoundError
from letterkit.i18n import _, ngettext
from letterkit.profile import load_profile


def register(app: typer.Typer) -> None:
    @app.command(
        "log",
        help=_(
            "Your private letter log: whom you wrote to, when, with which template and "
            "signature. Kept only on this computer; off by default when your country is RU."
        ),
    )
    def log(
        due: bool = typer.Option(
            False,
            "--due",
            help=_(
                "List people you have not written to for N weeks and their birthdays "
                "in the next 30 days."
            ),
        ),
        weeks: int | None = typer.Option(
            None,
            "--weeks",
            **opt.whole_number(1),
            help=_("With --due: weeks without a letter (default 6)."),
            metavar="N",
        ),
        enable: bool = typer.Option(False, "--enable", help=_("Turn the letter log on.")),
        disable: bool = typer.Option(
            False, "--disable", help=_("Turn the letter log off (the entries are kept).")
        ),
        clear: bool = typer.Option(False, "--clear", help=_("Delete every entry of the log.")),
        as_json: bool = typer.Option(
            False, "--json", help=_("Print JSON Lines, one object a letter (fields: see README).")
        ),
    ) -> None:
        actions = [name for name, on in (("--due", due or weeks is not None), ("--enable", enable),
                                         ("--disable", disable), ("--clear", clear),
                                         ("--json", as_json)) if on]  # fmt: skip
        if len(actions) > 1:
            raise typer.BadParameter(
                _("use only one of {options}").format(options=", ".join(actions))
            )
        console = out.stdout_console()
        if enable or disable:
            letterlog.set_enabled(enable)
            console.print(
                _("The letter log is on: each letter you write is recorded in {path}.").format(
                    path=letterlog.log_path()
                )
                if enable
                else _("The letter log is off: new letters are not recorded."),
                markup=False,
            )
            return
        if clear:
            n = letterlog.clear_log()
            out.plain(
                console,
                ngettext(
                    "Deleted {n} entry from the letter log.",
                    "Deleted {n} entries from the letter log.",
                    n,
                ).format(n=n),
            )
            return
        contents = letterlog.read_log()
        if contents.bad_lines:
            out.stderr_console().print(
                ngettext(
                    "Warning: {n} line of {path} could not be read and was skipped.",
                    "Warning: {n} lines of {path} could not be read and were skipped.",
                    len(contents.bad_lines),
                ).format(n=len(contents.bad_lines), path=letterlog.log_path()),
                markup=False,
            )
        if as_json:
            if not contents.entries:
                raise NotFoundError(
                    _("the letter log is empty"),
                    hint=_("letters are recorded when the log is on: letterkit log --enable"),
                )
            entries = sorted(contents.entries, key=lambda e: (e.date, e.timestamp))
            moved = _moved(entries)
            out.print_json_lines(
                {**e.to_json(), "address_changed": _change_json(moved.get(e))} for e in entries
            )
            return
        if due or weeks is not None:
            _print_due(console, contents.entries, dt.date.today(), weeks or letterlog.DEFAULT_WEEKS)
        else:
            _print_log(console, contents.entries)


def _moved(entries) -> dict:
    """The entries whose person's address changed after the letter (``data update`` or
    ``--refresh`` found it), with the change; nothing to look up before any update."""
    # deferred: the directory and the store load only when an update found changes
    from letterkit import directory
    from letterkit.store import Store

    changes = directory.address_changes()
    if not changes:
        return {}
    store = Store()
    return letterlog.moved_since(entries, changes, resolve=lambda s: store.get(s).slug)


def _change_text(change) -> str:
    if change.kind == "released":
        return _("released since")
    if change.kind == "unpublished":
        return _("address no longer published")
    return _("moved since: {new}").format(new=change.new) if change.new else _("moved since")


def _change_json(change) -> dict | None:
    if change is None:
        return None
    return {"kind": change.kind, "at": change.at.isoformat(), "new": change.new}


def _print_log(console, entries) -> None:
    setting = load_profile().log_enabled
    if not entries:
        console.print(_("The letter log is empty."))
    else:
        ordered = sorted(entries, key=lambda e: (e.date, e.timestamp))
        moved = _moved(ordered)
        columns = [
            out.Column(_("date"), no_wrap=True),
            out.Column(_("name")),
            out.Column(_("slug"), no_wrap=True),
            out.Column(_("template")),
            out.Column(_("signature")),
        ]
        if moved:
            columns.append(out.Column(_("address since")))
        rows = [
            [e.date.isoformat(), e.name, e.slug, e.template or _("own text"), e.signature]
            + ([_change_text(moved[e]) if e in moved else ""] if moved else [])
            for e in ordered
        ]
        out.print_rows(console, _("Letters written"), columns, rows)
        if moved:
            out.stderr_console().print(
                ngettext(
                    "Warning: {n} letter went to an address the person has since left: "
                    "write again to the new one (letterkit show SLUG).",
                    "Warning: {n} letters went to an address the person has since left: "
                    "write again to the new one (letterkit show SLUG).",
                    len(moved),
                ).format(n=len(moved)),
                markup=False,
            )
    if setting is None:
        status = _(
            "Letters are recorded when your sender country is not RU (the default); "
            "change it with letterkit log --enable or --disable."
        )
    elif setting:
        status = _("The letter log is on: every letter you write is recorded.")
    else:
        status = _("The letter log is off. Turn it on with: letterkit log --enable")
    console.print(status, markup=False)
    console.print(_("Kept only on this computer, in {path}.").format(path=letterlog.log_path()),
                  markup=False)  # fmt: skip


def _print_due(console, entries, today, weeks: int) -> None:
    from letterkit.store import Store  # deferred: the store loads the address engine

    overdue = letterlog.due(entries, today=today, weeks=weeks)
    upcoming = letterlog.birthdays(entries, today=today, lookup=Store().get)
    if not entries:
        console.print(_("The letter log is empty: write a letter first."))
        return
    if overdue:
        title = ngettext(
            "Not written to for {weeks} week or more",
            "Not written to for {weeks} weeks or more",
            weeks,
        ).format(weeks=weeks)
        columns = [
            out.Column(_("name")),
            out.Column(_("slug"), no_wrap=True),
            out.Column(_("last letter"), no_wrap=True),
            out.Column(_("days ago"), justify="right"),
        ]
        rows = [[d.name, d.slug, d.last.isoformat(), str(d.days)] for d in overdue]
        out.print_rows(console, title, columns, rows)
    else:
        console.print(
            ngettext(
                "Everyone in your log got a letter in the last {weeks} week.",
                "Everyone in your log got a letter in the last {weeks} weeks.",
                weeks,
            ).format(weeks=weeks)
        )
    if upcoming:
        columns = [
            out.Column(_("name")),
            out.Column(_("slug"), no_wrap=True),
            out.Column(_("birthday"), no_wrap=True),
            out.Column(_("turns"), justify="right"),
            out.Column(_("in days"), justify="right"),
        ]
        rows = [[b.name, b.slug, b.birthday.isoformat(), b.age, str(b.days)] for b in upcoming]
        out.print_rows(console, _("Birthdays in the next 30 days"), columns, rows)
    else:
        console.print(_("No birthdays in the next 30 days among the people in your log."))
