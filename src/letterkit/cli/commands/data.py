"""``letterkit data …``: letterkit's data (``data update FILE``; ``data check`` joins later).

One function per command, each taking the group: ``register`` creates the group and
calls them.
"""

from __future__ import annotations

from pathlib import Path

import typer

from letterkit.cli import options as opt
from letterkit.cli import output as out
from letterkit.errors import DataError
from letterkit.i18n import _, ngettext


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help=_("letterkit's data: import a newer Memorial list, check records."),
        no_args_is_help=True,
    )
    app.add_typer(group, name="data")
    register_update(group)
    register_status(group)
    register_check(group)


CHANGE_KINDS = ("new", "moved", "published", "released", "unpublished", "kept-old", "edited")


def _change_label(kind: str) -> str:
    return {
        "new": _("new on the list"),
        "moved": _("moved"),
        "published": _("address published"),
        "released": _("released or removed"),
        "unpublished": _("address no longer published"),
        "kept-old": _("kept the old address"),
        "edited": _("address corrected"),
    }[kind]


def register_update(group: typer.Typer) -> None:
    @group.command(
        "update",
        help=_(
            "Fetch Memorial's current list (memopzk.org and its Telegram channel) into your "
            "data folder, and show what changed; or import FILE offline (Memorial's CSV list, "
            "a saved person page, or letterkit's JSON/JSON Lines). Fetching shows your network "
            "that you read Memorial's pages (HTTPS_PROXY / ALL_PROXY are honoured, e.g. Tor). "
            "Only pages changed since the last update are read, but the first run after a long "
            "gap is close to a full update: about 900 pages, one every --delay seconds. "
            "Exit 0 updated, 1 refused or failed (data unchanged), 3 updated with some records "
            "kept at their old address."
        ),
    )
    def update(
        file: Path | None = typer.Argument(
            None,
            help=_("Update offline from this file instead of the network."),
            metavar="FILE",
            show_default=False,
        ),
        full: bool = typer.Option(False, "--full", help=_("Re-read every person page.")),
        only: list[str] | None = typer.Option(
            None, "--only", help=_("Re-read only this person's page (repeatable)."), metavar="SLUG"
        ),
        limit: int | None = typer.Option(
            None,
            "--limit",
            **opt.whole_number(0),
            help=_("Read at most N person pages (the rest next time)."),
            metavar="N",
        ),
        delay: float | None = typer.Option(
            None,
            "--delay",
            **opt.number(0),
            help=_(
                "Seconds between two requests to one host (default 2; a larger robots.txt "
                "Crawl-delay wins)."
            ),
            metavar="SECONDS",
        ),
        offline: bool = typer.Option(
            False, "--offline", help=_("Open no network connection (also LETTERKIT_OFFLINE=1).")
        ),
        as_json: bool = typer.Option(False, "--json", help=_("Print the result as JSON.")),
        quiet: bool = opt.quiet_option(),
        verbose: bool = opt.verbose_option(),
    ) -> None:
        opt.check_verbosity(quiet, verbose)
        if file is not None:
            if full or only or limit is not None or delay is not None:
                raise typer.BadParameter(
                    _("--full, --only, --limit and --delay are for the online update"),
                    param_hint="FILE",
                )
            _update_from_file(file, as_json, quiet=quiet, verbose=verbose)
            return
        # deferred: httpx, selectolax and the address engine load only for an update
        from letterkit import letterlog
        from letterkit.update.run import Options, run_update
        from letterkit.update.sources import offline_requested

        console = out.stdout_console()
        options = Options(
            full=full,
            only=tuple(only or ()),
            limit=limit,
            delay=delay,
            offline=offline_requested(offline),
            first=letterlog.written_slugs(),
        )
        try:
            with _progress() as progress:
                options.progress = progress
                result = run_update(options)
        except KeyboardInterrupt:
            out.stderr_console().print(
                _("Interrupted: nothing was changed."), markup=False, highlight=False
            )
            raise typer.Exit(130) from None
        if as_json:
            import json

            typer.echo(json.dumps(result.to_json(), ensure_ascii=False))
        else:
            _print_update(console, result, quiet=quiet, verbose=verbose)
        if result.exit_code:
            raise typer.Exit(result.exit_code)


class _progress:
    """A rich progress bar with ETA on stderr for the person pages (nothing when stderr
    is not a terminal)."""

    def __enter__(self):
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        console = out.stderr_console()
        self.bar = None
        self.task = None
        if console.is_terminal:
            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total}"),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )
            self.bar.start()
        return self.update

    def update(self, done: int, total: int, slug: str) -> None:
        if self.bar is None:
            return
        if self.task is None:
            self.task = self.bar.add_task(_("Person pages"), total=total)
        self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _print_update(
    console, result, *, summary: bool = True, quiet: bool = False, verbose: bool = False
) -> None:
    """What changed and the summary on stdout, warnings and notes on stderr. ``quiet``:
    the saved path only; ``verbose``: also the corrected addresses."""
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from rich.markup import escape
    from rich.table import Table

    if quiet:
        out.plain(console, result.path)
        return
    shown = [c for c in result.changes if verbose or c.kind != "edited"]
    if shown:
        table = Table(title=_("What changed"), title_justify="left")
        table.add_column(_("change"))
        # slugs are what the user types next: never cut them
        width = max(len(c.slug) for c in shown)
        table.add_column(_("slug"), overflow="fold", min_width=min(width, 40))
        for column in (_("name"), _("before"), _("now")):
            table.add_column(column, overflow="fold")
        order = {kind: i for i, kind in enumerate(CHANGE_KINDS)}
        for c in sorted(shown, key=lambda c: (order[c.kind], c.slug)):
            after = c.new or (c.note if c.kind == "kept-old" else None)
            table.add_row(
                _change_label(c.kind),
                escape(c.slug),
                escape(c.name),
                escape(c.old or "—"),
                escape(after or "—"),
            )
        console.print(table)
    else:
        console.print(_("No one moved, joined or left the list."), markup=False)
    if summary:
        counts = {kind: sum(1 for c in result.changes if c.kind == kind) for kind in CHANGE_KINDS}
        console.print(
            _(
                "Updated Memorial's list to {date}: {records} people, {writable} with a usable "
                "address; {new} new, {moved} moved, {released} released or removed, "
                "{unpublished} address no longer published; {pages} pages read in {requests} "
                "requests."
            ).format(
                date=result.snapshot.isoformat(),
                records=result.counts["records"],
                writable=result.counts["writable"],
                new=counts["new"],
                moved=counts["moved"],
                released=counts["released"],
                unpublished=counts["unpublished"],
                pages=result.pages_fetched,
                requests=result.requests,
            ),
            markup=False,
        )
    err = out.stderr_console()
    for c in result.kept_old:
        err.print(
            f"{_('Warning')}: "
            + _(
                "{slug}: the new address on {url} cannot be printed ({reason}); kept the old one"
            ).format(slug=c.slug, url=c.url, reason=c.note),
            markup=False,
            soft_wrap=True,
        )
    for note in result.notes:
        err.print(f"{_('Note')}: {note}", markup=False, soft_wrap=True)
    console.print(_("Saved to {path}").format(path=result.path), markup=False)


def _update_from_file(
    file: Path, as_json: bool, *, quiet: bool = False, verbose: bool = False
) -> None:
    # deferred: the address engine and the update package load only for an update
    from letterkit.update.files import update_from_file

    result = update_from_file(file)
    if as_json:
        import json

        typer.echo(json.dumps(result.to_json(), ensure_ascii=False))
    elif quiet:
        _print_update(out.stdout_console(), result, quiet=True)
    else:
        console = out.stdout_console()
        counts = result.counts
        console.print(
            _(
                "Imported Memorial's list of {date}: {records} people, {writable} with a "
                "usable address."
            ).format(
                date=result.snapshot.isoformat(),
                records=counts["records"],
                writable=counts["writable"],
            ),
            markup=False,
        )
        for reason, n in counts["not_writable"].items():
            console.print(f"  {n:4d}  {_('not writable')}: {reason}", markup=False)
        _print_update(console, result, summary=False, verbose=verbose)
    if result.exit_code:
        raise typer.Exit(result.exit_code)


SOURCE_NAMES = ("memorial-lists", "memorial-rest", "memorial-pages", "telegram")


def register_status(group: typer.Typer) -> None:
    @group.command(
        "status",
        help=_(
            "Show the list in use (its date, the shipped one), when each source was last "
            "read, how many records changed, and where your data and settings live."
        ),
    )
    def status(
        as_json: bool = typer.Option(False, "--json", help=_("Print the status as JSON.")),
    ) -> None:
        # deferred: the address engine and the update package load only when asked
        from letterkit.update.run import data_status

        report = data_status()
        if as_json:
            import json

            typer.echo(json.dumps(report, ensure_ascii=False))
            return
        console = out.stdout_console()
        source_label = {
            "memorial-lists": _("Memorial's lists"),
            "memorial-rest": _("Memorial's page index"),
            "memorial-pages": _("Memorial's person pages"),
            "telegram": _("Memorial's Telegram channel"),
        }
        lines = [
            (_("List in use"), report["in_use"] or "—"),
            (
                _("List date"),
                report["snapshot"]
                + (" " + _("(your update)") if report["updated"] else " " + _("(shipped)")),
            ),
            (_("Shipped list"), report["shipped_snapshot"] or "—"),
            (_("People"), str(report["records"])),
            (_("With a usable address"), str(report["writable"])),
            (_("No longer on the list"), str(report["not_listed"])),
            (_("Old addresses (check before sending)"), str(report["stale"])),
        ]
        for key in SOURCE_NAMES:
            lines.append((source_label[key], report["sources"].get(key) or _("never")))
        if report["last_run"]:
            changes = ", ".join(f"{k} {v}" for k, v in report["last_changes"].items()) or "—"
            lines.append((_("Last update"), f"{report['last_run']}: {changes}"))
        if report["pending"]:
            lines.append((_("Pages left for the next update"), str(report["pending"])))
        lines += [
            (_("Your data"), report["data_dir"]),
            (_("Your settings"), report["config_dir"]),
            (_("Shipped data"), report["shipped_dir"]),
        ]
        width = max(len(label) for label, _value in lines)
        for label, value in lines:
            console.print(
                f"{label + ':':<{width + 1}} {value}", markup=False, highlight=False, soft_wrap=True
            )


def register_check(group: typer.Typer) -> None:
    @group.command(
        "check",
        help=_(
            "Check every shipped and user record: fields, postcode against region, facility "
            "references, sources, dates. Exit 1 on any problem."
        ),
    )
    def check(
        as_json: bool = typer.Option(False, "--json", help=_("Print the problems as JSON.")),
    ) -> None:
        import json

        # deferred: the check loads the address engine, and `letterkit --help` imports
        # every command module (tests/test_render_reuse.py)
        from letterkit.datacheck import check_data

        report = check_data()
        if as_json:
            typer.echo(
                json.dumps(
                    {
                        "problems": [p.to_json() for p in report.problems],
                        "checked": {
                            "facilities": report.facilities,
                            "people": report.people,
                            "directory": report.directory_records,
                        },
                    },
                    ensure_ascii=False,
                )
            )
        else:
            for problem in report.problems:
                typer.echo(str(problem))
            typer.echo(
                _(
                    "Checked {facilities} facility records, {people} person records and "
                    "{directory} directory records: {problems} problems."
                ).format(
                    facilities=report.facilities,
                    people=report.people,
                    directory=report.directory_records,
                    problems=len(report.problems),
                )
            )
        if report.problems:
            n = len(report.problems)
            raise DataError(
                ngettext("{n} problem in the data", "{n} problems in the data", n).format(n=n),
                hint=_("fix the fields listed above, then run 'letterkit data check' again"),
            )
