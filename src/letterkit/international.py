"""International layout for writers outside Russia (the sender's country is not ``RU``).

- Recipient block: one last line, the country in capitals in the sender's language
  when that language is written in Latin or Cyrillic script, else English, then
  `` / РОССИЯ`` (``RUSSLAND / РОССИЯ``): the origin post sorts by the last line
  (rule ``abroad.country-line`` in data/guidance.toml, with its sources).
- Sender block: the writer's lines as given, then the writer's country in Russian
  and English capitals (``ГЕРМАНИЯ / GERMANY``) so the prisoner can copy it.
- No postcode stencil for the sender (a foreign postcode has no Russian stencil).

Country and language names come from babel's CLDR data.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

from letterkit.errors import DataError, InputError
from letterkit.i18n import _, current_language
from letterkit.resources import data_dir

RUSSIA_RU = "РОССИЯ"

# CLDR "territories" also holds groupings and private-use codes that are no country.
NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})

# Where CLDR's long name is not what people write on envelopes ("Соединенные Штаты").
COUNTRY_LINE_OVERRIDES = {"US": "США / USA"}


def validate_country(code: str) -> str:
    # deferred: babel costs ~40 ms at start-up; only writers abroad need it
    from babel import Locale

    cc = (code or "").strip().upper()
    if (
        len(cc) != 2
        or not cc.isalpha()
        or cc in NOT_COUNTRIES
        or cc not in Locale("en").territories
    ):
        raise InputError(
            _("unknown country code '{code}'").format(code=code),
            hint=_("use a two-letter ISO 3166 code, for example DE, FR, US or RU"),
        )
    return cc


def _latin_or_cyrillic(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if not name.startswith(("LATIN", "CYRILLIC")):
                return False
    return True


@cache
def sender_language(country: str) -> str:
    """The main official language of the sender's country (CLDR), e.g. DE → de."""
    # deferred: babel costs ~40 ms at start-up; only writers abroad need it
    from babel.languages import get_official_languages

    langs = get_official_languages(country, de_facto=True)
    return langs[0] if langs else "en"


@cache
def destination_line(sender_country: str) -> str:
    """``RUSSLAND / РОССИЯ`` for a German sender, ``RUSSIA / РОССИЯ`` for a Japanese one."""
    # deferred: babel costs ~40 ms at start-up; only writers abroad need it
    from babel import Locale, UnknownLocaleError

    lang = sender_language(sender_country)
    try:
        name = Locale.parse(lang).territories.get("RU")
    except (UnknownLocaleError, ValueError):
        name = None
    if not name or not _latin_or_cyrillic(name):
        name = Locale("en").territories["RU"]
    name = name.upper()
    # A Russian-speaking sender's post reads РОССИЯ already: no "РОССИЯ / РОССИЯ".
    return RUSSIA_RU if name == RUSSIA_RU else f"{name} / {RUSSIA_RU}"


@cache
def sender_country_line(sender_country: str) -> str:
    """``ГЕРМАНИЯ / GERMANY``."""
    # deferred: babel costs ~40 ms at start-up; only writers abroad need it
    from babel import Locale

    if sender_country in COUNTRY_LINE_OVERRIDES:
        return COUNTRY_LINE_OVERRIDES[sender_country]

    ru = Locale("ru").territories[sender_country].upper()
    en = Locale("en").territories[sender_country].upper()
    return f"{ru} / {en}"


@cache
def _suspended() -> dict[str, Any]:
    # deferred: `letterkit --help` imports this module (sender.py) and reads no data
    import tomllib

    path = data_dir() / "mail_suspended.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:  # pragma: no cover - broken install
        raise DataError(f"cannot read {path}: {exc}") from exc


def mail_notes(country: str | None) -> list[str]:
    """Warnings for a writer whose country's post carries no letters to Russia
    (``data/mail_suspended.toml``, each entry with its source), naming the known
    alternatives; empty for every other country."""
    data = _suspended()
    entry = data.get("country", {}).get((country or "").upper())
    if entry is None:
        return []
    lang = "ru" if current_language() == "ru" else "en"
    alternatives = [
        data["alternative"][key][lang]
        for key in entry.get("alternatives", [])
        if key in data.get("alternative", {})
    ]
    note = _(
        "the post of your country ({post}) has not carried mail to Russia since {since} "
        "({url}): a paper letter posted there will not arrive"
    ).format(post=entry["post"], since=entry["since"], url=entry["source"]["url"])
    if alternatives:
        note += "; " + _("instead: {alternatives}").format(alternatives="; ".join(alternatives))
    return [note]
