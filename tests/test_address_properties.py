"""Property tests for the address parser.

- ``parse(format(address)) == address`` for generated addresses, in both the published
  (reverse) order and the envelope (natural) order;
- arbitrary text never raises anything but the project's own error, within a deadline.
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letterkit.address.format import address_json, envelope_lines
from letterkit.address.parse import parse_address
from letterkit.address.regions import by_name
from letterkit.errors import LetterkitError
from letterkit.models import Address, Recipient
from letterkit.names import to_dative

# (region, a postcode of that region, a city in it) — real towns with FSIN facilities.
PLACES = [
    ("Сахалинская область", "693008", "г. Южно-Сахалинск"),
    ("Ростовская область", "346408", "г. Новочеркасск"),
    ("Республика Татарстан", "420054", "г. Казань"),
    ("Удмуртская Республика", "427965", "г. Сарапул"),
    ("Краснодарский край", "353905", "г. Новороссийск"),
    ("Кабардино-Балкарская Республика", "360000", "г. Нальчик"),
    ("Ханты-Мансийский автономный округ — Югра", "628012", "г. Ханты-Мансийск"),
    ("Тверская область", "172011", "г. Торжок"),
    ("Республика Крым", "295051", "г. Симферополь"),
    ("Пермский край", "614056", "г. Пермь"),
]
STREETS = ["ул. Пограничная", "ул. Ленина", "пер. Казачий", "ул. 9 Января", "ул. Старицкая"]
PEOPLE = [
    ("Баценин", "Александр", "Дмитриевич", "m"),
    ("Карелина", "Ксения", "Павловна", "f"),
    ("Кара-Мурза", "Владимир", "Владимирович", "m"),
    ("Савченко", "Надежда", "Викторовна", "f"),
    ("Абдуллаев", "Теймур", "Рза оглы", "m"),
    ("Черных", "Андрей", "Иванович", "m"),
    ("Полюдова", "Дарья", "Владимировна", "f"),
]
FACILITY_TYPES = ["ИК", "СИЗО", "КП", "ЛИУ", "Т"]


@st.composite
def addresses(draw: st.DrawFn) -> Address:
    region, postcode, city = draw(st.sampled_from(PLACES))
    last, first, middle, gender = draw(st.sampled_from(PEOPLE))
    number = draw(st.integers(1, 60))
    ftype = draw(st.sampled_from(FACILITY_TYPES))
    house = str(draw(st.integers(1, 300))) + draw(st.sampled_from(["", "А", "Б", "/1"]))
    reg = by_name(region)
    assert reg is not None
    year = draw(st.one_of(st.none(), st.integers(1940, 2006)))
    return Address(
        postcode=postcode,
        region=region,
        locality=city,
        street=draw(st.sampled_from(STREETS)),
        house=house,
        building=draw(st.sampled_from([None, "корп. 2", "стр. 8"])),
        facility=f"ФКУ {ftype}-{number} УФСИН России по {reg.po}",
        recipient=Recipient(
            dative=to_dative(last, first, middle, gender),
            last=last,
            first=first,
            middle=middle,
            gender=gender,
            birth_year=year,
        ),
    )


def published_line(a: Address) -> str:
    """Memorial's reverse order: postcode first, person last."""
    assert a.recipient is not None
    street = ", ".join(p for p in (a.street, f"д. {a.house}" if a.house else None, a.building) if p)
    parts = [a.postcode, a.region, a.locality, street, a.facility, a.recipient.dative]
    line = ", ".join(p for p in parts if p)
    if a.recipient.birth_year:
        line += f", {a.recipient.birth_year} г. р."
    return line


def same(got: Address, want: Address) -> None:
    assert got.parts() == want.parts()
    assert got.recipient == want.recipient


@settings(max_examples=150)
@given(addresses())
def test_parse_of_published_line_round_trips(a: Address) -> None:
    same(parse_address(published_line(a)), a)


@settings(max_examples=150)
@given(addresses())
def test_parse_of_envelope_lines_round_trips(a: Address) -> None:
    same(parse_address(", ".join(envelope_lines(a))), a)


ADDRESSY = st.sampled_from(
    [
        *list(' ,.;:-–—()«»"/№\n\t0123456789'),
        "г.",
        "ул.",
        "д.",
        "ФКУ",
        "ИК-1",
        "СИЗО",
        "обл.",
        "р-н",
        "г. р.",
        "оглы",
        "а/я",
        "Россия",
        "693008",
        "Баценину",
        "Александру",
        "Дмитриевичу",
        "x.",
        "c.",
        "Москва",
        "ё",
    ]
)


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=300), st.lists(ADDRESSY, max_size=60).map("".join)))
def test_any_text_raises_only_letterkit_errors(text: str) -> None:
    try:
        a = parse_address(text)
    except LetterkitError:
        return
    assert isinstance(a, Address)
    address_json(a)  # envelope and English line must build too


@pytest.mark.parametrize("bad", ["\x00", "\ud800", "(" * 500, "1" * 5000, "г. " * 2000])
def test_pathological_inputs(bad: str) -> None:
    with contextlib.suppress(LetterkitError):
        address_json(parse_address(bad))
