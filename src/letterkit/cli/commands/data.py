"""``letterkit data …``: letterkit's data (``data update FILE``; ``data check`` joins later).

One function per command, each taking the group: ``register`` creates the group and
calls them.
"""

from __future__ import annotations

from pathlib import Path

import typer

from letterkit import directory
from letterkit.cli import options as opt
from letterkit.errors import DataError
from letterkit.i18n import _, ngettext


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help=_("letterkit's data: import a newer Memorial list, check records."),
        no_args_is_help=True,
    )
    app.add_typer(group, name="data")
    register_update(group)
    register_check(group)


def register_update(group: typer.Typer) -> None:
    @group.command(
        "update",
        help=_(
            "Import a newer Memorial list (JSON Lines, the format letterkit ships) into your "
            "data folder; the shipped list is not modified."
        ),
    )
    def update(
        file: Path = typer.Argument(..., help=_("The snapshot file (.jsonl)."), metavar="FILE"),
    ) -> None:
        path, conversion = directory.update_snapshot(file)
        counts = conversion.counts
        console = opt.stdout_console()
        console.print(
            _(
                "Imported Memorial's list of {date}: {records} people, {writable} with a "
                "usable address."
            ).format(
                date=conversion.snapshot.isoformat(),
                records=counts["records"],
                writable=counts["writable"],
            ),
            markup=False,
        )
        for reason, n in counts["not_writable"].items():
            console.print(f"  {n:4d}  {_('not writable')}: {reason}", markup=False)
        console.print(_("Saved to {path}").format(path=path), markup=False)


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
