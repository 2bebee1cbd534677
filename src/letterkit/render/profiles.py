"""Profile sheets (``letterkit batch --profiles``): one A4 page per distinct prisoner.

For the table at a letter-writing evening: the name in Russian and English, the
birthday if known, the facility, the address exactly as printed on the envelope, the
record's neutral summary where it has one, and the top guidance points. The whole page
is kept to one sheet: platypus ``KeepInFrame`` shrinks the text if it runs long (it is
never clipped).

The renderer draws what it is given: the guidance rules and the facilities' English
names are loaded by the caller (:mod:`letterkit.batch.layout`) before drawing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from letterkit.address.format import envelope_lines
from letterkit.dates import bilingual_date
from letterkit.names import transliterate
from letterkit.render import fonts
from letterkit.render import geometry as g
from letterkit.render.flow import Paragraphs, keep_in_frame_class

if TYPE_CHECKING:
    from letterkit.guidance import Rule
    from letterkit.models import Target

PROFILE_MARGIN_MM = 18  # choice
TOP_RULES = 3  # the top guidance points: guidance.top_rules(TOP_RULES)

HEAD_ADDRESS = "Адрес для письма / Address as printed"
HEAD_FACILITY = "Учреждение / Facility"
HEAD_BORN = "Дата рождения / Born"
HEAD_BIRTH_YEAR = "Год рождения / Born"
HEAD_SUMMARY = "Кратко / Summary"
HEAD_GUIDANCE = "Главное в письме / Before you write"
HEAD_SOURCE = "Источник / Source"


def english_name(first: str | None, middle: str | None, last: str | None) -> str:
    """``Aleksandr Dmitrievich Batsenin`` (iuliia mvd_310, Memorial's English order)."""
    return " ".join(transliterate(p) for p in (first, middle, last) if p)


class ProfileRenderer:
    """Styles built once; :meth:`draw` fills the current A4 page.

    ``rules`` are the guidance points printed on every sheet; ``facility_names`` maps a
    facility id to its English name (None: none known).
    """

    def __init__(
        self,
        rules: Sequence[Rule] = (),
        facility_names: Mapping[str, str | None] | None = None,
    ) -> None:
        from reportlab.lib.styles import ParagraphStyle  # deferred: reportlab is slow to import

        fonts.register_sans()
        fonts.register_serif()
        self.rules = list(rules)
        self.facility_names = dict(facility_names or {})
        self.paragraphs = Paragraphs()  # every sheet repeats its headings and the rules
        self.pagesize = (g.A4_MM[0] * g.MM, g.A4_MM[1] * g.MM)
        # bulletFontName: reportlab's default is Helvetica, a font PDFs do not embed.
        base = ParagraphStyle(
            "base", fontName=fonts.SANS, bulletFontName=fonts.SANS, fontSize=11, leading=14.5
        )
        self.styles = {
            "name": ParagraphStyle(
                "name", parent=base, fontName=fonts.SANS_BOLD, fontSize=22, leading=27
            ),
            "english": ParagraphStyle(
                "english", parent=base, fontSize=14, leading=18, textColor="#333333"
            ),
            "head": ParagraphStyle(
                "head",
                parent=base,
                fontName=fonts.SANS_BOLD,
                fontSize=10,
                leading=13,
                textColor="#555555",
                spaceBefore=9,
                spaceAfter=2,
            ),
            "body": base,
            "address": ParagraphStyle("address", parent=base, fontSize=12, leading=15.5),
            "en": ParagraphStyle("en", parent=base, fontSize=10, leading=13, textColor="#444444"),
            "rule": ParagraphStyle(
                "rule", parent=base, leftIndent=12, bulletIndent=0, spaceAfter=3
            ),
            "small": ParagraphStyle(
                "small", parent=base, fontSize=8.5, leading=11, textColor="#666666"
            ),
        }

    def _facility_en(self, target: Target) -> str | None:
        prisoner = target.prisoner
        if prisoner is None or prisoner.facility_id is None:
            return None
        return self.facility_names.get(prisoner.facility_id)

    def story(self, target: Target) -> list:
        Paragraph = self.paragraphs
        s = self.styles
        prisoner = target.prisoner
        recipient = target.address.recipient
        if prisoner is not None:
            last, first, middle = prisoner.last, prisoner.first, prisoner.middle
        elif recipient is not None:
            last, first, middle = recipient.last, recipient.first, recipient.middle
        else:
            last = first = middle = None
        name_ru = " ".join(p for p in (last, first, middle) if p) or (
            recipient.dative if recipient else target.slug
        )
        out: list = [Paragraph(escape(name_ru), s["name"])]
        name_en = english_name(first, middle, last)
        if name_en:
            out.append(Paragraph(escape(name_en), s["english"]))
        birth_date = prisoner.birth_date if prisoner else None
        birth_year = (
            prisoner.birth_year if prisoner else (recipient.birth_year if recipient else None)
        )
        if birth_date is not None:
            out += [
                Paragraph(HEAD_BORN, s["head"]),
                Paragraph(escape(bilingual_date(birth_date)), s["body"]),
            ]
        elif birth_year:
            out += [Paragraph(HEAD_BIRTH_YEAR, s["head"]), Paragraph(str(birth_year), s["body"])]
        if target.address.facility:
            out.append(Paragraph(HEAD_FACILITY, s["head"]))
            out.append(Paragraph(escape(target.address.facility), s["body"]))
            facility_en = self._facility_en(target)
            if facility_en:
                out.append(Paragraph(escape(facility_en), s["en"]))
        out.append(Paragraph(HEAD_ADDRESS, s["head"]))
        out.append(
            Paragraph("<br/>".join(escape(x) for x in envelope_lines(target.address)), s["address"])
        )
        if prisoner is not None and (prisoner.summary_ru or prisoner.summary_en):
            out.append(Paragraph(HEAD_SUMMARY, s["head"]))
            if prisoner.summary_ru:
                out.append(Paragraph(escape(" ".join(prisoner.summary_ru.split())), s["body"]))
            if prisoner.summary_en:
                out.append(Paragraph(escape(" ".join(prisoner.summary_en.split())), s["en"]))
        if self.rules:
            out.append(Paragraph(HEAD_GUIDANCE, s["head"]))
            for rule in self.rules:
                text = f"{escape(rule.summary('ru'))}<br/><font color='#555555' size='9.5'>{escape(rule.summary('en'))}</font>"
                out.append(Paragraph(text, s["rule"], bulletText="•"))
        if prisoner is not None and prisoner.sources:
            source = prisoner.sources[0]
            text = escape(source.title) + (f" — {escape(source.url)}" if source.url else "")
            text += f" ({escape(prisoner.checked.isoformat())})"
            out += [Paragraph(HEAD_SOURCE, s["head"]), Paragraph(text, s["small"])]
        return out

    def draw(self, canvas: Any, target: Target) -> None:
        """Fill the current page with the profile of ``target`` (call ``showPage`` after)."""
        from reportlab.platypus import Frame  # deferred: reportlab is slow

        KeepInFrame = keep_in_frame_class()

        mm = g.MM
        margin = PROFILE_MARGIN_MM * mm
        width, height = self.pagesize
        frame = Frame(margin, margin, width - 2 * margin, height - 2 * margin, showBoundary=0)
        box = KeepInFrame(frame._aW, frame._aH, self.story(target), mode="shrink")
        frame.addFromList([box], canvas)
