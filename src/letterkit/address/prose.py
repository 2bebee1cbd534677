"""Prose glued to an address: a line copied from a channel post or a chat runs into the
post's next sentence («…, д. 71 Пишите письма!», «… 1990 г.р. #письма», «… 1990 г. р.
Он осуждён по …») or starts with one. No address holds a hashtag, a pictograph, «!» or
«?», and none holds a verb, a pronoun, a particle or an interjection: those mark a
sentence, which :func:`split_prose` cuts off for a note and a warning — never dropped
silently, never left on the envelope.

Parts of speech come from the OpenCorpora dictionary (:mod:`letterkit.address.morph`),
consulted only for the words where a sentence can start (after a house number, a birth
year or a full stop, or next to «!»/«?»), and only for words the dictionary knows: an
unknown word (a surname) is never read as prose.
"""

from __future__ import annotations

import re
from functools import lru_cache

from letterkit.address.classify import FACILITY
from letterkit.address.morph import analyser

# Never in an address: a hashtag, a pictograph or emoji (and the joiners and variation
# selectors they are built with).
_HASHTAG = re.compile(r"#[\w-]+")
_PICTOGRAPH = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2190-\u21ff\u2300-\u23ff\ufe0f\u200d\u20e3]+"
)
# The one range that holds every character of _PICTOGRAPH: a test for it is a compare per
# character, the pattern's classes a search through its ranges.
_PICTOGRAPH_RANGE = re.compile("[\u200d-\U0001faff]")
_SHOUT = re.compile(r"[!?]")
# The link text a social network's page adds where it folds a long post (VK's «Показать
# полностью…», Telegram's and Facebook's «Читать далее», «Ещё»), copied with the address.
_FOLD_LINK = re.compile(
    r"(?:…|\.\.\.)?\s*(?:Показать полностью|Показать ещё|Читать далее|Читать полностью|"
    r"Развернуть|Ещё)\s*(?:…|\.\.\.)?\s*$"
)
_FOLD_ENDS = ("полностью", "ещё", "далее", "Развернуть", "Ещё")  # (a test before the search)
# Where a sentence can start inside an address line: after a number (a house, a
# postcode: «д. 71 Пишите»), after the birth year («1990 г. р. Он …»), after a full
# stop, «!» or «?» — or at the start of the line.
# A lower-case word after a number or a full stop is an address word («9 января»,
# «2 микрорайон»), after the birth year or «!»/«?» it may start a sentence. A full stop
# after a word of three letters or fewer is an address type's («г.», «ул.», «обл.»):
# no candidate. (Each alternative starts with a character class: the engine skips ahead
# to it.)
_CANDIDATE = re.compile(
    r"\d(?:\s*(?:г\.?\s?р|гр|г\.?\s?рожд)\.?\s+(?P<any>[А-ЯЁа-яё][а-яё]+)"
    r"|[А-Яа-яA-Za-z]?\.?\s+(?P<cap>[А-ЯЁ][а-яё]+))"
    # (the full stop before the look back at the word it ends: re tries the look back
    # only where there is a full stop)
    r"|(?P<stop>\.(?<=[А-ЯЁа-яё]{4}\.)|[»)])\s+(?P<cap2>[А-ЯЁ][а-яё]+)"
)
_AFTER_SHOUT = re.compile(r"[!?]\s+(?P<any>[А-ЯЁа-яё][а-яё]+)")
_SPACES = re.compile(r"\s{2,}")
_FIRST_WORD = re.compile(r"[А-ЯЁ][а-яё]+")
_WORD = re.compile(r"[А-ЯЁа-яё][а-яё-]*")
# Parts of speech (OpenCorpora tags) no address part is: verbs and their forms,
# pronouns, predicatives, interjections, particles; capitalised, an adverb or a
# conjunction starting a sentence («Срочно …», «Но …»).
_PROSE_POS = frozenset({"VERB", "INFN", "GRND", "PRTS", "NPRO", "PRED", "INTJ", "PRCL"})
_SENTENCE_START_POS = frozenset({"ADVB", "CONJ"})
# A dictionary word that is also a name or a place is no evidence of prose.
_NAME_TAGS = ("Name", "Surn", "Patr", "Geox", "Orgn", "Abbr")
# A patronymic (dative or nominative) or a Turkic patronymic word: a person's name.
_PATRONYMIC = re.compile(r"(?:вич|вна|чна|шна|вичу|ичу|вне|чне|шне|оглы|кызы|уулу|улы)$")
# What a sentence cut off as prose never holds: a facility, a postcode, an address type
# with its full stop, a patronymic.
_ADDRESS_PART = re.compile(
    r"\d{6}|(?<![А-Яа-яЁё])(?:г|ул|д|обл|пос|п|с|пгт|пер|корп|стр)\.\s?[А-ЯЁ0-9]"
    r"|(?<![А-Яа-яЁё])(?:област|кра[йю]|республик|округ|район)"
)
# A sentence end followed by more address («Пишите письма! 693008, …»).
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_ADDRESS_AHEAD = re.compile(r"\d|(?<![А-Яа-яЁё])(?:г|ул|д|обл|пос|п|с)\.")


# The endings a verb form (-ть, -л, -ет, -ите, -й, -ся, -н …), a pronoun (он, мы, его),
# an adverb, a particle or an interjection can have: a word ending in another consonant
# («Адрес», «Пятигорск») is none of them, and the dictionary is not loaded for it.
_MAYBE_PROSE = re.compile(r"(?:[аеёиоуыэюяйьлтнвм]|сь|шь)$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def prose_word(word: str) -> bool:
    """A word the dictionary knows only as a part of speech no address holds."""
    if not _MAYBE_PROSE.search(word):
        return False
    parses = [p for p in analyser().parse(word) if p.is_known]
    if not parses or any(t in p.tag for p in parses for t in _NAME_TAGS):
        return False
    pos = parses[0].tag.POS
    if pos in _PROSE_POS:
        return True
    return word[:1].isupper() and len(word) > 1 and pos in _SENTENCE_START_POS


def _is_name_ahead(text: str, at: int) -> bool:
    """The word at ``at`` starts a person's name («Гуляй Ивану Ивановичу»)."""
    ahead = _WORD.findall(text[at : at + 80])[:4]
    return any(_PATRONYMIC.search(w.lower()) for w in ahead[1:])


# FSIN's services named after it («ФСИН-письмо», «ФСИН-ПИСЬМО», «ФСИН-магазин»): a
# sentence about how to write, not a facility.
_FSIN_SERVICE = re.compile(r"ФСИН-(?:письм|магазин|посылк)\w*", re.I)


# A facility's name, not a bare type word: a number or a name after it («СИЗО-1», «ФКУ
# ИК-2», «ИК № 5»), not the «СИЗО» of «Пишите в СИЗО!».
_FACILITY_NAME = re.compile(rf"(?:{FACILITY.pattern})[^\s\d]*(?:[-\s№]*\d|\s+[А-ЯЁ«\"])")


def _holds_address(text: str) -> bool:
    text = _FSIN_SERVICE.sub(" ", text)
    return bool(_FACILITY_NAME.search(text) or _ADDRESS_PART.search(text)) or any(
        _PATRONYMIC.search(w.lower()) for w in _WORD.findall(text)
    )


def _prose_start(body: str, abbreviations: frozenset[str]) -> int | None:
    """Where the first sentence that is no address starts, or None."""
    shout = _SHOUT.search(body)
    first = _FIRST_WORD.match(body)
    found = [*((first,) if first else ()), *_CANDIDATE.finditer(body)]
    if shout is not None:
        found = sorted([*found, *_AFTER_SHOUT.finditer(body)], key=lambda m: m.start())
    for m in found:
        if m is first:
            start, word = 0, m.group(0)
        else:
            key = next(k for k, v in m.groupdict().items() if v and k != "stop")
            start, word = m.start(key), m.group(key)
        if not _MAYBE_PROSE.search(word):
            continue
        if m is not first and m.groupdict().get("stop") == ".":
            # «п. Видим»: the full stop of an address type, not a sentence's
            stop = m.start("stop")
            token = body[body.rfind(" ", 0, stop) + 1 : stop]
            if token.lower().lstrip('(«"') in abbreviations:
                continue
        # the cheap checks first: the dictionary loads only for a sentence with no
        # address in it (a quarter of a second, once)
        end = _prose_end(body, start)
        if start == 0 and end == len(body):
            continue  # all the text one sentence: no address to free from it
        if _is_name_ahead(body, start) or _holds_address(body[start:end]):
            continue
        if prose_word(word):
            return start
    if shout is None:
        return None
    # «… Свободу политзаключённым!»: a sentence with «!» or «?» and no address in it
    stop = max(body.rfind(c, 0, shout.start()) for c in ",;")
    for m in _SENTENCE_END.finditer(body, 0, shout.start()):
        stop = max(stop, m.end() - 1)
    start = stop + 1
    while start < len(body) and body[start] == " ":
        start += 1
    sentence = body[start : shout.start()]
    if not _WORD.search(sentence) or re.search(r"\d", sentence) or _holds_address(sentence):
        return None
    return start


def _prose_end(body: str, start: int) -> int:
    """The end of the sentence starting at ``start``: its full stop, «!» or «?» when more
    address follows, else the end of the text."""
    for m in _SENTENCE_END.finditer(body, start):
        if _ADDRESS_AHEAD.search(body, m.end()):
            return m.end()
    return len(body)


def split_prose(body: str, abbreviations: frozenset[str]) -> tuple[str, list[str]]:
    """``body`` without its hashtags, pictographs and sentences that are no address,
    and those pieces, in the order of the line. ``abbreviations``: the words whose full
    stop ends no sentence («г», «ул», «п» …)."""
    pieces: list[tuple[int, str]] = []
    if body.rstrip(" .…").endswith(_FOLD_ENDS):
        fold = _FOLD_LINK.search(body)
        if fold:
            pieces.append((fold.start(), fold.group(0).strip(" ….")))
            body = body[: fold.start()]
    if "#" in body or (_PICTOGRAPH_RANGE.search(body) and _PICTOGRAPH.search(body)):
        for m in (*_HASHTAG.finditer(body), *_PICTOGRAPH.finditer(body)):
            if m.group(0).strip("\ufe0f\u200d\u20e3"):
                pieces.append((m.start(), m.group(0)))
        body = _PICTOGRAPH.sub(" ", _HASHTAG.sub(" ", body))
    for _ in range(3):  # a sentence before the address and one after it, at most
        start = _prose_start(body, abbreviations)
        if start is None:
            break
        end = _prose_end(body, start)
        pieces.append((start, body[start:end].strip()))
        body = f"{body[:start]} {body[end:]}"
    if not pieces:
        return body, []
    body = _SPACES.sub(" ", body).strip()
    return body, [p for _, p in sorted(pieces, key=lambda x: x[0]) if p]
