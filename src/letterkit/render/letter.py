"""The letter PDF: A4, PT Serif, the date in Russian, page numbers, return address.

The body is plain text: blank lines separate paragraphs, single line breaks are kept.
The writer's return address closes the letter (so the prisoner can reply), or ruled
lines to fill in by hand when no sender is known.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from html import escape as _html_escape
from typing import TYPE_CHECKING

from letterkit.dates import russian_date
from letterkit.international import sender_country_line, validate_country
from letterkit.render import fonts
from letterkit.render import geometry as g
from letterkit.render.flow import paragraph_class
from letterkit.render.pdf import apply_metadata, footer_canvas_class

if TYPE_CHECKING:
    from letterkit.models import Sender

RETURN_ADDRESS_CAPTION = "Мой адрес для ответа:"
EMPTY_RETURN_LINES = 4

# Russian typesetting keeps a one-letter word on the line of the word after it, a dash on
# the line of the word before it, and «г.» with its year (Мильчин А. Э., Чельцова Л. К.,
# «Справочник издателя и автора», the rules on line breaks). A no-break space (U+00A0),
# which reportlab does not break at, does all three.
NBSP = "\u00a0"
_ONE_LETTER = re.compile(r"(?<![\w\-.])([^\W\d_])[ \t]+(?=\S)")
_BEFORE_DASH = re.compile(r"[ \t]+(?=[—–]\s)")
_YEAR = re.compile(r"(?<!\d)(\d{4})[ \t]+(?=г(?:\.|г\.|од))")
_BORN = re.compile(r"(?<=\bг\.)[ \t]+(?=р\.)")


def typeset(text: str) -> str:
    """``text`` with no-break spaces where Russian typesetting keeps words together:
    after one-letter words («в Твери», «и я»), before «—», between a year and «г.»."""
    text = _ONE_LETTER.sub(rf"\1{NBSP}", text)
    text = _BEFORE_DASH.sub(NBSP, text)
    text = _YEAR.sub(rf"\1{NBSP}", text)
    return _BORN.sub(NBSP, text)


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities, for reportlab's paragraph markup (what
    ``xml.sax.saxutils.escape`` does; importing that pulls in urllib, http and ssl)."""
    return _html_escape(text, quote=False)


def paragraphs(text: str) -> list[str]:
    """Split plain text into paragraphs on blank lines; trims each paragraph."""
    out: list[str] = []
    current: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if line.strip():
            current.append(line.strip())
        elif current:
            out.append("\n".join(current))
            current = []
    if current:
        out.append("\n".join(current))
    return out


def _styles() -> dict:
    # deferred: reportlab is slow to import
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    fonts.register_serif()
    body = ParagraphStyle(
        "body",
        fontName=fonts.SERIF,
        fontSize=g.LETTER_PT,
        leading=g.LETTER_PT * g.LETTER_LEADING,
        spaceAfter=g.LETTER_PT * 0.6,
    )
    return {
        "body": body,
        "date": ParagraphStyle(
            "date", parent=body, alignment=TA_RIGHT, spaceAfter=g.LETTER_PT * 1.5
        ),
        "caption": ParagraphStyle(
            "caption", parent=body, fontName=fonts.SERIF_ITALIC, spaceBefore=g.LETTER_PT
        ),
        "address": ParagraphStyle("address", parent=body, spaceAfter=0),
    }


def a4_document(buffer: io.BytesIO, title: str):
    """A platypus document on A4 with the letter's margins (geometry.py) and metadata
    without a name (no author, no subject): the letter and the gloss page."""
    # deferred: reportlab is slow to import
    from reportlab.platypus import SimpleDocTemplate

    mm = g.MM
    return SimpleDocTemplate(
        buffer,
        pagesize=(g.A4_MM[0] * mm, g.A4_MM[1] * mm),
        leftMargin=g.LETTER_MARGIN_LEFT_MM * mm,
        rightMargin=g.LETTER_MARGIN_RIGHT_MM * mm,
        topMargin=g.LETTER_MARGIN_TOP_MM * mm,
        bottomMargin=g.LETTER_MARGIN_BOTTOM_MM * mm,
        title=title,
        author="",
        subject="",
        creator="letterkit",
        invariant=1,
    )


# «— N из M —» at the foot of every page of a multi-page letter
PAGE_NUMBER_PT = 9
PAGE_NUMBER_GREY = 0.35


def _page_number(page: int, total: int) -> str | None:
    return f"— {page} из {total} —" if total > 1 else None


class _RuledLines:
    """Factory for a flowable with blank ruled lines (an address to fill in)."""

    @staticmethod
    def make(count: int, width: float):
        from reportlab.platypus import Flowable  # deferred: reportlab is slow to import

        class RuledLines(Flowable):
            def __init__(self) -> None:
                super().__init__()
                self.gap = g.LETTER_PT * 2

            def wrap(self, avail_width, avail_height):
                return width, self.gap * count

            def draw(self):
                self.canv.setStrokeGray(0.5)
                self.canv.setLineWidth(0.5)
                for i in range(count):
                    y = self.gap * (count - i - 1) + 2
                    self.canv.line(0, y, width * 0.6, y)

        return RuledLines()


def render_letter(
    body: str,
    date: dt.date,
    sender: Sender | None = None,
    *,
    title: str = "Letter",
) -> bytes:
    """The letter as a PDF document."""
    # deferred: reportlab is slow to import
    from reportlab.platypus import KeepTogether

    Paragraph = paragraph_class()

    styles = _styles()
    buffer = io.BytesIO()
    doc = a4_document(buffer, title)
    story = [Paragraph(escape(typeset(russian_date(date))), styles["date"])]
    for para in paragraphs(body):
        story.append(Paragraph(escape(typeset(para)).replace("\n", "<br/>"), styles["body"]))
    closing = [Paragraph(RETURN_ADDRESS_CAPTION, styles["caption"])]
    if sender and sender.lines:
        closing.extend(Paragraph(escape(line), styles["address"]) for line in sender.lines)
        if sender.country != "RU":
            closing.append(
                Paragraph(
                    escape(sender_country_line(validate_country(sender.country))), styles["address"]
                )
            )
    else:
        closing.append(_RuledLines.make(EMPTY_RETURN_LINES, doc.width))
    story.append(KeepTogether(closing))
    canvas_class = footer_canvas_class(_page_number, size=PAGE_NUMBER_PT, grey=PAGE_NUMBER_GREY)

    def on_page(canvas, _doc):
        if canvas.getPageNumber() == 1:
            apply_metadata(canvas, title)

    doc.build(story, onFirstPage=on_page, canvasmaker=canvas_class)
    return buffer.getvalue()
