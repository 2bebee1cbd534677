"""The reply kit (``letterkit batch --reply-kit``): a reply envelope and a reply sheet.

Per envelope: an envelope addressed to the writer (the sender lines) with the prisoner
as sender (name, birth year, facility address), and an A4 sheet with a short Russian
note and ruled lines. The reply envelope goes into the outer one flat or folded once in
half; which one is a fixed table (:data:`REPLY_FIT`), checked against the sizes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from letterkit.address.format import envelope_fields
from letterkit.errors import InputError
from letterkit.i18n import N_, _
from letterkit.international import sender_country_line, validate_country
from letterkit.names import detect_gender, to_dative
from letterkit.render import fonts
from letterkit.render import geometry as g
from letterkit.render.envelope import CachedEnvelopeRenderer, EnvelopeContent
from letterkit.render.lru import FIT_CACHE_SIZE, LRU

if TYPE_CHECKING:
    from letterkit.models import Sender, Target


@dataclass(frozen=True)
class ReplyChoice:
    outer: str
    reply: str
    folded: bool  # folded once in half across its long side

    def reply_mm(self) -> tuple[float, float]:
        """The reply envelope as it goes in (long side, short side), mm."""
        size = g.ENVELOPE_SIZES[self.reply]
        if self.folded:
            return (size.height_mm, size.width_mm / 2)
        return (size.width_mm, size.height_mm)


# Sizes: ГОСТ Р 51506-99 and ISO 269 (render/geometry.py). Fit rule: C6 and DL go into
# C5 or C4; into a DL or C65 only a C6 folded to 81 × 114 mm.
# Into a C5 or C4 letterkit puts a DL flat: the largest that goes in flat (220 × 110
# in 229 × 162), so the reply can be a whole A4 folded in three.
REPLY_FIT: dict[str, ReplyChoice] = {
    "C4": ReplyChoice("C4", "DL", folded=False),
    "C5": ReplyChoice("C5", "DL", folded=False),
    "DL": ReplyChoice("DL", "C6", folded=True),
    "C65": ReplyChoice("C65", "C6", folded=True),
}
# Outer sizes with no reply envelope in the table, and why.
REPLY_REFUSED: dict[str, str] = {
    "C6": N_(
        "a C6 envelope (114 × 162 mm) is the smallest size and holds only an A4 sheet folded "
        "in four; the fit table has no reply envelope for it"
    ),
}
# Choice: the reply envelope must clear the outer one by this much in both directions
# (paper thickness, the letter beside it); used to check the table against the sizes.
FIT_CLEARANCE_MM = 2.0

NOTE_TITLE = "Лист для ответа"
NOTE_TEXT = (
    "Этот лист и конверт с уже написанным адресом — для ответа, если захотите и сможете "
    "написать. Будем рады любой весточке, даже нескольким строкам."
)
NOTE_ADDRESS_CAPTION = "Адрес для ответа:"
FOLD_CAPTION = "линия сгиба"
SHEET_MARGIN_MM = 20  # choice
RULE_PITCH_MM = 9  # choice: handwriting line spacing


def fits(choice: ReplyChoice) -> bool:
    """Whether the reply envelope, flat or folded, goes into the outer one."""
    outer = g.ENVELOPE_SIZES[choice.outer]
    long_side, short_side = choice.reply_mm()
    return (
        long_side + FIT_CLEARANCE_MM <= outer.width_mm
        and short_side + FIT_CLEARANCE_MM <= outer.height_mm
    )


def reply_envelope_for(outer: str) -> ReplyChoice:
    """The reply envelope for an outer size; InputError saying why when there is none."""
    key = g.envelope_size(outer).name
    choice = REPLY_FIT.get(key)
    if choice is None:
        reason = (
            _(REPLY_REFUSED[key]) if key in REPLY_REFUSED else _("no reply envelope fits into it")
        )
        raise InputError(
            _("--reply-kit does not fit into a {size} envelope: {reason}").format(
                size=key, reason=reason
            ),
            hint=_(
                "use --envelope DL or C65 (a C6 reply envelope folded once to 81 × 114 mm goes "
                "in) or C5 or C4 (a DL reply envelope goes in flat)"
            ),
        )
    if not fits(choice):  # pragma: no cover - guards the table above
        raise InputError(
            _("the reply envelope {reply} does not fit into a {size} envelope").format(
                reply=choice.reply, size=key
            )
        )
    return choice


def prisoner_sender_lines(target: Target) -> list[str]:
    """The prisoner as sender: name (nominative) with birth year, then the facility address."""
    address = target.address
    recipient = address.recipient
    if target.prisoner is not None:
        name = target.prisoner.nominative
        year = target.prisoner.birth_year
    else:
        parts = [recipient.last, recipient.first, recipient.middle] if recipient else []
        name = " ".join(p for p in parts if p) or (recipient.dative if recipient else "")
        year = recipient.birth_year if recipient else None
    first = f"{name}, {year} г. р." if year else name
    lines, names = envelope_fields(address)
    return [first, *(line for line, field in zip(lines, names, strict=True) if field != "name")]


_FULL_NAME = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)? [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+")


def writer_dative(line: str) -> str:
    """«Иванова Мария Петровна» → «Ивановой Марии Петровне» (the «Кому?» line is dative).

    Only a full Russian name (surname, first name, patronymic) is declined: anything
    else (initials, a Latin name, an organisation) is printed as the writer gave it.
    """
    if not _FULL_NAME.fullmatch(line.strip()):
        return line
    last, first, middle = line.split()
    gender = detect_gender(first, middle, last)
    return to_dative(last, first, middle, gender) if gender else line


def writer_recipient_lines(sender: Sender | None) -> list[str]:
    """The writer as the recipient of a reply: the name in the dative (a Russian
    writer), the lines as given, the country line for a writer abroad."""
    writer = list(sender.lines) if sender else []
    if writer and (sender is None or sender.country == "RU"):
        writer[0] = writer_dative(writer[0])
    if sender is not None and sender.country != "RU" and writer:
        writer.append(sender_country_line(validate_country(sender.country)))
    return writer


def reply_content(target: Target, sender: Sender | None) -> EnvelopeContent:
    """Envelope content: the writer as recipient, the prisoner as sender."""
    writer = writer_recipient_lines(sender)
    postcode = sender.postcode if sender else None
    return EnvelopeContent(
        recipient=writer,
        postcode=postcode,
        sender=prisoner_sender_lines(target),
        recipient_fields=["writer's address line"] * len(writer),
        stencil=sender is None or sender.country == "RU",
    )


class ReplyKitRenderer:
    """Reply envelopes and reply sheets; styles and renderers built once per batch."""

    def __init__(self, outer: str, offset_mm: tuple[float, float] = (0.0, 0.0)) -> None:
        self.choice = reply_envelope_for(outer)
        self.size_name = self.choice.reply
        self.folded = self.choice.folded
        self.envelope = CachedEnvelopeRenderer(self.choice.reply, offset_mm)
        self.pagesize = self.envelope.pagesize
        self.sheet_size = (g.A4_MM[0] * g.MM, g.A4_MM[1] * g.MM)
        self._contents: LRU[EnvelopeContent] = LRU(FIT_CACHE_SIZE)  # most recent
        self._styles = self._make_styles()

    @staticmethod
    def _make_styles() -> dict[str, Any]:
        from reportlab.lib.styles import ParagraphStyle  # deferred: reportlab is slow to import

        fonts.register_serif()
        fonts.register_sans()
        return {
            "title": ParagraphStyle("title", fontName=fonts.SERIF_BOLD, fontSize=15, leading=19),
            "note": ParagraphStyle("note", fontName=fonts.SERIF, fontSize=11.5, leading=15),
            "address": ParagraphStyle("address", fontName=fonts.SERIF, fontSize=11, leading=14),
            "caption": ParagraphStyle(
                "caption", fontName=fonts.SERIF_ITALIC, fontSize=11, leading=14
            ),
        }

    def content(self, target: Target, sender: Sender | None) -> EnvelopeContent:
        key = (
            id(target.address),
            tuple(sender.lines) if sender else (),
            sender.country if sender else "",
        )
        found = self._contents.get(key)
        if found is None:
            found = self._contents[key] = reply_content(target, sender)
        return found

    def fit(self, target: Target, sender: Sender | None) -> None:
        """Fit both blocks now, so a text that cannot fit skips the row before drawing."""
        content = self.content(target, sender)
        if content.recipient:
            self.envelope.fit_recipient(content)
        self.envelope.fit_sender(content)

    def draw_envelope(self, canvas: Any, target: Target, sender: Sender | None) -> None:
        self.envelope.draw(canvas, self.content(target, sender))
        if self.folded:
            self._fold_marks(canvas)

    def _fold_marks(self, canvas: Any) -> None:
        """Short ticks at the top and bottom edges where the envelope is folded in half."""
        mm = g.MM
        x = self.envelope.width / 2
        h = self.envelope.height
        canvas.saveState()
        canvas.translate(*self.envelope.offset)
        canvas.setStrokeGray(0.5)
        canvas.setLineWidth(0.4)
        canvas.setDash(1.5, 1.5)
        canvas.line(x, h - 1 * mm, x, h - 7 * mm)
        canvas.line(x, 1 * mm, x, 7 * mm)
        canvas.setDash()
        canvas.setFillGray(0.5)
        canvas.setFont(fonts.SANS_ITALIC, 6)
        canvas.drawString(x + 1 * mm, h - 6 * mm, FOLD_CAPTION)
        canvas.restoreState()

    def draw_sheet(self, canvas: Any, target: Target, sender: Sender | None) -> None:
        """The A4 reply sheet: title, note, the address to reply to, ruled lines."""
        from reportlab.platypus import Paragraph  # deferred: reportlab is slow to import

        mm = g.MM
        width, height = self.sheet_size
        x = SHEET_MARGIN_MM * mm
        avail = width - 2 * x
        y = height - SHEET_MARGIN_MM * mm
        blocks = [
            Paragraph(NOTE_TITLE, self._styles["title"]),
            Paragraph(NOTE_TEXT, self._styles["note"]),
        ]
        if sender and sender.lines:
            blocks.append(Paragraph(NOTE_ADDRESS_CAPTION, self._styles["caption"]))
            lines = list(sender.lines)
            if sender.country != "RU":
                lines.append(sender_country_line(validate_country(sender.country)))
            blocks.append(
                Paragraph("<br/>".join(escape(line) for line in lines), self._styles["address"])
            )
        for block in blocks:
            _w, h = block.wrapOn(canvas, avail, y)
            y -= h
            block.drawOn(canvas, x, y)
            y -= 3 * mm
        y -= 6 * mm
        canvas.saveState()
        canvas.setStrokeGray(0.6)
        canvas.setLineWidth(0.4)
        bottom = SHEET_MARGIN_MM * mm
        while y >= bottom:
            canvas.line(x, y, width - x, y)
            y -= RULE_PITCH_MM * mm
        canvas.restoreState()
