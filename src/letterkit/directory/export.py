"""A person as a JSON object: what ``letterkit list/find/random/birthdays/show --json``
print, one object per person (the README's "Machine-readable output" lists the fields).

One serialiser, so every command (and any other front end) describes a person the same
way: plain JSON types only (strings, numbers, booleans, null, lists), dates as ISO 8601.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from letterkit.address.format import envelope_lines
from letterkit.directory.stale import address_age, page_url
from letterkit.directory.status import is_writable

if TYPE_CHECKING:
    from letterkit.models import Prisoner


def born(prisoner: Prisoner) -> str | None:
    """``1999-08-05`` when the day is known, else the year alone (``1995``), else None.

    Both are ISO 8601 (a year alone is its reduced precision), so a script reads the
    field one way."""
    if prisoner.birth_date is not None:
        return prisoner.birth_date.isoformat()
    return f"{prisoner.birth_year:04d}" if prisoner.birth_year else None


def person_json(prisoner: Prisoner, today: dt.date | None = None) -> dict[str, Any]:
    """The person's record as JSON; ``stale`` counts the address's age to ``today``.

    ``envelope`` holds the recipient lines the envelope prints (null without an address);
    ``printable``: the address has every part an envelope needs; ``writable``: that, and
    Memorial's tags do not say the person is free or dead; ``source_url``: the person's
    page; ``address_seen``: the day a source last confirmed the address.
    """
    address = prisoner.address
    age = address_age(prisoner, today)
    return {
        "slug": prisoner.slug,
        "name": prisoner.nominative,
        "born": born(prisoner),
        "facility": address.facility if address is not None else None,
        "region": address.region if address is not None else None,
        "envelope": envelope_lines(address) if address is not None else None,
        "printable": address is not None and address.printable,
        "writable": is_writable(prisoner),
        "source_url": page_url(prisoner),
        "address_seen": (
            prisoner.address_seen.isoformat() if prisoner.address_seen is not None else None
        ),
        "stale": age is not None and age.stale,
        "origin": prisoner.origin,
    }
