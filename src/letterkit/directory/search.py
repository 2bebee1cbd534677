"""Finding people by name (Cyrillic or Latin, one typo tolerated), region, tag, facility.

Functions take the people to search (``Store().people()`` in the CLI): the directory
never reads the store.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from letterkit.directory._common import LATIN_NAMES, PAGE_NAME, fold
from letterkit.names import transliterate

if TYPE_CHECKING:
    from letterkit.models import Prisoner


def _edit_distance_le1(a: str, b: str) -> bool:
    """Damerau–Levenshtein distance ≤ 1 (one insertion, deletion, substitution or swap)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_LATIN_LETTER = re.compile(r"[A-Za-z]")

# search words per person, keyed by (slug, nominative)
_WORDS: dict[tuple[str, str], tuple[frozenset[str], frozenset[str]]] = {}


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _search_words(p: Prisoner) -> tuple[frozenset[str], frozenset[str]]:
    """(Cyrillic words, Latin words) of a person's names, slug and aliases."""
    key = (p.slug, p.nominative)
    cached = _WORDS.get(key)
    if cached is not None:
        return cached
    names = [p.nominative]
    names += [n.removeprefix(PAGE_NAME) for n in p.notes if n.startswith(PAGE_NAME)]
    cyr = {w for n in names for w in _words(n)}
    latin = LATIN_NAMES.get(key)
    if latin is None:
        lat = {w for n in names for w in _words(transliterate(n))}
    else:
        lat = set(_words(latin))
    for s in (p.slug, *p.aliases):
        lat.update(s.split("-"))
    found = (frozenset(cyr), frozenset(lat))
    _WORDS[key] = found
    return found


def _word_score(q: str, words: frozenset[str]) -> int:
    """3 exact, 2 prefix (≥ 3 letters), 1 one typo (≥ 4 letters), 0 no match."""
    if q in words:
        return 3
    if len(q) >= 3 and any(w.startswith(q) for w in words):
        return 2
    if len(q) >= 4 and any(_edit_distance_le1(q, w) for w in words):
        return 1
    return 0


def name_score(query: str, prisoner: Prisoner) -> int:
    """How well a name query matches (0 = no match). Every query word must match."""
    qwords = _words(query.replace("-", " "))
    if not qwords:
        return 0
    cyr, lat = _search_words(prisoner)
    total = 0
    for q in qwords:
        score = _word_score(q, lat if _LATIN_LETTER.search(q) else cyr)
        if score == 0:
            return 0
        total += score
    return total


def _matches(text: str | None, wanted: str | None) -> bool:
    if wanted is None:
        return True
    if not text:
        return False
    return fold(wanted) in fold(text)


def matches_filters(p: Prisoner, region: str | None, tag: str | None, facility: str | None) -> bool:
    """``region``, ``tag`` and ``facility`` as :func:`find` matches them (None: any)."""
    a = p.address
    if region is not None and not (
        _matches(a.region if a else None, region)
        or _matches(a.locality if a else None, region)
        or any(fold(t) == fold(region) for t in p.tags)
    ):
        return False
    if tag is not None and not any(_matches(t, tag) for t in p.tags):
        return False
    return facility is None or _matches(a.facility if a else None, facility)


def find(
    people: Iterable[Prisoner],
    query: str | None,
    region: str | None = None,
    tag: str | None = None,
    facility: str | None = None,
) -> list[Prisoner]:
    """People matching a name (Cyrillic or Latin, one typo tolerated) and the filters.

    Best matches first (exact words, then prefixes, then one typo), then by name.
    ``region`` matches the address's region or locality, or a Memorial region tag;
    ``tag`` and ``facility`` match as case-insensitive substrings.
    """
    scored = []
    for p in people:
        if not matches_filters(p, region, tag, facility):
            continue
        score = name_score(query, p) if query and query.strip() else 1
        if score:
            scored.append((-score, fold(p.nominative), p.slug, p))
    scored.sort(key=lambda t: t[:3])
    return [t[3] for t in scored]


# ------------------------------------------------------------------- slug aliases

# Transliteration systems a user may spell a Russian surname in, as iuliia schemas
# (https://iuliia.ru/, each page names its standard): ISO 9:1968 and GOST 7.79-2000 (both
# systems), BGN/PCGN, the scientific system, ICAO Doc 9303 (passports), UNGEGN 1987,
# ALA-LC, Wikipedia's and Yandex's, and MVD 782 (older Russian passports). Our own slugs
# use mvd_310 (letterkit.names.slugify).
ALIAS_SCHEMAS = (
    "ISO_9_1968",
    "GOST_779",
    "GOST_779_ALT",
    "BGN_PCGN",
    "SCIENTIFIC",
    "ICAO_DOC_9303",
    "UNGEGN_1987",
    "ALA_LC",
    "WIKIPEDIA",
    "YANDEX_MAPS",
    "MVD_782",
)
# Memorial's page slugs (memopzk.org/figurant/<slug>/) spell х as h and ц as cz always,
# otherwise as GOST 7.79 system B (``Румянцев`` → ``rumyanczev``, ``Щеколдина`` →
# ``shhekoldina``, ``Хусенов`` → ``husenov``: the snapshot's own ids in data/directory/).
_MEMORIAL_CZ = re.compile(r"c(?![zh])")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _as_slug(latin: str) -> str | None:
    """A Latin spelling as a slug: diacritics and apostrophes dropped (``Ščekoldina`` →
    ``scekoldina``); None when a letter has no ASCII form left."""
    plain = "".join(
        c
        for c in unicodedata.normalize("NFKD", latin)
        if not unicodedata.combining(c) and unicodedata.category(c) not in ("Lm", "Sk")
    )
    plain = plain.replace("'", "").replace("’", "").replace("`", "").lower()
    if any(c.isalpha() and not c.isascii() for c in plain):
        return None
    slug = _NOT_SLUG.sub("-", plain).strip("-")
    return slug[:64].rstrip("-") or None


def spelling_variants(text: str) -> set[str]:
    """``text`` (a Cyrillic surname) as a slug in each of :data:`ALIAS_SCHEMAS` and in
    Memorial's spelling: ``Цуркан`` → ``curkan``, ``czurkan``, ``tsurkan``, …"""
    # deferred: iuliia costs ~30 ms at start-up, and only a slug not found needs it
    import iuliia

    found: set[str] = set()
    for name in ALIAS_SCHEMAS:
        latin = getattr(iuliia, name).translate(text)
        slug = _as_slug(latin)
        if slug:
            found.add(slug)
        if name == "GOST_779_ALT":
            memorial = _as_slug(_MEMORIAL_CZ.sub("cz", latin.lower().replace("x", "h")))
            if memorial:
                found.add(memorial)
    return found


def alias_index(people: Iterable[Prisoner]) -> dict[str, list[str]]:
    """Every spelling of each person's surname (and ``surname-firstname``) as a slug →
    the slugs of the people it names, in the order given. Built when a slug is not found:
    at the first look-up, not at start-up."""
    index: dict[str, list[str]] = {}

    def add(key: str, slug: str) -> None:
        slugs = index.setdefault(key, [])
        if slug not in slugs:
            slugs.append(slug)

    for p in people:
        surnames = spelling_variants(p.last) if p.last else set()
        firsts = spelling_variants(p.first) if p.first else set()
        if p.origin == "snapshot":  # the page's own spelling: its first word(s)
            words = len(next(iter(surnames), "").split("-"))
            surnames.add("-".join(p.slug.split("-")[:words]))
        for surname in surnames:
            add(surname, p.slug)
            for first in firsts:
                add(f"{surname}-{first}", p.slug)
    return index


def exact_name_matches(people: Iterable[Prisoner], query: str) -> list[Prisoner]:
    """People whose names hold every word of ``query`` exactly (Cyrillic or Latin, ё = е),
    no prefix and no typo: who ``write "Баценин"`` means."""
    words = _words(query.replace("-", " "))
    if not words:
        return []
    found = []
    for p in people:
        cyr, lat = _search_words(p)
        if all(w in (lat if _LATIN_LETTER.search(w) else cyr) for w in words):
            found.append(p)
    return found
