"""The letter PDF: Russian date, greeting, return address, page numbers."""

from __future__ import annotations

import datetime as dt

from letterkit.dates import russian_date
from letterkit.models import Sender
from letterkit.render.letter import paragraphs, render_letter
from pdfutil import lines, page_count, text

DATE = dt.date(2026, 11, 25)
BODY = "Здравствуйте, Александр!\n\nМеня зовут Мария.\nЯ живу в Твери.\n\nВсего доброго,\nМария"
SENDER = Sender.parse("Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000")


def test_russian_date():
    assert russian_date(DATE) == "25 ноября 2026 г."
    assert russian_date(dt.date(2027, 1, 5)) == "5 января 2027 г."


def test_first_page_has_date_greeting_and_return_address():
    pdf = render_letter(BODY, DATE, SENDER)
    found = [t for t, _ in lines(pdf)]
    assert found[0] == "25 ноября 2026 г."
    assert found[1] == "Здравствуйте, Александр!"
    tail = found[found.index("Мой адрес для ответа:") :]
    assert tail[1:] == [
        "Иванова Мария Петровна",
        "ул. Ленина, д. 1, кв. 2",
        "г. Тверь",
        "170000",
    ]


def test_date_is_top_right():
    pdf = render_letter(BODY, DATE, SENDER)
    (first, box), (_, box2) = lines(pdf)[:2]
    assert first == "25 ноября 2026 г."
    assert box.x0 > box2.x0 + 200  # right-aligned, well right of the body's left margin


def test_no_sender_leaves_lines_to_fill_in():
    pdf = render_letter(BODY, DATE, None)
    assert "Мой адрес для ответа:" in text(pdf)
    assert "Иванова" not in text(pdf)


def test_single_page_has_no_page_number():
    assert "из 1" not in text(render_letter(BODY, DATE, SENDER))


def test_long_letter_gets_page_numbers():
    body = "\n\n".join(["Сегодня я расскажу вам о своём саде и о том, что в нём растёт." * 6] * 12)
    pdf = render_letter(body, DATE, SENDER)
    pages = page_count(pdf)
    assert pages >= 2
    content = text(pdf)
    for n in range(1, pages + 1):
        assert f"— {n} из {pages} —" in content


def test_paragraphs_split_on_blank_lines():
    assert paragraphs("a\nb\n\n\nc\r\n\r\nd") == ["a\nb", "c", "d"]


def test_letter_is_deterministic():
    assert render_letter(BODY, DATE, SENDER) == render_letter(BODY, DATE, SENDER)


TYPESET_SENTENCE = (
    "Я живу в Твери и с детства люблю читать — а ещё гулять у реки и в лесу, о чём я"
    " и пишу к Вам в 2026 г. с радостью, как и обещала в письме о 1995 г. р."
)
TYPESET_BODY = "Здравствуйте!\n\n" + " ".join([TYPESET_SENTENCE] * 8)


def test_one_letter_words_dashes_and_years_never_hang_at_a_line_end():
    import re

    from letterkit.render.letter import typeset

    assert typeset("Я живу в Твери и с детства — а в 2026 г. тоже") == (
        "Я\u00a0живу в\u00a0Твери и\u00a0с\u00a0детства\u00a0— а\u00a0в\u00a02026\u00a0г. тоже"
    )
    assert typeset("А. Д. Баценин, т.е. он") == "А. Д. Баценин, т.е. он"  # initials stay
    found = [t for t, _ in lines(render_letter(TYPESET_BODY, DATE))]
    body = found[2 : found.index("Мой адрес для ответа:")]
    assert len(body) > 8  # the paragraph really wraps, many times
    for line in body:
        words = line.split()
        assert not re.fullmatch(r"[^\W\d_]", words[-1]), line  # «… в» at a line end
        assert words[0] not in ("—", "г."), line  # «— а» or «г.» starting a line
        assert not re.fullmatch(r"\d{4}", words[-1]), line  # a year cut from its «г.»
