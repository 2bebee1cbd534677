"""How old the directory's data is: ``show`` and ``write`` warn when it is stale.

Memorial's list is a snapshot; people are moved between facilities, so data older than
six months (:func:`is_stale`) comes with a warning to check the person's page before
sending.
"""

from __future__ import annotations

import calendar
import datetime as dt

STALE_MONTHS = 6


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_stale(snapshot_date: dt.date, today: dt.date | None = None) -> bool:
    """True when the data is older than six months."""
    today = today or dt.date.today()
    return today > add_months(snapshot_date, STALE_MONTHS)


def age_in_months(snapshot_date: dt.date, today: dt.date | None = None) -> int:
    today = today or dt.date.today()
    months = (today.year - snapshot_date.year) * 12 + today.month - snapshot_date.month
    if today.day < snapshot_date.day:
        months -= 1
    return max(months, 0)
