"""Prose glued to an address line (a channel post's next sentence, a hashtag, an emoji):
cut off for a warning that quotes it, never left in a field, never dropped silently."""

from __future__ import annotations

import pytest

from letterkit.address.parse import parse_address
from letterkit.address.prose import prose_word

HEAD = "618703, Пермский край, г. Добрянка, ул. Советская, д. 1, ФКУ ИК-10 ГУФСИН России по Пермскому краю"
TAIL = "Иванову Ивану Ивановичу, 1990 г. р."
FIELDS = {
    "postcode": "618703",
    "region": "Пермский край",
    "locality": "г. Добрянка",
    "street": "ул. Советская",
    "house": "1",
    "facility": "ФКУ ИК-10 ГУФСИН России по Пермскому краю",
}


def _dropped(address) -> list[str]:
    out = []
    for w in address.warnings:
        if w.code == "prose-dropped":
            assert w.message.endswith(
                "off the envelope: a sentence, hashtag or emoji of the post, no part of an "
                "address — check that the address is complete"
            )
            out.append(w.message.split("«", 1)[1].rsplit("» off", 1)[0])
    return out


@pytest.mark.parametrize(
    ("line", "prose"),
    [
        (f"{HEAD}, {TAIL} Пишите письма!", ["Пишите письма!"]),
        (f"{HEAD}, Иванову Ивану Ивановичу, 1990 г.р. #письма", ["#письма"]),
        (f"{HEAD}, Иванову Ивану Ивановичу, 1990 г.р. #письма #политзек", ["#письма", "#политзек"]),
        (f"{HEAD}, {TAIL} 🙏✉️", []),  # pictographs alone lose no word: a note
        (f"{HEAD}, {TAIL} Свободу политзаключённым!", ["Свободу политзаключённым!"]),
        (f"{HEAD}, {TAIL} Поддержите его письмом", ["Поддержите его письмом"]),
        (f"{HEAD}, {TAIL} Ему важно получать письма.", ["Ему важно получать письма."]),
        (f"Пишите письма! {HEAD}, {TAIL}", ["Пишите письма!"]),
        (f"Срочно нужны письма: {HEAD}, {TAIL}", []),  # a caption: dropped with a note
        # natural order: the post's sentence after the postcode
        (
            (
                "Иванову Ивану Ивановичу, 1990 г. р., ФКУ ИК-10 ГУФСИН России по Пермскому краю, "
                "ул. Советская, д. 1, г. Добрянка, Пермский край, 618703. Пишите ему!"
            ),
            ["Пишите ему!"],
        ),
    ],
)
def test_prose_is_cut_off_with_a_warning(line: str, prose: list[str]) -> None:
    a = parse_address(line)
    assert {k: getattr(a, k) for k in FIELDS} == FIELDS
    assert a.recipient is not None
    assert (a.recipient.dative, a.recipient.birth_year) == ("Иванову Ивану Ивановичу", 1990)
    assert _dropped(a) == prose
    assert a.printable
    assert not [w for w in a.warnings if w.code == "text-lost"]


def test_prose_after_the_house_leaves_the_house_alone() -> None:
    a = parse_address(
        "693008, Сахалинская область, г. Южно-Сахалинск, ул. Пограничная, д. 71 Пишите письма!"
    )
    assert (a.street, a.house) == ("ул. Пограничная", "71")
    assert _dropped(a) == ["Пишите письма!"]


@pytest.mark.parametrize(
    "line",
    [
        # a place the dictionary reads as a verb («видим»), after its type's full stop
        (
            "412900, Саратовская обл., г. Вольск, п. Видим, 12 ФКУ ИК-5 УФСИН России по "
            "Саратовской области, Решетниковой Гулчехре Амонжоновне, 1971 г. р."
        ),
        # a surname the dictionary knows as a verb, with a patronymic after it
        f"{HEAD}, Гуляй Ивану Ивановичу, 1990 г. р.",
        # the name after the house with no comma
        (
            "618703, Пермский край, г. Добрянка, ул. Советская, д. 1 ФКУ ИК-10 ГУФСИН России по "
            "Пермскому краю, Иванову Ивану Ивановичу, 1990 г. р."
        ),
    ],
)
def test_address_words_are_not_prose(line: str) -> None:
    assert _dropped(parse_address(line)) == []


@pytest.mark.parametrize(
    ("word", "prose"),
    [
        ("Пишите", True),
        ("Он", True),
        ("Также", True),
        ("Срочно", True),
        ("Пограничная", False),
        ("Иванову", False),
        ("Москва", False),
        ("Адрес", False),
        ("Нет", True),
        ("Спасибо", True),
        ("Ватре", False),  # unknown to the dictionary: never prose
        ("ФКУ", False),
    ],
)
def test_prose_words(word: str, prose: bool) -> None:
    assert prose_word(word) is prose


def test_pictographs_alone_are_a_note_not_a_warning() -> None:
    a = parse_address(f"📮 {HEAD}, {TAIL} 🙏✉️")
    assert not a.warnings
    assert a.notes.count("dropped text: «🙏✉️»") == 1
    assert a.printable
