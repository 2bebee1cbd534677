"""Which words of a published line the envelope block does not carry.

An address that loses a word while it is called printable is a letter that may go astray
(a unit name, a building, a street). :func:`lost_words` compares the words of the text
the parser read with the words of what it gives back (the envelope lines, the notes and
the warnings, which quote every piece they drop or doubt). Address type words are
compared by meaning, not spelling — the envelope prints the short forms of Minfin order
171н («улица» → «ул.», «дом» → «д.», «область» → «обл.») — and a region may be named
by any of its aliases (``data/regions.toml``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from letterkit.address.format import envelope_lines
from letterkit.address.normalise import normalise_text
from letterkit.address.regions import by_name
from letterkit.models import Address

# A note quoting text the parser dropped: «dropped trailing text: «Электронное письмо …»»;
# a quote cut short (…) covers the rest of its paragraph (trailing text: of the line).
_QUOTED = re.compile(r"^(?P<kind>[^«]*)«(?P<text>.*)»$", re.S)
# Letters and digits apart: «5А» and «5 «А»» are the same house, «ИК-2» is «ИК» + «2».
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
# A birth date: the envelope gives the year only (prisons identify people by full name
# and year of birth), so the day and month are not lost words.
_DATE = re.compile(r"(?<!\d)\d{1,2}\.\d{1,2}\.(?=(?:19|20)\d\d(?!\d))")
# Address type words, long and short (Minfin order 171н, the list of element types), the
# birth-year words and the captions of an envelope form: the envelope states the type
# in its own short form, so these words carry no content of their own.
_TYPE_WORDS = frozenset(
    {
    "улица", "ул", "переулок", "пер", "проспект", "просп", "пр", "кт", "т", "проезд", "д",
    "шоссе", "ш", "бульвар", "бул", "бульв", "б", "р", "площадь", "пл", "набережная", "наб",
    "микрорайон", "мкр", "мкрн", "квартал", "кв", "л", "тер", "территория", "тупик", "туп",
    "дом", "корпус", "корп", "к", "строение", "стр", "литера", "лит", "владение", "влд",
    "вл", "здание", "зд", "квартира", "город", "гор", "г", "посёлок", "поселок", "пос", "п",
    "пгт", "рп", "рабочий", "городского", "типа", "село", "с", "деревня", "дер", "хутор",
    "х", "станица", "ст", "ца", "станция", "аул", "слобода", "сл", "нп", "кп", "область",
    "обл", "край", "кр", "республика", "респ", "автономный", "автономная", "округ", "ао",
    "район", "н", "он", "муниципальный", "м", "о", "городской", "поселение", "сельское",
    "сельсовет", "год", "года", "рождения", "рожд", "гр", "индекс", "россия", "российская",
    "федерация", "рф", "кому", "куда", "адрес", "для", "писем", "получатель", "адресат",
    "им", "имени",
    }
)  # fmt: skip


# Distinct comma-separated pieces whose words are kept: a batch's facilities, streets and
# localities repeat, its names and house numbers mostly do not.
PIECE_CACHE_SIZE = 4096


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def words(text: str) -> tuple[str, ...]:
    """The content words of ``text``, folded (lower case, ё → е), type words left out.

    Read piece by piece between its commas: no word (``_TOKEN``) and no birth date
    (``_DATE``) holds a comma, so the pieces give the same words in the same order, and
    they repeat from line to line where the lines do not (the facility, the street, the
    region of a line whose name, year and house are its own)."""
    if "," not in text:
        return _piece_words(text)
    out: list[str] = []
    for piece in text.split(","):
        out.extend(_piece_words(piece))
    return tuple(out)


@lru_cache(maxsize=PIECE_CACHE_SIZE)
def _piece_words(piece: str) -> tuple[str, ...]:
    folded = _fold(_DATE.sub(" ", piece))
    return tuple(w for w in _TOKEN.findall(folded) if w not in _TYPE_WORDS)


@cache
def _region_words(name: str) -> frozenset[str]:
    reg = by_name(name)
    if reg is None:
        return frozenset(words(name))
    return frozenset(w for form in (reg.name, reg.po, *reg.aliases) for w in words(form))


def lost_words(text: str, kept: list[str], region: str | None = None) -> list[str]:
    """Words of ``text`` (in order, each once) found in none of the ``kept`` strings.

    ``kept`` is what the reader gets back: envelope lines, notes, warning messages.
    ``region``: the official region name, whose aliases count as the region's words.
    """
    have: set[str] = set()
    for k in kept:
        have.update(words(k))
    if region:
        have |= _region_words(region)
    out: list[str] = []
    for w in words(text):
        if w not in have and w not in out:
            out.append(w)
    return out


def _uncovered(text: str, notes: list[str]) -> str:
    """``text`` without the pieces the notes quote as dropped."""
    for note in notes:
        m = _QUOTED.match(note)
        if not m:
            continue
        quoted = m.group("text")
        cut = quoted.endswith("…")
        quoted = quoted.rstrip("…").strip()
        if not quoted:
            continue
        start = text.find(quoted)
        if start < 0:
            continue
        end = start + len(quoted)
        if cut:
            end = len(text) if "trailing" in m.group("kind") else _paragraph_end(text, start)
        text = f"{text[:start]} {text[end:]}"
    return text


def _paragraph_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def unexplained_words(line: str, address: Address) -> list[str]:
    """Words of the published ``line`` that the parsed ``address`` carries nowhere: on no
    envelope line, in no note or warning, in no dropped piece a note quotes."""
    text = _uncovered(normalise_text(line), address.notes)
    kept = [*envelope_lines(address), *address.notes, *(w.message for w in address.warnings)]
    return lost_words(text, kept, address.region)
