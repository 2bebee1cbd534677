"""``letterkit address parse``, ``letterkit add`` and ``letterkit import``."""

from __future__ import annotations

from pathlib import Path

import typer

from letterkit.cli import options as opt
from letterkit.cli import output as out
from letterkit.i18n import _


def print_address(console, address) -> None:
    """Parts table, the envelope block as printed, the English line, warnings, notes."""
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from rich.table import Table

    from letterkit.address.english import english_line
    from letterkit.cli.output import envelope_panel
    from letterkit.models import ADDRESS_FIELDS

    table = Table(title=_("Parsed address"), show_header=False)
    table.add_column(_("part"), style="bold")
    table.add_column(_("value"))
    recipient = address.recipient
    if recipient is not None:
        table.add_row(_("recipient (dative)"), out.cell(recipient.dative))
        nominative = " ".join(p for p in (recipient.last, recipient.first, recipient.middle) if p)
        table.add_row(_("name (nominative)"), out.cell(nominative))
        table.add_row(_("birth year"), out.cell(recipient.birth_year))
    for name in ADDRESS_FIELDS:
        value = getattr(address, name)
        if value:
            table.add_row(name, out.cell(value))
    console.print(table)
    console.print(envelope_panel(address, _("Envelope")))
    console.print(out.labelled(_("English"), english_line(address)))
    out.print_warnings(console, address.warnings)
    for note in address.notes:
        out.plain(console, f"{_('Note')}: {note}")
    if address.printable:
        console.print(f"[green]{_('Printable.')}[/]")
    else:
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        from letterkit.address.validate import missing_parts

        # nothing missing: a blocking warning (postcode of another region, initials only)
        reason = (
            _("Not printable: something required is missing (see the warnings).")
            if missing_parts(address)
            else _("Not printable: see the warnings.")
        )
        console.print(f"[red]{reason}[/]")


def register(app: typer.Typer) -> None:
    group = typer.Typer(help=_("Published prisoner addresses."), no_args_is_help=True)
    app.add_typer(group, name="address")

    @group.command(
        "parse",
        help=_(
            "Parse a published address line and show it as it will be printed. "
            "'-' reads lines from standard input and writes JSON Lines. Exit 3 when an "
            "address cannot be printed."
        ),
    )
    def parse(
        line: str = typer.Argument(
            ..., help=_("The published line, or '-' for standard input."), metavar="LINE|-"
        ),
        as_json: bool = typer.Option(False, "--json", help=_("Print the contract's JSON object.")),
    ) -> None:
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        import json
        import sys

        from letterkit.address.format import address_json
        from letterkit.address.parse import parse_address

        if line == "-":
            unprintable = 0
            sink = sys.stdout
            # Bytes, decoded here: a non-UTF-8 line is a clean error in every locale.
            stream = out.stdin_binary()
            for number, raw in enumerate(stream, 1):
                if isinstance(raw, bytes):
                    try:
                        raw = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                    except UnicodeDecodeError:
                        # deferred: loaded when the command runs, so --help and Tab completion stay fast
                        from letterkit.errors import InputError

                        raise InputError(
                            _("line {line} of standard input is not UTF-8 text").format(
                                line=number
                            ),
                            hint=_("save the addresses as UTF-8 text"),
                        ) from None
                if not raw.strip():
                    continue
                address = parse_address(raw)
                unprintable += not address.printable
                sink.write(json.dumps(address_json(address), ensure_ascii=False) + "\n")
            sink.flush()
            if unprintable:
                raise typer.Exit(3)
            return
        address = parse_address(line)
        if as_json:
            typer.echo(json.dumps(address_json(address), ensure_ascii=False, indent=2))
        else:
            print_address(out.stdout_console(), address)
        if not address.printable:
            raise typer.Exit(3)

    @app.command(
        "add",
        help=_(
            "Parse a published address and save it as your own record (then usable by "
            "write, show, list and batch)."
        ),
    )
    def add(
        line: str = typer.Argument(..., help=_("The published address line."), metavar="LINE"),
        slug: str | None = typer.Option(
            None,
            "--slug",
            help=_("The slug to save it under (default: from the surname)."),
            metavar="SLUG",
        ),
        source: str | None = typer.Option(
            None, "--source", help=_("Where the address comes from (a URL)."), metavar="URL"
        ),
        force: bool = opt.force_option(),
    ) -> None:
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        from letterkit.address.parse import parse_address
        from letterkit.userdata import add_record

        address = parse_address(line)
        console = out.stdout_console()
        print_address(console, address)
        saved = add_record(address, slug=slug, source=source, force=force)
        out.plain(
            console, _("Saved as '{slug}': {path}").format(slug=saved.slug, path=saved.person_path)
        )
        if saved.facility_is_new:
            out.plain(console, _("New facility record: {path}").format(path=saved.facility_path))
        out.plain(console, _("Now run: letterkit write {slug}").format(slug=saved.slug))

    @app.command(
        "import",
        help=_(
            "Add many records at once from a CSV, XLSX, JSON Lines or text file (one result per row)."
        ),
    )
    def import_(
        file: Path = typer.Argument(
            ..., help=_("The file with a slug or address per row."), metavar="FILE"
        ),
        force: bool = opt.force_option(),
        quiet: bool = opt.quiet_option(),
        verbose: bool = opt.verbose_option(),
    ) -> None:
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        from rich.table import Table

        from letterkit.address.parse import parse_address
        from letterkit.batch import RowProblem, read_input
        from letterkit.errors import LetterkitError
        from letterkit.userdata import add_record

        opt.check_verbosity(quiet, verbose)
        console = out.stdout_console()
        err = out.stderr_console()

        def line(text: str) -> None:  # one diagnostic line, unwrapped (scripts grep stderr)
            err.print(text, markup=False, highlight=False, soft_wrap=True)

        table = Table(title=_("Import"))
        for column in (_("row"), _("result"), _("slug"), _("message")):
            table.add_column(column)
        notes: list[str] = []
        rows = read_input(file, notes=notes)
        if not quiet:
            for note in notes:
                line(_("Note: {note}").format(note=note))
        failed = 0
        for row in rows:
            column = row.error_column
            if row.error:
                message = row.error
            elif not row.address:
                message, column = _("the row has no address"), None
            else:
                try:
                    address = parse_address(row.address)
                    saved = add_record(
                        address, slug=row.slug or None, source=row.source_url, force=force
                    )
                except LetterkitError as exc:
                    message, column = exc.message, None
                else:
                    table.add_row(
                        str(row.number), _("saved"), out.cell(saved.slug),
                        out.cell(saved.person_path),
                    )  # fmt: skip
                    if quiet:
                        out.plain(console, saved.person_path)
                    elif verbose:
                        for warning in address.warnings:
                            line(f"{row.where}: {_('Warning')}: {warning.message}")
                        for note in address.notes:
                            line(f"{row.where}: {_('Note')}: {note}")
                    continue
            failed += 1
            table.add_row(str(row.number), _("skipped"), out.cell(row.slug, ""), out.cell(message))
            # one stderr line per skipped row, as batch prints them
            line(RowProblem(row.source, row.number, column, message).describe())
        if not quiet:
            console.print(table)
        if failed:
            raise typer.Exit(3)
