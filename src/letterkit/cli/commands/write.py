"""``letterkit write TARGET``: a letter PDF and an envelope PDF for one person."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from letterkit.cli import options as opt
from letterkit.cli import output as out
from letterkit.cli.completion import complete_slugs, complete_templates
from letterkit.collector import collector_paused
from letterkit.i18n import _

if TYPE_CHECKING:
    from letterkit.models import Address


def register(app: typer.Typer) -> None:
    @app.command(
        "write",
        help=_(
            "Write to a prisoner: a letter PDF and an envelope PDF. TARGET is a known slug "
            "(e.g. batsenin) or a published address line."
        ),
    )
    # one letter: what the command loads and builds lives until the process exits
    @collector_paused(freeze=True)
    def write(
        target: str = typer.Argument(
            ...,
            help=_("A slug (letterkit list) or a published address."),
            autocompletion=complete_slugs,
        ),
        out_dir: Path = typer.Option(
            Path("."), "-d", "--out-dir", help=_("Where to write the files."), metavar="DIR"
        ),
        template: str | None = typer.Option(
            None,
            "--template",
            help=_("Letter template (letterkit templates)."),
            metavar="NAME",
            autocompletion=complete_templates,
        ),
        text: Path | None = typer.Option(
            None,
            "--text",
            help=_("Your own letter: a UTF-8 text file; blank lines separate paragraphs."),
            metavar="FILE",
        ),
        edit: bool = typer.Option(
            False, "--edit", help=_("Open $EDITOR on the text before printing.")
        ),
        strict: bool = typer.Option(
            False,
            "--strict",
            help=_(
                "When anything would give exit 3 (the letter check warns), write nothing "
                "and exit 1."
            ),
        ),
        text_only: bool = typer.Option(
            False,
            "--text-only",
            help=_(
                "Write the letter as plain text for e-letter services (ZT, ФСИН-письмо): one "
                "paragraph a line, no envelope; prints the number of characters."
            ),
        ),
        sender: str | None = opt.sender_option(),
        sender_country: str | None = opt.sender_country_option(),
        envelope: str = opt.envelope_option(),
        force: bool = opt.force_option(),
        date: str | None = opt.date_option(),
        preview: bool = typer.Option(
            False,
            "--preview",
            help=_("Also render the first page of each PDF to PNG beside it and print the paths."),
        ),
        signature: str | None = typer.Option(
            None,
            "--signature",
            help=_(
                "The name you sign with: the letter introduces you by its first word and "
                "ends with it (instead of the name in your return address); it is also "
                "recorded in your private letter log."
            ),
            metavar="NAME",
        ),
        writer_ru: str | None = typer.Option(
            None,
            "--writer-ru",
            help=_(
                "Your name in Cyrillic letters, given name first, for "
                "the letter when your return address is in Latin letters."
            ),
            metavar="NAME",
        ),
        gloss: bool = typer.Option(
            False,
            "--gloss",
            help=_(
                "Also write DIR/<slug>-gloss.pdf (with --text-only: .txt), for you only "
                "(do not send it): the letter sentence by sentence with its meaning in English."
            ),
        ),
        refresh: bool = typer.Option(
            False,
            "--refresh",
            help=_(
                "First re-read the person's Memorial page (two requests to memopzk.org; "
                "--offline or LETTERKIT_OFFLINE=1 forbids it) and save what changed. When it "
                "cannot be read, the stored address is used, with a warning."
            ),
        ),
        offline: bool = typer.Option(
            False,
            "--offline",
            help=_(
                "Open no network connection (also LETTERKIT_OFFLINE=1): --refresh then "
                "keeps the stored address, with a warning."
            ),
        ),
        no_log: bool = typer.Option(
            False, "--no-log", help=_("Do not record this letter in the letter log.")
        ),
        field: list[str] | None = typer.Option(
            None,
            "--field",
            help=_(
                "Fill a template slot, NAME=VALUE (e.g. hobby=music for the simple template; "
                "its choices: letterkit templates simple --phrases)."
            ),
            metavar="NAME=VALUE",
        ),
        phrase: list[str] | None = typer.Option(
            None,
            "--phrase",
            help=_(
                "A sentence of the simple template's phrasebook, by its id (repeatable; "
                "printed in the order of its groups; none: the default letter). The ids: "
                "letterkit templates simple --phrases."
            ),
            metavar="ID",
        ),
        quiet: bool = opt.quiet_option(),
        verbose: bool = opt.verbose_option(),
        open_: bool = opt.open_option(),
    ) -> None:
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        import datetime as dt

        from letterkit import lookup, writing
        from letterkit.errors import InputError
        from letterkit.profile import load_profile
        from letterkit.recordstore import RecordStore
        from letterkit.render.geometry import envelope_size
        from letterkit.textfile import read_text_file

        opt.check_verbosity(quiet, verbose)
        err = _Diagnostics(quiet=quiet)
        if text is not None and template is not None:
            raise InputError(
                _("--text and --template cannot be used together"), hint=_("choose one")
            )
        envelope_size(envelope)
        phrases = checked_phrases(template, phrase, own_text=text is not None)
        when = date or dt.date.today()
        the_sender, ru_signature = writing.prepare_sender(
            sender, sender_country, writer_ru, profile=True, read_line=read_line
        )
        if signature is None:
            signature = ru_signature
        body_file = None
        if text is not None:
            letter_file = read_text_file(text, _("letter file"))
            if not letter_file.is_utf8:
                err.print(
                    _("Note: {path} was read as {encoding} text.").format(
                        path=text, encoding=letter_file.encoding_name
                    ),
                    markup=False,
                )
            body_file = letter_file.text
        if refresh:
            # deferred: the update package (httpx, selectolax) loads only with --refresh
            from letterkit.cli.refresh import refresh_before

            refresh_before(target, offline=offline)
        # targets.resolve_target, without the address parser for a known person
        target_ = lookup.known_target(target, RecordStore(read_line=read_line))
        if target_ is None:
            # deferred: the address parser loads only for a published line
            from letterkit.targets import address_target

            target_ = address_target(" ".join(target.split()))
        if text is None and writer_ru is None:
            # deferred: the address engine, loaded when the command runs
            from letterkit.guidance.writer import suggested_russian_name

            suggestion = suggested_russian_name(the_sender)
            if suggestion and signature is None:
                err.print(
                    _(
                        "Note: your name in Russian letters: {name}. To sign the letter with "
                        'it, add --writer-ru "{name}" (or save it: letterkit sender set … '
                        "--writer-ru)."
                    ).format(name=suggestion),
                    markup=False,
                )
        body = writing.letter_body(
            target_,
            the_sender,
            when,
            template=template,
            text=body_file,
            signature=signature,
            fields=writing.parse_fields(field),
            phrases=phrases,
        )
        if edit:
            # deferred: loaded when the command runs, so --help and Tab completion stay fast
            from letterkit.editor import edit_text

            body = edit_text(body)
        profile = load_profile()
        plan = writing.plan_letter(
            target_,
            body,
            sender=the_sender,
            date=when,
            envelope=envelope,
            text_only=text_only,
            offset_mm=(profile.offset_x_mm, profile.offset_y_mm),
            signature=signature,
        )
        if gloss:
            # the template's glosses; a letter of one's own text gets none
            writing.add_gloss(
                plan,
                None if text is not None else (template or writing.DEFAULT_TEMPLATE),
                signature,
            )
        console = out.stdout_console()
        warned = plan.check is not None and plan.check.has_problems
        if strict and warned:
            if not quiet:
                out.print_letter_check(out.stderr_console(), plan.check)
            raise InputError(
                _("nothing was written: the letter check found problems (--strict)"),
                hint=_("fix the letter, or leave out --strict to write it anyway"),
            )
        if preview:  # fail before anything is written if a PNG exists without --force
            from letterkit.preview import check_previews, pdf_outputs

            pdfs = pdf_outputs(
                writing.output_paths(
                    target_.slug, out_dir, text_only=text_only, gloss=gloss
                ).values()
            )
            check_previews(pdfs, force=force)
        writing.save(plan, out_dir, force=force)
        if not quiet:
            out.print_notes(plan.notes)
        _print_summary(console, plan, quiet=quiet, verbose=verbose)
        if plan.characters is not None and not quiet:
            console.print(
                _("Characters: {count} (e-letter services charge by the page)").format(
                    count=plan.characters
                ),
                markup=False,
            )
        if preview:
            # deferred: loaded when the command runs, so --help and Tab completion stay fast
            from letterkit.preview import render_previews

            pngs = render_previews(pdf_outputs(plan.outputs.values()), force=force)
            if not quiet:
                console.print(f"[bold]{_('Preview')}:[/]")
            for png in pngs:
                out.plain(console, png if quiet else f"  {png}")
        if not no_log:
            # deferred: loaded when the command runs, so --help and Tab completion stay fast
            from letterkit.errors import LetterkitError

            try:
                writing.record_in_log(
                    plan,
                    # the template used; None for the writer's own text
                    template=None if text is not None else (template or writing.DEFAULT_TEMPLATE),
                    signature=signature,
                )
            except LetterkitError as exc:  # the letter is written; the log is secondary
                err.print(
                    _("Warning: the letter was not recorded in your letter log: {reason}").format(
                        reason=exc.message
                    ),
                    markup=False,
                )
        if not quiet and not text_only:
            err.print(what_next(envelope))
        if not quiet:  # last on stderr: its verdict line points up at the findings
            out.print_letter_check(out.stderr_console(), plan.check)
        if open_:
            opt.launch(plan.outputs.values())
        if warned:  # the files are written; the check asks for attention
            raise typer.Exit(3)


def read_line(line: str) -> Address:
    """:func:`letterkit.address.parse.parse_address`, imported when a line is first read:
    ``write`` to a known person from a return address read before reads none."""
    # deferred: the address parser is ~30 ms of imports (benchmarks/bench.py, start-up)
    from letterkit.address.parse import parse_address

    return parse_address(line)


def checked_phrases(
    template: str | None,
    phrase: list[str] | None,
    *,
    own_text: bool = False,
    letters: bool = False,
) -> tuple[str, ...] | None:
    """The ``--phrase`` ids, checked against the template's phrasebook before anything
    is read or written: a usage error (exit 2) naming the nearest id, or the templates
    that have phrases. ``letters``: for ``batch``, where the template is ``--letters``."""
    if not phrase:
        return None
    if letters and template is None:
        raise typer.BadParameter(
            _("--phrase chooses sentences of the --letters template: add --letters simple"),
            param_hint="'--phrase'",
        )
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from letterkit import writing
    from letterkit.errors import InputError

    if own_text:
        raise typer.BadParameter(
            _("--phrase chooses sentences of a template, not of your own --text"),
            param_hint="'--phrase'",
        )
    ids = tuple(p.strip() for p in phrase)
    try:
        writing.check_phrases(template, ids)
    except InputError as exc:
        message = f"{exc.message} — {exc.hint}" if exc.hint else exc.message
        raise typer.BadParameter(message, param_hint="'--phrase'") from None
    return ids


class _Diagnostics:
    """Notes and warnings: one line each on stderr, none with ``--quiet``."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet

    def print(self, text: str, **_options: object) -> None:
        if not self.quiet:
            out.stderr_console().print(text, markup=False, soft_wrap=True)


def _print_summary(console, plan, *, quiet: bool, verbose: bool) -> None:
    """What was written on stdout; the address's warnings (and with ``verbose`` its
    notes), the age of the address and the advice on stderr. ``quiet``: the paths only,
    one a line."""
    if quiet:
        for path in plan.outputs.values():
            out.plain(console, path)
        return
    target = plan.target
    address = target.address
    recipient = address.recipient
    name = (
        target.prisoner.nominative if target.prisoner else (recipient.dative if recipient else "")
    )
    console.print(out.labelled(_("Letter for"), name))
    if address.facility:
        console.print(out.labelled(_("Facility"), address.facility))
    console.print(out.envelope_panel(address, _("Address as printed on the envelope")))
    console.print(f"[bold]{_('Written')}:[/]")
    for path in plan.outputs.values():
        out.plain(console, f"  {path}")
    err = out.stderr_console()
    out.print_warnings(err, address.warnings)
    if verbose:
        for note in address.notes:
            out.plain(err, f"{_('Note')}: {note}")
    out.print_snapshot_notice(err, target.prisoner, details=False, today=plan.date)
    out.print_top_guidance(err)


def what_next(envelope: str) -> str:
    """One line after writing: how to print the envelope so the address lands in place."""
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from letterkit.render.geometry import envelope_size

    size = envelope_size(envelope)
    return _(
        'Next: print at 100 % ("actual size", not "fit to page"); feed the {size} envelope '
        "({w:g} × {h:g} mm) by the manual or envelope tray as your printer's manual shows "
        "('letterkit calibrate' checks the position)."
    ).format(size=size.name, w=size.width_mm, h=size.height_mm)
