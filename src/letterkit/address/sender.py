"""The writer's return address read into its parts (:class:`~letterkit.models.SenderParts`).

A Russian return address goes through the address engine (the ``read_line`` given,
``letterkit.address.parse.parse_address``): it needs a name line first and a 6-digit
postcode, like any envelope Russian Post delivers. A foreign address is printed as given;
only the name and, when ``data/places_ru.toml`` knows its Russian name, the city are read
from it.

A writer gives the same return address in every letter: the parts read from one are kept
in the user's cache (letterkit/memo.py, keyed by a hash of the lines, valid for the code
and data of the engine that read them; :func:`keep_parts` writes them), so a later letter
needs neither the engine nor its import.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from letterkit import names
from letterkit.address.morph import is_first_name
from letterkit.address.recipient import NAME
from letterkit.errors import DataError, InputError
from letterkit.i18n import _
from letterkit.memo import Memo, installed_version
from letterkit.models import LineReader, SenderParts
from letterkit.resources import data_dir

CITY_TYPE = "г."
_TYPED = re.compile(r"^(?P<type>\S+?\.|ст-ца|аул)\s+(?P<name>.+)$")
_POSTCODE_RU = re.compile(r"^\d{6}$")
_PATRONYMIC = re.compile(r"(?:вич|вна|ична|инична)$")
_QUOTES = re.compile(r"[\"'«»“”„]")
_TURKIC = frozenset({"оглы", "кызы", "угли", "гызы", "уулу", "улы"})


@dataclass(frozen=True)
class LocalityType:
    short: str
    in_: str  # «в селе»
    from_: str  # «из села»


@cache
def _places() -> dict:
    path = data_dir() / "places_ru.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(_("{path} cannot be read: {reason}").format(path=path, reason=exc)) from exc


@cache
def locality_types() -> dict[str, LocalityType]:
    """The settlement types a letter names with their phrase («с.» → «в селе»)."""
    return {
        short: LocalityType(short, str(v["in"]), str(v["from"]))
        for short, v in _places().get("locality_type", {}).items()
    }


def _fold(text: str) -> str:
    """Lower case without diacritics: ``München`` and ``Munchen`` meet."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _foreign_index() -> dict[str, str]:
    return {_fold(k): str(v) for k, v in _places().get("foreign_city", {}).items()}


def foreign_city_ru(lines: list[str]) -> str | None:
    """The Russian name of the city a foreign address names (``10115 Berlin`` → ``Берлин``),
    or None when none of its lines names a city ``data/places_ru.toml`` knows."""
    index = _foreign_index()
    longest = max((len(k.split()) for k in index), default=1)
    for line in reversed(lines[1:]):
        words = re.findall(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*", line)
        for size in range(min(longest, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                found = index.get(_fold(" ".join(words[i : i + size])))
                if found:
                    return found
    return None


def split_locality(value: str | None) -> tuple[str | None, str | None]:
    """``с. Кевдо-Вершина`` → (``с.``, ``Кевдо-Вершина``); a name without type → (None, name)."""
    if not value:
        return None, None
    m = _TYPED.match(value.strip())
    if m and (m.group("type") == CITY_TYPE or m.group("type") in locality_types()):
        return m.group("type"), m.group("name")
    return None, value.strip()


def read_name(line: str) -> SenderParts:
    """The writer's name line: surname first as on a Russian envelope («Иванова Мария
    Петровна»), or given name first («Мария Иванова») when the dictionary says so."""
    words = line.split()
    parts = SenderParts()
    if len(words) >= 3 and words[-1].lower() in _TURKIC:
        # «Мамедова Айгюль Рашид кызы»: the patronymic is two words
        parts.last, parts.first = words[0], words[1]
        parts.middle = " ".join(words[2:]) if len(words) >= 4 else words[2]
    elif len(words) >= 3 and _PATRONYMIC.search(words[-1]):
        parts.last, parts.first, parts.middle = words[0], " ".join(words[1:-1]), words[-1]
    elif len(words) >= 3 and is_first_name(words[0]) and is_first_name(words[-2]):
        parts.first, parts.middle, parts.last = words[0], " ".join(words[1:-1]), words[-1]
    elif len(words) >= 2 and is_first_name(words[0]) and not is_first_name(words[-1]):
        parts.first, parts.last = " ".join(words[:-1]), words[-1]
    elif len(words) >= 2:
        parts.last, parts.first = words[0], " ".join(words[1:])
    else:
        parts.first = line
    return parts


def _gender(parts: SenderParts) -> str | None:
    return names.detect_gender(parts.first, parts.middle, parts.last)


@cache
def _kept() -> Memo:
    """The parts of Russian return addresses read before, valid for the address engine's
    code (every module of this package, the name rules, the dictionary that tells a given
    name) and the data it reads."""
    data = data_dir()
    return Memo(
        "senders",
        installed_version(
            "letterkit.names",
            "pymorphy3",
            "pymorphy3_dicts_ru",
            files=[
                *sorted(Path(__file__).parent.glob("*.py")),
                data / "regions.toml",
                data / "places_ru.toml",
                *sorted((data / "postcodes").glob("ru-*")),
            ],
        ),
    )


def keep_parts() -> None:
    """Write the parts of return addresses read for the first time to the cache."""
    _kept().save()


def _is_parts(value: object) -> bool:
    fields = SenderParts.__dataclass_fields__
    return isinstance(value, dict) and all(
        k in fields and isinstance(v, str) for k, v in value.items()
    )


def parse_sender(lines: list[str], country: str = "RU", *, read_line: LineReader) -> SenderParts:
    """The parts of a return address; a Russian one is read with ``read_line`` unless its
    parts are kept from an earlier run. Raises :class:`InputError` for a Russian address
    without a name line or without a 6-digit postcode."""
    if not lines:
        raise InputError(
            _("the return address is empty"), hint=_('give the lines separated by ";"')
        )
    if country != "RU":
        return foreign_parts(lines)
    first = lines[0]
    if not NAME.match(_QUOTES.sub("", first).strip()):  # «Иванова "Маша"» is a name too
        raise InputError(
            _("the return address has no name line: its first line «{line}» is not a name").format(
                line=first
            ),
            hint=_('start with your name: "Иванова Мария Петровна; ул. Ленина, д. 1; …"'),
        )
    key = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    kept = _kept().cached(key, lambda: _russian_parts(lines, read_line).to_json(), _is_parts)
    return SenderParts.from_json(kept)  # a new object: callers add the Russian name


def _russian_parts(lines: list[str], read_line: LineReader) -> SenderParts:
    first = lines[0]
    address = read_line(", ".join(lines))
    postcode = address.postcode or ""
    if not _POSTCODE_RU.match(postcode):
        problem = (
            _("the return address has no postcode")
            if not postcode
            else _("the postcode «{code}» in the return address is not 6 digits").format(
                code=postcode
            )
        )
        raise InputError(
            problem,
            hint=_("add your 6-digit postcode as the last line, e.g. «170000»"),
        )
    parts = read_name(" ".join(_QUOTES.sub("", first).split()))
    parts.gender = _gender(parts)
    place = address.locality
    for sub in (address.sublocality or "").split(", "):
        kind, _name = split_locality(sub)
        if kind in locality_types():  # «г. Санкт-Петербург, пос. Шушары»: the settlement
            place = sub
            break
    parts.locality_type, parts.locality = split_locality(place)
    if address.region and address.region.startswith("г. ") and not parts.locality:
        parts.locality_type, parts.locality = split_locality(address.region)
    parts.district = address.district
    parts.region = address.region
    parts.postcode = postcode
    return parts


def foreign_parts(lines: list[str]) -> SenderParts:
    """The parts of a foreign return address: the name, and the city when
    ``data/places_ru.toml`` knows its Russian name."""
    words = lines[0].split()
    parts = SenderParts()
    if len(words) >= 2:
        parts.first, parts.last = " ".join(words[:-1]), words[-1]
    else:
        parts.first = lines[0]
    city = foreign_city_ru(lines)
    if city:
        parts.locality_type, parts.locality = CITY_TYPE, city
    return parts


@cache
def country_names_ru() -> dict[str, str]:
    """Country names a letter uses where they differ from CLDR's (``US`` → ``США``)."""
    return {str(k): str(v) for k, v in _places().get("country_name", {}).items()}


_CYRILLIC_NAME = re.compile(r"^[А-ЯЁа-яё][А-ЯЁа-яё'’-]*(?:\s+[А-ЯЁа-яё][А-ЯЁа-яё'’-]*)*$")


def with_russian_name(parts: SenderParts, name: str) -> SenderParts:
    """``parts`` with the Russian spelling of the writer's name («Анна Шмидт»: given name
    first) that letters use. Raises :class:`InputError` unless it is Cyrillic."""
    text = " ".join((name or "").split())
    if not _CYRILLIC_NAME.match(text):
        raise InputError(
            _("--writer-ru «{name}» is not a name in Russian letters").format(name=name),
            hint=_('give your name in Cyrillic, given name first, e.g. --writer-ru "Анна Шмидт"'),
        )
    words = text.split()
    parts.first_ru = words[0]
    parts.last_ru = " ".join(words[1:]) or None
    return parts
