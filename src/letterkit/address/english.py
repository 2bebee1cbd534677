"""The English address line in the order Memorial's pages give it (name, facility,
street, locality, region, postcode, country).

``Aleksandr Dmitrievich Batsenin (born 1995), Penal Colony No. 1, Federal Penitentiary
Service of Russia for Sakhalin Oblast, 71 Pogranichnaya Street, Yuzhno-Sakhalinsk,
Sakhalin Oblast, 693008, Russia.``

Names and places are transliterated with iuliia ``mvd_310``; region, facility-type,
street-type and settlement-type words come from ``data/regions.toml``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from letterkit.address.regions import (
    administrations,
    by_name,
    facility_types,
    region_from_po,
    settlement_types_en,
    street_types_en,
)
from letterkit.names import transliterate

if TYPE_CHECKING:
    from letterkit.models import Address

_UNIT = re.compile(
    r"^(?:(?:ФКУ|ФКЛПУ|ФКСУ|ФГУ|ФБУ|ФКУЗ)\s+)?(?P<type>[А-ЯЁа-яё -]+?)\s*(?:[-–]|№)?\s*"
    r"(?P<num>\d+)?(?:\s*«[^»]*»)?\s*$"
)
_ADMIN = re.compile(
    r"\s*(?P<admin>ГУФСИН|УФСИН|ОФСИН|ФСИН)(?:\s+(?:России|РФ))?(?:\s+по\s+(?P<po>.+))?$"
)
_PO_ONLY = re.compile(r"\s+по\s+(?P<po>.+)$")
_AT = re.compile(r"^(?P<a>.+?)\s+при\s+(?P<b>.+)$")
_SETTLEMENT = re.compile(
    r"^(?P<t>г\.|пос\.|п\.|пгт\.|рп\.|с\.|дер\.|х\.|ст-ца|ст\.|аул)\s+(?P<n>.+)$"
)


def _type_en(word: str) -> str | None:
    w = word.strip().lower()
    for _t, spellings, en in facility_types():
        for sp in spellings:
            if sp.lower() == w:
                return en
    return None


def _unit_en(text: str) -> str | None:
    """``ФКУ ИК-1`` → ``Penal Colony No. 1``; None when not understood."""
    m = _AT.match(text)
    if m:
        a, b = _unit_en(m.group("a")), _unit_en(m.group("b"))
        if a and b:
            return f"{a} at {b}"
        return None
    m = _UNIT.match(text.strip())
    if not m:
        return None
    en = _type_en(m.group("type"))
    if en is None:
        return None
    return f"{en} No. {m.group('num')}" if m.group("num") else en


# Facilities and places repeat down a list (many people in one colony, one town): each
# distinct string is put into English once (pure functions of the text and the data).
_ENGLISH_CACHE = 4096


@lru_cache(maxsize=_ENGLISH_CACHE)
def facility_english(facility: str) -> str:
    """English name of a facility; unknown parts are transliterated."""
    pieces = [p.strip() for p in facility.split(",") if p.strip()]
    if len(pieces) > 1:
        return ", ".join(_one_facility(p) for p in pieces)
    return _one_facility(facility)


def _one_facility(facility: str) -> str:
    text = facility.strip()
    if "МВД" in text:  # police (ИВС ОМВД России по …): not FSIN
        head, _, rest = text.partition(" ")
        return ", ".join(
            p for p in (_type_en(head) or transliterate(head), transliterate(rest)) if p
        )
    admin_en: str | None = None
    m = _ADMIN.search(text)
    if m:
        unit = text[: m.start()]
        tmpl = administrations().get(m.group("admin"), "")
        if m.group("po"):
            reg = region_from_po(m.group("po"))
            place = reg.en if reg else transliterate(m.group("po"))
            admin_en = tmpl.format(region=place) if "{region}" in tmpl else tmpl
        else:
            admin_en = administrations().get("ФСИН")
    else:
        m2 = _PO_ONLY.search(text)
        unit = text[: m2.start()] if m2 else text
        if m2:
            reg = region_from_po(m2.group("po"))
            tmpl = administrations().get("УФСИН", "{region}")
            admin_en = tmpl.format(region=reg.en if reg else transliterate(m2.group("po")))
    unit_en = _unit_en(unit) if unit.strip() else None
    if unit.strip() and unit_en is None:
        unit_en = transliterate(unit.strip())
    return ", ".join(p for p in (unit_en, admin_en) if p)


def street_english(street: str, house: str | None) -> str:
    """``ул. Пограничная`` + ``71`` → ``71 Pogranichnaya Street``."""
    pieces = [p.strip() for p in street.split(",") if p.strip()]
    if len(pieces) > 1:
        head = [_street_one(p, None) for p in pieces[:-1]]
        return ", ".join([*head, _street_one(pieces[-1], house)])
    return _street_one(street, house)


def _street_one(street: str, house: str | None) -> str:
    types = street_types_en()
    words = street.split()
    en_type = None
    name_words = words
    if words and words[0] in types:
        en_type, name_words = types[words[0]], words[1:]
    elif words and words[-1].lower() in types:
        en_type, name_words = types[words[-1].lower()], words[:-1]
    name = transliterate(" ".join(name_words))
    if house:  # 13А → 13A, влд. 1 → vld. 1: no Cyrillic in the English line
        house = transliterate(house)
    parts = [house, name, en_type] if house else [name, en_type]
    return " ".join(p for p in parts if p)


@lru_cache(maxsize=_ENGLISH_CACHE)
def place_english(place: str) -> str:
    m = _SETTLEMENT.match(place)
    if not m:
        return transliterate(place)
    en_type = settlement_types_en().get(m.group("t"), "")
    name = transliterate(m.group("n"))
    return f"{name} {en_type}".strip()


def english_line(address: Address) -> str:
    """Memorial's English order: person, facility, street, places, region, postcode, Russia."""
    parts: list[str] = []
    rec = address.recipient
    if rec is not None:
        if rec.last or rec.first:
            person = " ".join(transliterate(p) for p in (rec.first, rec.middle, rec.last) if p)
        else:
            person = transliterate(rec.dative)
        if rec.birth_year:
            person += f" (born {rec.birth_year})"
        parts.append(person)
    if address.facility:
        parts.append(facility_english(address.facility))
    if address.street:
        house = address.house
        if house and house.startswith("влд."):
            house = "vl. " + house[4:].strip()
        parts.append(street_english(address.street, house))
    elif address.house:
        parts.append(transliterate(address.house))
    if address.building:
        parts.append(transliterate(address.building))
    if address.po_box:
        parts.append("P.O. Box " + address.po_box.replace("а/я", "").strip())
    if address.sublocality:
        parts.append(place_english(address.sublocality))
    region = by_name(address.region) if address.region else None
    if address.locality and not (address.region and address.locality == address.region):
        parts.append(place_english(address.locality))
    if address.district:
        parts.append(transliterate(address.district.replace("р-н", "district")))
    if address.region:
        parts.append(region.en if region else transliterate(address.region))
    if address.postcode:
        parts.append(address.postcode)
    parts.append("Russia")
    return ", ".join(parts) + "."
