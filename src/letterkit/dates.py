"""Dates in Russian and birthday arithmetic: one home for both.

A Russian date («25 ноября 2026 г.») is CLDR's long date pattern for Russian,
``d MMMM y 'г'.``, with its month names in the genitive (https://cldr.unicode.org, as babel
ships them: ``babel.Locale("ru").date_formats["long"]`` and ``.months["format"]["wide"]``),
written here because loading babel for twelve words costs a letter ~25 ms at start-up;
tests/test_write_startup.py checks every month against babel. Other dates (English, the
profile sheet's) come from babel (https://babel.pocoo.org/en/latest/dates.html), imported
inside the function because the CLI's ``--help`` never formats a date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from letterkit.errors import DataError
from letterkit.i18n import _
from letterkit.resources import data_dir


def _babel(day: dt.date, form: str, locale: str = "ru") -> str:
    from babel.dates import format_date  # deferred: start-up time (see the module doc)

    # CLDR puts a narrow no-break space (U+202F) before «г.»; PT Serif and PT Sans have
    # no glyph for it, so it becomes a plain space.
    return format_date(day, format=form, locale=locale).replace("\u202f", " ")


# CLDR's Russian month names in the genitive («format» context, wide), January first.
MONTHS_GENITIVE_RU = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


def russian_date(day: dt.date) -> str:
    """The long Russian date of a letter: ``25 ноября 2026 г.`` (CLDR ``d MMMM y 'г'.``)."""
    return f"{russian_day_month(day)} {day.year} г."


def russian_day_month(day: dt.date, *, with_year: bool = False) -> str:
    """``5 января`` (CLDR ``d MMMM``), or ``5 января 2027 г.`` with ``with_year``."""
    text = f"{day.day} {MONTHS_GENITIVE_RU[day.month - 1]}"
    return f"{text} {day.year} г." if with_year else text


def bilingual_date(day: dt.date) -> str:
    """``5 января 1990 г. / January 5, 1990`` (the profile sheet)."""
    return f"{russian_date(day)} / {_babel(day, 'long', 'en')}"


def birthday_in(birth: dt.date, year: int) -> dt.date:
    """The birthday in ``year`` (29 February → 28 February in common years)."""
    try:
        return birth.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def next_birthday(birth: dt.date, today: dt.date) -> dt.date:
    """The next birthday on or after ``today``."""
    day = birthday_in(birth, today.year)
    return day if day >= today else birthday_in(birth, today.year + 1)


def age_on(birth: dt.date, day: dt.date) -> int:
    """The age one turns on the birthday ``day`` (or has on any later day that year)."""
    return day.year - birth.year


def days_to_birthday(birth: dt.date, day: dt.date) -> int:
    """Days from ``day`` to the birthday nearest to it, this year's, last year's or next
    year's: 40 when it is 40 days ahead, 0 on the day, -5 five days after it (a tie goes
    to the coming one)."""
    candidates = [birthday_in(birth, day.year + k) for k in (-1, 0, 1)]
    nearest = min(candidates, key=lambda b: (abs((b - day).days), b < day))
    return (nearest - day).days


@dataclass(frozen=True)
class DeliveryTime:
    """How long a letter takes (``data/delivery.toml``, with its sources)."""

    max_days: int
    sources: tuple[str, ...]


@cache
def delivery_time(*, abroad: bool = False) -> DeliveryTime:
    """The delivery time of a letter within Russia, or from abroad."""
    import tomllib  # deferred: `letterkit --help` imports this module and reads no data

    path = data_dir() / "delivery.toml"
    key = "abroad" if abroad else "domestic"
    try:
        entry = tomllib.loads(path.read_text(encoding="utf-8"))[key]
        return DeliveryTime(int(entry["max_days"]), tuple(entry.get("sources", ())))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, ValueError) as exc:
        raise DataError(_("{path} cannot be read: {reason}").format(path=path, reason=exc)) from exc


def send_by(birthday: dt.date, *, abroad: bool = False) -> dt.date:
    """The last day to post a birthday letter so that it arrives in time: the birthday
    minus the longest usual delivery time."""
    return birthday - dt.timedelta(days=delivery_time(abroad=abroad).max_days)
