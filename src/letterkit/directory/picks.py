"""Whom to write to: random picks and birthdays among the people given.

Functions take the people (``Store().people()`` in the CLI) and, for random picks, the
slugs already written to (the letter log, read by the caller): the directory never
reads the store or the log.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from letterkit.dates import (
    age_on,
    birthday_in,
    delivery_time,
    next_birthday,
    russian_day_month,
)
from letterkit.directory._common import fold
from letterkit.directory.search import matches_filters
from letterkit.directory.status import is_writable
from letterkit.errors import InputError
from letterkit.i18n import _

if TYPE_CHECKING:
    from letterkit.models import Prisoner


def random_people(
    people: Sequence[Prisoner],
    n: int = 1,
    region: str | None = None,
    tag: str | None = None,
    exclude: Iterable[str] = (),
    rng: random.Random | None = None,
    *,
    written: Collection[str] = frozenset(),
) -> list[Prisoner]:
    """``n`` writable people, those whose slug (or an alias) is not in ``written`` first."""
    rng = rng or random.Random()
    excluded = set(exclude)
    written = set(written)
    pool = [
        p
        for p in people
        if is_writable(p)
        and p.slug not in excluded
        and not excluded & set(p.aliases)
        and matches_filters(p, region, tag, None)
    ]
    fresh = [p for p in pool if p.slug not in written and not written & set(p.aliases)]
    fresh_ids = {id(p) for p in fresh}
    seen = [p for p in pool if id(p) not in fresh_ids]
    picked = rng.sample(fresh, min(n, len(fresh)))
    if len(picked) < n:
        picked += rng.sample(seen, min(n - len(picked), len(seen)))
    return picked


@dataclass(frozen=True)
class BirthdayEntry:
    prisoner: Prisoner
    date: dt.date  # the next birthday on or after ``today`` (or in the month asked)
    days: int  # days from today (negative: earlier this month with ``month``)
    age: int  # the age they turn

    @property
    def date_ru(self) -> str:
        return russian_day_month(self.date)


SEND_BY_WINDOW_DAYS = 30  # `letterkit birthdays` with no period: send-by dates this soon


def birthdays(
    people: Iterable[Prisoner],
    today: dt.date | None = None,
    within_days: int | None = None,
    month: int | None = None,
    *,
    writable_only: bool = True,
    abroad: bool = False,
) -> list[BirthdayEntry]:
    """Birthdays within ``within_days`` days from today (inclusive, across the new year),
    or in ``month`` (this year's if not over yet, else next year's). With neither, the
    birthdays a letter posted now can still reach: those whose send-by date (the birthday
    minus the delivery time, from abroad with ``abroad``) falls in the next
    ``SEND_BY_WINDOW_DAYS`` days. Only people whose full birth date is known; writable
    ones unless told otherwise."""
    today = today or dt.date.today()
    if within_days is not None and month is not None:
        raise InputError(_("use either --within or --month, not both"))
    if month is not None and not 1 <= month <= 12:
        raise InputError(_("--month must be 1 to 12, not {month}").format(month=month))
    if within_days is not None and within_days < 0:
        raise InputError(_("--within must be 0 or more days"))
    by_send_by = within_days is None and month is None
    lead = delivery_time(abroad=abroad).max_days if by_send_by else 0
    year = today.year if month is None or month >= today.month else today.year + 1
    out = []
    for p in people:
        if p.birth_date is None or (writable_only and not is_writable(p)):
            continue
        if month is not None:
            if p.birth_date.month != month:
                continue
            day = birthday_in(p.birth_date, year)
        else:
            # by send-by: the first birthday whose send-by date is today or later
            day = next_birthday(p.birth_date, today + dt.timedelta(days=lead))
            limit = SEND_BY_WINDOW_DAYS if by_send_by else within_days
            if (day - today).days - lead > limit:
                continue
        out.append(BirthdayEntry(p, day, (day - today).days, age_on(p.birth_date, day)))
    out.sort(key=lambda b: (b.date, fold(b.prisoner.nominative)))
    return out


def birthday_targets(
    people: Iterable[Prisoner], within: int, today: dt.date | None = None
) -> list[Prisoner]:
    """Writable people with a birthday in the next ``within`` days (batch
    ``--birthdays-within``), soonest first."""
    return [b.prisoner for b in birthdays(people, today, within_days=within)]
