"""The kind of a facility and its number, from its name: ``ФКУ ИК-1 УФСИН …`` → ``ИК``, ``1``.

The unit types of the Russian penal system, as they stand in published addresses: ИК
penal colony, КП settlement colony, СИЗО pre-trial detention, ПФРСИ a unit working as a
СИЗО, ЛИУ/ЛПУ/ФКЛПУ/КБ hospitals, ВК/КВК juvenile colonies, Т/Тюрьма prison, ИЦ
correctional centre, ИВС temporary detention, ЕПКТ/ПКТ cell-type premises (the same
abbreviations as data/regions.toml ``[[facility_type]]``). The word stands alone: not
inside another word (``ИКС``, ``ЕПКТ`` is not ``ПКТ``), followed by a dash, a space,
``№``, a digit or the end.
"""

from __future__ import annotations

import re

FACILITY_TYPE = re.compile(
    r"(?<![А-ЯЁа-яё])(ФКЛПУ|ПФРСИ|СИЗО|ЕПКТ|ПКТ|ЛИУ|ЛПУ|КВК|ИВС|ИК|КП|КБ|ВК|ИЦ|Тюрьма|Т)"
    r"(?=[-\s№\d]|$)[-\s№]*(\d+)?"
)


def type_and_number(facility_name: str | None) -> tuple[str, str | None] | None:
    """``(type, number)`` of the first facility word in the name, or None."""
    if not facility_name:
        return None
    m = FACILITY_TYPE.search(facility_name)
    return (m.group(1), m.group(2)) if m else None


def facility_type(facility_name: str | None) -> str | None:
    """The kind of facility from its name: ``ФКУ ИК-1 УФСИН …`` → ``ИК``."""
    found = type_and_number(facility_name)
    return found[0] if found else None
