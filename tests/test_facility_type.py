"""One facility-type reader (letterkit.address.facility_type) for user records and the
letter guidance: the type word stands alone and its number follows it."""

from __future__ import annotations

import pytest

from letterkit.address.facility_type import facility_type, type_and_number
from letterkit.guidance import facility_type as guidance_facility_type


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ФКУ ИК-1 УФСИН России по Сахалинской области", ("ИК", "1")),
        ("ФКУ СИЗО №2 УФСИН России по Республике Татарстан", ("СИЗО", "2")),
        ("ПФРСИ при ФКУ ИК-2", ("ПФРСИ", None)),
        ("ФКУ Тюрьма №2 УФСИН России по Владимирской области", ("Тюрьма", "2")),
        ("ФКУ Т-2", ("Т", "2")),
        ("ФКУ КП-12", ("КП", "12")),
        ("ФКУ ЕПКТ ГУФСИН России по Красноярскому краю", ("ЕПКТ", None)),  # not ПКТ
        ("ФКУ КВК", ("КВК", None)),  # not ВК
        ("ООО ИКС-5", None),  # not ИК
        ("", None),
    ],
)
def test_type_and_number(name, expected):
    assert type_and_number(name) == expected
    assert facility_type(name) == (expected[0] if expected else None)


def test_the_guidance_reads_the_same_type():
    assert guidance_facility_type is facility_type


def test_add_saves_the_type_and_number(cli, isolated_user_dirs):
    import tomllib

    line = (
        "600020, Владимирская область, г. Владимир, ул. Большая Нижегородская, д. 67, "
        "ФКУ Тюрьма №2 УФСИН России по Владимирской области, Иванову Ивану Ивановичу, "
        "1980 г. р."
    )
    result = cli("add", line, "--slug", "ivanov")
    assert result.exit_code == 0, result.output
    [facility] = (isolated_user_dirs / "data" / "facilities").glob("*.toml")
    saved = tomllib.loads(facility.read_text(encoding="utf-8"))
    assert (saved["type"], saved["number"]) == ("Тюрьма", "2")
