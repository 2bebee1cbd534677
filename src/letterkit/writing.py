"""The ``write`` job as a library: build the letter for a target, render, save.

The target comes from :func:`letterkit.targets.resolve_target`. ``plan_letter`` does
everything that can fail before a file is touched (template, check, layout); ``save``
writes the files atomically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from letterkit import guidance, international, letterlog, paths
from letterkit.address.sender import parse_sender, with_russian_name
from letterkit.dates import days_to_birthday
from letterkit.errors import InputError
from letterkit.fsutil import atomic_write_many
from letterkit.guidance.phrasebook import missing_slot_error
from letterkit.guidance.templates import gloss, missing_fields
from letterkit.guidance.writer import keep_answers, sender_parts, writer_view
from letterkit.i18n import _
from letterkit.models import LineReader, Sender, SenderParts
from letterkit.profile import resolve_sender
from letterkit.render.envelope import EnvelopeRenderer, envelope_content
from letterkit.render.gloss import GlossLine, render_gloss, render_glosses
from letterkit.render.letter import render_letter
from letterkit.render.pdf import finish, new_canvas

if TYPE_CHECKING:
    from letterkit.guidance import CheckResult
    from letterkit.models import Target

DEFAULT_TEMPLATE = "first-letter"
SIGNATURE_RULE = "structure.signature"  # data/guidance.toml
# Far beyond any real letter (guidance: 1-3 pages); keeps rendering time bounded.
MAX_LETTER_PAGES = 30
MAX_LETTER_CHARS = 200_000


@dataclass
class LetterPlan:
    target: Target
    body: str
    date: dt.date
    sender: Sender | None
    envelope_pdf: bytes | None  # None with --text-only: an e-letter needs no envelope
    letter_pdf: bytes | None  # None with --text-only
    letter_txt: str | None
    check: CheckResult | None
    outputs: dict[str, Path] = field(default_factory=dict)
    gloss_txt: str | None = None  # --gloss --text-only: the page for the writer only
    gloss_pdf: bytes | None = None  # --gloss: the same page as an A4 PDF
    notes: list[str] = field(default_factory=list)  # one ``Warning:`` line each, on stderr

    @property
    def characters(self) -> int | None:
        """The length of the e-letter text (services charge by page), or None for a PDF."""
        return len(self.letter_txt.rstrip("\n")) if self.letter_txt is not None else None


def prepare_sender(
    text: str | None,
    country: str | None,
    writer_ru: str | None,
    *,
    profile: bool,
    read_line: LineReader,
) -> tuple[Sender | None, str | None]:
    """The return address and the signature for a letter, from ``--sender "LINE; …"``,
    ``--sender-country CC`` and ``--writer-ru NAME`` (as ``write``, ``sender set`` and the
    web page read them).

    ``profile``: fall back on the saved profile (its address when ``text`` is None, its
    country when ``country`` is None), as ``write`` does; without it (``sender set``, a
    guest on the web page) only what is given counts, the country defaulting to RU.
    A ``text`` given is read as ``sender set`` reads it (a Russian address needs its name
    line and postcode); a saved one without its parts (an old profile, another country)
    is read too, None when it cannot be. ``read_line`` reads a Russian address not read
    before (letterkit/address/sender.py keeps the parts). The signature is ``writer_ru``
    when there is no return address to carry the Russian name, else None. Raises :class:`InputError` for an empty ``text``,
    an unknown country or a ``writer_ru`` that is not in Cyrillic letters."""
    sender: Sender | None
    if profile:
        sender = resolve_sender(text, country)
    else:
        country = international.validate_country(country or "RU")
        if text is not None:
            sender = Sender.parse(text, country)
        else:
            # no return address: ruled lines; abroad the international layout still applies
            sender = Sender([], country) if country != "RU" else None
    if text is not None and sender is not None:
        # a return address given here must do what `sender set` asks of a saved one
        sender.parts = parse_sender(sender.lines, sender.country, read_line=read_line)
    elif sender is not None and sender.lines and sender.parts is None:
        with contextlib.suppress(InputError):  # unreadable: a letter without name and town
            sender.parts = parse_sender(sender.lines, sender.country, read_line=read_line)
    signature = None
    if writer_ru is not None:
        parts = sender_parts(sender) or SenderParts()
        with_russian_name(parts, writer_ru)
        if sender is not None and sender.lines:
            sender.parts = parts
        else:
            signature = writer_ru
    return sender, signature


def writer_city(sender: Sender | None) -> str:
    """The writer's town (nominative, no type word), or ``""``: ``Тверь``, ``Берлин``."""
    return writer_view(sender).city


def template_context(
    target: Target,
    sender: Sender | None,
    date: dt.date,
    *,
    signature: str | None = None,
    fields: dict[str, str] | None = None,
    phrases: tuple[str, ...] | None = None,
) -> dict:
    """Template fields; ``signature`` (the name the writer signs with) wins over the
    name in the return address; ``fields`` adds template-specific slots (``hobby``…);
    ``phrases`` the sentences chosen from a phrasebook (``--phrase``, None: its default)."""
    if target.prisoner is not None:
        recipient = target.prisoner.nominative
    else:
        r = target.address.recipient
        recipient = " ".join(p for p in (r.last, r.first, r.middle) if p) if r else ""
    writer = writer_view(sender, signature)
    birth = target.prisoner.birth_date if target.prisoner is not None else None
    if birth is not None:  # the birthday template words itself by how far off it is
        fields = {**(fields or {}), "days_to_birthday": days_to_birthday(birth, date)}
    return guidance.make_context(
        first_name=target.first_name or "",
        recipient=recipient,
        writer=writer,
        date=date,
        **({"phrases": tuple(phrases)} if phrases else {}),
        **(fields or {}),
    )


def unnamed_writer_finding(check: CheckResult | None) -> None:
    """A letter from an unknown writer (no return address, no ``--signature``): the
    checker's missing-signature finding is dropped: the letter leaves out the name and
    the signature line, to be signed by hand (the envelope keeps its ruled lines)."""
    if check is not None:
        check.findings = [f for f in check.findings if f.rule != SIGNATURE_RULE]


def no_sender_note(sender: Sender | None, *, text_only: bool) -> str | None:
    """The warning for a letter without a return address (no ``--sender``, no saved
    profile), or None when there is one. A letter without a return address is often not
    handed over, and the person cannot answer (data/guidance.toml, «Always give your
    return address»): the writer must fill the blanks by hand, or set an address."""
    if sender is not None and sender.lines:
        return None
    what = (
        _("the letter leaves out your name and signature: add them before you send it")
        if text_only
        else _(
            "the return address («От кого») on the envelope is left as blank lines and the "
            "letter has no signature: fill them in by hand before you post it"
        )
    )
    how = _(
        'to print them, save your address once: letterkit sender set "Фамилия Имя Отчество; '
        'ул. …, д. …, кв. …; г. …; область; индекс" (or give --sender)'
    )
    return _("no return address: {what}; {how}").format(what=what, how=how)


def template_info(name: str) -> guidance.TemplateInfo | None:
    for info in guidance.list_templates([paths.user_templates_dir()]):
        if info.name == name or f"{info.name}{guidance.TEMPLATE_SUFFIX}" == name:
            return info
    return None


def check_phrases(template: str | None, phrases: tuple[str, ...] | None) -> None:
    """``--phrase`` ids: each must be a phrase of the template's phrasebook; a template
    without one takes no ``--phrase``. InputError naming the nearest id otherwise."""
    if not phrases:
        return
    info = template_info(template or DEFAULT_TEMPLATE)
    if info is None:
        return  # render_template names the missing template
    if info.phrasebook is None:
        infos = guidance.list_templates([paths.user_templates_dir()])
        with_phrases = [i.name for i in infos if i.phrasebook is not None]
        raise InputError(
            _("the template '{template}' has no phrases to choose").format(template=info.name),
            hint=_("--phrase works with: {names}, e.g. --template simple --phrase hello").format(
                names=", ".join(with_phrases) or "simple"
            ),
        )
    info.phrasebook.select(phrases, info.name)


def check_fields(
    template: str | None, fields: dict[str, str], phrases: tuple[str, ...] | None = None
) -> None:
    """Unknown ``--field`` names, required slots left empty (for a phrasebook: the slots
    the chosen phrases need) and unknown ``--phrase`` ids are errors, before anything is
    written. A user template without metadata takes any field."""
    name = template or DEFAULT_TEMPLATE
    info = template_info(name)
    if info is None:
        return  # render_template names the missing template
    check_phrases(template, phrases)
    declared = info.slots
    if declared or info.kind != "user":
        unknown = [key for key in fields if key not in declared]
        if unknown:
            raise InputError(
                _("--field {name}: the template '{template}' has no such slot").format(
                    name=unknown[0], template=info.name
                ),
                hint=_("its slots: {slots}").format(slots=", ".join(declared))
                if declared
                else _("this template takes no --field"),
            )
    for slot in missing_fields(info, fields, phrases):
        raise missing_slot_error(info.name, slot, info.field_help.get(slot))
    if info.phrasebook is not None:
        for slot, value in fields.items():  # a hobby from the list, not free text
            info.phrasebook.resolve(slot, value, info.name)


def letter_body(
    target: Target,
    sender: Sender | None,
    date: dt.date,
    *,
    template: str | None = None,
    text: str | None = None,
    signature: str | None = None,
    fields: dict[str, str] | None = None,
    phrases: tuple[str, ...] | None = None,
) -> str:
    if text is not None:
        return text
    check_fields(template, fields or {}, phrases)
    return guidance.render_template(
        template or DEFAULT_TEMPLATE,
        template_context(target, sender, date, signature=signature, fields=fields, phrases=phrases),
        extra_dirs=[paths.user_templates_dir()],
    )


def parse_fields(items: list[str] | None) -> dict[str, str]:
    """``--field hobby=читать`` → ``{"hobby": "читать"}`` (template slots)."""
    out: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key.isidentifier() or not value.strip():
            raise InputError(
                _("--field '{item}' is not NAME=VALUE").format(item=item),
                hint=_("for example: --field hobby=читать"),
            )
        if key in guidance.CONTEXT_FIELDS:
            raise InputError(
                _("--field cannot set '{name}': letterkit fills it in").format(name=key),
                hint=_(
                    "use --sender for your name and town, --signature for the name you sign with"
                ),
            )
        out[key] = value.strip()
    return out


GLOSS_HEADER = "FOR YOU ONLY — do not send this page"
GLOSS_INTRO = "Your letter, sentence by sentence, with what it says in English."
GLOSS_YOUR_NAME = "(your name)"
GLOSS_OWN_WORDS = "(your own words — check them)"


def gloss_lines(body: str, template: str | None, writer_name: str = "") -> list[GlossLine]:
    """The letter sentence by sentence, each with its English meaning from the template's
    glosses (``template`` None: the writer's own text, which no gloss covers); the
    signature is marked as the writer's name, any other unknown sentence as their own
    words to check."""
    info = template_info(template) if template else None
    out = []
    for sentence, meaning in gloss(body, info):
        if meaning is not None:
            out.append(GlossLine(sentence, meaning))
        elif writer_name and sentence == writer_name:
            out.append(GlossLine(sentence, GLOSS_YOUR_NAME))
        else:
            out.append(GlossLine(sentence, GLOSS_OWN_WORDS, own=True))
    return out


def gloss_header() -> list[str]:
    """The gloss page's warning: in English, and in the interface language too when that
    is not English (a writer without Russian may read neither well)."""
    translated = _("FOR YOU ONLY — do not send this page")
    return [GLOSS_HEADER] + ([translated] if translated != GLOSS_HEADER else [])


def gloss_text(lines: list[GlossLine]) -> str:
    """The gloss as plain text (``--gloss --text-only``): the header, then each sentence
    with ``    = meaning`` under it."""
    out = [*gloss_header(), GLOSS_INTRO, ""]
    for line in lines:
        out.extend([line.russian, f"    = {line.meaning}", ""])
    return "\n".join(out).rstrip("\n") + "\n"


def gloss_pdf(lines: list[GlossLine]) -> bytes:
    """The gloss as an A4 PDF in the letter's fonts (``--gloss``)."""
    return render_gloss(lines, header=gloss_header(), intro=GLOSS_INTRO)


def glosses_pdf(letters: list[tuple[str, str, str | None, str]]) -> bytes:
    """The glosses of several letters in one PDF, each from a new page: ``letters`` holds
    (whom the letter is for, its body, its template, the writer's signature)."""
    sections = [
        (f"Letter to {name}", gloss_lines(body, template, signature))
        for name, body, template, signature in letters
    ]
    return render_glosses(sections, header=gloss_header(), intro=GLOSS_INTRO)


def add_gloss(plan: LetterPlan, template: str | None, signature: str | None = None) -> None:
    """Give ``plan`` its gloss page: a PDF beside a PDF letter, text beside a text one.
    ``template`` None: the letter is the writer's own text."""
    lines = gloss_lines(plan.body, template, writer_view(plan.sender, signature).signature)
    if plan.letter_pdf is None:
        plan.gloss_txt = gloss_text(lines)
    else:
        plan.gloss_pdf = gloss_pdf(lines)


def output_paths(
    slug: str, out_dir: Path, *, text_only: bool, gloss: bool = False
) -> dict[str, Path]:
    """DIR/<slug>-letter.pdf and DIR/<slug>-envelope.pdf; with --text-only only
    DIR/<slug>-letter.txt (an e-letter service prints it inside the prison: no envelope);
    with ``gloss`` also DIR/<slug>-gloss.pdf (.txt with --text-only)."""
    if text_only:
        outputs = {"letter": out_dir / f"{slug}-letter.txt"}
    else:
        outputs = {
            "letter": out_dir / f"{slug}-letter.pdf",
            "envelope": out_dir / f"{slug}-envelope.pdf",
        }
    if gloss:
        outputs["gloss"] = out_dir / f"{slug}-gloss.{'txt' if text_only else 'pdf'}"
    return outputs


def plan_letter(
    target: Target,
    body: str,
    *,
    sender: Sender | None,
    date: dt.date,
    envelope: str = "DL",
    text_only: bool = False,
    offset_mm: tuple[float, float] = (0.0, 0.0),
    signature: str | None = None,
) -> LetterPlan:
    if not body.strip():
        raise InputError(_("the letter is empty"), hint=_("write some text, or use a template"))
    if len(body) > MAX_LETTER_CHARS or guidance.estimate_pages(body) > MAX_LETTER_PAGES:
        raise InputError(
            _("the letter is too long to print: about {pages} pages (at most {max_pages})").format(
                pages=f"{guidance.estimate_pages(body):.0f}", max_pages=MAX_LETTER_PAGES
            ),
            hint=_("a letter to a prison should be 1-3 pages; shorten it"),
        )
    check = guidance.check_text(body, has_return_address=True)
    if not writer_view(sender, signature):
        unnamed_writer_finding(check)
    envelope_pdf = None
    if not text_only:
        renderer = EnvelopeRenderer(envelope, offset_mm)
        canvas, buffer = new_canvas(renderer.pagesize, "Envelope")
        renderer.draw(canvas, envelope_content(target.address, sender))
        canvas.showPage()
        envelope_pdf = finish(canvas, buffer)
    letter_pdf = None if text_only else render_letter(body, date, sender, title="Letter")
    # one paragraph a line: an e-letter form wraps the text itself
    letter_txt = guidance.plain_text(body, width=0) if text_only else None
    plan = LetterPlan(target, body, date, sender, envelope_pdf, letter_pdf, letter_txt, check)
    note = no_sender_note(sender, text_only=text_only)
    if note is not None:
        plan.notes.append(note)
    if sender is not None and not text_only:
        plan.notes += international.mail_notes(sender.country)
    return plan


def save(plan: LetterPlan, out_dir: Path, *, force: bool) -> dict[str, Path]:
    """Write the files atomically, all or nothing (a failure leaves none behind)."""
    gloss = plan.gloss_pdf if plan.gloss_pdf is not None else plan.gloss_txt
    outputs = output_paths(
        plan.target.slug, out_dir, text_only=plan.letter_pdf is None, gloss=gloss is not None
    )
    letter = plan.letter_pdf if plan.letter_pdf is not None else (plan.letter_txt or "")
    files: list[tuple[Path, str | bytes]] = [(outputs["letter"], letter)]
    if plan.envelope_pdf is not None:
        files.append((outputs["envelope"], plan.envelope_pdf))
    if gloss is not None:
        files.append((outputs["gloss"], gloss))
    atomic_write_many(files, force=force)
    plan.outputs = outputs
    keep_answers()  # the writer's town, declined: the next letter needs no dictionary
    return outputs


def record_in_log(
    plan: LetterPlan, *, template: str | None, signature: str | None
) -> letterlog.LogEntry | None:
    """Record a written (or downloaded) letter in the letter log, if the log is on: the
    person's name (or the published dative for an address line), the template (None for
    the writer's own text) and the signature, by default the return address's name line.
    ``letterkit write`` and the web page's download both record through here."""
    target, writer = plan.target, plan.sender
    recipient = target.address.recipient
    if target.prisoner is not None:
        name = target.prisoner.nominative
    else:
        name = recipient.dative if recipient is not None else target.slug
    return letterlog.record_write(
        target.slug,
        name,
        plan.date,
        template=template,
        signature=signature or (writer.name if writer is not None else None),
        country=writer.country if writer is not None else None,
        known=target.prisoner is not None,
    )
