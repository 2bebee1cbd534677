"""What applies to one person (``letterkit guide SLUG``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from letterkit.address.facility_type import facility_type
from letterkit.address.format import envelope_lines
from letterkit.guidance.rules import guide_data, language_code
from letterkit.guidance.terms import fold


@dataclass(frozen=True)
class PersonGuide:
    """The person-specific part of the guide."""

    name: str  # nominative
    greeting: str  # "Здравствуйте, Александр!"
    envelope_name: str | None  # the envelope's first line, with the birth year
    birth_year: int | None
    facility: str | None
    facility_type: str | None  # abbreviation: ИК, СИЗО, …
    facility_type_ru: str | None
    facility_type_en: str | None
    eletters: bool  # the record says e-letters (ZT, ФСИН-письмо) reach the person
    notes: tuple[str, ...] = ()

    def facility_type_text(self, lang: str | None = None) -> str | None:
        return self.facility_type_ru if language_code(lang) == "ru" else self.facility_type_en


def person_guide(prisoner: Any) -> PersonGuide:
    """Guidance specific to one :class:`letterkit.models.Prisoner`."""
    address = getattr(prisoner, "address", None)
    facility = address.facility if address is not None else None
    kind = facility_type(facility)
    kinds = guide_data()["facility_types"].get(kind or "", {})
    envelope_name = None
    if address is not None and address.recipient is not None:
        lines = envelope_lines(address)
        envelope_name = lines[0] if lines else None
    markers = [fold(m) for m in guide_data()["person"].get("eletter_markers", [])]
    haystack = fold(" ".join([*prisoner.notes, *prisoner.tags]))
    eletters = any(re.search(r"(?<!\w)" + re.escape(m) + r"(?!\w)", haystack) for m in markers if m)
    first = prisoner.first or ""
    return PersonGuide(
        name=prisoner.nominative,
        greeting=f"Здравствуйте, {first}!" if first else "Здравствуйте!",
        envelope_name=envelope_name,
        birth_year=prisoner.birth_year,
        facility=facility,
        facility_type=kind,
        facility_type_ru=kinds.get("ru"),
        facility_type_en=kinds.get("en"),
        eletters=eletters,
        notes=tuple(prisoner.notes),
    )
