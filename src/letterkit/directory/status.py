"""A directory record's status, from Memorial's tags, and who can be written to.

Writable (random picks, batch selections) = a printable address and a status under
which a person receives letters at that address:

=================  =====================================================  ===========
status             tags                                                   writable
=================  =====================================================  ===========
``psychiatric``    принудительное лечение, карательная психиатрия         yes
``custody``        в заключении, в СИЗО, заключение под стражу,           yes
                   лишение свободы, реальный срок
``forced-labour``  принудительные работы (исправительный центр)           yes
``house-arrest``   под домашним арестом, домашний арест                   no: letters
                                                                          go home,
                                                                          not published
``restricted``     ограничение свободы, условный срок или УДО, штраф      no: at home
``on-trial``       идёт суд, ожидание суда, апелляция в суде              only if the
                                                                          address names
                                                                          a facility
``unknown``        none of the above                                      only if the
                                                                          address names
                                                                          a facility
=================  =====================================================  ===========

The first row that matches wins (a person ``в заключении`` with ``идёт суд`` is in
custody). A trial may be held in custody or at liberty; Memorial publishes a postal
address for people held in a facility, so an address naming one (СИЗО, ИК, hospital)
is taken as the place to write to; without a facility the record is kept but not
writable. Records that cannot be written to are kept, marked "no usable address" with
the reason, and never guessed (data/directory/README.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from letterkit.models import Prisoner

# (status, tags) in order of precedence; see the module docstring.
STATUS_TAGS: tuple[tuple[str, frozenset[str]], ...] = (
    ("psychiatric", frozenset({"принудительное лечение", "карательная психиатрия"})),
    (
        "custody",
        frozenset(
            {"в заключении", "в СИЗО", "заключение под стражу", "лишение свободы", "реальный срок"}
        ),
    ),
    ("forced-labour", frozenset({"принудительные работы"})),
    ("house-arrest", frozenset({"под домашним арестом", "домашний арест"})),
    ("restricted", frozenset({"ограничение свободы", "условный срок или УДО", "штраф"})),
    ("on-trial", frozenset({"идёт суд", "ожидание суда", "апелляция в суде"})),
)
RECEIVES_LETTERS = frozenset({"psychiatric", "custody", "forced-labour"})
NEEDS_FACILITY = frozenset({"on-trial", "unknown"})
STATUS_EN = {
    "psychiatric": "compulsory psychiatric treatment",
    "custody": "in custody",
    "forced-labour": "forced labour (correctional centre)",
    "house-arrest": "under house arrest",
    "restricted": "at liberty with restrictions",
    "on-trial": "on trial",
    "unknown": "not stated",
}


def status_of(tags: Iterable[str]) -> str:
    tagset = set(tags)
    for status, status_tags in STATUS_TAGS:
        if tagset & status_tags:
            return status
    return "unknown"


def is_writable(prisoner: Prisoner) -> bool:
    """Printable address and (for directory records) a status that receives letters."""
    return prisoner.writable
