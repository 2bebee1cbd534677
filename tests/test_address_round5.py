"""Classes the mutation harness (scripts/measure_mutations.py) and the held-out published
lines (benchmarks/heldout/lines-set1b.jsonl) found, each written the ways publishers
write it, with the fields worked out by hand from the line."""

from __future__ import annotations

import pytest

from letterkit import names
from letterkit.address.parse import parse_address
from letterkit.address.words import unexplained_words

SIZO5 = "ФКУ СИЗО-5 ГУФСИН России по Свердловской области"
EKB = "620024, г. Екатеринбург, Елизаветинское шоссе, д. 19"


def _check(line: str, want: dict[str, object]) -> None:
    a = parse_address(line)
    r = a.recipient
    got = {
        "postcode": a.postcode,
        "region": a.region,
        "locality": a.locality,
        "sublocality": a.sublocality,
        "street": a.street,
        "house": a.house,
        "building": a.building,
        "facility": a.facility,
        "dative": r.dative if r else None,
        "last": r.last if r else None,
        "first": r.first if r else None,
        "middle": r.middle if r else None,
        "birth_year": r.birth_year if r else None,
        "printable": a.printable,
    }
    for key, value in want.items():
        if key == "warnings":
            assert sorted({w.code for w in a.warnings}) == value, a.warnings
        else:
            assert got[key] == value, (key, got[key], a.warnings, a.notes)
    assert unexplained_words(line, a) == []


GENITIVE = [
    # Memorial's reverse order, the person after «для»
    (
        f"{EKB}, {SIZO5}, для Талипова Радика Азаматовича, 1994 г. р.",
        ("Талипову Радику Азаматовичу", "Талипов", "Радик", "Азаматович", 1994),
    ),
    # a chat's sentence, the address after a colon
    (
        (
            "Сербскому центру для Хасанова Рустама Ильдаровича (1979 года рождения): 119034, "
            "Москва, Кропоткинский переулок, 23, ФГБУ «НМИЦ ПН им. В. П. Сербского» Минздрава "
            "России"
        ),
        ("Хасанову Рустаму Ильдаровичу", "Хасанов", "Рустам", "Ильдарович", 1979),
    ),
    # natural order, a woman, no comma before the year
    (
        (
            f"Для Петровой Анны Сергеевны 1990 г.р., {SIZO5}, Елизаветинское шоссе, д. 19, "
            "г. Екатеринбург, 620024"
        ),
        ("Петровой Анне Сергеевне", "Петрова", "Анна", "Сергеевна", 1990),
    ),
    # the facility glued to the name, -ого surname, a fleeting vowel in the first name
    (
        f"{EKB}, {SIZO5} для Толстого Льва Николаевича, 1985 г. р.",
        ("Толстому Льву Николаевичу", "Толстой", "Лев", "Николаевич", 1985),
    ),
    # a hard consonant before -и: «Ольги» is Ольга, an indeclinable -их surname
    (
        f"{EKB}, {SIZO5}, для Меньших Ольги Сергеевны, 1964 г. р.",
        ("Меньших Ольге Сергеевне", "Меньших", "Ольга", "Сергеевна", 1964),
    ),
    # a Turkic patronymic phrase stays as it is
    (
        f"{EKB}, {SIZO5}, для Гусейновой Севиль Натиг кызы, 1993 г. р.",
        ("Гусейновой Севиль Натиг кызы", "Гусейнова", "Севиль", "Натиг кызы", 1993),
    ),
]


@pytest.mark.parametrize(("line", "want"), GENITIVE)
def test_name_in_the_genitive_after_dlya(line: str, want: tuple) -> None:
    dative, last, first, middle, year = want
    a = parse_address(line)
    _check(
        line,
        {
            "dative": dative,
            "last": last,
            "first": first,
            "middle": middle,
            "birth_year": year,
            "printable": True,
        },
    )
    assert "name-genitive" in {w.code for w in a.warnings}
    msg = next(w.message for w in a.warnings if w.code == "name-genitive")
    assert f"«{dative}»" in msg


def test_sentence_before_dlya_is_quoted_in_a_note() -> None:
    a = parse_address(GENITIVE[1][0])
    assert a.street == "Кропоткинский пер."
    assert a.house == "23"
    assert a.facility == "ФГБУ «НМИЦ ПН им. В. П. Сербского» Минздрава России"
    assert any("Сербскому центру" in n for n in a.notes)


@pytest.mark.parametrize(
    ("genitive", "nominative"),
    [
        ("Кобзева Вадима Дмитриевича", ("Кобзев", "Вадим", "Дмитриевич", "m")),
        ("Слащёва Валерия Владимировича", ("Слащёв", "Валерий", "Владимирович", "m")),
        ("Римского-Корсакова Ильи Андреевича", ("Римский-Корсаков", "Илья", "Андреевич", "m")),
        ("Мельконьянца Григория Аркадьевича", ("Мельконьянц", "Григорий", "Аркадьевич", "m")),
        ("Маладыки Владимира Ивановича", ("Маладыка", "Владимир", "Иванович", "m")),
        ("Данилович Ирины Брониславовны", ("Данилович", "Ирина", "Брониславовна", "f")),
        ("Шойгу Сергея Кужугетовича", ("Шойгу", "Сергей", "Кужугетович", "m")),
    ],
)
def test_from_genitive(genitive: str, nominative: tuple) -> None:
    last, first, middle, gender, ok = names.from_genitive(genitive)
    assert (last, first, middle, gender) == nominative
    assert ok


LOWER = [
    # Memorial's reverse order, the facility typed in lower case
    (
        (
            "600021, г. Владимир, ул. 9 января, д. 5а, фку сизо-1 уфсин россии по владимирской "
            "области, Кобзеву Вадиму Дмитриевичу, 1983 г. р."
        ),
        "ФКУ СИЗО-1 УФСИН России по Владимирской области",
    ),
    # a chat's natural order, a settlement colony of a colony
    (
        (
            "Лерману Льву Исааковичу 1956 г.р., укп при фку ик-14 гуфсин россии по нижегородской "
            "области, ул. 2-я Лесная, д. 1а, р. п. Сухобезводное, г. Семенов, Нижегородская "
            "область, 606640"
        ),
        "УКП при ФКУ ИК-14 ГУФСИН России по Нижегородской области",
    ),
    # a hospital of the regional health ministry
    (
        (
            "412316, Саратовская область, г. Балашов, ул. Красина, д. 103, гуз «балашовский мпнд» "
            "мз со, Непеину Олегу Николаевичу, 1955 г. р."
        ),
        "ГУЗ «балашовский мпнд» мз со",
    ),
]


@pytest.mark.parametrize(("line", "facility"), LOWER)
def test_facility_in_lower_case(line: str, facility: str) -> None:
    _check(line, {"facility": facility, "printable": True})


def test_lower_case_words_that_are_no_facility_stay() -> None:
    """Only a segment that starts with an FSIN acronym is given capitals again."""
    a = parse_address(
        "600021, г. Владимир, ул. 9 января, д. 5а, ФКУ СИЗО-1 УФСИН России по Владимирской "
        "области, Кобзеву Вадиму Дмитриевичу, 1983 г. р."
    )
    assert a.street == "ул. 9 января"


UNITS = [
    # Memorial's reverse order: a plot of the colony after the facility
    (
        (
            "393265, Тамбовская область, п. Зелёный, ул. Центральная, д. 6, ФКУ ИК-3 УФСИН "
            "России по Тамбовской области, участок 3, Королёву Сергею Васильевичу, 1973 г. р."
        ),
        {
            "house": "6",
            "building": None,
            "facility": "ФКУ ИК-3 УФСИН России по Тамбовской области, участок 3",
        },
    ),
    # a volunteer's spreadsheet: a building of the SIZO after the facility
    (
        (
            "630005, г. Новосибирск, ул. Караваева, д. 1, ФКУ СИЗО-1 ГУФСИН России по "
            "Новосибирской области, корпус 3, Сомову Петру Ильичу, 1988 г. р."
        ),
        {
            "house": "1",
            "building": None,
            "facility": "ФКУ СИЗО-1 ГУФСИН России по Новосибирской области, корпус 3",
        },
    ),
    # a chat's natural order: the detachment, short, before the facility
    (
        (
            "Сомову Петру Ильичу, 1988 г.р., отр. 7, ФКУ ИК-2 УФСИН России по Владимирской "
            "области, ул. Ленина, д. 1, г. Покров, Владимирская область, 601120"
        ),
        {
            "house": "1",
            "building": None,
            "facility": "ФКУ ИК-2 УФСИН России по Владимирской области, отр. 7",
        },
    ),
    # RosUznik: a plot as the house, before the facility
    (
        (
            "443527, Самарская обл., Волжский р-н, с. Спиридоновка, ул. Садовая, уч. 12, ФКУ "
            "ИК-26 УФСИН России по Самарской области, Сомову Петру Ильичу, 1988 г. р."
        ),
        {
            "street": "ул. Садовая",
            "house": "уч. 12",
            "facility": "ФКУ ИК-26 УФСИН России по Самарской области",
        },
    ),
    # a building of the house stays the building
    (
        (
            "Адрес: ул. Лефортовский Вал, 5, корп. 2, Москва, 111020. Сомову Петру Ильичу. "
            "1988 год рождения."
        ),
        {"house": "5", "building": "корп. 2", "facility": None},
    ),
]


@pytest.mark.parametrize(("line", "want"), UNITS)
def test_unit_next_to_the_facility(line: str, want: dict[str, object]) -> None:
    _check(line, {**want, "printable": True})


NO_COMMAS = [
    # a chat's line with no commas at all: region, locality, a street with its type after
    (
        (
            "620024 Свердловская область г. Екатеринбург Елизаветинское шоссе д. 19 ФКУ "
            "СИЗО-5 ГУФСИН России по Свердловской области Орлову Павлу Андреевичу 1991 г.р."
        ),
        {
            "region": "Свердловская область",
            "locality": "г. Екатеринбург",
            "street": "Елизаветинское ш.",
            "house": "19",
            "facility": SIZO5,
            "dative": "Орлову Павлу Андреевичу",
        },
    ),
    # the street type before the name, a district after the region
    (
        (
            "682640 Хабаровский край Амурский район г. Амурск шоссе Машиностроителей д. 10 "
            "ФКУ ИК-14 УФСИН России по Хабаровскому краю Орлову Павлу Андреевичу 1991 г.р."
        ),
        {
            "region": "Хабаровский край",
            "locality": "г. Амурск",
            "street": "ш. Машиностроителей",
            "house": "10",
            "facility": "ФКУ ИК-14 УФСИН России по Хабаровскому краю",
        },
    ),
    # «квартал», «поселок» in full, a bare house number
    (
        (
            "655017 Республика Хакасия г. Абакан квартал Молодёжный 11 ФКУ ИК-35 УФСИН России "
            "по Республике Хакасия Орлову Павлу Андреевичу 1991 г. р."
        ),
        {
            "region": "Республика Хакасия",
            "locality": "г. Абакан",
            "street": "кв-л Молодёжный",
            "house": "11",
        },
    ),
    (
        (
            "162562 Вологодская область поселок Шексна ул. Шоссейная д. 42 ФКУ ИК-12 УФСИН "
            "России по Вологодской области Орлову Павлу Андреевичу 1991 г. р."
        ),
        {
            "region": "Вологодская область",
            "locality": "пос. Шексна",
            "street": "ул. Шоссейная",
            "house": "42",
        },
    ),
    # a facility with no «по …» glued to the name: one comma missing
    (
        ("125130, Москва, ул. Выборгская, 20, СИЗО-5 «Водник» Орлову Павлу Андреевичу, 1991 г. р."),
        {"facility": "СИЗО-5 «Водник»", "dative": "Орлову Павлу Андреевичу", "house": "20"},
    ),
    (
        (
            "618540, Пермский край, г. Соликамск, ул. Карналлитовая, д. 98, ФКУ ИК-6 ГУФСИН "
            "России по Пермскому краю («Белый лебедь») Орловой Анне Павловне, 1991 г. р."
        ),
        {
            "facility": "ФКУ ИК-6 ГУФСИН России по Пермскому краю («Белый лебедь»)",
            "dative": "Орловой Анне Павловне",
        },
    ),
]


@pytest.mark.parametrize(("line", "want"), NO_COMMAS)
def test_line_with_commas_missing(line: str, want: dict[str, object]) -> None:
    _check(line, {**want, "birth_year": 1991, "printable": True})


@pytest.mark.parametrize(
    ("dative", "first", "other"),
    [
        # Armenian women's names in -е do not decline; the -а reading has few bearers
        ("Аванесян Гаяне Ашотовне", "Гаяне", "Гаяна"),
        ("Арутюнян Лусине Ашотовне", "Лусине", "Лусина"),
        # a common -а name is read as such, the -е name named in the warning
        ("Цуркан Карине Валерьевне", "Карина", "Карине"),
        # so common that no warning is due
        ("Ивановой Анне Петровне", "Анна", None),
        ("Ивановой Нелли Петровне", "Нелли", None),
    ],
)
def test_womans_name_in_e(dative: str, first: str, other: str | None) -> None:
    assert names.from_dative_checked(dative)[1] == first
    readings = names.two_readings(dative)
    assert readings == ([(first, other)] if other else [])


PLANNING = [
    # a microdistrict before the street: a part of the locality
    (
        (
            "301781, Тульская область, г. Донской, мкр. Центральный, ул. Ленина, д. 3, ФКУ "
            "ИК-1 УФСИН России по Тульской области, Орлову Павлу Андреевичу, 1991 г. р."
        ),
        {"sublocality": "мкр. Центральный", "street": "ул. Ленина", "house": "3"},
    ),
    # its type after the name, as OVD-Info writes it
    (
        (
            "391846, Рязанская обл., г. Скопин, Октябрьский мкр, ул. Заводская, д. 1, ФКУ "
            "ИК-3 УФСИН России по Рязанской области, Орлову Павлу Андреевичу, 1991 г. р."
        ),
        {"sublocality": "Октябрьский мкр", "street": "ул. Заводская", "house": "1"},
    ),
    # a microdistrict and a settlement in it, no street
    (
        (
            "Орлову Павлу Андреевичу, 1991 г. р., ИК-3 УФСИН России по Смоленской области, "
            "микрорайон Горный, посёлок Шахта 3, г. Сафоново, Смоленская область, 215500"
        ),
        {"sublocality": "мкр. Горный, пос. Шахта 3", "street": None, "house": None},
    ),
    # a quarter alone with the house stays the street line
    (
        (
            "655017, Республика Хакасия, г. Абакан, кв-л Молодёжный, д. 11, ФКУ ИК-35 УФСИН "
            "России по Республике Хакасия, Орлову Павлу Андреевичу, 1991 г. р."
        ),
        {"sublocality": None, "street": "кв-л Молодёжный", "house": "11"},
    ),
    # a quarter of an industrial zone is one part with it
    (
        (
            "Орлову Павлу Андреевичу, 1991 г. р., ФКУ ИК-2 УФСИН России по Брянской области, "
            "Промышленный массив, квартал 10, г. Клинцы, Брянская область, 243140"
        ),
        {"sublocality": None, "street": "Промышленный массив, кв-л 10"},
    ),
]


@pytest.mark.parametrize(("line", "want"), PLANNING)
def test_microdistrict_with_a_street_is_a_sublocality(line: str, want: dict[str, object]) -> None:
    _check(line, {**want, "printable": True})


NATURAL_NO_COMMAS = [
    # a chat's natural order with no commas at all, the region short and without a dot
    (
        (
            "Сомову Петру Ильичу 1988 г.р. ФКУ ИК-13 ГУФСИН России по Свердловской обл. "
            "ул. Кулибина д. 61 г. Нижний Тагил Свердловская обл 622012"
        ),
        {
            "region": "Свердловская область",
            "locality": "г. Нижний Тагил",
            "street": "ул. Кулибина",
            "house": "61",
            "dative": "Сомову Петру Ильичу",
        },
    ),
    (
        (
            "Сомову Петру Ильичу 1988 г.р. ФКУ ИК-2 УФСИН России по Владимирской области ул. "
            "Ленина д. 1 г. Покров Владимирская область 601120"
        ),
        {
            "region": "Владимирская область",
            "locality": "г. Покров",
            "street": "ул. Ленина",
            "house": "1",
            "facility": "ФКУ ИК-2 УФСИН России по Владимирской области",
        },
    ),
]


@pytest.mark.parametrize(("line", "want"), NATURAL_NO_COMMAS)
def test_natural_order_without_commas(line: str, want: dict[str, object]) -> None:
    _check(line, {**want, "birth_year": 1988, "printable": True})
