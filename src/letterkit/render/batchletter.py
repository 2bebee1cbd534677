"""Letters drawn onto the batch's shared canvas (``letterkit batch --letters TEMPLATE``).

The same page as :func:`letterkit.render.letter.render_letter` (A4, PT Serif, date,
paragraphs, return address, «— N из M —» on multi-page letters), but laid out by
platypus straight onto the one canvas the whole batch is drawn on, so a batch stays a
single PDF without merging files. Page numbers are PDF forms defined once the letter's
page count is known (a letter's total is unknown while its first page is drawn).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from letterkit.dates import russian_date
from letterkit.international import sender_country_line, validate_country
from letterkit.render import fonts
from letterkit.render import geometry as g
from letterkit.render.flow import Paragraphs
from letterkit.render.letter import (
    EMPTY_RETURN_LINES,
    RETURN_ADDRESS_CAPTION,
    _RuledLines,
    _styles,
    paragraphs,
    typeset,
)

if TYPE_CHECKING:
    from letterkit.models import Sender
    from letterkit.render.pages import PageCounter

_METADATA_SETTERS = (
    "setTitle",
    "setAuthor",
    "setSubject",
    "setCreator",
    "setProducer",
    "setKeywords",
)


class _SharedCanvas:
    """What platypus sees as its canvas: forwards to the batch canvas.

    ``save`` and the metadata setters do nothing (the batch owns the document);
    ``showPage`` stamps the page-number form and counts the page.
    """

    def __init__(self, real: Any, pages: PageCounter, prefix: str) -> None:
        object.__setattr__(self, "_real", real)
        object.__setattr__(self, "_pages", pages)
        object.__setattr__(self, "_prefix", prefix)
        object.__setattr__(self, "count", 0)

    def __getattr__(self, name: str) -> Any:
        if name in _METADATA_SETTERS:
            return lambda *args, **kwargs: None
        return getattr(self._real, name)

    def __setattr__(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)

    def form_name(self, index: int) -> str:
        return f"{self._prefix}p{index}"

    def showPage(self) -> None:
        if self._real is not None:
            self._real.doForm(self.form_name(self.count))
        object.__setattr__(self, "count", self.count + 1)
        self._pages.done()
        self._pages.page(A4)

    def save(self) -> None:
        pass


A4 = (g.A4_MM[0] * g.MM, g.A4_MM[1] * g.MM)


class LetterDrawer:
    """Styles built once; :meth:`draw` lays out one letter on the batch canvas."""

    def __init__(self, date: dt.date) -> None:
        self.date = date
        self.styles = _styles()
        self.date_text = escape(typeset(russian_date(date)))
        self._letters = 0
        self.paragraphs = Paragraphs()  # every letter repeats the date, caption, address
        fonts.register_serif()

    def _story(self, body: str, sender: Sender | None, width: float) -> list:
        from reportlab.platypus import KeepTogether  # deferred: reportlab is slow

        Paragraph = self.paragraphs

        styles = self.styles
        story: list = [Paragraph(self.date_text, styles["date"])]
        for para in paragraphs(body):
            story.append(Paragraph(escape(typeset(para)).replace("\n", "<br/>"), styles["body"]))
        closing: list = [Paragraph(RETURN_ADDRESS_CAPTION, styles["caption"])]
        if sender and sender.lines:
            closing.extend(Paragraph(escape(line), styles["address"]) for line in sender.lines)
            if sender.country != "RU":
                closing.append(
                    Paragraph(
                        escape(sender_country_line(validate_country(sender.country))),
                        styles["address"],
                    )
                )
        else:
            closing.append(_RuledLines.make(EMPTY_RETURN_LINES, width))
        story.append(KeepTogether(closing))
        return story

    def draw(self, pages: PageCounter, body: str, sender: Sender | None) -> int:
        """Draw one letter; ``pages`` is the batch page counter. Returns its page count."""
        # deferred: reportlab is slow to import
        from reportlab.pdfgen.canvas import Canvas
        from reportlab.platypus import SimpleDocTemplate

        mm = g.MM
        self._letters += 1
        real = pages.canvas
        if real is None:  # counting only (dry run): lay out on a scratch canvas
            real = Canvas(io.BytesIO(), pagesize=A4, invariant=1)
        shared = _SharedCanvas(real, pages, f"lkletter{self._letters}")
        doc = SimpleDocTemplate(
            io.BytesIO(),
            pagesize=A4,
            leftMargin=g.LETTER_MARGIN_LEFT_MM * mm,
            rightMargin=g.LETTER_MARGIN_RIGHT_MM * mm,
            topMargin=g.LETTER_MARGIN_TOP_MM * mm,
            bottomMargin=g.LETTER_MARGIN_BOTTOM_MM * mm,
            invariant=1,
        )
        pages.page(A4)
        doc.build(self._story(body, sender, doc.width), canvasmaker=lambda *a, **k: shared)
        total = shared.count
        for index in range(total):
            real.beginForm(shared.form_name(index))
            if total > 1:
                real.setFont(fonts.SERIF, 9)
                real.setFillGray(0.35)
                real.drawCentredString(
                    A4[0] / 2, g.PAGE_NUMBER_FROM_BOTTOM_MM * mm, f"— {index + 1} из {total} —"
                )
            real.endForm()
        return total
