"""The gloss page (``write --gloss``): for the writer only, never to be sent.

A4 in the letter's fonts (PT Serif): a header that says the page is not to be sent, then
the letter sentence by sentence, the Russian sentence and below it, indented in italics,
what it means in English. Long sentences wrap and many sentences flow on to more pages;
every page repeats at its foot that it is not to be sent, with its number.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from letterkit.render import fonts
from letterkit.render import geometry as g
from letterkit.render.letter import a4_document, escape, typeset
from letterkit.render.pdf import apply_metadata, footer_canvas_class

HEADER_PT = 15  # the «do not send» header: larger than the letter's 12 pt
MEANING_PT = 11  # the English meaning under each sentence
MEANING_INDENT_MM = 8
MEANING_GREY = 0.3  # 0 black … 1 white: the meaning reads as secondary to the Russian
SENTENCE_GAP_PT = 7  # between one sentence's meaning and the next sentence
FOOTER_PT = 9


@dataclass(frozen=True)
class GlossLine:
    """One sentence of the letter and what it means (``own``: words no template knows)."""

    russian: str
    meaning: str
    own: bool = False


def _styles() -> dict:
    # deferred: reportlab is slow to import
    from reportlab.lib.colors import Color
    from reportlab.lib.styles import ParagraphStyle

    fonts.register_serif()
    body = ParagraphStyle(
        "gloss-ru", fontName=fonts.SERIF, fontSize=g.LETTER_PT, leading=g.LETTER_PT * 1.3
    )
    grey = Color(MEANING_GREY, MEANING_GREY, MEANING_GREY)
    meaning = ParagraphStyle(
        "gloss-en",
        parent=body,
        fontName=fonts.SERIF_ITALIC,
        fontSize=MEANING_PT,
        leading=MEANING_PT * 1.3,
        leftIndent=MEANING_INDENT_MM * g.MM,
        textColor=grey,
        spaceAfter=SENTENCE_GAP_PT,
    )
    return {
        "header": ParagraphStyle(
            "gloss-header",
            parent=body,
            fontName=fonts.SERIF_BOLD,
            fontSize=HEADER_PT,
            leading=HEADER_PT * 1.3,
            spaceAfter=HEADER_PT * 0.3,
        ),
        "heading": ParagraphStyle(
            "gloss-heading", parent=body, fontName=fonts.SERIF_BOLD, spaceAfter=g.LETTER_PT * 0.3
        ),
        "intro": ParagraphStyle("gloss-intro", parent=body, spaceAfter=g.LETTER_PT * 1.2),
        "ru": body,
        "en": meaning,
        # the writer's own words: the meaning's place, in black bold — check them
        "own": ParagraphStyle(
            "gloss-own", parent=meaning, fontName=fonts.SERIF_BOLD, textColor=body.textColor
        ),
    }


def _canvas_class(footer: str):
    """``footer — N/M`` at the foot of every page."""
    return footer_canvas_class(
        lambda page, total: f"{footer} — {page}/{total}", size=FOOTER_PT, grey=MEANING_GREY
    )


def render_gloss(
    lines: Sequence[GlossLine],
    *,
    header: Sequence[str],
    intro: str,
    title: str = "For you only",
) -> bytes:
    """The gloss page as a PDF: ``header`` lines in bold (the first also at the foot of
    every page), ``intro`` under them, then each sentence with its meaning below it."""
    return render_glosses([("", lines)], header=header, intro=intro, title=title)


def render_glosses(
    sections: Sequence[tuple[str, Sequence[GlossLine]]],
    *,
    header: Sequence[str],
    intro: str,
    title: str = "For you only",
) -> bytes:
    """Several letters' glosses in one PDF (``batch --letters --gloss``): each section
    starts a page with the header, its heading (whom the letter is for) and its lines."""
    # deferred: reportlab is slow to import
    from reportlab.platypus import KeepTogether, PageBreak, Paragraph

    styles = _styles()
    buffer = io.BytesIO()
    doc = a4_document(buffer, title)
    story: list = []
    for number, (heading, lines) in enumerate(sections):
        if number:
            story.append(PageBreak())
        story += [Paragraph(escape(line), styles["header"]) for line in header]
        if heading:
            story.append(Paragraph(escape(heading), styles["heading"]))
        story.append(Paragraph(escape(intro), styles["intro"]))
        for line in lines:
            story.append(
                KeepTogether(
                    [
                        Paragraph(escape(typeset(line.russian)), styles["ru"]),
                        Paragraph(escape(line.meaning), styles["own" if line.own else "en"]),
                    ]
                )
            )

    def on_page(canvas, _doc):
        if canvas.getPageNumber() == 1:
            apply_metadata(canvas, title)

    doc.build(story, onFirstPage=on_page, canvasmaker=_canvas_class(header[0] if header else ""))
    return buffer.getvalue()
