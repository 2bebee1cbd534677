"""A dative that reads two ways («Ватре»: Ватра or Ватря; «Исе»: Иса or Ися): evidence
decides, else the address engine says so — the nominative is never a silent guess."""

from __future__ import annotations

import pytest

from letterkit.address.parse import parse_address
from letterkit.names import from_dative, two_readings
from letterkit.resources import data_dir

LINE = (
    "617474, Пермский край, г. Кунгур, ул. Юбилейная, зд. 20, "
    "ФКУ ИК-18 ГУФСИН России по Пермскому краю, {name}, 1966 г. р."
)


@pytest.mark.parametrize(
    ("dative", "nominative"),
    [
        # Memorial's page titles publish these nominatives (data/names/published.toml)
        ("Ватре Артему Витальевичу", ("Ватря", "Артем", "Витальевич")),
        ("Рагимову Исе Заруллаховичу", ("Рагимов", "Ися", "Заруллахович")),
        ("Галим Рамиле Хамитьяновне", ("Галим", "Рамиля", "Хамитьяновна")),
        ("Недоступе Роману Константиновичу", ("Недоступа", "Роман", "Константинович")),
        # the first-name list knows one reading for the gender
        ("Тимонину Никите Геннадьевичу", ("Тимонин", "Никита", "Геннадьевич")),
        ("Мальсагову Мусе Аслановичу", ("Мальсагов", "Муса", "Асланович")),
        ("Лиепа-Кузнецовой Асе-Марии Игоревне", ("Лиепа-Кузнецова", "Ася-Мария", "Игоревна")),
        # after г к х ж ш ч щ ц Russian writes «а», never «я»
        ("Клюке Даниилу Владимировичу", ("Клюка", "Даниил", "Владимирович")),
        ("Синице Владиславу Юрьевичу", ("Синица", "Владислав", "Юрьевич")),
        ("Меньших Ольге Сергеевне", ("Меньших", "Ольга", "Сергеевна")),
        # the counts decide (frequency.json): Олеся 2,944 people to Олеса 1, the surname
        # Дедюля 311 to none
        ("Ивановой Олесе Петровне", ("Иванова", "Олеся", "Петровна")),
        ("Дедюле Ивану Петровичу", ("Дедюля", "Иван", "Петрович")),
        ("Петрову Никите Олеговичу", ("Петров", "Никита", "Олегович")),
        # one reading is a known surname (Мурза: 39 people), the other none
        ("Кара-Мурзе Владимиру Владимировичу", ("Кара-Мурза", "Владимир", "Владимирович")),
    ],
)
def test_evidence_decides_a_dative_that_reads_two_ways(dative: str, nominative: tuple) -> None:
    assert from_dative(dative)[:3] == nominative
    assert two_readings(dative) == []


@pytest.mark.parametrize(
    ("dative", "used", "readings"),
    [
        # the first-name list has both; the counts (Айна 21, Айня none) are too few
        ("Петровой Айне Ивановне", ("Петрова", "Айна"), [("Айна", "Айня")]),
        ("Ивановой Айне-Марии Петровне", ("Иванова", "Айна-Мария"), [("Айна-Мария", "Айня-Мария")]),
        # both are surnames, Зозуля of 224 people and Зозула of 1: likely, not sure
        ("Зозуле Ивану Петровичу", ("Зозуля", "Иван"), [("Зозуля", "Зозула")]),
        # no list knows either reading: the hard one (21,851 nouns to 782), and a warning
        ("Зебре Олегу Ивановичу", ("Зебра", "Олег"), [("Зебра", "Зебря")]),
        ("Шмурбе Егору Олеговичу", ("Шмурба", "Егор"), [("Шмурба", "Шмурбя")]),
    ],
)
def test_a_tie_is_named_with_both_readings(dative: str, used: tuple, readings: list) -> None:
    assert two_readings(dative) == readings
    address = parse_address(LINE.format(name=dative))
    if not readings:
        return
    assert address.printable  # the envelope carries the dative as published: right either way
    assert address.recipient is not None and address.recipient.dative == dative
    assert (address.recipient.last, address.recipient.first) == used
    warned = [w for w in address.warnings if w.code == "name-two-readings"]
    assert [w.message for w in warned] == [
        f"«{dative}» reads two ways: the nominative is «{one}» or «{other}»; the envelope is "
        f"right either way, but the greeting, the reply envelope and the English line use "
        f"«{one}» — check the name on the person's page"
        for one, other in readings
    ]


def test_without_memorials_titles_a_tie_in_the_name_list_is_flagged(monkeypatch) -> None:
    """As for a person Memorial has not published: «Исе» is Иса (62 men) or Ися (a name the
    first-name list knows, no count); «Рамиле» Рамиля (213 women) or Рамила (2)."""
    from letterkit import names

    monkeypatch.setattr(names, "_published", lambda: (frozenset(),) * 3)
    caches = (names._back_detail, names._from_dative, names._two_readings)
    for cache in caches:
        cache.cache_clear()
    try:
        assert two_readings("Рагимову Исе Заруллаховичу") == [("Иса", "Ися")]
        assert two_readings("Галим Рамиле Хамитьяновне") == [("Рамиля", "Рамила")]
        assert from_dative("Галим Рамиле Хамитьяновне")[1] == "Рамиля"
        assert two_readings("Ватре Артему Витальевичу") == [("Ватра", "Ватря")]
    finally:
        for cache in caches:
            cache.cache_clear()


def test_one_reading_no_warning() -> None:
    address = parse_address(LINE.format(name="Петровой Анне Ивановне"))
    assert not [w for w in address.warnings if w.code == "name-two-readings"]


def test_the_published_list_cites_its_source() -> None:
    head = (data_dir() / "names" / "published.toml").read_text(encoding="utf-8")[:600]
    assert "memopzk.org" in head and "build_name_lists.py" in head
    head = (data_dir() / "names" / "soft_words.toml").read_text(encoding="utf-8")[:600]
    assert "opencorpora.org" in head and "build_name_lists.py" in head
    head = (data_dir() / "names" / "frequency.json").read_text(encoding="utf-8")[:900]
    assert "russiannames" in head and "build_name_lists.py" in head


def test_the_english_line_uses_the_reading_the_warning_names() -> None:
    """The English line transliterates the nominative: the reading used, which the
    warning names along with the other one."""
    from letterkit.address.english import english_line

    address = parse_address(LINE.format(name="Зебре Олегу Ивановичу"))
    assert english_line(address).startswith("Oleg Ivanovich Zebra (born 1966), ")
    (warned,) = [w for w in address.warnings if w.code == "name-two-readings"]
    assert "the English line use «Зебра»" in warned.message
    assert "«Зебра» or «Зебря»" in warned.message
