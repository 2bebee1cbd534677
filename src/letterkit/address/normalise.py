"""Text clean-up before a published address line is parsed: Unicode, spacing, dashes,
Latin look-alike letters inside Cyrillic words, glued years and postcodes, a space after
the full stop of a type abbreviation («г.Москва» → «г. Москва»).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CYR = "А-Яа-яЁё"
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# Runs of horizontal space become one plain space; the pattern matches only the runs that
# change (two or more, or one that is not a plain space), so a line is not rewritten at
# every word gap.
_HSPACE = re.compile(
    r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
)
_DASH_SPACED = re.compile(r"\s+[-–—−‑]+\s+")
# A dash glued to a word, or after a Cyrillic letter before a space. The dash comes first
# in the pattern so the engine scans for the dash itself, not every letter.
_DASH_GLUED = re.compile(r"[–—−‑](?:(?<=\w.)(?=\w)|(?<=[А-Яа-яЁё].)(?=\s))")
_MIXED_WORD = re.compile(rf"\b(?=\w*[A-Za-z])(?=\w*[{_CYR}])\w+\b")
_LAT2CYR = str.maketrans("aceopxyKMHTBACEOPXk", "асеорхуКМНТВАСЕОРХк")
# A lone Latin c/x/p used as the type abbreviation: «c. Троицкое», «x. Дыдымкин».
_LATIN_TYPE = re.compile(rf"(?<![\w.])([cxpCXP])\.(?=\s*[{_CYR}])")
# (the look-ahead first: it fails at once on all but a digit)
_GLUED_YEAR = re.compile(rf"(?=(?:19|20)\d\d\s*г)(?<=[{_CYR}])")
# (\d\d{5}: a character class first, which re scans for in C)
_GLUED_POSTCODE = re.compile(r"(\d\d{5}),?([А-ЯЁа-яё])")
HAS_LATIN = re.compile(r"[A-Za-z]")
_ODD_DASHES = "–—−‑"
_SPACE_AFTER_DOT = re.compile(
    rf"(?<![{_CYR}])(г|ул|д|п|с|пос|пер|стр|корп|обл|пгт|дер|мкр|дом|х)\.(?=[{_CYR}0-9])"
    r"(?![а-яё]\.)"  # «г.о.», «р.п.», «п.г.т.»: one abbreviation, no space inside
)
_SPACES = re.compile(r"\s+")
# A spaced slash or bar between parts, where a post's line breaks were («618400 / Пермский
# край / г. Березники»): a comma. Unspaced ones stay («а/я 5», «д. 6/3»).
_SLASH_SEPARATOR = re.compile(r"\s+[/|]\s+")
# Prechecks: a space other than the plain one; a full stop with a letter or digit right
# after it (what _HSPACE and _SPACE_AFTER_DOT need to change anything).
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_DOT_GLUED = re.compile(rf"\.[{_CYR}0-9]")


# Quotes and brackets that close (or open) nothing in a segment: the end of a quotation
# around the whole line («…, 1965 г. р."»), not part of an address part.
_PAIRS = (("«", "»"), ("(", ")"), ("“", "”"), ("„", "“"), ("[", "]"))


def _strip_unbalanced(text: str) -> str:
    while text:
        last, first = text[-1], text[0]
        if last == '"' and text.count('"') % 2:
            text = text[:-1]
        elif first == '"' and text.count('"') % 2:
            text = text[1:]
        elif any(last == c and text.count(o) < text.count(c) for o, c in _PAIRS if o != c):
            text = text[:-1]
        elif any(first == o and text.count(o) > text.count(c) for o, c in _PAIRS if o != c):
            text = text[1:]
        else:
            return text
        text = text.strip(" ,.;:—")
    return text


def clean(text: str) -> str:
    """Single spaces, no separators at either end, no unbalanced quote or bracket at
    either end."""
    return _strip_unbalanced(_SPACES.sub(" ", text).strip(" ,.;:—"))


def short(text: str, limit: int = 80) -> str:
    """``text`` cleaned and cut to ``limit`` characters, for a note."""
    text = clean(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fix_mixed(match: re.Match[str]) -> str:
    return match.group(0).translate(_LAT2CYR)


def _has_odd_dash(text: str) -> bool:
    return any(dash in text for dash in _ODD_DASHES)


@lru_cache(maxsize=1024)  # the parser and its lost-word check both read the line
def normalise_text(line: str) -> str:
    """Unicode, spacing, dashes and Latin look-alikes; newlines are kept."""
    text = unicodedata.normalize("NFC", line)
    text = _ZERO_WIDTH.sub("", text).replace("\r", "\n")
    if "  " in text or _ODD_SPACE.search(text):  # a scan for one character is cheap
        text = _HSPACE.sub(" ", text)
    if " -" in text or "- " in text or _has_odd_dash(text):
        text = _DASH_SPACED.sub(" — ", text)
        text = _DASH_GLUED.sub("-", text)
    if HAS_LATIN.search(text):
        text = _MIXED_WORD.sub(_fix_mixed, text)
        text = _LATIN_TYPE.sub(lambda m: m.group(1).translate(_LAT2CYR) + ".", text)
    if " / " in text or " | " in text:
        text = _SLASH_SEPARATOR.sub(", ", text)
    text = _GLUED_YEAR.sub(" ", text)
    if _GLUED_POSTCODE.search(text):  # a search costs less than a sub with groups
        text = _GLUED_POSTCODE.sub(r"\1, \2", text)
    if not _DOT_GLUED.search(text):
        return text
    return _SPACE_AFTER_DOT.sub(r"\1. ", text)
