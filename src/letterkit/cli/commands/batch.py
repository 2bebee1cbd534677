"""``letterkit batch INPUT…`` (one PDF for a letter-writing evening) and ``letterkit calibrate``."""

from __future__ import annotations

from pathlib import Path

import typer

from letterkit.cli import options as opt
from letterkit.cli import output as out
from letterkit.cli.completion import complete_labels, complete_templates
from letterkit.i18n import _

DEFAULT_OUTPUT = "letterkit-batch.pdf"
DEFAULT_CALIBRATION = "letterkit-calibration.pdf"
MAX_NOTES_SHOWN = 20


def register(app: typer.Typer) -> None:
    @app.command(
        "batch",
        help=_(
            "Print many envelopes (or label sheets) in one PDF, optionally with reply kits, "
            "letters and profile sheets. INPUT is a CSV, XLSX, JSON Lines or text file, or a slug."
        ),
    )
    def batch(
        ctx: typer.Context,
        inputs: list[str] | None = typer.Argument(
            None,
            help=_(
                "Files with rows (columns slug, address, name, count, sender, source) or slugs."
            ),
            metavar="INPUT",
            show_default=False,
        ),
        output: Path = typer.Option(
            Path(DEFAULT_OUTPUT), "-o", "--output", help=_("The PDF to write."), metavar="FILE"
        ),
        labels: str | None = typer.Option(
            None,
            "--labels",
            # the sheets are data (data/labels.toml), which --help must not read
            help=_(
                "Print recipient blocks on A4 label sheets: a sheet such as L7160 (Tab or "
                "an unknown SHEET lists them all), or "
                "custom:COLSxROWS-WxH[+LEFT,TOP[,HGAP,VGAP]] (mm)."
            ),
            metavar="SHEET",
            parser=opt.parse_labels,
            autocompletion=complete_labels,
        ),
        return_labels: int = typer.Option(
            0,
            "--return-labels",
            **opt.whole_number(0, 210),
            help=_(
                "Add N labels with your return address (for reply envelopes) after the "
                "recipients' labels, on the --labels sheet."
            ),
            metavar="N",
            show_default=False,
        ),
        start: int = typer.Option(
            1,
            "--start",
            **opt.whole_number(1),
            help=_("Start at this label of the first sheet (skip used labels)."),
            metavar="N",
        ),
        copies: int = typer.Option(
            1,
            "--copies",
            **opt.whole_number(1, 100),
            help=_("Envelopes per row (a count column overrides it)."),
            metavar="N",
        ),
        reply_kit: bool = typer.Option(
            False,
            "--reply-kit",
            help=_("Add per envelope a reply envelope addressed to you and a reply sheet."),
        ),
        profiles: bool = typer.Option(
            False, "--profiles", help=_("Add one A4 profile sheet per person for the event table.")
        ),
        letters: str | None = typer.Option(
            None,
            "--letters",
            help=_("Add a letter per envelope from this template (e.g. birthday)."),
            metavar="TEMPLATE",
            autocompletion=complete_templates,
        ),
        split: bool | None = typer.Option(
            None,
            "--split/--no-split",
            help=_(
                "One PDF per paper size (envelopes, reply envelopes, A4), named after "
                "--output; the default when the kit mixes paper sizes."
            ),
            show_default=False,
        ),
        field: list[str] | None = typer.Option(
            None,
            "--field",
            help=_("Fill a slot of the --letters template, NAME=VALUE (e.g. hobby=music)."),
            metavar="NAME=VALUE",
            show_default=False,
        ),
        phrase: list[str] | None = typer.Option(
            None,
            "--phrase",
            help=_(
                "A sentence of the --letters template's phrasebook by its id (repeatable; "
                "letterkit templates simple --phrases)."
            ),
            metavar="ID",
            show_default=False,
        ),
        gloss: bool = typer.Option(
            False,
            "--gloss",
            help=_(
                "With --letters, also write <stem>-gloss.pdf beside --output, for you only "
                "(do not send it): each letter sentence by sentence with its meaning in English."
            ),
        ),
        dry_run: bool = typer.Option(
            False, "--dry-run", help=_("Check every row and report; write nothing.")
        ),
        as_json: bool = typer.Option(
            False,
            "--json",
            help=_(
                "Print every row as JSON Lines (status, person, copies, why) instead of tables."
            ),
        ),
        strict: bool = typer.Option(
            False,
            "--strict",
            help=_(
                "When anything would give exit 3 (a skipped row, a letter-check warning), "
                "write nothing and exit 1."
            ),
        ),
        all_people: bool = typer.Option(
            False, "--all", help=_("Every known person with a printable address.")
        ),
        birthdays_within: int | None = typer.Option(
            None,
            "--birthdays-within",
            **opt.whole_number(0),
            help=_(
                "Everyone writable with a birthday in the next DAYS days (from --date or today)."
            ),
            metavar="DAYS",
        ),
        column: list[str] | None = typer.Option(
            None,
            "--column",
            help=_(
                "Read a column with another header as ROLE (slug, address, name, count, "
                'sender, source), e.g. --column "name=Кому". Repeatable.'
            ),
            metavar="ROLE=HEADER",
            show_default=False,
        ),
        guest: bool = typer.Option(
            False,
            "--guest",
            help=_(
                "A shared computer: use no saved return address, log or records, and save "
                "nothing (also LETTERKIT_GUEST=1)."
            ),
        ),
        sender: str | None = opt.sender_option(),
        sender_country: str | None = opt.sender_country_option(),
        envelope: str = opt.envelope_option(),
        force: bool = opt.force_option(),
        date: str | None = opt.date_option(),
        quiet: bool = opt.quiet_option(),
        verbose: bool = opt.verbose_option(),
        open_: bool = opt.open_option(),
    ) -> None:
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        import datetime as dt

        from letterkit import batch as lib
        from letterkit import paths
        from letterkit.cli.commands.write import checked_phrases
        from letterkit.errors import InputError
        from letterkit.fsutil import atomic_write, check_targets
        from letterkit.profile import load_profile, resolve_sender
        from letterkit.store import Store
        from letterkit.writing import parse_fields

        opt.check_verbosity(quiet, verbose)
        if guest:
            ctx.call_on_close(paths.enter_guest())  # nothing saved until the command ends
        if paths.is_guest() and not quiet:
            out.stderr_console().print(
                _("Guest mode: no saved return address, log or records are used or saved."),
                markup=False,
            )
        if not inputs and not all_people and birthdays_within is None and not return_labels:
            raise typer.BadParameter(
                _("give at least one input file or slug, --all or --birthdays-within"),
                param_hint="INPUT",
            )
        profile = load_profile()
        the_sender = resolve_sender(sender, sender_country)
        country = the_sender.country if the_sender else (sender_country or profile.country).upper()
        job = lib.BatchJob(
            envelope=envelope,
            labels=labels,
            start=start,
            copies=copies,
            reply_kit=reply_kit,
            profiles=profiles,
            letters=letters,
            strict=strict,
            sender=the_sender if the_sender and the_sender.lines else None,
            sender_country=country,
            date=date or dt.date.today(),
            offset_mm=(profile.offset_x_mm, profile.offset_y_mm),
            return_labels=return_labels,
            fields=tuple(parse_fields(field).items()),
            phrases=checked_phrases(letters, phrase, letters=True),
        )
        job.validate()
        if gloss and letters is None:
            raise typer.BadParameter(
                _("--gloss explains the letters: add --letters TEMPLATE"), param_hint="'--gloss'"
            )
        split = lib.mixes_paper(job) if split is None else split
        targets = _split_paths(output, lib.paper_groups(job)) if split else {"": output}
        gloss_path = output.with_name(f"{output.stem}-gloss.pdf") if gloss else None
        if not dry_run:
            check_targets([*targets.values(), *([gloss_path] if gloss_path else [])], force=force)
        columns = lib.parse_column_options(column or [])
        store = Store()
        read_notes: list[str] = []
        rows = lib.read_inputs(inputs or [], columns=columns, notes=read_notes)
        if not quiet:
            _print_notes(read_notes)
        if all_people:
            rows.extend(lib.all_people_rows(store))
        if birthdays_within is not None:
            rows.extend(lib.birthday_rows(store, birthdays_within, job.date))
        console = out.stdout_console()
        try:
            with _progress(len(rows)) as progress:
                result = lib.run_batch(
                    rows, job, store=store, dry_run=dry_run, progress=progress, split=split
                )
        except lib.NothingToPrint as exc:
            if as_json:
                _print_json(console, rows, [], exc.problems)
            elif dry_run and not quiet:
                _print_rows(console, rows, [], exc.problems)
            _print_problems(exc.problems)
            raise
        warned = _print_letter_checks(result, quiet=quiet)
        if strict and warned:
            raise InputError(
                _("nothing was written: the letter check found problems (--strict)"),
                hint=_("fix the letter, or leave out --strict to write it anyway"),
            )
        if not dry_run:
            for part in result.parts:
                if part.pdf is None:  # pragma: no cover - run_batch draws without dry_run
                    raise InputError(_("nothing was drawn"))
                atomic_write(targets[part.key], part.pdf, force=force)
            if gloss_path is not None:
                atomic_write(gloss_path, _glosses(result.items, letters), force=force)
        if not quiet and job.labels is None and any(item.sender is None for item in result.items):
            # before the summary, once: what the whole batch lacks
            _line(
                out.stderr_console(),
                _(
                    "Warning: no return address (--sender, a sender column or 'letterkit "
                    "sender set'): the sender block is left blank to fill in by hand, and "
                    "letters are not signed."
                ),
            )
        if as_json:
            _print_json(console, rows, result.items, result.problems)
        elif quiet:
            if not dry_run:
                for part in result.parts:
                    out.plain(console, targets[part.key])
                if gloss_path is not None:
                    out.plain(console, gloss_path)
        else:
            if dry_run:
                _print_rows(console, rows, result.items, result.problems)
            _print_summary(console, result, job, None if dry_run else output, targets)
            if gloss_path is not None and not dry_run:
                out.plain(console, _("For you only (do not send): {path}").format(path=gloss_path))
        _print_problems(result.problems)
        if not quiet:
            _print_result_notes(result.notes, every=verbose or dry_run)
        if not quiet and not dry_run:
            _line(out.stderr_console(), _what_next(job, split))
        if open_ and not dry_run:
            opt.launch(targets[part.key] for part in result.parts)
        if result.problems or warned:
            raise typer.Exit(3)

    @app.command(
        "calibrate",
        help=_(
            "Print a test page with rulers and crosses to measure your printer's offset; "
            "--offset-x/--offset-y save the offsets (mm) for all envelopes and labels."
        ),
    )
    def calibrate(
        output: Path = typer.Option(
            Path(DEFAULT_CALIBRATION), "-o", "--output", help=_("The PDF to write."), metavar="FILE"
        ),
        offset_x: float | None = typer.Option(
            None,
            "--offset-x",
            **opt.number(),
            help=_("Shift right by this many mm (negative: left); saved."),
            metavar="MM",
        ),
        offset_y: float | None = typer.Option(
            None,
            "--offset-y",
            **opt.number(),
            help=_("Shift up by this many mm (negative: down); saved."),
            metavar="MM",
        ),
        force: bool = opt.force_option(),
        open_: bool = opt.open_option(),
    ) -> None:
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        import math

        from letterkit.errors import InputError
        from letterkit.fsutil import atomic_write, check_targets
        from letterkit.profile import load_profile, save_profile
        from letterkit.render.calibration import OFFSET_LIMIT_MM, render_calibration

        for name, value in (("--offset-x", offset_x), ("--offset-y", offset_y)):
            if value is not None and (not math.isfinite(value) or abs(value) > OFFSET_LIMIT_MM):
                raise InputError(
                    _("{option} {value} mm is too large (at most ±{limit} mm)").format(
                        option=name, value=f"{value:g}", limit=OFFSET_LIMIT_MM
                    ),
                    hint=_("printers are off by a few millimetres; measure again on the test page"),
                )
        check_targets([output], force=force)
        profile = load_profile()
        changed = False
        if offset_x is not None:
            profile.offset_x_mm = float(offset_x)
            changed = True
        if offset_y is not None:
            profile.offset_y_mm = float(offset_y)
            changed = True
        pdf = render_calibration((profile.offset_x_mm, profile.offset_y_mm))
        atomic_write(output, pdf, force=force)  # the offsets are saved once the page exists
        if changed:
            save_profile(profile)
        console = out.stdout_console()
        if changed:
            out.plain(
                console,
                _("Saved printer offsets: X {x:+.1f} mm, Y {y:+.1f} mm.").format(
                    x=profile.offset_x_mm, y=profile.offset_y_mm
                ),
            )
        out.plain(
            console,
            _("Written: {path} (offsets in use: X {x:+.1f} mm, Y {y:+.1f} mm)").format(
                path=output, x=profile.offset_x_mm, y=profile.offset_y_mm
            ),
        )
        # what to do next is not script data: stderr
        _line(
            out.stderr_console(),
            _(
                "Print it at 100 %, fold it in half both ways, and read the offsets where the "
                "folds cross the scales."
            ),
        )
        if open_:
            opt.launch([output])


def _what_next(job, split: bool) -> str:
    """One line after writing: print at actual size, which paper; stamp the reply envelopes."""
    text = (
        _('Next: print at 100 % ("actual size", not "fit to page"), each file on the paper the '
          "table above names.")
        if split
        else _('Next: print at 100 % ("actual size", not "fit to page").')
    )  # fmt: skip
    if job.reply_kit and job.sender_country == "RU":
        text += " " + _(
            "Put a stamp on each reply envelope: it is addressed to you in Russia, and the "
            "prisoner may have none."
        )
    return text


def _print_letter_checks(result, *, quiet: bool = False) -> bool:
    """Each letter's check findings on stderr, as ``write`` prints them (``quiet``: none);
    True on a warning."""
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from letterkit.cli.output import print_letter_check

    err = out.stderr_console()
    warned = False
    for item, check in result.letter_checks:
        if not check.findings:
            continue
        if quiet:
            warned = warned or check.has_problems
            continue
        err.print(
            _("Letter to {slug} ({source}, row {row}):").format(
                slug=item.target.slug, source=item.row.source, row=item.row.number
            ),
            markup=False,
        )
        print_letter_check(err, check)
        warned = warned or check.has_problems
    return warned


class _progress:
    """A rich progress bar on stderr for more than PROGRESS_THRESHOLD rows (terminals only)."""

    def __init__(self, rows: int) -> None:
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        from letterkit.batch import PROGRESS_THRESHOLD

        self.enabled = rows > PROGRESS_THRESHOLD
        self.bar = None
        self.tasks: dict[str, object] = {}

    def __enter__(self):
        if not self.enabled:
            return None
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        console = out.stderr_console()
        if not console.is_terminal:
            return None
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            transient=True,
        )
        self.bar.start()
        return self.update

    def update(self, phase: str, done: int, total: int) -> None:
        assert self.bar is not None
        task = self.tasks.get(phase)
        if task is None:
            label = _("Checking rows") if phase == "check" else _("Drawing pages")
            task = self.tasks[phase] = self.bar.add_task(label, total=total)
        self.bar.update(task, completed=done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _print_notes(notes) -> None:
    """What reading the inputs found worth saying (ignored columns, encodings): stderr."""
    if not notes:
        return
    err = out.stderr_console()
    for note in notes:
        err.print(_("Note: {note}").format(note=note), markup=False, highlight=False)


def _line(console, text: str) -> None:
    """One diagnostic line as literal text, unwrapped (scripts grep stderr)."""
    console.print(text, markup=False, highlight=False, soft_wrap=True)


def _print_problems(problems) -> None:
    """One stderr line per skipped row: ``FILE, row N[, column C]: why``."""
    if not problems:
        return
    err = out.stderr_console()
    for p in problems:
        _line(err, p.describe())


def _print_result_notes(notes, *, every: bool) -> None:
    """The job's notes on stderr, one ``Note:`` line each; the first MAX_NOTES_SHOWN
    unless ``every`` (``--verbose``, a dry run)."""
    if not notes:
        return
    err = out.stderr_console()
    shown = len(notes) if every else MAX_NOTES_SHOWN
    for note in notes[:shown]:
        _line(err, _("Note: {note}").format(note=note))
    if len(notes) > shown:
        _line(
            err,
            _("… and {n} more (--verbose shows them all)").format(n=len(notes) - shown),
        )


def _row_report(rows, items, problems) -> list[dict]:
    """Every row in input order: what it prints, or why it is skipped."""
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from letterkit.address.format import envelope_lines

    order: dict[tuple[str, int], int] = {}
    for index, row in enumerate(rows):
        order.setdefault((row.source, row.number), index)
    entries = []
    for item in items:
        person = item.target.prisoner
        recipient = item.target.address.recipient
        name = person.nominative if person else (recipient.dative if recipient else None)
        entries.append(
            {
                "source": item.row.source,
                "row": item.row.number,
                "status": "ok",
                "slug": item.target.slug,
                "name": name,
                "copies": item.copies,
                "column": None,
                "message": None,
                "envelope": envelope_lines(item.target.address),
            }
        )
    for problem in problems:
        entries.append(
            {
                "source": problem.source,
                "row": problem.row,
                "status": "skipped",
                "slug": None,
                "name": None,
                "copies": 0,
                "column": problem.column,
                "message": problem.message,
                "envelope": None,
            }
        )
    entries.sort(key=lambda e: (order.get((e["source"], e["row"]), len(order)), e["row"]))
    return entries


def _print_rows(console, rows, items, problems) -> None:
    """--dry-run: a table of every row."""
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from rich.table import Table

    from letterkit.batch import source_label

    table = Table(title=_("Rows"), title_justify="left")
    table.add_column(_("input"))
    table.add_column(_("row"), justify="right")
    table.add_column(_("status"))
    table.add_column(_("person"))
    table.add_column(_("copies"), justify="right")
    table.add_column(_("why"))
    for entry in _row_report(rows, items, problems):
        ok = entry["status"] == "ok"
        who = entry["name"] or entry["slug"]
        why = entry["message"] or ""
        if entry["column"]:
            why = f"{entry['column']}: {why}"
        table.add_row(
            out.cell(source_label(entry["source"])),
            str(entry["row"]),
            _("ok") if ok else _("skipped"),
            out.cell(who, ""),
            str(entry["copies"]) if ok else "",
            out.cell(why, ""),
        )
    console.print(table)


def _print_json(console, rows, items, problems) -> None:
    """--json: one object a row, in input order."""
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    import json

    for entry in _row_report(rows, items, problems):
        console.print(
            json.dumps(entry, ensure_ascii=False), markup=False, highlight=False, soft_wrap=True
        )


def _glosses(items, template: str) -> bytes:
    """``--gloss``: every letter of the batch once (copies share one), sentence by
    sentence in English."""
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from letterkit import writing

    letters, seen = [], set()
    for item in items:
        if item.letter is None or (item.target.slug, item.letter) in seen:
            continue
        seen.add((item.target.slug, item.letter))
        prisoner = item.target.prisoner
        recipient = item.target.address.recipient
        name = prisoner.nominative if prisoner else (recipient.dative if recipient else "")
        signature = writing.writer_view(item.sender).signature
        letters.append((name or item.target.slug, item.letter, template, signature))
    return writing.glosses_pdf(letters)


def _split_paths(output: Path, groups) -> dict[str, Path]:
    """File key → path: ``<stem>-<key>.pdf`` beside ``output``."""
    return {
        key: output.with_name(f"{output.stem}-{key}{output.suffix or '.pdf'}") for key, _p in groups
    }


def _tray(paper: str) -> str:
    """Which paper to load for a file, in the words of a printer's paper settings."""
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from letterkit.render.geometry import ENVELOPE_SIZES

    size = ENVELOPE_SIZES.get(paper)
    if size is not None:
        return _("{size} envelopes, {w:g} × {h:g} mm: the envelope or manual feed tray").format(
            size=size.name, w=size.width_mm, h=size.height_mm
        )
    return _("A4 paper: the main tray")


def _print_summary(console, result, job, output: Path | None, targets=None) -> None:
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from rich.table import Table

    table = Table(show_header=False, title=_("Batch"), title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    table.add_row(_("Rows read"), str(result.rows_read))
    what = _("Labels printed") if job.labels else _("Envelopes printed")
    table.add_row(what, str(result.envelopes))
    if result.return_labels:
        table.add_row(_("Return-address labels"), str(result.return_labels))
    table.add_row(_("Distinct people"), str(result.distinct_people))
    table.add_row(_("Rows skipped"), str(len(result.problems)))
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from letterkit.directory import is_stale

    stale = {
        item.target.prisoner.slug
        for item in result.items
        if item.target.prisoner is not None and is_stale(item.target.prisoner, job.date)
    }
    if stale:
        table.add_row(
            _("Old addresses"),
            _("{n} (check the pages, or run 'letterkit data update')").format(n=len(stale)),
        )
    table.add_row(_("Pages written") if output else _("Pages (dry run)"), str(result.pages))
    split = bool(targets) and "" not in targets
    if not split:
        for section in result.sections:
            pages = (
                _("page {n}").format(n=section.first)
                if section.first == section.last
                else _("pages {first}–{last}").format(first=section.first, last=section.last)
            )
            table.add_row(f"  {pages}", out.cell(section.title))
        table.add_row(_("Output"), out.cell(output) if output else _("nothing written (--dry-run)"))
    elif output is None:
        table.add_row(_("Output"), _("nothing written (--dry-run)"))
    console.print(table)
    if split:
        files = Table(title=_("Files, one paper size each"), title_justify="left")
        files.add_column(_("file"))
        files.add_column(_("pages"), justify="right")
        files.add_column(_("load"))
        for part in result.parts:
            files.add_row(out.cell(targets[part.key]), str(part.pages), _tray(part.paper))
        console.print(files)
