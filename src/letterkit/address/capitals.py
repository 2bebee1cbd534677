"""A line published all in capitals («ФКУ ИК-11 УФСИН РОССИИ ПО РЕСПУБЛИКЕ МОРДОВИЯ,
ПЕТРОВУ ИВАНУ СЕРГЕЕВИЧУ, 1985 Г.Р.») or all in lower case («фку ик-21 оухд уфсин россии
по архангельской области, магомедову шамилю …»), as some chats and forms give it,
rewritten in the case the parser reads and the envelope prints: names capitalised, type words and
prepositions in lower case, acronyms (FSIN's units, regions' short names) in capitals.

Also FSIN's acronyms themselves: a facility typed all in lower case («фку ик-2 уфсин
россии по …») gets them back in capitals (classify.py).
"""

from __future__ import annotations

import re
from functools import cache

from letterkit.address.regions import regions

# FSIN's, MVD's and health institutions' acronyms, lower case (ru-post.md's facility list;
# address/facility_type.py has the unit types; ЦВСИГ/СУВСИГ: MVD's centres for foreigners
# awaiting deportation): written in capitals in a facility's name.
FSIN_ACRONYMS = frozenset(
    {"фку", "фкулпу", "фклпу", "фксу", "фкуз", "фкут", "фгу", "фгбу", "фгку", "сизо", "ик", "кп",
     "лиу", "лпу", "иц", "уфиц", "ивс", "пфрси", "епкт", "пкт", "шизо", "вк", "уфсин",
     "гуфсин", "офсин", "фсин", "мсч", "отб", "укп", "рф", "оухд", "гбуз", "гуз", "гкуз",
     "гауз", "огбуз", "кгбуз", "фгбуз", "фбу", "фбуз", "т", "цвсиг", "сувсиг", "омвд",
     "умвд", "мвд"}
)  # fmt: skip

# Words an address writes in lower case (Minfin order 171н's element types, long and
# short, the cases of «область», «край», «район», «округ» after «по», the prepositions,
# the birth-year words and the Turkic patronymic particles); single letters are type
# abbreviations («г.», «д.», «п.») unless they are initials.
_LOWER = frozenset(
    {"область", "области", "обл", "край", "края", "краю", "район", "района", "району",
     "округ", "округа", "округу", "автономный", "автономного", "автономному", "автономная",
     "автономной", "ул", "улица", "дом", "корп", "корпус", "стр", "строение", "лит", "литера",
     "пер", "переулок", "пр", "проспект", "просп", "кт", "шоссе", "бульвар", "наб",
     "набережная", "пл", "площадь", "мкр", "мкрн", "микрорайон", "кв", "квартал", "тер",
     "территория", "пос", "посёлок", "поселок", "пгт", "рп", "село", "дер", "деревня", "хутор",
     "ст", "станица", "ца", "аул", "сл", "слобода", "город", "гор", "зд", "здание", "влд",
     "владение", "уч", "участок", "отряд", "отр", "камера", "блок", "тракт", "км", "проезд",
     "тупик", "туп", "аллея", "промзона", "по", "при", "для", "на", "из", "им", "имени",
     "года", "год", "рождения", "рожд", "гр", "индекс", "адрес", "кому", "куда", "писем",
     "оглы", "кызы", "уулу", "улы", "угли", "гызы", "кизи", "лет"}
)  # fmt: skip

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_UPPER = re.compile(r"[А-ЯЁ]")
_WORD = re.compile(r"[А-Яа-яЁёA-Za-z]+")
# Initials after a surname: «ПЕТРОВУ И. С.», «И.С.» (not the «Г.Р.» of a birth year)
_INITIALS = re.compile(r"(?<![А-ЯЁ])(?!Г\.\s?Р\.)([А-ЯЁ])\.\s?([А-ЯЁ])\.(?!\s?[А-ЯЁ]\.)")
# A line is in capitals when nearly all its Cyrillic letters are (a lower-case letter or
# two of a typo stays); short texts are too little to tell.
_MIN_LETTERS = 20
_MIN_SHARE = 0.9


@cache
def _acronyms() -> frozenset[str]:
    """FSIN's acronyms and the regions' short names written in capitals (ХМАО, ЯНАО, РБ;
    data/regions.toml aliases)."""
    regional = {a.lower() for r in regions() for a in r.aliases if a.isupper() and " " not in a}
    return FSIN_ACRONYMS | regional


def in_one_case(text: str) -> bool:
    """True when ``text`` is written (almost) all in capital letters, or with no capital
    letter at all."""
    letters = len(_CYRILLIC.findall(text))
    if letters < _MIN_LETTERS:
        return False
    upper = len(_UPPER.findall(text))
    return upper >= _MIN_SHARE * letters or upper == 0


def recase(text: str) -> str:
    """``text`` in one case rewritten in ordinary case (see the module docstring)."""
    keep = {i for m in _INITIALS.finditer(text) for i in (m.start(1), m.start(2))}
    acronyms = _acronyms()

    def word(m: re.Match[str]) -> str:
        w, low = m.group(0), m.group(0).lower()
        if low in acronyms and (len(w) > 1 or text[m.end() : m.end() + 1] == "-"):
            return w.upper()  # «ИК-11», «УФСИН», «Т-2»
        if len(w) == 1:
            return w if m.start() in keep else low
        if low in _LOWER:
            return low
        return low.capitalize()

    return _WORD.sub(word, text)
