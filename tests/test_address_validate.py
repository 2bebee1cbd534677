"""Why an address is not printable: :func:`letterkit.address.validate.blocking_reasons`."""

from __future__ import annotations

from conftest import SEED_LINE
from letterkit.address.parse import parse_address
from letterkit.address.validate import blocking_reasons


def test_a_printable_address_has_no_blocking_reason() -> None:
    address = parse_address(SEED_LINE)
    assert address.printable
    assert blocking_reasons(address) == []


def test_missing_parts_block_but_the_birth_year_does_not() -> None:
    address = parse_address("Баценину Александру Дмитриевичу")
    assert not address.printable
    codes = [w.code for w in address.warnings]
    assert "missing-birth-year" in codes
    reasons = blocking_reasons(address)
    assert [w.code for w in reasons] == [
        c for c in codes if c.startswith("missing-") and c != "missing-birth-year"
    ]
    assert [w.message for w in reasons] == [
        "the street or facility is missing",
        "the locality is missing",
        "the region is missing",
        "the postcode is missing",
    ]


def test_a_postcode_of_another_region_blocks() -> None:
    line = SEED_LINE.replace("693008", "101000")
    address = parse_address(line)
    assert not address.printable
    assert [w.code for w in blocking_reasons(address)] == ["postcode-region"]


def test_initials_only_block() -> None:
    address = parse_address(SEED_LINE.replace("Баценину Александру Дмитриевичу", "Баценину А. Д."))
    assert not address.printable
    assert [w.code for w in blocking_reasons(address)] == ["initials-only"]
