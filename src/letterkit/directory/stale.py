"""How old an address is, and when it is too old to trust.

Every record carries ``address_seen``: the day a source last confirmed its address (the
scrape date of Memorial's list, a person page or a Telegram post, or the ``checked``
date of a hand-made record). :func:`address_age` grades it with the limits and move
rates in data/staleness.toml (their source is in the file): a pre-trial address (СИЗО,
ПФРСИ, ИВС) older than 60 days, or any address older than 180 days, is stale, and
``write``/``show`` warn, ``batch`` counts, ``find`` shows the age.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from letterkit import resources
from letterkit.errors import DataError
from letterkit.i18n import _, current_language
from letterkit.limits import load_toml

if TYPE_CHECKING:
    from letterkit.models import Prisoner

STALENESS_FILE = "staleness.toml"
DAYS_PER_MONTH = 30  # the move rates in the file are per 30 days
KIND_MEMO_SIZE = 10_000  # facilities remembered per grading (a directory has ~1 000)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_in_months(since: dt.date, today: dt.date | None = None) -> int:
    """Whole calendar months from ``since`` to ``today`` (never negative)."""
    today = today or dt.date.today()
    months = (today.year - since.year) * 12 + today.month - since.month
    if today.day < since.day:
        months -= 1
    return max(months, 0)


@dataclass(frozen=True)
class FacilityKind:
    id: str
    name_en: str
    name_ru: str
    pattern: re.Pattern[str]
    max_days: int | None
    monthly_move_rate: float


@dataclass(frozen=True)
class Grading:
    """data/staleness.toml: the limits, the kinds of facility and their move rates."""

    any_max_days: int
    monthly_move_rate: float
    kinds: tuple[FacilityKind, ...]
    source: str
    # facility → its kind: a batch grades the same facilities again and again
    _kinds_of: dict[str, FacilityKind | None] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    def kind_of(self, facility: str | None) -> FacilityKind | None:
        if not facility:
            return None
        try:
            return self._kinds_of[facility]
        except KeyError:
            pass
        kind = next((k for k in self.kinds if k.pattern.search(facility)), None)
        if len(self._kinds_of) < KIND_MEMO_SIZE:
            self._kinds_of[facility] = kind
        return kind


@dataclass(frozen=True)
class AddressAge:
    """How old one record's address is, graded."""

    seen: dt.date
    today: dt.date
    days: int
    months: int
    kind: FacilityKind | None
    limit_days: int  # stale when ``days`` is above it
    moved_share: float  # the expected share of such addresses changed in ``days``

    @property
    def stale(self) -> bool:
        return self.days > self.limit_days

    def short(self) -> str:
        """``12 d`` / ``21 mo``: a table cell."""
        if self.days < 2 * DAYS_PER_MONTH:
            return _("{n} d").format(n=self.days)
        return _("{n} mo").format(n=self.months)

    def phrase(self) -> str:
        """``647 days (21 months)``."""
        if self.days < 2 * DAYS_PER_MONTH:
            return _("{days} days").format(days=self.days)
        return _("{days} days ({months} months)").format(days=self.days, months=self.months)


def _word_pattern(words: list[str]) -> re.Pattern[str]:
    # a facility word stands alone: "СИЗО-1", "ФКУ ИК-7", "ПФРСИ при ФКУ ИК-2" (not "ИКС")
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![0-9A-Za-zА-Яа-яЁё])(?:{alternatives})(?![A-Za-zА-Яа-яЁё])")


def load_grading(data_dir: Path | None = None) -> Grading:
    if data_dir is None:
        return _shipped_grading()
    return _load_grading(data_dir / STALENESS_FILE)


@cache
def _shipped_grading() -> Grading:
    # A batch grades every row: building and hashing the path each time cost more than
    # the grading itself.
    return _load_grading(resources.data_dir() / STALENESS_FILE)


@cache
def _load_grading(path: Path) -> Grading:
    try:
        raw = load_toml(path.read_text(encoding="utf-8"))  # limits: letterkit.limits
        kinds = tuple(
            FacilityKind(
                id=k["id"],
                name_en=k["name_en"],
                name_ru=k["name_ru"],
                pattern=_word_pattern(list(k["words"])),
                max_days=k.get("max_days"),
                monthly_move_rate=float(k["monthly_move_rate"]),
            )
            for k in raw["kind"]
        )
        return Grading(
            any_max_days=int(raw["any_max_days"]),
            monthly_move_rate=float(raw["monthly_move_rate"]),
            kinds=kinds,
            source=str(raw["source"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:  # ValueError: TOML syntax, limits
        raise DataError(
            _("{path}: cannot read the staleness limits ({reason})").format(path=path, reason=exc),
            hint=_("reinstall letterkit: pip install --force-reinstall letterkit"),
        ) from None


def address_age(
    prisoner: Prisoner, today: dt.date | None = None, grading: Grading | None = None
) -> AddressAge | None:
    """The graded age of the record's address; None without an address or a date."""
    seen = prisoner.address_seen
    if seen is None or prisoner.address is None:
        return None
    today = today or dt.date.today()
    grading = grading or load_grading()
    kind = grading.kind_of(prisoner.address.facility)
    days = max((today - seen).days, 0)
    limit = grading.any_max_days
    if kind is not None and kind.max_days is not None:
        limit = min(limit, kind.max_days)
    rate = kind.monthly_move_rate if kind is not None else grading.monthly_move_rate
    return AddressAge(
        seen=seen,
        today=today,
        days=days,
        months=age_in_months(seen, today),
        kind=kind,
        limit_days=limit,
        moved_share=1 - (1 - rate) ** (days / DAYS_PER_MONTH),
    )


def is_stale(prisoner: Prisoner, today: dt.date | None = None) -> bool:
    age = address_age(prisoner, today)
    return age is not None and age.stale


def page_url(prisoner: Prisoner) -> str | None:
    """The person's page (the first source with a URL), else the URL that gave the address."""
    return next((s.url for s in prisoner.sources if s.url), None) or prisoner.address_source


def stale_warning(prisoner: Prisoner, today: dt.date | None = None) -> str | None:
    """The one-line warning for a stale address (without the ``Warning:`` prefix), or None."""
    age = address_age(prisoner, today)
    if age is None or not age.stale:
        return None
    url = page_url(prisoner)
    if url:
        where = _("check {url} before sending").format(url=url)
    else:
        where = _("check the person's page before sending")
    if age.kind is not None:
        kind = age.kind.name_ru if current_language() == "ru" else age.kind.name_en
        share = _("about {share} % of addresses in {kind} change in that time").format(
            share=round(age.moved_share * 100), kind=kind
        )
    else:
        share = _("about {share} % of addresses change in that time").format(
            share=round(age.moved_share * 100)
        )
    return _(
        "this address was last confirmed on {seen}, {age} ago; {share}: {where}, or run "
        "'letterkit data update'"
    ).format(seen=age.seen.isoformat(), age=age.phrase(), share=share, where=where)
