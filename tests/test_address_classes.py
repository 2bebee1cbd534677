"""Classes of published lines that used to lose or misplace a part, each written the
ways publishers write it (Memorial's reverse order, OVD-Info's «Кому/Куда» block,
RosUznik's natural order, avtonom.org, news sites, chats), with the expected fields; and
the property that no word of a line is missing from the envelope unless a note says why.

The expected values were worked out by hand from each line: the parts, the dative as
published, whether it may be printed and the warning codes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from letterkit.address.format import address_json, envelope_lines
from letterkit.address.parse import parse_address
from letterkit.address.words import lost_words, unexplained_words
from letterkit.models import ADDRESS_FIELDS, Address, Recipient

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "data" / "directory" / "memopzk-2025-02-22.json"

CASES = [
    # a bare all-caps unit name, as Memorial writes it
    (
        "123458, г. Москва, ул. Ленина, д. 1, стр. 3, ЛВК, Петрову Ивану Ивановичу, 1980 г. р.",
        {
            "postcode": "123458",
            "region": "г. Москва",
            "locality": "г. Москва",
            "street": "ул. Ленина",
            "house": "1",
            "building": "стр. 3",
            "facility": "ЛВК",
            "dative": "Петрову Ивану Ивановичу",
            "printable": True,
            "warnings": ["facility-guessed"],
        },
    ),
    # a bare all-caps unit name, as chat writes it
    (
        "ЛВК, ул. Ленина, д. 1, стр. 3, г. Москва, 123458, Петрову Ивану Ивановичу 1980 г.р.",
        {
            "postcode": "123458",
            "region": "г. Москва",
            "locality": "г. Москва",
            "street": "ул. Ленина",
            "house": "1",
            "building": "стр. 3",
            "facility": "ЛВК",
            "dative": "Петрову Ивану Ивановичу",
            "printable": True,
            "warnings": ["facility-guessed"],
        },
    ),
    # a bare all-caps unit name, as RosUznik writes it
    (
        "Петрову Ивану Ивановичу, 1980 г. р., КВК, ул. Ленина, д. 1, корп. 2, г. Москва, 123458",
        {
            "postcode": "123458",
            "region": "г. Москва",
            "locality": "г. Москва",
            "street": "ул. Ленина",
            "house": "1",
            "building": "корп. 2",
            "facility": "КВК",
            "dative": "Петрову Ивану Ивановичу",
            "printable": True,
            "warnings": [],
        },
    ),
    # a bare all-caps unit name, as OVD-Info writes it
    (
        "Кому: Петрову Ивану Ивановичу, 1980 г. р.\nКуда: ОУХД, ул. Ленина, д. 1, КБ, г. Москва, 123458",
        {
            "postcode": "123458",
            "region": "г. Москва",
            "locality": "г. Москва",
            "street": "ул. Ленина",
            "house": "1",
            "facility": "ОУХД, КБ",
            "dative": "Петрову Ивану Ивановичу",
            "printable": True,
            "warnings": [],
        },
    ),
    # a bare all-caps unit name, as news writes it
    (
        "618000, Пермский край, г. Пермь, ул. Ленина, д. 5, ФКУ ИК-2 ГУФСИН России по Пермскому краю, ПКТ, Петрову Ивану Ивановичу, 1980 г. р.",
        {
            "postcode": "618000",
            "region": "Пермский край",
            "locality": "г. Пермь",
            "street": "ул. Ленина",
            "house": "5",
            "facility": "ФКУ ИК-2 ГУФСИН России по Пермскому краю, ПКТ",
            "dative": "Петрову Ивану Ивановичу",
            "printable": True,
            "warnings": [],
        },
    ),
    # missing commas, as Memorial writes it
    (
        "618000, Пермский край, г. Пермь, ул. Заречная, дом.7 ФКУ ИК-2 ГУФСИН России по Пермскому краю, Петрову Ивану Ивановичу, 1980 г. р.",
        {
            "postcode": "618000",
            "region": "Пермский край",
            "locality": "г. Пермь",
            "street": "ул. Заречная",
            "house": "7",
            "facility": "ФКУ ИК-2 ГУФСИН России по Пермскому краю",
            "dative": "Петрову Ивану Ивановичу",
            "printable": True,
            "warnings": [],
        },
    ),
    # missing commas, as OVD-Info writes it
    (
        "618000, Пермский край, г. Пермь, ул. Садовая д. 5 СИЗО-2 УФСИН России по Пермскому краю, Петрову Ивану Ивановичу, 1980 г. р.",
        {
            "postcode": "618000",
            "region": "Пермский край",
            "locality": "г. Пермь",
            "street": "ул. Садовая",
            "house": "5",
            "facility": "СИЗО-2 УФСИН России по Пермскому краю",
            "dative": "Петрову Ивану Ивановичу",
            "printable": True,
            "warnings": [],
        },
    ),
    # missing commas, as avtonom.org writes it
    (
        "412900, Саратовская обл., г. Вольск, п. Видим, 12 ФКУ ИК-5 УФСИН России по Саратовской области, Решетниковой Гулчехре Амонжоновне, 1971 г. р.",
        {
            "postcode": "412900",
            "region": "Саратовская область",
            "locality": "г. Вольск",
            "sublocality": "п. Видим",
            "house": "12",
            "facility": "ФКУ ИК-5 УФСИН России по Саратовской области",
            "dative": "Решетниковой Гулчехре Амонжоновне",
            "printable": True,
            "warnings": [],
        },
    ),
    # missing commas, as chat writes it
    (
        "618000 Пермский край, г. Пермь, ул. Садовая 5 ФКУ КП-2 ГУФСИН России по Пермскому краю, Петрову Ивану Ивановичу 1980 г.р.",
        {
            "postcode": "618000",
            "region": "Пермский край",
            "locality": "г. Пермь",
            "street": "ул. Садовая",
            "house": "5",
            "facility": "ФКУ КП-2 ГУФСИН России по Пермскому краю",
            "dative": "Петрову Ивану Ивановичу",
            "printable": True,
            "warnings": [],
        },
    ),
    # missing commas, as news writes it
    (
        "618000, Пермский край, г. Пермь, ул. Садовая, д. 5 ФГБУЗ МСЧ-59 ФСИН России, Петрову Ивану Ивановичу, 1980 г. р.",
        {
            "postcode": "618000",
            "region": "Пермский край",
            "locality": "г. Пермь",
            "street": "ул. Садовая",
            "house": "5",
            "facility": "ФГБУЗ МСЧ-59 ФСИН России",
            "dative": "Петрову Ивану Ивановичу",
            "printable": True,
            "warnings": [],
        },
    ),
    # промзона / квартал N, as Memorial writes it
    (
        "618000, Пермский край, г. Пермь, промзона, квартал 5, стр. 2, ФКУ ИК-2 ГУФСИН России по Пермскому краю, Петрову Ивану Ивановичу, 1980 г. р.",
        {
            "postcode": "618000",
            "region": "Пермский край",
            "locality": "г. Пермь",
            "street": "промзона, кв-л 5",
            "building": "стр. 2",
            "facility": "ФКУ ИК-2 ГУФСИН России по Пермскому краю",
            "dative": "Петрову Ивану Ивановичу",
            "printable": True,
            "warnings": [],
        },
    ),
    # промзона / квартал N, as RosUznik writes it
    (
        "618000, Пермский край, г. Пермь, промышленный массив, квартал 5, стр. 2, ФКУ ИК-2 ГУФСИН России по Пермскому краю, Петрову Ивану Ивановичу, 1980 г. р.",
        {
            "postcode": "618000",
            "region": "Пермский край",
            "locality": "г. Пермь",
            "street": "промышленный массив, кв-л 5",
            "building": "стр. 2",
            "facility": "ФКУ ИК-2 ГУФСИН России по Пермскому краю",
            "dative": "Петрову Ивану Ивановичу",
            "printable": True,
            "warnings": [],
        },
    ),
    # промзона / квартал N, as news writes it
    (
        "628400, ХМАО-Югра, г. Сургут, промзона, микрорайон 3, ФКУ ИК-11 УФСИН России по ХМАО-Югре, Петрову Ивану Ивановичу, 1980 г. р.",
        {
            "postcode": "628400",
            "region": "Ханты-Мансийский автономный округ — Югра",
            "locality": "г. Сургут",
            "street": "промзона, мкр. 3",
            "facility": "ФКУ ИК-11 УФСИН России по ХМАО-Югре",
            "dative": "Петрову Ивану Ивановичу",
            "printable": True,
            "warnings": [],
        },
    ),
    # punctuation after the year, as Memorial writes it
    (
        '618000, Пермский край, г. Пермь, ул. Ленина, д. 5, ФКУ ИК-2 ГУФСИН России по Пермскому краю, Петрову Ивану Ивановичу, 1965 г. р."',
        {
            "postcode": "618000",
            "region": "Пермский край",
            "locality": "г. Пермь",
            "street": "ул. Ленина",
            "house": "5",
            "facility": "ФКУ ИК-2 ГУФСИН России по Пермскому краю",
            "dative": "Петрову Ивану Ивановичу",
            "printable": True,
            "warnings": [],
        },
    ),
    # punctuation after the year, as chat writes it
    (
        "«618000, Пермский край, г. Пермь, ул. Ленина, д. 5, ФКУ ИК-2 ГУФСИН России по Пермскому краю, Петрову Ивану Ивановичу, 1965 г. р.»",
        {
            "postcode": "618000",
            "region": "Пермский край",
            "locality": "г. Пермь",
            "street": "ул. Ленина",
            "house": "5",
            "facility": "ФКУ ИК-2 ГУФСИН России по Пермскому краю",
            "dative": "Петрову Ивану Ивановичу",
            "printable": True,
            "warnings": [],
        },
    ),
    # punctuation after the year, as news writes it
    (
        "618000, Пермский край, г. Пермь, ул. Ленина, д. 5, ФКУ ИК-2 ГУФСИН России по Пермскому краю, Петрову Ивану Ивановичу (1965 г. р.)».",
        {
            "postcode": "618000",
            "region": "Пермский край",
            "locality": "г. Пермь",
            "street": "ул. Ленина",
            "house": "5",
            "facility": "ФКУ ИК-2 ГУФСИН России по Пермскому краю",
            "dative": "Петрову Ивану Ивановичу",
            "printable": True,
            "warnings": [],
        },
    ),
    # a federal institution prefix, as news writes it
    (
        "123182, г. Москва, Кропоткинский пер., д. 23, ФГБУ «НМИЦ ПН им. В. П. Сербского» Минздрава России, Петрову Ивану Ивановичу, 1980 г. р.",
        {
            "postcode": "123182",
            "region": "г. Москва",
            "locality": "г. Москва",
            "street": "Кропоткинский пер.",
            "house": "23",
            "facility": "ФГБУ «НМИЦ ПН им. В. П. Сербского» Минздрава России",
            "dative": "Петрову Ивану Ивановичу",
            "printable": True,
            "warnings": [],
        },
    ),
    # a federal institution prefix, as OVD-Info writes it
    (
        "123182, г. Москва, Кропоткинский пер., д. 23, ФГКУ «Центр» Минздрава России, Петрову Ивану Ивановичу, 1980 г. р.",
        {
            "postcode": "123182",
            "region": "г. Москва",
            "locality": "г. Москва",
            "street": "Кропоткинский пер.",
            "house": "23",
            "facility": "ФГКУ «Центр» Минздрава России",
            "dative": "Петрову Ивану Ивановичу",
            "printable": True,
            "warnings": [],
        },
    ),
    # a federal institution prefix, as RosUznik writes it
    (
        "195009, г. Санкт-Петербург, ул. Арсенальная, д. 9, ФГБУ СПб ПБСТИН Минздрава России, Петрову Ивану Ивановичу, 1980 г. р.",
        {
            "postcode": "195009",
            "region": "г. Санкт-Петербург",
            "locality": "г. Санкт-Петербург",
            "street": "ул. Арсенальная",
            "house": "9",
            "facility": "ФГБУ СПб ПБСТИН Минздрава России",
            "dative": "Петрову Ивану Ивановичу",
            "printable": True,
            "warnings": [],
        },
    ),
    # a unit before the facility's name: the institution first, the unit after it
    (
        (
            "660111, г. Красноярск, п. Индустриальный, ул. Кразовская, д. 10, отряд № 8, ИК № 31 "
            "по Красноярскому краю, Горбунову Анатолию Васильевичу, 1957 г. р."
        ),
        {
            "postcode": "660111",
            "region": "Красноярский край",
            "locality": "г. Красноярск",
            "sublocality": "п. Индустриальный",
            "street": "ул. Кразовская",
            "house": "10",
            "facility": "ИК № 31 по Красноярскому краю, отряд № 8",
            "dative": "Горбунову Анатолию Васильевичу",
            "printable": True,
            "warnings": [],
        },
    ),
    # a postcode of no region, as Memorial writes it
    (
        "999999, Москва, ул. Тверская, д. 1, Козлову Ивану Ивановичу, 1980 г. р.",
        {
            "postcode": "999999",
            "region": "г. Москва",
            "locality": "г. Москва",
            "street": "ул. Тверская",
            "house": "1",
            "dative": "Козлову Ивану Ивановичу",
            "printable": False,
            "warnings": ["postcode-unknown"],
        },
    ),
]


@pytest.mark.parametrize(("line", "expected"), CASES)
def test_class_case(line: str, expected: dict) -> None:
    got = address_json(parse_address(line))
    assert {k: got[k] for k in ADDRESS_FIELDS} == {k: expected.get(k) for k in ADDRESS_FIELDS}
    assert (got["recipient"] or {}).get("dative") == expected["dative"]
    assert [w["code"] for w in got["warnings"]] == expected["warnings"]
    assert got["printable"] is expected["printable"]
    assert unexplained_words(line, parse_address(line)) == []


def test_an_all_caps_unit_is_never_a_flat() -> None:
    for token in ("КВК", "КВА", "КБ", "КП", "КМ", "СТРА", "ЛИТ"):
        a = parse_address(
            f"123458, г. Москва, ул. Ленина, д. 1, {token}, Петрову Ивану Ивановичу, 1980 г. р."
        )
        assert a.building is None, token
        assert a.facility is not None and token in a.facility, token


def test_unknown_postcode_message_names_the_postcode() -> None:
    a = parse_address("999999, Москва, ул. Тверская, д. 1, Козлову Ивану Ивановичу, 1980 г. р.")
    assert [w.message for w in a.warnings] == ["postcode 999999 belongs to no known region"]


# The name classes: the recipient as the envelope prints it and as the record stores it.
NAME_CASES = [
    # a Turkic patronymic particle, as Memorial writes it
    (
        "618000, Пермский край, г. Пермь, ул. Ленина, д. 5, ФКУ ИК-2 ГУФСИН России по Пермскому краю, Асанову Бакыту Талантбек уулу, 1980 г. р.",
        {
            "recipient": {
                "dative": "Асанову Бакыту Талантбек уулу",
                "last": "Асанов",
                "first": "Бакыт",
                "middle": "Талантбек уулу",
                "gender": "m",
            },
            "printable": True,
            "warnings": [],
        },
    ),
    # a Turkic patronymic particle, as chat writes it
    (
        "618000, Пермский край, г. Пермь, ул. Ленина, д. 5, ФКУ ИК-2 ГУФСИН России по Пермскому краю, Асанов Бакыт уулу 1980 г.р.",
        {
            "recipient": {
                "dative": "Асанову Бакыту уулу",
                "last": "Асанов",
                "first": "Бакыт",
                "middle": "уулу",
                "gender": "m",
            },
            "printable": True,
            "warnings": ["name-nominative"],
        },
    ),
    # a Turkic patronymic particle, as OVD-Info writes it
    (
        "Кому: Абдыманап уулу Алтынбеку, 1990 г. р.\nКуда: 618000, Пермский край, г. Пермь, ул. Ленина, д. 5, ФКУ ИК-2 ГУФСИН России по Пермскому краю",
        {
            "recipient": {
                "dative": "Абдыманап уулу Алтынбеку",
                "last": "Абдыманап уулу",
                "first": "Алтынбек",
                "middle": None,
                "gender": "m",
            },
            "printable": True,
            "warnings": [],
        },
    ),
    # a Turkic patronymic particle, as news writes it
    (
        "618000, Пермский край, г. Пермь, ул. Ленина, д. 5, ФКУ ИК-2 ГУФСИН России по Пермскому краю, Алиевой Айгюн Намик кызы, 1985 г. р.",
        {
            "recipient": {
                "dative": "Алиевой Айгюн Намик кызы",
                "last": "Алиева",
                "first": "Айгюн",
                "middle": "Намик кызы",
                "gender": "f",
            },
            "printable": True,
            "warnings": [],
        },
    ),
    # a Turkic patronymic particle, as RosUznik writes it
    (
        "Сейтказиеву Нурлану Болат улы, 1980 г. р., 618000, Пермский край, г. Пермь, ул. Ленина, д. 5, ФКУ ИК-2 ГУФСИН России по Пермскому краю",
        {
            "recipient": {
                "dative": "Сейтказиеву Нурлану Болат улы",
                "last": "Сейтказиев",
                "first": "Нурлан",
                "middle": "Болат улы",
                "gender": "m",
            },
            "printable": True,
            "warnings": [],
        },
    ),
    # a nominative name without a Russian patronymic, as Memorial writes it
    (
        "618000, Пермский край, г. Пермь, ул. Ленина, д. 5, ФКУ ИК-2 ГУФСИН России по Пермскому краю, Смит Джон Роберт, 1970 г. р.",
        {
            "recipient": {
                "dative": "Смиту Джону Роберту",
                "last": "Смит",
                "first": "Джон",
                "middle": "Роберт",
                "gender": "m",
            },
            "printable": True,
            "warnings": ["name-nominative"],
        },
    ),
    # a nominative name without a Russian patronymic, as news writes it
    (
        "618000, Пермский край, г. Пермь, ул. Ленина, д. 5, ФКУ ИК-2 ГУФСИН России по Пермскому краю, Хван Тэсон, 1970 г. р.",
        {
            "recipient": {
                "dative": "Хван Тэсон",
                "last": "Хван",
                "first": "Тэсон",
                "middle": None,
                "gender": "m",
            },
            "printable": True,
            "warnings": ["name-case-unknown"],
        },
    ),
    # an indeclinable vowel-final surname, as Memorial writes it
    (
        "453256, Республика Башкортостан, г. Салават, ФКУ ИК-16 ГУФСИН России по Республике Башкортостан, Куку Эмир-Усеину 1976 г. р.",
        {
            "recipient": {
                "dative": "Куку Эмир-Усеину",
                "last": "Куку",
                "first": "Эмир-Усеин",
                "middle": None,
                "gender": "m",
            },
            "printable": True,
            "warnings": [],
        },
    ),
    # an indeclinable vowel-final surname, as OVD-Info writes it
    (
        "618000, Пермский край, г. Пермь, ул. Ленина, д. 5, ФКУ ИК-2 ГУФСИН России по Пермскому краю, Абесадзе Георгию Шалвовичу, 1975 г. р.",
        {
            "recipient": {
                "dative": "Абесадзе Георгию Шалвовичу",
                "last": "Абесадзе",
                "first": "Георгий",
                "middle": "Шалвович",
                "gender": "m",
            },
            "printable": True,
            "warnings": [],
        },
    ),
    # -ому read by the surname list, as Memorial writes it
    (
        "618000, Пермский край, г. Пермь, ул. Ленина, д. 5, ФКУ ИК-2 ГУФСИН России по Пермскому краю, Толстому Льву Николаевичу, 1970 г. р.",
        {
            "recipient": {
                "dative": "Толстому Льву Николаевичу",
                "last": "Толстой",
                "first": "Лев",
                "middle": "Николаевич",
                "gender": "m",
            },
            "printable": True,
            "warnings": [],
        },
    ),
    # a nominative name without a Russian patronymic whose gender no list knows
    # (Memorial's line, verbatim): warned, not printed undeclined silently
    (
        (
            "109382, Москва, ул. Верхние поля, д. 57, СИЗО-7 УФСИН России, Хиральдо Сарай Альберто "
            "Энрике 1982 г. р."
        ),
        {
            "recipient": {"dative": "Хиральдо Сарай Альберто Энрике", "last": "Хиральдо"},
            "printable": True,
            "warnings": ["name-case-unknown"],
        },
    ),
    # a slip of the source, as chat writes it
    (
        "618000, Пермский край, г. Пермь, ул. Ленина, д. 5, ФКУ ИК-2 ГУФСИН России по Пермскому краю, Белыху Ивану Николаевичу, 1970 г. р.",
        {
            "recipient": {
                "dative": "Белых Ивану Николаевичу",
                "last": "Белых",
                "first": "Иван",
                "middle": "Николаевич",
                "gender": "m",
            },
            "printable": True,
            "warnings": ["name-slip"],
        },
    ),
    # a slip of the source, as Memorial writes it
    (
        "618000, Пермский край, г. Пермь, ул. Ленина, д. 5, ФКУ ИК-2 ГУФСИН России по Пермскому краю, Чжу Юня, 1962 г. р.",
        {
            "recipient": {
                "dative": "Чжу Юню",
                "last": "Чжу",
                "first": "Юнь",
                "middle": None,
                "gender": "m",
            },
            "printable": True,
            "warnings": ["name-slip"],
        },
    ),
    # a foreign or double first name, as Memorial writes it
    (
        "109382, г. Москва, ул. Верхние поля, д. 57, ФКУ СИЗО-7 УФСИН России по г. Москве, Винатье Лорану Клоду Жан-Луи, 1976 г. р.",
        {
            "recipient": {
                "dative": "Винатье Лорану Клоду Жан-Луи",
                "last": "Винатье",
                "first": "Лоран",
                "middle": "Клод Жан-Луи",
                "gender": "m",
            },
            "printable": True,
            "warnings": [],
        },
    ),
    # a foreign or double first name, as avtonom.org writes it
    (
        "618000, Пермский край, г. Пермь, ул. Ленина, д. 5, ФКУ ИК-2 ГУФСИН России по Пермскому краю, Петровой-Водкиной Анне-Марии Ивановне, 1970 г. р.",
        {
            "recipient": {
                "dative": "Петровой-Водкиной Анне-Марии Ивановне",
                "last": "Петрова-Водкина",
                "first": "Анна-Мария",
                "middle": "Ивановна",
                "gender": "f",
            },
            "printable": True,
            "warnings": [],
        },
    ),
]


@pytest.mark.parametrize(("line", "expected"), NAME_CASES)
def test_name_class_case(line: str, expected: dict) -> None:
    got = address_json(parse_address(line))
    assert {k: got["recipient"][k] for k in expected["recipient"]} == expected["recipient"]
    assert [w["code"] for w in got["warnings"]] == expected["warnings"]
    assert got["printable"] is expected["printable"]


def test_a_slip_names_both_forms() -> None:
    a = parse_address(
        "618000, Пермский край, г. Пермь, ул. Ленина, д. 5, ФКУ ИК-2 ГУФСИН России по "
        "Пермскому краю, Белыху Ивану Николаевичу, 1970 г. р."
    )
    assert [w.message for w in a.warnings] == [
        (
            "«Белыху Ивану Николаевичу» has a slip: a surname in -ых/-их («Белых») does not "
            "decline; the envelope uses «Белых Ивану Николаевичу»"
        )
    ]
    assert "Belykh" in address_json(a)["english"]


# ------------------------------------------------------------------ never lose a word


def test_the_checker_sees_a_lost_word() -> None:
    """The property below can fail: a dropped unit, house or street is reported."""
    a = Address(
        postcode="123458",
        region="г. Москва",
        locality="г. Москва",
        street="ул. Ленина",
        house="1",
        recipient=Recipient(dative="Петрову Ивану Ивановичу", birth_year=1980),
    )
    line = "123458, г. Москва, ул. Ленина, д. 1, стр. 3, ЛВК, Петрову Ивану Ивановичу, 1980 г. р."
    assert unexplained_words(line, a) == ["3", "лвк"]
    # short forms and region aliases are the same words
    assert (
        lost_words(
            "улица Ленина, дом 1, Свердловская обл.", ["ул. Ленина, д. 1"], "Свердловская область"
        )
        == []
    )


def test_a_parse_that_would_lose_a_word_is_not_printable(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parser's own safety net: a line whose envelope misses a word blocks printing."""
    from letterkit.address import parse as parse_module

    real = parse_module._assemble

    def lossy(*args: object) -> Address:
        a = real(*args)
        a.building = None  # as if the parser had misread «стр. 3»
        return a

    monkeypatch.setattr(parse_module, "_assemble", lossy)
    a = parse_address(
        "123458, г. Москва, ул. Ленина, д. 1, стр. 3, Петрову Ивану Ивановичу, 1980 г. р."
    )
    assert not a.printable
    assert [w.code for w in a.warnings] == ["text-lost"]
    assert "«3»" in a.warnings[0].message


def _snapshot_lines() -> list[str]:
    records = json.loads(SNAPSHOT.read_text(encoding="utf-8"))["records"]
    return [r["address_text"] for r in records if r.get("address_text")]


def test_no_printable_snapshot_line_loses_a_word() -> None:
    """Every published line of the shipped Memorial snapshot: a printable parse carries
    every word of the line (or a note quotes it)."""
    lines = _snapshot_lines()
    assert len(lines) > 600
    losing = {}
    for line in lines:
        a = parse_address(line)
        if a.printable and (lost := unexplained_words(line, a)):
            losing[line[:80]] = lost
    assert losing == {}


PLACES = [
    ("618000", "Пермский край", "г. Пермь", "Пермскому краю"),
    ("412900", "Саратовская обл.", "г. Вольск", "Саратовской области"),
    ("693008", "Сахалинская область", "г. Южно-Сахалинск", "Сахалинской области"),
    ("346408", "Ростовская область", "г. Новочеркасск", "Ростовской области"),
]
STREETS = ["ул. Садовая", "ул. Заречная", "пер. Казачий", "промзона", "ул. 9 Января"]
HOUSES = ["д. 5", "дом 7", "д. 12А", "5", "влд. 3"]
BUILDINGS = ["", "стр. 3", "корп. 2"]
UNITS = ["", "ЛВК", "ПКТ", "ОУХД", "КВК"]
FACILITIES = [
    "ФКУ ИК-{n} УФСИН России по {po}",
    "ФКУ СИЗО-{n} УФСИН России по {po}",
    "СИЗО-{n} УФСИН России по {po}",
    "ФКУ КП-{n} УФСИН России по {po}",
]
PEOPLE = [
    "Петрову Ивану Ивановичу",
    "Карелиной Ксении Павловне",
    "Черных Андрею Ивановичу",
    "Абдуллаеву Теймуру Рза оглы",
]


@st.composite
def published(draw: st.DrawFn) -> str:
    postcode, region, city, po = draw(st.sampled_from(PLACES))
    facility = draw(st.sampled_from(FACILITIES)).format(n=draw(st.integers(1, 40)), po=po)
    street, house = draw(st.sampled_from(STREETS)), draw(st.sampled_from(HOUSES))
    # a comma may be missing between the street, the house and the facility
    sep = [draw(st.sampled_from([", ", " "])) for _ in range(2)]
    if street == "промзона" or not house.startswith(("д", "5")):
        sep[0] = ", "
    place = f"{street}{sep[0]}{house}"
    building = draw(st.sampled_from(BUILDINGS))
    if building:
        place += f", {building}"
        sep[1] = ", "
    unit = draw(st.sampled_from(UNITS))
    parts = [postcode, region, city, f"{place}{sep[1]}{facility}"]
    if unit:
        parts.insert(draw(st.sampled_from([3, 4])), unit)
    parts.append(draw(st.sampled_from(PEOPLE)))
    tail = draw(st.sampled_from([" г. р.", " г.р.", ' г. р."', " года рождения", ""]))
    return ", ".join(parts) + f", {draw(st.integers(1940, 2005))}{tail}"


@given(published())
def test_no_word_of_a_published_line_is_lost(line: str) -> None:
    a = parse_address(line)
    assert a.printable, (line, [w.message for w in a.warnings])
    assert unexplained_words(line, a) == [], (line, envelope_lines(a))


# A spaced dash between the address and the recipient, as chats write it; a dash that is
# part of a name stays («Кемеровская область — Кузбасс»).
@pytest.mark.parametrize(
    ("line", "field", "value", "dative"),
    [
        (
            (
                "601967, Владимирская обл., Ковровский р-н, п. Мелехово, ул. Первомайская, "
                "д. 261А, ФКУ ИК-6 УФСИН России по Владимирской области — Степанову Роману "
                "Игоревичу, 1989 г. р."
            ),
            "facility",
            "ФКУ ИК-6 УФСИН России по Владимирской области",
            "Степанову Роману Игоревичу",
        ),
        (
            (
                "Абдулаев Шамиль Гаджиевич, 1977 г.р. — ФКУ ИК-6 УФСИН России по Московской "
                "области, Колычевский проезд, 6, г. Коломна, Московская область, 140405"
            ),
            "facility",
            "ФКУ ИК-6 УФСИН России по Московской области",
            "Абдулаеву Шамилю Гаджиевичу",
        ),
        (
            (
                "652050, Кемеровская область — Кузбасс, г. Юрга, ул. Шоссейная, д. 2, ФКУ ИК-50 "
                "ГУФСИН России по Кемеровской области, Ким Светлане Владимировне, 1972 г. р."
            ),
            "region",
            "Кемеровская область — Кузбасс",
            "Ким Светлане Владимировне",
        ),
    ],
)
def test_a_dash_joining_the_recipient_splits_the_line(
    line: str, field: str, value: str, dative: str
) -> None:
    got = address_json(parse_address(line))
    assert got[field] == value
    assert got["recipient"]["dative"] == dative
    assert got["printable"] is True


# The surname alone with the year («…, отряд 9 — Соколову, 1988 г.р.», «…, ФКУ ИК-6,
# Петровой, 1990 г. р.»): the person, kept with the year — and not printable, since a
# prison needs the full name, as with initials only.
@pytest.mark.parametrize(
    ("line", "dative", "last", "gender", "facility"),
    [
        (
            ("601967, Владимирская обл., Ковровский р-н, п. Мелехово, ул. Комсомольская, д. 1А, "
             "ФКУ ИК-6 УФСИН России по Владимирской обл. — Соколову, 1988 г.р."),
            "Соколову", "Соколов", "m", "ФКУ ИК-6 УФСИН России по Владимирской обл.",
        ),
        (
            ("601967, Владимирская обл., Ковровский р-н, п. Мелехово, ул. Комсомольская, д. 1А, "
             "ФКУ ИК-6, отряд 9, Петровой, 1990 г. р."),
            "Петровой", "Петрова", "f", "ФКУ ИК-6, отряд 9",
        ),
        (
            "ИК-6 Мелехово, отряд 9 — Соколову, 1988 г.р.",
            "Соколову", "Соколов", "m", "ИК-6 Мелехово, отряд 9",
        ),
    ],
)  # fmt: skip
def test_a_surname_alone_beside_the_year_is_the_person_and_blocks_printing(
    line: str, dative: str, last: str, gender: str, facility: str
) -> None:
    a = parse_address(line)
    assert a.facility == facility
    assert (a.recipient.dative, a.recipient.last, a.recipient.first) == (dative, last, None)
    assert (a.recipient.gender, a.recipient.birth_year) == (
        gender,
        int(re.findall(r"\d{4}", line)[-1]),
    )
    assert a.printable is False
    assert any(
        w.code == "surname-only"
        and w.message.startswith(f"only the surname «{dative}» is published")
        for w in a.warnings
    )
    assert unexplained_words(line, a) == []


@pytest.mark.parametrize("place", ["Мелехово", "Покров", "Кемерово"])
def test_a_place_beside_the_year_is_still_no_person(place: str) -> None:
    """Only a surname's dative ending makes a lone word the person."""
    a = parse_address(
        f"601967, Владимирская обл., г. {place}, ул. Ленина, д. 1, ФКУ ИК-6, 1988 г.р."
    )
    assert a.recipient is None


@pytest.mark.parametrize(
    "line",
    [
        (
            "Владимирская обл., г. Покров, ул. Франца Штольверка, д. 6, ФКУ ИК-2 УФСИН России по "
            "Владимирской области — Сериков Ержан Болат улы, 1987 г. р., индекс 601122"
        ),
        (
            "Почтовый индекс: 601122, Владимирская обл., г. Покров, ул. Франца Штольверка, д. 6, "
            "ФКУ ИК-2 УФСИН России по Владимирской области, Серикову Ержану Болат улы, 1987 г. р."
        ),
    ],
)
def test_the_postcode_label_is_not_part_of_the_street(line: str) -> None:
    got = address_json(parse_address(line))
    assert (got["postcode"], got["street"], got["house"]) == (
        "601122",
        "ул. Франца Штольверка",
        "6",
    )
