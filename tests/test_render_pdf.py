"""render.pdf's fast TrueType encoder gives reportlab's own result, call for call.

reportlab gives each new character of a document the next code of a font subset, so an
encoding is only right if it follows the same sequence of calls: each test feeds one
sequence of texts to reportlab's ``TTFont.splitString`` on one document and to
:class:`letterkit.render.pdf.FastSplit` on another, and compares every answer.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from letterkit.render import fonts
from letterkit.render.pdf import FastSplit, finish, new_canvas, speed_up_fonts
from pdfutil import page_count

PAGE = (100.0, 100.0)


def _font():
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.getFont(fonts.register(fonts.SANS))


def _pair(texts: list[str]) -> tuple[list, list]:
    """reportlab's answers and FastSplit's, each on a fresh document of its own."""
    from reportlab.pdfbase.ttfonts import TTFont

    font = _font()
    fast = FastSplit(font)
    fast.original = lambda text, doc, encoding="utf-8": TTFont.splitString(
        font, text, doc, encoding
    )
    theirs_canvas, _ = new_canvas(PAGE, "t")
    ours_canvas, _ = new_canvas(PAGE, "t")
    theirs = [TTFont.splitString(font, t, theirs_canvas._doc) for t in texts]
    ours = [fast(t, ours_canvas._doc) for t in texts]
    return theirs, ours


ENVELOPE_TEXT = [
    "Кому: Баценину Александру Дмитриевичу, 1995 г. р.",
    "ФКУ ИК-1 УФСИН России по Сахалинской области",
    "ул. Пограничная, д. 71",
    "Кому: Баценину Александру Дмитриевичу, 1995 г. р.",  # every character known now
    "г. Южно-Сахалинск",
    "693008",
    "",
    "ул.\u00a0Ленина",  # a no-break space is encoded as a space
    "Ёлкину Ёжику",
    "ФКУ ИК-1 УФСИН России по Сахалинской области",
]


def test_the_fast_encoder_answers_as_reportlab_does_on_envelope_text():
    theirs, ours = _pair(ENVELOPE_TEXT)
    assert ours == theirs
    assert ours[0] == ours[3] and ours[6] == []


def test_characters_past_the_first_subset_and_missing_from_the_font_answer_the_same():
    # More than 256 distinct characters of the font fill its first subset (codes come
    # in subsets of 256); CJK and emoji are not in PT Sans (reportlab gives them code 0,
    # the missing glyph).
    font = _font()
    many = "".join(chr(c) for c in sorted(font.face.charToGlyph) if c > 0xBF)[:400]
    assert len(many) == 400
    texts = [many[:120], many, many[150:], "漢字 🙂 Тверь", many[:120], "Тверь", many[300:]]
    theirs, ours = _pair(texts)
    assert ours == theirs
    assert any(subset > 0 for subset, _chunk in ours[2])


@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(
                list("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ")
                + list("abcXYZ0123456789 .,-№«»()/\u00a0")
                + ["漢", "🙂", "\u0301", "ѣ", "Ґ"]
            ),
            max_size=40,
        ),
        max_size=30,
    )
)
def test_any_sequence_of_texts_answers_as_reportlab_does(texts):
    theirs, ours = _pair(texts)
    assert ours == theirs


def test_envelopes_drawn_with_and_without_the_fast_encoder_are_the_same_bytes(monkeypatch):
    from letterkit.models import Address, Recipient, Sender
    from letterkit.render import pdf
    from letterkit.render.envelope import EnvelopeRenderer, envelope_content

    sender = Sender.parse("Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000")

    def draw() -> bytes:
        renderer = EnvelopeRenderer("DL")
        canvas, buffer = new_canvas(renderer.pagesize, "Envelopes")
        for k, name in enumerate(["Баценину", "Ёлкину", "Баценину", "Щукину", "Эрдни"]):
            address = Address(
                postcode="693008",
                region="Сахалинская область",
                locality="г. Южно-Сахалинск",
                street="ул. Пограничная",
                house=str(70 + k),
                facility="ФКУ ИК-1 УФСИН России по Сахалинской области",
                recipient=Recipient(f"{name} Александру Дмитриевичу", birth_year=1995),
            )
            renderer.draw(canvas, envelope_content(address, sender))
            canvas.showPage()
        return finish(canvas, buffer)

    speed_up_fonts()
    fast = draw()
    font = _font()
    assert isinstance(font.splitString, FastSplit)
    monkeypatch.setattr(pdf, "speed_up_fonts", lambda: None)
    monkeypatch.delattr(font, "splitString")  # the class's own method again
    assert not isinstance(font.splitString, FastSplit)
    assert draw() == fast


@pytest.mark.parametrize("name", [fonts.SANS, fonts.SANS_BOLD, fonts.SANS_ITALIC])
def test_every_registered_truetype_font_gets_the_fast_encoder(name):
    from reportlab.pdfbase import pdfmetrics

    fonts.register_sans()
    new_canvas(PAGE, "t")
    font = pdfmetrics.getFont(name)
    assert isinstance(font.splitString, FastSplit)
    speed_up_fonts()  # once: not wrapped twice
    assert not isinstance(font.splitString.original, FastSplit)


def test_documents_saved_with_and_without_the_fast_formatter_are_the_same_bytes(monkeypatch):
    """speed_up_formatting's fast paths give reportlab's own bytes: envelopes drawn inline
    and as forms, one without a sender, a label sheet, and a two-page letter (platypus,
    A4, page numbers in the footer)."""
    import datetime as dt

    from reportlab.pdfbase import pdfdoc

    from letterkit.models import Address, Recipient, Sender
    from letterkit.render.envelope import EnvelopeRenderer, envelope_content
    from letterkit.render.labels import render_label_sheets
    from letterkit.render.letter import render_letter
    from letterkit.render.pdf import speed_up_formatting

    sender = Sender.parse("Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000")
    addresses = [
        Address(
            postcode="693008",
            region="Сахалинская область",
            locality="г. Южно-Сахалинск",
            street="ул. Пограничная",
            house=str(70 + k % 2),
            facility="ФКУ ИК-1 УФСИН России по Сахалинской области",
            recipient=Recipient(f"{name} Александру Дмитриевичу", birth_year=1995),
        )
        for k, name in enumerate(["Баценину", "Ёлкину", "Баценину", "Щукину", "Баценину"])
    ]

    def documents() -> list[bytes]:
        renderer = EnvelopeRenderer("DL")
        canvas, buffer = new_canvas(renderer.pagesize, "Envelopes")
        for k, address in enumerate(addresses):
            renderer.draw(canvas, envelope_content(address, sender if k < 4 else None))
            canvas.showPage()
        body = "\n\n".join(["Здравствуйте! Пишу вам из Твери, у нас всё хорошо."] * 40)
        return [
            finish(canvas, buffer),
            render_label_sheets(addresses, "L7160"),
            render_letter(body, dt.date(2026, 11, 25), sender),
        ]

    speed_up_formatting()
    assert hasattr(pdfdoc.format, "original") and hasattr(pdfdoc.PDFName, "original")
    fast = documents()
    monkeypatch.setattr(pdfdoc, "format", pdfdoc.format.original)
    monkeypatch.setattr(pdfdoc, "PDFName", pdfdoc.PDFName.original)
    stock = documents()
    assert page_count(stock[2]) == 2
    assert fast == stock
