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


# Hard declension classes, both ways: (nominative last, first, middle), dative, gender.
# Real names of Memorial's list where one exists (marked M), else constructed.
HARD = [
    # indeclinable vowel-final surnames: the backward direction must not invent a stem
    (("Куку", "Эмир-Усеин", "Кемалович"), "Куку Эмир-Усеину Кемаловичу", "m"),  # M
    (("Чжу", "Юнь", None), "Чжу Юню", "m"),  # M (title «Чжу Юнь»)
    (("Шойгу", "Сергей", "Кужугетович"), "Шойгу Сергею Кужугетовичу", "m"),
    (("Абесадзе", "Георгий", "Шалвович"), "Абесадзе Георгию Шалвовичу", "m"),
    (("Абесадзе", "Нино", "Георгиевна"), "Абесадзе Нино Георгиевне", "f"),
    (("Гамсахурдиа", "Константин", "Звиадович"), "Гамсахурдиа Константину Звиадовичу", "m"),
    (("Саганджи", "Февзи", "Меметович"), "Саганджи Февзи Меметовичу", "m"),  # M
    # a woman's surname in -ой with no vowel before it is no adjective («Ц-ая»): as it is
    (("Цой", "Виктория", "Робертовна"), "Цой Виктории Робертовне", "f"),
    (("Рой", "Анна", "Павловна"), "Рой Анне Павловне", "f"),
    (("Цой", "Виктор", "Робертович"), "Цою Виктору Робертовичу", "m"),
    # -их/-ых
    (("Белых", "Иван", "Николаевич"), "Белых Ивану Николаевичу", "m"),
    (("Меньших", "Ольга", "Сергеевна"), "Меньших Ольге Сергеевне", "f"),  # M
    # -ой / -ый / -ий (the surname lists decide -ому)
    (("Толстой", "Лев", "Николаевич"), "Толстому Льву Николаевичу", "m"),
    (("Крутой", "Игорь", "Яковлевич"), "Крутому Игорю Яковлевичу", "m"),
    (("Донской", "Дмитрий", "Иванович"), "Донскому Дмитрию Ивановичу", "m"),
    (("Горелый", "Алексей", "Владимирович"), "Горелому Алексею Владимировичу", "m"),  # M
    (("Горький", "Максим", "Алексеевич"), "Горькому Максиму Алексеевичу", "m"),
    (("Кислая", "Лариса", "Евгеньевна"), "Кислой Ларисе Евгеньевне", "f"),  # M
    (("Навальная", "Ирина", "Сергеевна"), "Навальной Ирине Сергеевне", "f"),  # M
    # hyphenated, male and female; double given names
    (("Петрова-Водкина", "Анна-Мария", "Ивановна"), "Петровой-Водкиной Анне-Марии Ивановне", "f"),
    (("Петров-Водкин", "Кузьма", "Сергеевич"), "Петрову-Водкину Кузьме Сергеевичу", "m"),
    (("Винатье", "Лоран", "Клод Жан-Луи"), "Винатье Лорану Клоду Жан-Луи", "m"),  # M
    (("Винтер", "Грегори", "Маркус Северин"), "Винтеру Грегори Маркусу Северину", "m"),  # M
    # Turkic patronymic particles, and the Kyrgyz form with the particle in the surname
    (("Асанов", "Бакыт", "Талантбек уулу"), "Асанову Бакыту Талантбек уулу", "m"),
    (("Абдыманап уулу", "Алтынбек", None), "Абдыманап уулу Алтынбеку", "m"),  # M
    (("Алиева", "Айгюн", "Намик кызы"), "Алиевой Айгюн Намик кызы", "f"),
    (("Сейтказиев", "Нурлан", "Болат улы"), "Сейтказиеву Нурлану Болат улы", "m"),
    # foreign names, gender from the first-name list
    (("Смит", "Джон", "Роберт"), "Смиту Джону Роберту", "m"),
    (("Пайк", "Шон", "Антонио"), "Пайку Шону Антонио", "m"),  # M
    # one-word given name, no patronymic
    (("Идрисов", "Рафис", None), "Идрисову Рафису", "m"),  # M
    (("Хван", "Владимир", None), "Хвану Владимиру", "m"),  # M
]


@pytest.mark.parametrize(("nominative", "dative", "gender"), HARD)
def test_hard_classes_both_ways(nominative: tuple, dative: str, gender: str) -> None:
    assert to_dative(*nominative) == dative
    assert from_dative(dative) == (*nominative, gender)


@pytest.mark.parametrize(
    ("first", "gender"),
    [("Лоран", "m"), ("Джон", "m"), ("Клод", "m"), ("Шон", "m"), ("Тэсон", None),
     ("Рамиля", "f"), ("Анна-Мария", "f"), ("Мария", "f")],
)  # fmt: skip
def test_first_name_gender_from_the_list(first: str, gender: str | None) -> None:
    from letterkit.names import first_name_gender

    assert first_name_gender(first) == gender


def test_name_lists_cite_their_sources() -> None:
    from letterkit.resources import data_dir

    for name in ("first_names.toml", "surnames.toml"):
        head = (data_dir() / "names" / name).read_text(encoding="utf-8")[:1200]
        assert "opencorpora.org" in head and "memopzk.org" in head, name


@pytest.mark.parametrize(
    ("dative", "last"),
    [("Соловей Марине Павловне", "Соловей"), ("Гусей Ольге Игоревне", "Гусей")],
)
def test_a_womans_surname_in_ей_is_indeclinable_not_яя(dative: str, last: str) -> None:
    assert from_dative(dative)[0] == last


@pytest.mark.parametrize(
    ("dative", "last"),
    [
        ("Луговому Даниилу Петровичу", "Луговой"),  # 133 people to 0 (frequency.json)
        ("Белому Андрею Ивановичу", "Белый"),
        ("Горелому Ивану Ивановичу", "Горелый"),
    ],
)
def test_ому_reads_the_surname_more_people_bear(dative: str, last: str) -> None:
    assert from_dative(dative)[0] == last
