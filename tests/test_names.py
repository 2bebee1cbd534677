"""Declension both ways on real names (letterkit.names).

Names and their published datives are from Memorial's list (memopzk.org, snapshot
2025-02-22, ../shared/data/memopzk-2025-02-22.jsonl) unless noted.
"""

from __future__ import annotations

import pytest

from letterkit.names import (
    detect_gender,
    from_dative,
    slugify,
    surname_from_dative,
    to_dative,
    transliterate,
)

# (nominative last, first, middle, gender, published dative)
REAL = [
    ("Баценин", "Александр", "Дмитриевич", "m", "Баценину Александру Дмитриевичу"),
    ("Карелина", "Ксения", "Павловна", "f", "Карелиной Ксении Павловне"),
    ("Полюдова", "Дарья", "Владимировна", "f", "Полюдовой Дарье Владимировне"),
    ("Беркович", "Евгения", "Борисовна", "f", "Беркович Евгении Борисовне"),  # indeclinable f
    ("Пономаренко", "Мария", "Николаевна", "f", "Пономаренко Марии Николаевне"),  # -о
    ("Руденко", "Тимофей", "Александрович", "m", "Руденко Тимофею Александровичу"),
    ("Горелый", "Алексей", "Владимирович", "m", "Горелому Алексею Владимировичу"),
    ("Коховец", "Юрий", "Анатольевич", "m", "Коховцу Юрию Анатольевичу"),  # fleeting е
    ("Мероченец", "Александр", "Александрович", "m", "Мероченцу Александру Александровичу"),
    ("Мельконьянц", "Григорий", "Аркадьевич", "m", "Мельконьянцу Григорию Аркадьевичу"),
    ("Маладыка", "Владимир", "Иванович", "m", "Маладыке Владимиру Ивановичу"),
    ("Слащёв", "Валерий", "Владимирович", "m", "Слащёву Валерию Владимировичу"),  # ё kept
    ("Лерман", "Лев", "Исаакович", "m", "Лерману Льву Исааковичу"),
    ("Хевронин", "Павел", "Владимирович", "m", "Хевронину Павлу Владимировичу"),
    ("Насиров", "Ирек", "Илфирович", "m", "Насирову Иреку Илфировичу"),  # exceptions table
    ("Абдуллаев", "Теймур", "Рза оглы", "m", "Абдуллаеву Теймуру Рза оглы"),  # оглы
    ("Идрисов", "Рафис", None, "m", "Идрисову Рафису"),  # no patronymic
    ("Саганджи", "Февзи", "Меметович", "m", "Саганджи Февзи Меметовичу"),  # foreign
    ("Холодный", "Даниэль", None, "m", "Холодному Даниэлю"),
    ("Рожков", "Алексей", "Игоревич", "m", "Рожкову Алексею Игоревичу"),
]


@pytest.mark.parametrize(("last", "first", "middle", "gender", "dative"), REAL)
def test_to_dative(last: str, first: str, middle: str | None, gender: str, dative: str) -> None:
    assert to_dative(last, first, middle, gender) == dative
    assert to_dative(last, first, middle) == dative  # gender detected


@pytest.mark.parametrize(("last", "first", "middle", "gender", "dative"), REAL)
def test_from_dative(last: str, first: str, middle: str | None, gender: str, dative: str) -> None:
    assert from_dative(dative) == (last, first, middle, gender)


@pytest.mark.parametrize(
    ("nominative", "dative", "gender"),
    [
        # the names of the published examples
        (("Кара-Мурза", "Владимир", "Владимирович"), "Кара-Мурзе Владимиру Владимировичу", "m"),
        (("Савченко", "Надежда", "Викторовна"), "Савченко Надежде Викторовне", "f"),
        (("Черных", "Андрей", "Иванович"), "Черных Андрею Ивановичу", "m"),  # -их/-ых
        (("Черных", "Анна", "Ивановна"), "Черных Анне Ивановне", "f"),
        (("Толстая", "Анна", "Львовна"), "Толстой Анне Львовне", "f"),
        (
            ("Римский-Корсаков", "Николай", "Андреевич"),
            "Римскому-Корсакову Николаю Андреевичу",
            "m",
        ),
        (("Мамедова", "Лейла", "Ильхам кызы"), "Мамедовой Лейле Ильхам кызы", "f"),
        (("БАЦЕНИН", "АЛЕКСАНДР", "ДМИТРИЕВИЧ"), "БАЦЕНИНУ АЛЕКСАНДРУ ДМИТРИЕВИЧУ", "m"),
        (("КАРА-МУРЗА", "ВЛАДИМИР", "ВЛАДИМИРОВИЧ"), "КАРА-МУРЗЕ ВЛАДИМИРУ ВЛАДИМИРОВИЧУ", "m"),
    ],
)
def test_both_directions(nominative: tuple[str, str, str], dative: str, gender: str) -> None:
    assert to_dative(*nominative) == dative
    assert from_dative(dative) == (*nominative, gender)


@pytest.mark.parametrize(("last", "first", "middle", "gender", "dative"), REAL)
def test_surname_alone_from_dative(
    last: str, first: str, middle: str | None, gender: str, dative: str
) -> None:
    """A surname with initials only (``Баценину А. Д.``): no gender to go by."""
    assert surname_from_dative(dative.split()[0]) == last


@pytest.mark.parametrize(
    ("dative", "last"),
    [
        ("Кара-Мурзе", "Кара-Мурза"),  # hyphenated
        ("Шевчуку", "Шевчук"),  # a man; a woman «Шевчуку» is only the word kept as it is
        ("Шевчук", "Шевчук"),  # a woman: only the indeclinable reading maps back
        ("Ивановой", "Иванова"),
        # both genders give a different nominative that maps back (Ворона, Вороня):
        # ambiguous, the published form is kept
        ("Вороне", "Вороне"),
    ],
)
def test_surname_alone_from_dative_gender_unknown(dative: str, last: str) -> None:
    assert surname_from_dative(dative) == last


def test_two_part_surname_declines_both_names() -> None:
    # Memorial's title «Карелина (Хавана) Ксения Павловна»
    assert to_dative("Карелина (Хавана)", "Ксения", "Павловна").startswith("Карелиной (")


def test_pytrovich_trap_irek() -> None:
    assert to_dative("Гилязов", "Ирек", None, "m") == "Гилязову Иреку"  # not «Ирьку»


@pytest.mark.parametrize(
    ("first", "middle", "gender"),
    [
        ("Александр", "Дмитриевич", "m"),
        ("Ксения", "Павловна", "f"),
        ("Теймур", "Рза оглы", "m"),
        ("Лейла", "Ильхам кызы", "f"),
        ("Ксения", None, "f"),
        ("Александр", None, "m"),
    ],
)
def test_detect_gender(first: str, middle: str | None, gender: str) -> None:
    assert detect_gender(first, middle) == gender


def test_transliteration_and_slug() -> None:
    assert transliterate("Баценин Александр Дмитриевич") == "Batsenin Aleksandr Dmitrievich"
    assert transliterate("Южно-Сахалинск") == "Yuzhno-Sakhalinsk"
    assert slugify("Баценин") == "batsenin"
    assert slugify("Кара-Мурза") == "kara-murza"
    assert slugify("Ильин") == "ilin"  # apostrophe of mvd_310 dropped
    assert slugify("Карелина (Хавана)") == "karelina-khavana"
