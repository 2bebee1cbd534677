"""Splitting a published text into the address and its segments.

:func:`chunks` joins the lines of an address written over several lines and separates
paragraphs; :func:`address_body` picks the paragraph holding the address and drops
captions, trailing sentences about e-letter services and remarks (each with a note);
:func:`split_segments` splits it at commas and at full stops that end a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from letterkit.address.classify import FACILITY, PO, classify
from letterkit.address.normalise import short
from letterkit.address.prose import split_prose
from letterkit.address.recipient import NAME, NAME_YEAR
from letterkit.address.regions import po_regions_strict
from letterkit.i18n import _
from letterkit.models import Issue

_TAIL_PAREN = re.compile(r"\s*\(([^()]*)\)\s*\.?\s*$")
_NUMBER_SIGN = re.compile(r"№\s*(?=\d)")
_PREFIX = re.compile(r"^\s*([^,:\d«»]{1,60}):\s*(?=\S)")
_TRAIL_START = re.compile(
    # the character class first (a «г» must begin «г. р.»): re scans for it in C
    r"(?P<p>[.!?»)\]г](?:(?<=г)\.\s?р\.?|(?<!г)))\s*"
    r"(?=(?:Также|Так же|Можно|Или|Либо|Электронн|Письм|Доступ|Отправ|Напис|Групп|Для |Если|"
    r"Через|Пожалуйста|Обрат|Внимани|Посылк|Передач|Он |Она |Сервис|Воспольз|Ещё|Еще |"
    r"Кроме|На сайте|По данным|Адрес |Номер|Последн|Деньги|Перевод|Открытк|Фото|"
    r"ZT|PrisonMail|Prisonmail|Ф-[Пп]исьм|ФСИН-письм|Зонател|Росузник|РосУзник|"
    r"[Пп]ередать|Звонит|Свидан|Новый адрес|Актуальн))"
)
# Words of a sentence about e-letter services or the person, in the lower-cased text.
# Plain substring tests (re.IGNORECASE over this alternation on Cyrillic cost more than
# the rest of the line's scoring together); «zt» and «бот» only as whole words.
_TRAIL_WORDS = (
    "сервис", "письмо", "письма", "можно", "воспольз", "оплат", "zonatelecom",
    "зонателеком", "prisonmail", "росузник", "напишите", "уточняется", "известно",
)  # fmt: skip
_TRAIL_WHOLE_WORDS = re.compile(r"\bzt\b|\bбот\b")


def _trail_words(text: str) -> bool:
    low = text.lower()
    if any(w in low for w in _TRAIL_WORDS):
        return True
    return ("zt" in low or "бот" in low) and bool(_TRAIL_WHOLE_WORDS.search(low))


_PROSE_START = re.compile(
    r"^(?:Также|Так же|Можно|Или|Либо|Электронн|Письм|Доступ|Отправ|Напис|Групп|Для |Если|"
    r"Через|Пожалуйста|Обрат|Внимани|Посылк|Передач|Он |Она |Сервис|Воспольз|Ещё|Еще |"
    r"Кроме|На сайте|По данным|Номер|Последн|Деньги|Перевод|Открытк|Фото|ZT\b|PrisonMail|"
    r"Prisonmail|Ф-[Пп]исьм|ФСИН-письм|Зонател|Росузник|РосУзник|[Пп]ередать|Звонит|Свидан|"
    r"Адрес\s+(?:колонии\s+|СИЗО\s+)?уточняется)"
)
# A caption before a line of an address copied from an envelope form or a chat.
_LINE_LABEL = re.compile(
    r"^(?:Кому|Куда|Индекс|Адрес(?:\s+для\s+писем)?|Получатель|Адресат)\s*:\s*", re.I
)
_NEW_ADDRESS = re.compile(r"^(?:Предыдущий|Прежний|Старый|Новый|Актуальный)\s+адрес", re.I)
_LAST_WORD = re.compile(r"(\S+)$")
_WRAP_WORDS = frozenset(
    {"по", "при", "и", "в", "на", "им.", "имени", "ул.", "г.", "д.", "пос.", "п.", "с.",
     "пгт", "пгт.", "обл.", "пер.", "пр-кт", "УФСИН", "ГУФСИН", "ОФСИН", "ФСИН",
     "ФКУ", "корп.", "стр.", "№"}
)  # fmt: skip
_NAME_PIECE = re.compile(r"[А-ЯЁ][а-яё'’-]+(?:\s+[А-ЯЁ][а-яё'’-]+)?")
_PATRONYMIC_END = re.compile(r"(?:вич|вна|вичу|вне|ичу|ичне|чна|чне|оглы|кызы)$")
_REMARK = re.compile(
    r"\(\s*(предположительн\w*(?:\s+адрес)?|уточняется|не точно|возможно)\s*\)", re.I
)
_GLUED_INITIALS = re.compile(r"[А-ЯЁ](?:\.[А-ЯЁ])+")
_SEGMENT_SPLIT = re.compile(r"[,;]|(?<=\S)\s?\.\s+")
ANY_POSTCODE = re.compile(r"(?<!\d)\d{6}(?!\d)")
_PLACE_HINT = re.compile(r"(?<![А-Яа-яЁё])(?:г\.|ул\.|обл)")
_YEAR_HINT = re.compile(r"(?:19|20)\d\d\s*г")
_PREFIX_WORDS = re.compile(r"адрес|ожида|этап|RU|EN", re.I)
# Words written with a full stop that does not end a sentence (the abbreviated address
# types of Minfin order 171н, and «им.», «г. р.»); a full stop after any other word splits the line when a capital,
# a digit or an address type word follows («г. Сафоново. микрорайон Горный»).
_ABBREVIATIONS = frozenset(
    {"г", "гор", "д", "ул", "пер", "пр", "просп", "ш", "наб", "пл",
     "мкр", "мкрн", "кв", "корп", "к", "стр", "лит", "влд", "вл", "зд", "п", "пос",
     "пгт", "рп", "р", "с", "сл", "ст", "х", "дер", "нп", "кп", "обл", "респ", "им", "тер",
     "туп", "бул", "бульв", "уч", "отр", "отд", "а/я", "с/с", "п/о", "г.р", "гр", "рожд",
     "пом", "оф", "дом", "т", "е", "т.е", "н", "а", "о", "м", "тр", "р.п", "п.г.т"}
)  # fmt: skip
_TYPE_WORD_START = re.compile(
    r"(?:ул|улица|пер|переулок|пр|просп|проспект|пр-кт|пр-т|пр-д|проезд|ш|шоссе|наб|"
    r"набережная|пл|площадь|мкр|мкрн|микрорайон|кв|кв-л|квартал|тер|территория|б-р|бул|"
    r"бульвар|туп|тупик|г|гор|город|п|пос|пос[её]лок|пгт|рп|р\.\s?п|с|село|сл|слобода|ст|"
    r"станция|ст-ца|станица|х|хутор|дер|деревня|аул|д|дом|корп|корпус|к|стр|строение|лит|"
    r"литера|влд|вл|владение|зд|здание|уч|участок|а/я|отряд|отделение|р-н|район|обл|"
    r"область|край|респ|республика|промзона|филиал|колония|исправительн|следственн|тюрьма|"
    r"больница|психиатрическ|городской округ|муниципальн|сельское поселение|сельсовет|"
    r"г\.\s?о\.|м\.\s?р-н)(?![а-яё])"
)
_FACILITY_WORD_START = re.compile(
    r"(?:филиал|колония|исправительн|следственн|тюрьма|больница|психиатрическ|"
    r"психоневрологическ|отряд|отделение|изолятор|центр|учреждени)"
)
_DIGIT_BEFORE = re.compile(r"\d\s?$")
# «1990 г. рожд» is 12 characters: the year at a part's end is within its last 16.
_YEAR_END_SPAN = 16
_YEAR_END = re.compile(r"(?:19|20)\d\d\s*(?:г\.?\s?р|гр|г\.?\s?рожд)$")
# «(индекс 109383)»: a postcode in brackets is a postcode, not a remark
_PAREN_POSTCODE = re.compile(r"\(\s*(?:индекс\s*)?(\d{6})\s*\)", re.I)


# What a chunk of text holding the address scores at least: a postcode alone, or a
# facility with a place word or a birth year.
_ADDRESS_SCORE = 3


def _hints(chunk: str) -> int:
    """How much ``chunk`` looks like an address: postcode 3, facility 2, place word 1,
    birth year 1."""
    score = 0
    if ANY_POSTCODE.search(chunk):
        score += 3
    if FACILITY.search(chunk):
        score += 2
    if _PLACE_HINT.search(chunk):
        score += 1
    if _YEAR_HINT.search(chunk):
        score += 1
    return score


def score(chunk: str) -> int:
    """:func:`_hints`, less 2 for a chunk below an address's score that speaks of
    e-letter services."""
    score = _hints(chunk)
    if score < _ADDRESS_SCORE and _trail_words(chunk):
        score -= 2
    return score


def _is_prose(line: str) -> bool:
    """A sentence about the person or e-letter services, not a piece of the address:
    ``score(line) < 3`` with words of such a sentence in it. The cheap tests first (the
    facility pattern, over a whole line, costs more than the rest of the test together);
    a postcode alone scores 3."""
    if _PROSE_START.match(line):
        return True
    return _trail_words(line) and not ANY_POSTCODE.search(line) and _hints(line) < _ADDRESS_SCORE


def _space_join(prev: str, line: str) -> bool:
    """Does ``line`` continue the last segment of ``prev`` (a soft wrap, not a new part)?"""
    if prev.endswith(("-", "–", "(", "«")):
        return True
    m = _LAST_WORD.search(prev)
    if m and m.group(1) in _WRAP_WORDS:
        return True
    tail = prev.rsplit(",", 1)[-1].strip()
    head = line.split(",", 1)[0].strip()
    tail_facility = bool(FACILITY.search(tail)) and not NAME.match(tail)
    if line[:1].islower():
        if _FACILITY_WORD_START.match(line):
            # «Краевая психиатрическая» + «больница № 1», not «д. 10» + «отряд № 8»
            return {seg.kind for seg in classify(tail)} <= {"facility", "unknown", "place"}
        return not _TYPE_WORD_START.match(line)
    m = PO.search(tail)
    if m and po_regions_strict(f"{m.group(1)} {head}"):
        return True
    ny = NAME_YEAR.match(head)
    head_name = ny.group("name").strip() if ny else head
    if tail and _NAME_PIECE.fullmatch(tail) and _NAME_PIECE.fullmatch(head_name):
        joined = f"{tail} {head_name}"
        if len(joined.split()) <= 4 and _PATRONYMIC_END.search(joined):
            return True
    if tail_facility and not PO.search(tail):
        # «ГАУЗ СО» + «СОКПБ», «ОУХД» + «УФСИН России по …»: the head is no other part
        kinds = {seg.kind for seg in classify(head)}
        return kinds <= {"facility", "unknown"}
    return False


def chunks(text: str) -> list[str]:
    """Paragraphs of the text; the lines of one address written over several lines are
    joined (a blank line or a sentence about e-letters ends an address)."""
    out: list[str] = []
    blank = True  # a blank line (or the start) before the current line
    prose_prev = False
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            blank = True
            continue
        line = _LINE_LABEL.sub("", line) or line
        prose = _is_prose(line)
        if out and (
            out[-1].endswith((",", ";", "(", "-"))
            or (line[:1].islower() and not _TYPE_WORD_START.match(line))
        ):
            out[-1] = f"{out[-1]} {line}"
        elif (
            out
            and not blank
            and not prose
            and not prose_prev
            and not _NEW_ADDRESS.match(line)
            and not (ANY_POSTCODE.search(out[-1]) and ANY_POSTCODE.search(line))
        ):
            sep = " " if _space_join(out[-1], line) else ", "
            out[-1] = f"{out[-1].rstrip(' .')}{sep}{line}"
        else:
            out.append(line)
            prose_prev = prose
        blank = False
    return out


def address_body(chunks: list[str], notes: list[str], warnings: list[Issue]) -> str:
    """The paragraph that holds the address, without captions, trailing sentences and
    remarks; a note for every piece of text dropped, and a warning for a sentence that
    is no address (:func:`letterkit.address.prose.split_prose`). ``chunks`` is not
    empty."""
    if len(chunks) == 1:
        best = 0
    else:
        scores = [score(c) for c in chunks]
        best = max(range(len(chunks)), key=lambda i: (scores[i], -i))
    for i, c in enumerate(chunks):
        if i < best:
            notes.append(_("dropped text: «{text}»").format(text=short(c)))
        elif i > best:
            notes.append(_("dropped trailing text: «{text}»").format(text=short(c)))
    body = chunks[best]

    m = _PREFIX.match(body)
    if m and (_PREFIX_WORDS.search(m.group(1)) or not FACILITY.search(m.group(1))):
        notes.append(_("dropped text: «{text}»").format(text=short(m.group(1))))
        body = body[m.end() :]
    m = _TRAIL_START.search(body)
    if m and m.end("p") > 1:
        tail = body[m.end("p") :]
        body = body[: m.end("p")]
        notes.append(_("dropped trailing text: «{text}»").format(text=short(tail)))
    body, prose = split_prose(body, _ABBREVIATIONS)
    for piece in prose:
        if not any(ch.isalnum() for ch in piece):
            # a pictograph alone («📮», «✉️»): no word of the post is lost
            notes.append(_("dropped text: «{text}»").format(text=piece))
            continue
        warnings.append(
            Issue(
                "prose-dropped",
                None,
                _(
                    "left «{text}» off the envelope: a sentence, hashtag or emoji of the "
                    "post, no part of an address — check that the address is complete"
                ).format(text=piece),
            )
        )
    if "(" in body:  # each of these is about a bracket
        body = _PAREN_POSTCODE.sub(r", \1", body)
        for rm in _REMARK.finditer(body):
            notes.append(_("the line says: «{text}»").format(text=rm.group(1)))
        body = _REMARK.sub(" ", body)
        while (
            _ends_in_bracket(body) and (m := _TAIL_PAREN.search(body)) and m.group(1)[:1].islower()
        ):
            notes.append(_("the line says: «{text}»").format(text=m.group(1)))
            body = body[: m.start()]
    return _NUMBER_SIGN.sub("№ ", body)


def _ends_in_bracket(text: str) -> bool:
    """Does ``text`` end as _TAIL_PAREN needs, in «)» with at most one full stop and
    spaces after it? (A test of its end: the pattern's search tries every position.)"""
    end = text.rstrip()
    if end.endswith("."):
        end = end[:-1].rstrip()
    return end.endswith(")")


def split_segments(body: str) -> list[str]:
    """The segments of the address body, a caption inside the line dropped
    («… области. Получатель: Кравцов Андрей Михайлович»)."""
    return [(_LINE_LABEL.sub("", s) or s) if ":" in s else s for s in _segments(body)]


# A spaced dash that joins the recipient to the address, as chats write it: after the
# year («1977 г.р. — ФКУ ИК-6 …») or before or after a full name with its patronymic
# («п. Мелехово — Степанову Роману Игоревичу», «… — Сериков Ержан Болат улы»), or before
# one to three capitalised words that a birth year follows («отряд 9 — Соколову, 1988
# г.р.»). Any other spaced dash stays («Кемеровская область — Кузбасс»).
_PATRONYMIC_WORD_END = r"(?:вичу|вне|вич|вна|ичу|ич|ична|ичне|оглы|кызы|уулу|улы|угли)"
_NAME_DASH = re.compile(
    rf"(г\.\s?р\.\)?|\sгр\.\)?|рождения\)?|\((?:19|20)\d\d\)|{_PATRONYMIC_WORD_END})\s+—\s+"
    r"|\s+—\s+(?=[А-ЯЁ][а-яё-]+\s+[А-ЯЁ][а-яё]+\s+"
    rf"(?:[А-ЯЁ][а-яё]*{_PATRONYMIC_WORD_END}|[А-ЯЁ][а-яё]+\s+(?:оглы|кызы|уулу|улы|угли))\b)"
    r"|\s+—\s+(?=[А-ЯЁ][а-яё-]+(?:\s+[А-ЯЁ][а-яё.-]+){0,2},?\s+(?:19|20)\d\d\s*(?:г|год)\b)"
)


# «индекс 601122», «почтовый индекс: 601122»: the label says what the digits say.
_POSTCODE_LABEL = re.compile(r"(?<![\w(])(?:почтовый\s+)?индекс\s*:?\s*(?=\d{6}(?!\d))", re.I)


# The separators that always end a segment; a full stop ends one only where a sentence
# ends (:func:`_dot_pieces`).
_SEPARATOR = re.compile(r"[,;]")
# Distinct pieces between separators whose full stops are kept read: a batch's
# facilities, streets and localities repeat, its names and house numbers mostly do not.
PIECE_CACHE_SIZE = 4096


def _segments(text: str) -> list[str]:
    """Split at commas/semicolons, at full stops that end a sentence, and at a dash that
    joins the recipient to the address."""
    if " — " in text:
        text = _NAME_DASH.sub(lambda m: (m.group(1) or "") + ", ", text)
    if "ндекс" in text:
        text = _POSTCODE_LABEL.sub("", text)
    out: list[str] = []
    # A comma or semicolon always splits, and whether a full stop does depends on its
    # piece alone (the checks below look back no further than the piece's start and
    # ahead no further than its end), so each piece is read once per batch.
    for k, piece in enumerate(_SEPARATOR.split(text) if ";" in text else text.split(",")):
        out.extend(_dot_pieces(piece, k > 0))
    return out


@lru_cache(maxsize=PIECE_CACHE_SIZE)
def _dot_pieces(piece: str, after_separator: bool) -> tuple[str, ...]:
    """The segments of one piece between separators: split at the full stops that end a
    sentence, stripped, empty ones left out. ``after_separator``: a comma or semicolon
    comes before the piece (a full stop right after it follows a character, not the
    start of the text)."""
    text = f",{piece}" if after_separator else piece
    out: list[str] = []
    start = 1 if after_separator else 0
    for m in _SEGMENT_SPLIT.finditer(text, start):
        dot = m.group(0).lstrip()
        if dot.startswith("."):
            end = m.start() + (len(m.group(0)) - len(dot))
            # the last word before the full stop, within 24 characters (str methods: a
            # regex search here was the parser's hottest line)
            floor = max(start, end - 24)
            stop = end
            while stop > floor and text[stop - 1].isspace():
                stop -= 1
            token_start = max(text.rfind(" ", floor, stop) + 1, floor)
            token = text[token_start:stop].lstrip('(«"')
            bare = token.lower()
            is_abbr = not token.endswith(".") and (
                bare in _ABBREVIATIONS
                or (len(token) == 1 and token.isupper())
                or bool(_GLUED_INITIALS.fullmatch(token))  # «А.Д. Баценину»
            )
            if is_abbr and _YEAR_END.search(text, max(start, end - _YEAR_END_SPAN), end):
                is_abbr = False  # «1982 г.р. Адрес: …»: the year ends a part
            if (
                token.isupper()
                and len(token) == 1
                and _DIGIT_BEFORE.search(text, start, token_start if stop > floor else end)
            ):
                is_abbr = False  # a house letter, not an initial: «д. 5 А. ФКУ …»
            next_char = text[m.end() : m.end() + 1]
            new_part = (
                next_char.isupper()
                or next_char.isdigit()
                or bool(_TYPE_WORD_START.match(text, m.end()))
            )
            if is_abbr or not next_char or not new_part:
                continue
        out.append(text[start : m.start()])
        start = m.end()
    out.append(text[start:])
    return tuple(s for s in (p.strip() for p in out) if s)
