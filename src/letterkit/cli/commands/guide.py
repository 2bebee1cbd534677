"""``letterkit guide [SLUG]``, ``letterkit check FILE [--json]``, ``letterkit templates``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from letterkit.cli import output as out
from letterkit.cli.completion import complete_slugs
from letterkit.i18n import _

if TYPE_CHECKING:
    from letterkit.textfile import TextFile


def _read_letter(path: Path) -> TextFile:
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from letterkit.errors import InputError
    from letterkit.limits import MAX_LETTER_BYTES
    from letterkit.textfile import decode_text

    if str(path) == "-":
        data = out.stdin_binary().read(MAX_LETTER_BYTES + 1)
    else:
        try:
            with path.open("rb") as fh:
                data = fh.read(MAX_LETTER_BYTES + 1)  # one byte more: "too large"
        except FileNotFoundError:
            raise InputError(_("{path}: no such file").format(path=path)) from None
        except IsADirectoryError:
            raise InputError(
                _("{path} is a directory, not a text file").format(path=path)
            ) from None
        except OSError as exc:
            raise InputError(
                _("{path} cannot be read: {reason}").format(path=path, reason=exc.strerror)
            ) from None
    where = _("standard input") if str(path) == "-" else str(path)
    if len(data) > MAX_LETTER_BYTES:
        raise InputError(
            _("{where} is larger than {limit} kB: not a letter").format(
                where=where, limit=MAX_LETTER_BYTES // 1000
            ),
            hint=_("check that this is the right file; a letter of four pages is about 10 kB"),
        )
    return decode_text(data, where, hint=_("save the letter as UTF-8 text"))


def _saved_sender() -> bool:
    """True when a return address is saved: letterkit will print it with the letter."""
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from letterkit.errors import LetterkitError

    try:
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        from letterkit.profile import load_profile

        return load_profile().sender is not None
    except LetterkitError:
        return False


def register(app: typer.Typer) -> None:
    @app.command(
        "guide",
        help=_(
            "How to write to a prisoner in Russia: the rules, with their sources. With SLUG, "
            "also what applies to that person."
        ),
    )
    def guide(
        slug: str | None = typer.Argument(
            None,
            help=_("A person's slug (letterkit list)."),
            autocompletion=complete_slugs,
        ),
    ) -> None:
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        from rich.padding import Padding
        from rich.panel import Panel
        from rich.text import Text

        from letterkit import guidance
        from letterkit.i18n import current_language

        lang = current_language()
        console = out.stdout_console()
        if slug is not None:
            # deferred: loaded when the command runs, so --help and Tab completion stay fast
            from letterkit.lookup import find_person
            from letterkit.store import Store

            # a slug, an alias in another transliteration, or a name (as show and write)
            person = guidance.person_guide(find_person(slug, Store()))
            lines = [f"[bold]{out.esc(person.name)}[/]"]
            if person.facility:
                kind = person.facility_type_text(lang)
                lines.append(
                    f"{_('Facility')}: {out.esc(person.facility)}"
                    + (f" — {out.esc(kind)}" if kind else "")
                )
            if person.envelope_name:
                lines.append(f"{_('On the envelope')}: {out.esc(person.envelope_name)}")
            if person.birth_year is None:
                lines.append(
                    "[yellow]"
                    + _("The year of birth is not known: find it before you send a letter.")
                    + "[/]"
                )
            lines.append(f"{_('Greeting')}: {out.esc(person.greeting)}")
            if person.eletters:
                lines.append(
                    _(
                        "E-letters are possible (ZT / ФСИН-письмо, paid with Russian bank "
                        "cards): letterkit write {slug} --text-only"
                    ).format(slug=slug)
                )
            else:
                lines.append(
                    _("The record does not say whether e-letters (ZT / ФСИН-письмо) reach them.")
                )
            for note in person.notes:
                lines.append(f"{_('Note')}: {out.esc(note)}")
            console.print(Panel("\n".join(lines), title=_("For this person"), expand=False))

        top = "\n".join(
            f"{rule.top}. {out.esc(rule.summary(lang))}" for rule in guidance.top_rules(3)
        )
        console.print(Panel(top, title=_("The three most important points"), expand=False))
        for section, rules in guidance.rule_sections():
            console.print()
            console.print(f"[bold underline]{out.esc(guidance.section_title(section, lang))}[/]")
            for rule in rules:
                console.print(
                    f"[bold]• {out.esc(rule.summary(lang))}[/]  [dim]({out.esc(rule.id)})[/]"
                )
                console.print(Padding(Text(" ".join(rule.explanation(lang).split())), (0, 0, 0, 2)))
                for source in rule.sources:
                    console.print(
                        Padding(Text(f"{source.title} — {source.url}", style="dim"), (0, 0, 0, 2))
                    )

    @app.command(
        "check",
        help=_(
            "Check a letter before printing: language, topics the censor stops, greeting, "
            "signature, return address, length, template leftovers. Exit 3 on warnings."
        ),
    )
    def check(
        file: Path = typer.Argument(
            ..., help=_("The letter: a UTF-8 text file ('-' reads standard input)."), metavar="FILE"
        ),
        as_json: bool = typer.Option(False, "--json", help=_("Print the findings as JSON.")),
    ) -> None:
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        import json

        from letterkit import guidance

        letter = _read_letter(file)
        if not letter.is_utf8:
            out.stderr_console().print(
                _("Note: {path} was read as {encoding} text.").format(
                    path=file, encoding=letter.encoding_name
                ),
                markup=False,
            )
        result = guidance.check_text(letter.text, has_return_address=_saved_sender())
        if as_json:
            typer.echo(json.dumps(result.to_json(), ensure_ascii=False))
        else:
            # deferred: loaded when the command runs, so --help and Tab completion stay fast
            from letterkit.cli.output import check_verdict, print_findings

            console = out.stdout_console()
            print_findings(console, result)
            counts = result.summary
            out.plain(
                console,
                _("{errors} errors, {warnings} warnings, {infos} notes").format(
                    errors=counts["error"], warnings=counts["warning"], infos=counts["info"]
                ),
            )
            console.print(check_verdict(result), markup=False)
        if result.has_problems:
            raise typer.Exit(3)

    @app.command("templates", help=_("List the letter templates (yours and the shipped ones)."))
    def templates(
        name: str | None = typer.Argument(
            None, help=_("One template, for --phrases."), metavar="NAME"
        ),
        phrases: bool = typer.Option(
            False,
            "--phrases",
            help=_("Show NAME's sentences, each with its English meaning, and its slots."),
        ),
        as_json: bool = typer.Option(
            False,
            "--json",
            help=_(
                "Print JSON Lines, one object a template (with --phrases, a sentence; "
                "fields: see README)."
            ),
        ),
    ) -> None:
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        from rich.table import Table

        from letterkit import guidance, paths
        from letterkit.i18n import current_language

        if phrases:
            _print_phrases(name, as_json=as_json)
            return
        if as_json:
            infos = guidance.list_templates([paths.user_templates_dir()])
            if name is not None:
                infos = [info for info in infos if info.name == name]
            if not infos:
                # deferred: see above
                from letterkit.errors import NotFoundError

                raise NotFoundError(
                    _("no letter template {name}").format(name=repr(name)),
                    hint=_("see the list: letterkit templates"),
                )
            out.print_json_lines(
                {
                    "name": info.name,
                    "title": info.title_en,
                    "title_ru": info.title_ru or None,
                    "kind": info.kind,
                    "slots": list(info.slots),
                    "required": list(info.required),
                    "user": info.path is not None
                    and info.path.is_relative_to(paths.user_templates_dir()),
                }
                for info in infos
            )
            return
        if name is not None:
            _print_phrases(name)
            return

        lang = current_language()
        table = Table(title=_("Letter templates"), show_lines=True)
        for column in (_("name"), _("kind"), _("title"), _("what it says")):
            table.add_column(column)
        for info in guidance.list_templates([paths.user_templates_dir()]):
            title = info.title_ru if lang == "ru" and info.title_ru else info.title_en
            # The simple template's gloss is a sentence-by-sentence table: keep its lines.
            gloss = (
                info.gloss_en.strip() if info.kind == "simple" else " ".join(info.gloss_en.split())
            )
            table.add_row(
                out.cell(info.name), out.cell(info.kind), out.cell(title), out.cell(gloss, "")
            )
        console = out.stdout_console()
        console.print(table)
        out.plain(
            console,
            _(
                "Use one with: letterkit write SLUG --template NAME. Your own templates: {dir}"
            ).format(dir=paths.user_templates_dir()),
        )


def _print_phrases(name: str | None, *, as_json: bool = False) -> None:
    """``templates NAME --phrases``: the template's sentences with their English meaning;
    with ``--json``, one object a sentence (a phrasebook's with its id, group and whether
    the default letter has it)."""
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from letterkit import writing
    from letterkit.errors import InputError, NotFoundError

    if name is None:
        raise InputError(
            _("--phrases needs a template name"),
            hint=_("e.g. letterkit templates simple --phrases"),
        )
    info = writing.template_info(name)
    if info is None:
        raise NotFoundError(
            _("no letter template {name}").format(name=repr(name)),
            hint=_("see the list: letterkit templates"),
        )
    if as_json:
        out.print_json_lines(_phrase_objects(info))
        return
    console = out.stdout_console()
    if info.phrasebook is not None:
        _print_phrasebook(console, info)
        return
    for ru, en in info.glosses:
        console.print(f"{ru}\n    = {en}".replace("{}", "…"), markup=False)
    for slot in info.slots:
        required = slot in info.required
        example = info.field_help.get(slot, f"{slot}=…")
        console.print(
            (
                _("Required: --field {example}") if required else _("Optional: --field {example}")
            ).format(example=example),
            markup=False,
        )


def _phrase_objects(info) -> list[dict[str, object]]:
    """The sentences of ``templates NAME --phrases --json``."""
    book = info.phrasebook
    if book is None:
        return [{"template": info.name, "ru": ru, "en": en} for ru, en in info.glosses]
    return [
        {
            "template": info.name,
            "group": phrase.group,
            "id": phrase.id,
            "ru": phrase.ru,
            "en": phrase.en,
            "default": phrase.default,
        }
        for phrase in book.phrases
    ]


def _print_phrasebook(console, info) -> None:
    """``templates simple --phrases``: the phrases by group, each id with its Russian and
    its English (``*``: in the default letter), then the choices of each slot."""
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from letterkit.guidance.phrasebook import shown

    book = info.phrasebook
    width = max(len(p.id) for p in book.phrases) + 2

    for group in book.groups:
        out.plain(console, f"{group.title_en} ({group.name})")
        for phrase in book.phrases:
            if phrase.group != group.name:
                continue
            mark = "*" if phrase.default else " "
            out.plain(console, f"  {mark}{phrase.id:<{width}}{shown(phrase.ru)}")
            out.plain(console, f"   {'':<{width}}= {shown(phrase.en)}")
        out.plain(console, "")
    for slot, choices in book.choices.items():
        out.plain(
            console,
            _("{slot} (--field {slot}=ID, up to three: {example},…):").format(
                slot=slot, example=book.choice_help.get(slot, f"{slot}=…")
            ),
        )
        forms = sorted({k for c in choices for k in c.forms})
        for choice in choices:
            russian = " / ".join(choice.forms[k] for k in forms if k in choice.forms)
            out.plain(console, f"   {choice.id:<{width}}{russian} = {choice.en}")
        out.plain(console, "")
    out.plain(console, _("* in the letter when no --phrase is given."))
    out.plain(
        console,
        _(
            "Choose: letterkit write SLUG --template {name} --phrase ID --phrase ID … "
            "(printed in the order of the groups)."
        ).format(name=info.name),
    )
