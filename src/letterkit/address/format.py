"""Envelope lines in Russian Post order («Правила оказания услуг почтовой связи, постановление Правительства РФ от 15.04.2005 № 221»).

Order: name + ``, YYYY г. р.``; facility; street, house, building (or ``а/я``);
sublocality; locality (omitted for a federal city, which the region line names);
district; region; postcode.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any

from letterkit.address.english import english_line
from letterkit.address.regions import FEDERAL_CITIES
from letterkit.models import Recipient

if TYPE_CHECKING:
    from letterkit.models import Address

# Recipient.to_json without dataclasses.asdict's deep copy (its fields are str, int or
# None): a third of address_json's time on a stream of lines.
_RECIPIENT_FIELDS = tuple(f.name for f in fields(Recipient))


def recipient_line(recipient: Recipient) -> str:
    """``Баценину Александру Дмитриевичу, 1995 г. р.``"""
    if recipient.birth_year:
        return f"{recipient.dative}, {recipient.birth_year} г. р."
    return recipient.dative


def street_line(address: Address) -> str | None:
    """``ул. Пограничная, д. 71, корп. 2`` or ``а/я 12``; None when nothing to print."""
    parts: list[str] = []
    if address.street:
        parts.append(address.street)
    if address.house:
        house = address.house
        # «влд. 1А», «зд. 16» keep their own word; a bare number gets «д.»
        parts.append(house if house[:1].isalpha() else f"д. {house}")
    if address.building:
        parts.append(address.building)
    if address.po_box:
        parts.append(address.po_box)
    return ", ".join(parts) if parts else None


def envelope_fields(address: Address) -> tuple[list[str], list[str]]:
    """Envelope lines and, for each, the name of the field it comes from."""
    lines: list[str] = []
    names: list[str] = []

    def add(text: str | None, name: str) -> None:
        if text:
            lines.append(text)
            names.append(name)

    if address.recipient is not None:
        add(recipient_line(address.recipient), "name")
    add(address.facility, "facility")
    add(street_line(address), "street")
    add(address.sublocality, "sublocality")
    if not (address.locality in FEDERAL_CITIES and address.region == address.locality):
        add(address.locality, "locality")
    add(address.district, "district")
    add(address.region, "region")
    add(address.postcode, "postcode")
    return lines, names


def envelope_lines(address: Address) -> list[str]:
    return envelope_fields(address)[0]


def address_json(address: Address) -> dict[str, Any]:
    """The object ``letterkit address parse --json`` prints (tests/conftest.py holds the
    example for Batsenin's line): the parts, the recipient, the envelope lines, the
    English line, ``printable``, the warnings and the notes."""
    out: dict[str, Any] = dict(address.parts())
    rec = address.recipient
    out["recipient"] = {k: getattr(rec, k) for k in _RECIPIENT_FIELDS} if rec else None
    out["envelope"] = envelope_lines(address)
    out["english"] = english_line(address)
    out["printable"] = address.printable
    out["warnings"] = [w.to_json() for w in address.warnings]
    out["notes"] = list(address.notes)
    return out
