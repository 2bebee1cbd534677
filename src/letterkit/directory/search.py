"""Finding people by name (Cyrillic or Latin, one typo tolerated), region, tag, facility.

Functions take the people to search (``Store().people()`` in the CLI): the directory
never reads the store.
"""

from __future__ import annotations

import re
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
