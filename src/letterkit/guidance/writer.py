"""The writer as a letter template sees them: ``writer.first_name``, ``writer.signature``,
``writer.place`` («в Твери», «в селе Кевдо-Вершина», «в Германии») and the country.

One rule for the place: a city has no type word and is declined («в Твери», «из
Берлина»); any other settlement keeps its type word and the nominative («в селе
Кевдо-Вершина», «на хуторе Весёлый»); a town the dictionary does not know stays in the
nominative after «в городе»; a writer abroad whose city has no known Russian name
(``data/places_ru.toml``) is placed by the country alone («в Германии»). A template never
sees a bare type abbreviation.

Declining a name loads pymorphy3's dictionary and naming a country loads babel's, a
tenth of a second together, for the same town and country in every letter: their answers
are kept in the user's cache (letterkit/memo.py; :func:`keep_answers` writes them), so a
writer's later letters need neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from letterkit.address.morph import decline_place
from letterkit.address.sender import (
    CITY_TYPE,
    country_names_ru,
    foreign_parts,
    keep_parts,
    locality_types,
)
from letterkit.international import RUSSIA_RU
from letterkit.memo import Memo, installed_version
from letterkit.models import Sender, SenderParts
from letterkit.translit_ru import russian_name

# «во Франции», «во Владимире»: в before в/ф and a consonant becomes во
# (https://ru.wiktionary.org/wiki/во).
_VO = re.compile(r"^[ВвФф][^аеёиоуыэюяАЕЁИОУЫЭЮЯ]")


@dataclass(frozen=True)
class Writer:
    """What a letter says about its writer; every field is ``""`` when unknown."""

    first_name: str = ""  # «Мария» (Russian spelling when the writer gave one)
    last_name: str = ""
    signature: str = ""  # «Мария Иванова»
    gender: str = ""  # "m", "f" or ""
    city: str = ""  # the town's name, nominative, without type word: «Тверь», «Берлин»
    place: str = ""  # «в Твери», «в селе Кевдо-Вершина», «в Германии»
    place_from: str = ""  # «из Твери», «из села Кевдо-Вершина», «из Германии»
    place_of: str = ""  # «Твери», «села Кевдо-Вершина», «Германии» (открытка с видами …)
    country: str = "RU"  # ISO 3166 alpha-2
    country_ru: str = ""  # «Германия» (nominative); «Россия» for RU
    country_in: str = ""  # «в Германии»
    country_from: str = ""  # «из Германии»
    abroad: bool = False

    def __bool__(self) -> bool:  # a writer the letter can name
        return bool(self.first_name)


@cache
def _memo() -> Memo:
    """The kept answers of pymorphy3 (declensions) and babel (country names), valid for
    the installed dictionaries and letterkit's code that asks them."""
    return Memo(
        "places",
        installed_version(
            "letterkit.address.morph",
            "pymorphy3",
            "pymorphy3_dicts_ru",
            "babel",
        ),
    )


def keep_answers() -> None:
    """Write the declensions, country names and return addresses' parts asked for the
    first time to the cache."""
    _memo().save()
    keep_parts()


def _declined(name: str, case: str) -> str | None:
    """``decline_place(name, case)``, kept between runs."""
    return _memo().cached(
        f"{case}:{name}", lambda: decline_place(name, case), lambda v: v is None or _is_str(v)
    )


def _territory(country: str) -> str:
    """babel's Russian name (CLDR) of ``country``, or ``country`` itself, kept between runs."""

    def ask() -> str:
        # deferred: babel costs ~40 ms at start-up
        from babel import Locale

        return Locale("ru").territories.get(country, country)

    return _memo().cached(f"country:{country}", ask, _is_str)


def _is_str(value: object) -> bool:
    return isinstance(value, str) and bool(value)


def _in(word: str) -> str:
    return f"во {word}" if _VO.match(word) else f"в {word}"


def _from(word: str) -> str:
    return f"из {word}"


def country_ru(country: str) -> str:
    """The Russian name of a country for a letter (babel's CLDR territory names)."""
    if country == "RU":  # a writer at home: CLDR's name, «Россия», without loading babel
        return RUSSIA_RU.capitalize()
    override = country_names_ru().get(country)
    if override:
        return override
    return _territory(country)


# A writer at home: «в России», «из России», «России», as the dictionary declines
# «Россия» (tests/test_write_startup.py compares), without loading it for a letter whose
# town needs no declension («в селе …»).
HOME_PHRASES = ("в России", "из России", "России")


def _country_phrases(name: str) -> tuple[str, str, str]:
    if name == RUSSIA_RU.capitalize():
        return HOME_PHRASES
    loct, gent = _declined(name, "loct"), _declined(name, "gent")
    if loct and gent:
        return _in(loct), _from(gent), gent
    if name.isupper():  # «США», «ОАЭ»: abbreviations do not decline
        return _in(name), _from(name), name
    return f"в стране «{name}»", f"из страны «{name}»", f"страны «{name}»"


def place_phrases(parts: SenderParts | None) -> tuple[str, str, str]:
    """(«в …», «из …», genitive) for the writer's settlement, or ("", "", "") when it is
    not known."""
    if parts is None or not parts.locality:
        return "", "", ""
    name, kind = parts.locality, parts.locality_type
    if kind in locality_types():
        t = locality_types()[kind]
        genitive = t.from_.split(" ", 1)[1]  # «из села» → «села»
        return f"{t.in_} {name}", f"{t.from_} {name}", f"{genitive} {name}"
    loct, gent = _declined(name, "loct"), _declined(name, "gent")
    if loct and gent:
        return _in(loct), _from(gent), gent
    if kind == CITY_TYPE:
        return f"в городе {name}", f"из города {name}", f"города {name}"
    return "", "", ""  # a name without a type the dictionary does not know: not guessed


def sender_parts(sender: Sender | None) -> SenderParts | None:
    """The sender's parts: the ones read with the lines (``writing.prepare_sender``, a
    batch row, the saved profile); a foreign address's are read now, which needs no
    address parser. None for a Russian address whose parts were not read or cannot be
    (an old profile without a name line)."""
    if sender is None or not sender.lines:
        return None
    if sender.parts is not None:
        return sender.parts
    return foreign_parts(sender.lines) if sender.country != "RU" else None


def writer_view(sender: Sender | None, signature: str | None = None) -> Writer:
    """The :class:`Writer` for a template; ``signature`` (``--signature``) wins over the
    name in the return address, for the signature and the first name."""
    country = sender.country if sender is not None else "RU"
    parts = sender_parts(sender)
    first = last = ""
    if parts is not None:
        first = parts.first_ru or parts.first or ""
        last = parts.last_ru or parts.last or ""
    sign = " ".join(p for p in (first, last) if p)
    if signature:
        sign = " ".join(signature.split())
        first = sign.split()[0] if sign else first
    place, place_from, place_of = place_phrases(parts)
    name_ru = country_ru(country)
    country_in, country_from, country_of = _country_phrases(name_ru)
    abroad = country != "RU"
    if abroad and not place:
        place, place_from, place_of = country_in, country_from, country_of
    city = parts.locality if parts is not None and parts.locality_type == CITY_TYPE else ""
    return Writer(
        first_name=first,
        last_name=last,
        signature=sign,
        gender=(parts.gender or "") if parts is not None else "",
        city=city or "",
        place=place,
        place_from=place_from,
        place_of=place_of,
        country=country,
        country_ru=name_ru,
        country_in=country_in,
        country_from=country_from,
        abroad=abroad,
    )


def suggested_russian_name(sender: Sender | None) -> str | None:
    """The Russian spelling to offer a writer whose name is in Latin letters and who has
    not given one (``Anna Schmidt`` from Germany → ``Анна Шмидт``), else None."""
    parts = sender_parts(sender)
    if sender is None or parts is None or parts.first_ru:
        return None
    name = " ".join(p for p in (parts.first, parts.last) if p)
    return russian_name(name, sender.country)
