"""What kind of address part a segment is: postcode, country, region, district, locality,
street, house, building, а/я, facility, name, birth year, a bare place name — and its
normalised value. A segment that holds several parts (``ул. Заводская д. 62``,
``12 ФКУ ИК-5``, a facility running into the person's name) is split first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from letterkit.address.capitals import FSIN_ACRONYMS
from letterkit.address.normalise import clean
from letterkit.address.recipient import (
    FOR_NAME,
    INITIALS_NAME,
    INITIALS_YEAR,
    NAME,
    NAME_YEAR,
    TAIL_YEAR,
)
from letterkit.address.regions import (
    FEDERAL_CITIES,
    find_region,
    po_regions_strict,
    region_key,
    regions,
)

_REMARK_SEGMENT = re.compile(
    r"^(?:адрес\b|на этапе|этап\b|уточняется|неизвест|предыдущий адрес|новый адрес)", re.I
)
_POSTCODE = re.compile(r"^(?:индекс\s*)?(\d{6})$", re.I)
_POSTCODE_SPLIT = re.compile(r"^(\d{3})\s(\d{3})$")
# Not a postcode but meant as one: 5 or 7 digits, or 5–7 characters with at least four
# digits and a letter typed for a digit (О for 0, З for 3): reported, never dropped.
_BAD_POSTCODE = re.compile(r"^\d{5}$|^\d{7}$|^(?=(?:\D*\d){4})(?=.*[^\W\d_])[^\W_]{5,7}$")
_LEAD_POSTCODE = re.compile(r"^(\d{6})\s*,?\s+(.+)$")
_TAIL_POSTCODE = re.compile(r"^(.+?)\s*,?\s+(\d{6})$")
_COUNTRY = re.compile(r"^(?:Россия|Российская Федерация|РФ|Russia|Russian Federation)$", re.I)
_YEAR = re.compile(
    r"^\(?\s*(?:\d{1,2}\.\d{1,2}\.)?((?:19|20)\d\d)\s*(?:г\.?\s*р\.?|гр\.?|г\.?\s*рожд\.?|года?\s+рождения|г\.?)?\s*\)?\.?$"
)
_PO_BOX = re.compile(r"^(?:а/я|а\\я|а\.я\.|абонентский ящик)\s*№?\s*(\d+\S*)$", re.I)

FACILITY = re.compile(
    r"(?<![А-Яа-яЁё])(?:ФКУ|ФКЛПУ|ФКСУ|ФКУЗ|ФГУ|ФБУ|ГБУЗ|ГКУЗ|ГУЗ|ОГБУЗ|КГБУЗ|ГБУ|ГКУ|ФКУТ|"
    r"ФГБУ|ФГКУ|ФГБУЗ|ФГКУЗ|ФГАУ|ФГБНУ|ФГУП|ФБУЗ|ГАУЗ|ГАУ|ГКУЗ|ОГКУЗ|КГКУЗ|ГБУЗС|НМИЦ|"
    r"СИЗО|ИК|КП|УКП|ЛИУ|ЛПУ|ИЦ|УФИЦ|ИВС|ПФРСИ|ЕПКТ|ПКТ|ШИЗО|КВК|ВК|УФСИН|ГУФСИН|ОФСИН|ФСИН|"
    r"Т-\d+|Тюрьма|МСЧ|КБ|ОТБ|ПКБ|ПБ|ПНД|ОУХД|ЦВСИГ|СУВСИГ|ОМВД|УМВД)(?![А-Яа-яЁё])"
    r"|[Кк]олони[яи]|[Ии]золятор|[Бб]ольниц|[Цц]ентрал\b|[Дд]испансер|[Ии]справительн|"
    r"[Оо]тделени[ея]|[Оо]тряд|[Фф]илиал"
)
# The words a facility name starts with (the institution's legal form, FSIN's types of
# ru-post.md's facility list and the federal and regional health institutions): a house or
# street written before one of them with no comma is another part («д. 5 СИЗО-2 …»).
_FACILITY_HEADS = (
    r"ФКУ|ФКЛПУ|ФКСУ|ФКУЗ|ФГУ|ФБУ|ФГБУ|ФГКУ|ФГБУЗ|ФГКУЗ|ФГАУ|ФГБНУ|ФБУЗ|ГБУЗ|ГКУЗ|ГАУЗ|"
    r"ОГБУЗ|КГБУЗ|ОГКУЗ|КГКУЗ|ГБУ|ГКУ|ГУЗ|ФКУТ|СИЗО|ИК|КП|УКП|ЛИУ|ЛПУ|ПФРСИ|ИЦ|УФИЦ|ИВС|ЕПКТ|"
    r"Т-\d+|ЦВСИГ|СУВСИГ|"
    r"Исправительн[а-яё]*|Следственн[а-яё]*"
)
_FACILITY_START = re.compile(rf"\s(?=(?:{_FACILITY_HEADS})(?![А-Яа-яЁё]))")
# The same, at a segment's start, or glued to the house number before it («7ФКУ ИК-2»).
_FACILITY_HEAD = re.compile(rf"(?:{_FACILITY_HEADS})(?![А-Яа-яЁё])")
# A detachment, plot or cell written after the facility with no comma («… по Свердловской
# области отряд 11»): split off, it is printed as a unit after the facility's name.
_TRAILING_UNIT = re.compile(
    r"^(?P<f>.*\S)\s+(?P<u>(?:отряд|отр\.|участок|камера|блок)\s*№?\s*\d+\S*)$", re.I
)
# A facility typed in lower case after a house or street with no comma («д.66 фку т уфсин
# россии …»): the heads that are no Russian word in lower case.
_LOWER_FACILITY_START = re.compile(
    r"\s(?=(?:фку|фксу|фкут|фкуз|фклпу|фгбу|гбуз|гуз|сизо|лиу|укп|пфрси)(?![а-яё]))"
)
# A unit inside a facility (a detachment, a ward, a building of the colony): printed after
# the facility's own name, whichever order the line gives them in.
UNIT = re.compile(
    r"^(?:отряд|отр\.|отделение|участок|корпус|блок|камера|ПКТ|ЕПКТ|ШИЗО|СУС|ЕПКТ)(?![А-Яа-яЁё])",
    re.I,
)
# «отр. 5», «отряд № 12»: a detachment of the colony, whatever else the line holds.
_UNIT_NUMBER = re.compile(r"^(?:отр\.|отряд|отделение|камера|блок)\s*№?\s*\d+\S*$", re.I)
# A bare all-caps word, maybe with a number: a unit or facility acronym («ЛВК», «КВК»,
# «ОУХД», «ПКТ-2»). It is never a flat or a building («КВК» is not «кв. К»).
_ACRONYM = re.compile(r"^[А-ЯЁ]{2,8}(?:[-\s]?№?\s?\d+)?$")

_LOC_TYPES = {
    "г": "г.", "гор": "г.", "город": "г.",
    "пгт": "пгт.", "п.г.т": "пгт.", "п. г. т": "пгт.", "посёлок городского типа": "пгт.",
    "поселок городского типа": "пгт.",
    "рп": "рп.", "р.п": "рп.", "р. п": "рп.", "рабочий посёлок": "рп.", "рабочий поселок": "рп.",
    "пос": "пос.", "посёлок": "пос.", "поселок": "пос.", "п": "п.",
    "с": "с.", "село": "с.", "дер": "дер.", "деревня": "дер.", "д": "дер.",
    "х": "х.", "хутор": "х.", "ст-ца": "ст-ца", "станица": "ст-ца",
    "ст": "ст.", "станция": "ст.", "аул": "аул", "сл": "сл.", "слобода": "сл.",
    "нп": "нп.", "н.п": "нп.", "кп": "кп.",
}  # fmt: skip
_LOCALITY = re.compile(
    r"^(?P<t>посёлок городского типа|поселок городского типа|рабочий пос[её]лок|"
    r"п\.\s?г\.\s?т\.?|р\.\s?п\.|город|гор\.|г\.?|пгт\.?|рп\.?|пос[её]лок|пос\.?|п\.?|"
    r"село|с\.?|деревня|дер\.?|д\.|хутор|х\.?|ст-ца|станица|станция|ст\.|аул|слобода|сл\.|"
    r"нп\.?|н\.п\.|кп\.?)"
    r"(?:\s*(?<=\.)|\s+)(?P<n>(?:им\.\s*)?[А-ЯЁ0-9«\"].*)$"
)
_BARE_PLACE = re.compile(r"^[А-ЯЁ][а-яё]+(?:(?:-|\s)(?:[А-ЯЁа-яё][а-яё]*|\d+))*$")

_STREET_TYPES = {
    "ул": "ул.", "улица": "ул.", "пер": "пер.", "переулок": "пер.",
    "пр-кт": "пр-кт", "пр-т": "пр-кт", "просп": "пр-кт", "проспект": "пр-кт",
    "пр": "пр.", "б-р": "б-р", "бульвар": "б-р", "бул": "б-р", "бульв": "б-р", "ш": "ш.", "шоссе": "ш.",
    "проезд": "проезд", "пр-д": "проезд", "спуск": "спуск", "наб": "наб.",
    "набережная": "наб.", "пл": "пл.", "площадь": "пл.", "мкр": "мкр.", "мкрн": "мкр.",
    "микрорайон": "мкр.", "кв-л": "кв-л", "квартал": "кв-л", "кв": "кв-л", "тер": "тер.",
    "территория": "тер.", "тракт": "тракт", "тупик": "туп.", "туп": "туп.",
    "линия": "линия", "аллея": "аллея", "промзона": "промзона", "вал": "вал",
    "городок": "городок", "км": "км",
}  # fmt: skip
_STREET_PREFIX = re.compile(
    r"^(?P<t>улица|ул|переулок|пер|проспект|просп|пр-кт|пр-т|пр|бульвар|бульв|бул|б-р|шоссе|ш|проезд|"
    r"пр-д|спуск|набережная|наб|площадь|пл|микрорайон|мкрн|мкр|квартал|кв-л|кв|территория|тер|"
    r"тракт|тупик|туп|аллея|промзона)(?:\.\s*|\s+)(?P<n>[А-ЯЁA-Z0-9«\"].*)$",
    re.I,
)
_STREET_WORD = re.compile(
    r"(?<![А-Яа-яЁё])(?:ул\.|ул(?=\s[А-ЯЁ])|улица|пер\.|переулок|проспект|пр-кт|пр-т|пр\.|бульвар|бул\.|б-р|шоссе|"
    r"ш\.|проезд|пр-д|спуск|набережная|наб\.|площадь|пл\.|тракт|[Вв]ал|тупик|линия|аллея|"
    r"микрорайон|мкр\.?|квартал|промзона|Промзона|[Пп]ромышленн\w+\s+(?:зона|массив|узел|район|"
    r"площадка)|[Пп]ромплощадка|[Пп]ромузел|[Пп]ромрайон)(?![А-Яа-яЁё])"
)
# A street named by its type and a number only: «квартал 5», «микрорайон 3» — one part,
# not the street «квартал» and the house 5.
_TYPE_AND_NUMBER = re.compile(
    r"^(?:квартал|кв-л|микрорайон|мкрн?\.?|промзона|территория|тер\.|линия)\s*№?\s*\d+\S*$", re.I
)
# The type after the name, as OVD-Info and RosUznik often write it: «Новослободская ул.»
_STREET_SUFFIX = re.compile(
    r"^(?P<n>[А-ЯЁ0-9«\"][^,]*?)\s+(?P<t>ул|улица|пер|переулок|пр-кт|пр-т|просп|проспект|ш|"
    r"шоссе|б-р|бульвар|наб|набережная|пл|площадь|проезд|пр-д|туп|тупик|аллея|тракт)\.?$"
)
_DISTRICT_GO_END = re.compile(r"(?<![А-Яа-яЁё])([гм])\.\s?о\.?$")
_HOUSE = re.compile(
    r"^(?:(?P<t>д\.?|дом\.?|влд\.?|вл\.|владение|зд\.?|здание|уч\.|участок)\s*№?\s*)?"
    r"(?P<n>\d+(?:\s*[/-]\s*\d+)?(?:\s*-?\s*[«\"']?[А-Яа-яA-Za-z][»\"']?(?![А-Яа-яЁё]))?)$"
)
_TRAILING_HOUSE = re.compile(
    r"^(?P<s>.*?[А-Яа-яЁё.»)])\s+(?:(?:д\.?|дом\.?)\s*)?(?P<h>\d+(?:/\d+)?"
    r"(?:\s*-?\s*[«\"']?[А-Яа-яA-Za-z][»\"']?)?)$"
)
_GLUED_HOUSE = re.compile(
    r"^(?:(?:д\.|дом\.?)\s*)?(?P<h>\d+[А-Яа-я]?)(?=(?:ФКУ|ГБУ|ГКУ|ФКЛПУ|ФГУ|ФГБУ|ФГКУ|СИЗО|ИК))"
    r"(?P<r>.+)$"
)
_BUILDING = re.compile(
    r"^(?P<t>корпус|корп\.?|к\.?|строение|стр\.?|литера|лит\.?|квартира|кв\.?)\s*"
    r"(?P<n>\d+\S*|[«\"“”']?[А-Я][»\"“”']?)$",
    re.I,
)
_BUILDING_TYPES = {
    "корпус": "корп.", "корп": "корп.", "к": "корп.", "строение": "стр.", "стр": "стр.",
    "литера": "лит.", "лит": "лит.", "квартира": "кв.", "кв": "кв.",
}  # fmt: skip
# Where a new part starts inside a segment written without commas: a house, building,
# locality or street type word (Minfin order 171н, short and in full) before its number
# or name.
_INNER_BOUNDARY = re.compile(
    r"(?<!\bр\.)(?<!\bп\.\sг\.)\s(?=(?:д\.|дом\.?|владение|влд\.|уч\.)\s*\d|"
    r"(?:корп\.|корпус|стр\.|строение)\s*\d|"
    r"(?:г\.|г(?=\s)|город(?=\s)|пос\.|п\.|пгт\.?|с\.|дер\.|х\.|рп\.|р\.\s?п\.|"
    r"ст-ца|(?:пос[её]лок|село|деревня|станция|станица|хутор)(?=\s))\s*[А-ЯЁ][а-яё]|"
    r"(?:ул\.|пер\.|пр-кт|пр-т|мкр\.|кв\.)\s*[А-ЯЁ0-9]|"
    r"(?:улица|переулок|проспект|шоссе|микрорайон|квартал)\s+[А-ЯЁ])"
)
_DISTRICT = re.compile(
    r"(?<![А-Яа-яЁё])(?:р-н|р-он|район|р\.\s?н\.?|м\.\s?р-н|муниципальн\w* (?:район|округ)|"
    r"городской округ|г\.\s?о\.?|м\.\s?о\.?|поселение|сельсовет|с/с|улус|округ)(?![А-Яа-яЁё])",
    re.I,
)
_REGION_WORD = re.compile(
    r"(?<![А-Яа-яЁё])(?:область|обл\.?|край|республика|респ\.|автономн\w+ (?:округ|область)|АО)"
    r"(?![А-Яа-яЁё])",
    re.I,
)
_FACILITY_THEN_NAME = re.compile(
    r"^(?P<f>.+?\bпо\s+.*?(?:област[иь]|кра[юй]|округу|Москве|Петербургу|Севастополю|"
    r"Республике(?:\s+[А-ЯЁ][а-яё]+(?:\s+Эл)?)?))\s+"
    r"(?P<n>[А-ЯЁ][а-яё-]+\s+[А-ЯЁ][а-яё-]+(?:\s+[А-ЯЁ][а-яё-]+)?(?:\s+(?:оглы|кызы))?)$"
)
_HOUSE_NORMALISE = re.compile(r"[\s«»\"'“”]+")
_HOUSE_DASH_LETTER = re.compile(r"(?<=\d)-(?=[А-Яа-яA-Za-z]$)")
_KM = re.compile(r"\d+\s*км")
_ORDINAL_END = re.compile(r"\d+-(?:й|я|е|го|ая|ий|ой)$")
PO = re.compile(r"(?<![А-Яа-яЁё])по\s+(.+)$")
_WORD_SPAN = re.compile(r"\S+")
# «по г Москве», «по город Москве» inside a facility name → «по г. Москве» (the short
# form with a full stop, as the envelope prints it)
_FACILITY_CITY = re.compile(r"(?<![А-Яа-яЁё])(?:г\.?|гор\.|город)\s*(?=[А-ЯЁ][а-яё])")


@dataclass
class Seg:
    """One classified piece of a line: its kind, normalised value and the text read."""

    kind: str  # postcode, country, region, district, locality, street, house, building,
    # po_box, facility, name, year, place (bare place name), street_extra, remark, unknown
    value: str
    raw: str
    extra: dict[str, object] = field(default_factory=dict)


def _norm_house(text: str) -> str:
    t = _HOUSE_NORMALISE.sub("", text)
    return _HOUSE_DASH_LETTER.sub("", t)


def _house_seg(m: re.Match[str], raw: str) -> Seg:
    t = (m.group("t") or "").lower().rstrip(".")
    number = _norm_house(m.group("n"))
    if t in ("влд", "вл", "владение"):
        return Seg("house", f"влд. {number}", raw)
    if t in ("зд", "здание"):
        return Seg("house", f"зд. {number}", raw)
    if t in ("уч", "участок"):
        # a plot: the house of the address after a street, a unit after a facility
        return Seg("house", f"уч. {number}", raw, {"unit": True})
    return Seg("house", number, raw)


def _street_value(s: str) -> str:
    m = _STREET_PREFIX.match(s)
    if m:
        t = _STREET_TYPES.get(m.group("t").lower(), m.group("t"))
        return f"{t} {m.group('n')}"
    return s


def _classify_one(s: str) -> Seg | None:
    """The kind of one clean segment, or None when it needs splitting."""
    raw = s
    if _LEAD_POSTCODE.match(s) or _TAIL_POSTCODE.match(s):
        return None
    if _COUNTRY.match(s):
        return Seg("country", s, raw)
    m = _POSTCODE.match(s)
    if m:
        return Seg("postcode", m.group(1), raw)
    m = _POSTCODE_SPLIT.match(s)
    if m:
        return Seg("postcode", m.group(1) + m.group(2), raw)
    if _BAD_POSTCODE.match(s):
        return Seg("postcode", s, raw, {"bad": True})
    m = _YEAR.match(s)
    if m:
        return Seg("year", m.group(1), raw)
    m = _PO_BOX.match(s)
    if m:
        return Seg("po_box", f"а/я {m.group(1)}", raw)
    if _UNIT_NUMBER.match(s):
        return Seg("facility", s, raw)
    m = _HOUSE.match(s)
    if m and (m.group("t") or s[:1].isdigit()):
        return _house_seg(m, raw)
    if _KM.fullmatch(s):
        return Seg("street_extra", s, raw)
    m = _BUILDING.match(s) if not _ACRONYM.match(s) else None
    if m:
        t = _BUILDING_TYPES.get(m.group("t").lower().rstrip("."), m.group("t"))
        # «корпус 6» next to a facility is a building of the SIZO, not of the house
        unit = {"unit": True} if t == "корп." else {}
        return Seg("building", f"{t} {_norm_house(m.group('n'))}", raw, unit)
    if _REMARK_SEGMENT.match(s):
        return Seg("remark", s, raw)
    # before the facility and district checks: «Р. Н. Иванову» is not «р.н.», «И. К.» no «ИК»
    if INITIALS_NAME.match(s):
        return Seg("name", s, raw)
    if INITIALS_YEAR.match(s):
        return None  # initials + year: split
    if s[:3] in ("для", "Для") and FOR_NAME.match(s):
        return Seg("name", s, raw, {"genitive": True})
    if FACILITY.search(s) and not NAME.match(s):
        if (
            _facility_then_name(s)
            or _GLUED_HOUSE.match(s)
            or _lead_before_facility(s)
            or _facility_then_address(s)
            or _facility_then_unit(s)
            or _name_then_year(s)
            or _year_then_facility(s)
        ):
            return None
        return Seg("facility", _FACILITY_CITY.sub("г. ", s), raw)
    if _ACRONYM.match(s) and find_region(s) is None and not _COUNTRY.match(s):
        # an unknown acronym where the address has no other part for it: a unit or a
        # facility name, kept verbatim on the facility line (a warning says to check it)
        return Seg("facility", s, raw, {"acronym": True})
    if _INNER_BOUNDARY.search(s):
        return None
    m = _STREET_SUFFIX.match(s) if s.rpartition(" ")[2].rstrip(".") in _STREET_TYPES else None
    if m and not _TRAILING_HOUSE.match(s):
        if _locality_then_street(s) is not None:
            return None  # «г. Екатеринбург Елизаветинское шоссе»: split
        return Seg("street", f"{m.group('n')} {_STREET_TYPES[m.group('t')]}", raw)
    reg = find_region(s)
    if reg is not None:
        if reg.name in FEDERAL_CITIES:
            return Seg("locality", reg.name, raw, {"federal": True})
        return Seg("region", reg.name, raw)
    if " " in s and _region_prefix(s) is not None:
        return None  # «Тамбовская область Рассказовский район»: split after the region
    if " " in s and _region_suffix(s) is not None:
        return None  # «г. Покров Владимирская область»: split before the region
    m = _LOCALITY.match(s)
    if m and _GENITIVE_DISTRICT.search(m.group("n")):
        return None  # «с. Заозерное Хабаровского района»: split before the district
    g = _GENITIVE_DISTRICT.fullmatch(s)
    if g:
        return Seg("district", f"{g.group('adj')}ий р-н", raw, {"genitive": s})
    if m and not _STREET_WORD.search(m.group("n")):
        t = m.group("t").lower().rstrip(".").replace(" ", "")
        t = {"р.п": "рп", "п.г.т": "пгт"}.get(t, t)
        typ = _LOC_TYPES.get(t, m.group("t"))
        name = m.group("n")
        if typ == "г.":
            fed = find_region(name)
            if fed is not None and fed.name in FEDERAL_CITIES:
                return Seg("locality", fed.name, raw, {"federal": True})
        if typ == "дер." and t == "д" and not name[:1].isalpha():
            return None
        return Seg("locality", f"{typ} {name}", raw, {"type": typ})
    if _DISTRICT.search(s):
        return Seg("district", _DISTRICT_GO_END.sub(r"\1.о.", s), raw)
    if _REGION_WORD.search(s) and not _STREET_WORD.search(s):
        if _INNER_BOUNDARY.search(s):
            return None
        return Seg("region", s, raw, {"unknown": True})
    if _TYPE_AND_NUMBER.match(s):
        return Seg("street", _street_value(s), raw)
    if _STREET_PREFIX.match(s) or _STREET_WORD.search(s):
        m = _TRAILING_HOUSE.match(s)
        if m and not _ORDINAL_END.search(s):
            return None  # street + house: split
        if _locality_then_street(s) is not None:
            return None  # «г. Амурск шоссе Машиностроителей»: split
        if _place_then_street(s) is not None:
            return None  # «Екатеринбург ул Репина»: split
        return Seg("street", _street_value(s), raw)
    m = NAME_YEAR.match(s)
    if m and (NAME.match(m.group("name")) or FOR_NAME.match(m.group("name"))):
        return None  # name + year: split
    if NAME.match(s):
        return Seg("name", s, raw)
    if _BARE_PLACE.match(s) and not _before_for_name(s):  # «Письма для Абдурахманова …»
        return Seg("place", s, raw)
    return None


def _lead_before_facility(s: str) -> int | None:
    """Where a facility starts after a house, street or locality written before it with
    no comma («ул. Садовая д. 5 СИЗО-2 …», «дом. 7 ФКУ ИК-2 …», «12 ФКУ ИК-5 …»), else
    None. The text before must read as address parts: «Краевая психиатрическая больница»
    stays whole."""
    if _FACILITY_HEAD.match(s):
        return None
    m = _FACILITY_START.search(s)
    if not m:
        m = _LOWER_FACILITY_START.search(s)
        if not m or not s[m.end() :].islower():
            return None
    kinds = {seg.kind for seg in classify(s[: m.start()])}
    lead = {"house", "street", "locality", "building", "district", "region", "postcode"}
    if kinds & {"street", "house"}:
        lead.add("place")  # «Тамбов ул. Мичуринская д. 57 ФКУ ИК-1 …»: a bare town name
    return m.start() if kinds and kinds <= lead else None


@lru_cache(maxsize=4096)
def _facility_then_name(s: str) -> tuple[str, str] | None:
    """``… по Республике Марий Эл Омерову Энверу`` → facility and name, else None.

    The words after «по» are read as the longest run that names a region (multi-word
    names: «Республике Марий Эл», «Республике Северная Осетия — Алания», «г. Санкт-
    Петербургу и Ленинградской области»); only what follows it may be the person.
    """
    ny = NAME_YEAR.match(s)
    if ny and (PO.search(ny.group("name")) or _TRAILING_FULL_NAME.match(ny.group("name"))):
        # «… области Медведеву Филиппу Игоревичу (1998 г. р.)»: the year stays with the name
        split = _facility_then_name(ny.group("name"))
        if split:
            return split[0], split[1] + s[ny.end("name") :]
    elif (ty := TAIL_YEAR.search(s)) and PO.search(s[: ty.start()]):
        # «… области Баценину А. Д. 1995 г. р.»: the full stop of the initials before the year
        split = _facility_then_name(s[: ty.start()])
        if split and INITIALS_NAME.match(split[1]):
            return split[0], split[1] + s[ty.start() :]
    m = PO.search(s)
    if not m:
        tn = _TRAILING_FULL_NAME.match(s)
        return (tn.group("f"), tn.group("n")) if tn else None
    tail = m.group(1)
    words = list(_WORD_SPAN.finditer(tail))
    if len(words) < 3 or po_regions_strict(tail):
        return None
    for k in range(len(words) - 2, 0, -1):
        rest = tail[words[k].start() :].strip()
        if len(words) - k > 6 or not (
            NAME.match(rest) or INITIALS_NAME.match(rest) or FOR_NAME.match(rest)
        ):
            continue
        if rest.split(maxsplit=1)[0].lower() in FSIN_ACRONYMS:
            continue  # «… краю ЕПКТ Путинцеву …»: a unit of the facility, never a surname
        region = tail[: words[k - 1].end()]
        if po_regions_strict(region):
            return (s[: m.start(1)] + region).strip(), rest
    fm = _FACILITY_THEN_NAME.match(s)
    if fm and not po_regions_strict(tail.rsplit(" ", 1)[0]):
        return fm.group("f"), fm.group("n")
    tn = _TRAILING_FULL_NAME.match(s)
    if tn:
        return tn.group("f"), tn.group("n")
    return None


@lru_cache(maxsize=1)
def _region_first_words() -> frozenset[str]:
    """The first words of every region's names (a quick test before the prefixes)."""
    out: set[str] = set()
    for r in regions():
        for name in (r.name, *r.aliases):
            key = region_key(name)
            if key:
                out.add(key.split(" ", 1)[0])
    out.add("респ")
    return frozenset(out)


def _region_prefix(s: str) -> int | None:
    """Where the text after a region named at the start of ``s`` begins («Хабаровский
    край г. Амурск», «Удмуртская Республика Завьяловский р-н»), else None. The region
    must be followed by another part: a capital, a digit or a type word."""
    first = region_key(s.split(" ", 1)[0]).split(" ", 1)[0]
    if first not in _region_first_words():
        return None
    words = list(_WORD_SPAN.finditer(s))
    for k in range(min(len(words) - 1, 6), 0, -1):
        rest = s[words[k].start() :]
        if not (rest[:1].isupper() or rest[:1].isdigit() or _TYPE_START.match(rest)):
            continue
        reg = find_region(s[: words[k - 1].end()])
        if reg is not None and reg.name not in FEDERAL_CITIES:
            return words[k].start()
    return None


def _region_suffix(s: str) -> int | None:
    """Where a region named at the end of ``s`` starts after a locality written before it
    with no comma («г. Нижний Тагил Свердловская обл»), else None."""
    m = _LOCALITY.match(s)
    if not m or not m.group("n")[:1].isalpha() or FACILITY.search(s):
        return None
    words = list(_WORD_SPAN.finditer(s))
    for k in range(max(2, len(words) - 5), len(words)):
        reg = find_region(s[words[k].start() :])
        if reg is not None and reg.name not in FEDERAL_CITIES:
            return words[k].start()
    return None


# The type words a part written after a region or a locality starts with (lower case).
_TYPE_START = re.compile(
    r"(?:г\.|пос\.|п\.|пгт\.?|с\.|дер\.|д\.|х\.|рп\.|ст-ца|ул\.|улица|пер\.|переулок|"
    r"пр-кт|пр-т|пр\.|проспект|шоссе|ш\.|проезд|пр-д|б-р|бульвар|наб\.|набережная|пл\.|"
    r"площадь|мкр\.?|микрорайон|квартал|тракт|тупик)(?=\s|[А-ЯЁ0-9])"
)
# A street whose type follows its name, at the end of a locality with no comma between:
# «г. Екатеринбург Елизаветинское шоссе» (the name: an ordinal and one word).
_SUFFIX_STREET_END = re.compile(
    r"\s(?=(?:\d+-[а-я]{1,2}\s)?[А-ЯЁ0-9][^\s]*\s(?:ул\.?|улица|пер\.?|переулок|пр-кт|пр-т|"
    r"проспект|шоссе|ш\.|тракт|проезд|пр-д|бульвар|б-р|набережная|наб\.|площадь|пл\.|аллея|"
    r"[Вв]ал|мкр-н|мкр\.?|микрорайон)(?:\s+\d.*)?$)"
)
_PREFIX_STREET = re.compile(
    r"\s(?=(?:ул\.|ул(?=\s)|улица|пер\.|переулок|пр-кт|пр-т|пр\.|проспект|шоссе|ш\.|проезд|пр-д|б-р|"
    r"бульвар|наб\.|набережная|пл\.|площадь|тракт|тупик|аллея)\s*(?:им\.\s*)?[А-ЯЁ0-9«])"
)


# A town's bare name before a street whose type comes first («Екатеринбург ул Репина»,
# «Тамбов ул. Мичуринская»): one or two capitalised words, then the type and the name.
_PLACE_THEN_STREET = re.compile(
    r"^[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*(?:\s[А-ЯЁ][а-яё]+)?"
    r"(?=\s(?:ул\.?|улица|пер\.|переулок|пр-кт|пр-т|проспект|проезд|пр-д|б-р|бульвар|"
    r"ш\.|шоссе|пл\.|площадь|наб\.)\s*[А-ЯЁ0-9])"
)


_ADJECTIVE_END = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее)$")


def _place_then_street(s: str) -> int | None:
    """Where the street starts after a town's bare name («Екатеринбург ул Репина»)."""
    m = _PLACE_THEN_STREET.match(s)
    if m is None or _STREET_WORD.search(m.group(0)) or find_region(m.group(0)) is not None:
        return None
    if _ADJECTIVE_END.search(m.group(0)):
        return None  # «Северный пр-д 1-й», «Батаюртовское шоссе»: the street's own name
    return m.end()


def _locality_then_street(s: str) -> int | None:
    """Where the street starts in «г. Амурск шоссе Машиностроителей» or «г. Екатеринбург
    Елизаветинское шоссе» (a locality and a street with no comma), else None."""
    m = _LOCALITY.match(s)
    if not m or not _STREET_WORD.search(m.group("n")):
        return None
    start = m.start("n")
    # the earlier of the two cuts: «г. Коряжма Магистральное шоссе 101» is a street with
    # its type after the name and a house, not «Магистральное» + «шоссе 101»
    cuts = [c.start() for rx in (_PREFIX_STREET, _SUFFIX_STREET_END) if (c := rx.search(s, start))]
    cuts = [c for c in cuts if c > start]
    return min(cuts) if cuts else None


# A full name with a patronymic at the end of a facility with no comma before it
# («СИЗО-5 «Водник» Мельникову Артёму Олеговичу», «… («Белый лебедь») Тимофееву …»).
# (a word of the name: «Кара-Мурзе», «Тер-Петросяну» — a capital after the hyphen)
_NAME_PART = r"[А-ЯЁ][а-яё'’]+(?:-[А-ЯЁа-яё][а-яё'’]+)*"
_TRAILING_FULL_NAME = re.compile(
    rf"^(?P<f>.*[^\s,])\s+(?P<n>(?:для\s+)?{_NAME_PART}(?:\s+\([^()]*\))?\s+{_NAME_PART}"
    r"\s+[А-ЯЁ][а-яё'’-]*(?:вичу|ичу|вне|чне|шне|вич|ич|вна|чна|шна|вича|ича|вны|чны|шны))$"
)


def _facility_then_unit(s: str) -> tuple[str, str] | None:
    """``(facility, unit)`` of «ФКУ ИК-5 … области отряд 11» or «… краю ЕПКТ» (no comma
    between), else None. An acronym only after the administration's region, so that
    «ФКУ ИК-2 ЛИУ» stays whole."""
    m = _TRAILING_UNIT.match(s)
    if m and FACILITY.search(m.group("f")) and not UNIT.match(s):
        return m.group("f"), m.group("u")
    head, _sp, last = s.rpartition(" ")
    if head and last.lower() in FSIN_ACRONYMS and last.isupper():
        po = PO.search(head)
        if po and po_regions_strict(po.group(1)) and FACILITY.match(head):
            return head, last
    return None


def _facility_then_address(s: str) -> int | None:
    """Where the street or locality starts after a facility's «по <region>» with no comma
    between (natural order: «ФКУ ИК-13 … по Свердловской обл. ул. Кулибина д. 61 …»)."""
    m = PO.search(s)
    if not m or not FACILITY.match(s):
        return None
    for b in _INNER_BOUNDARY.finditer(s, m.start(1)):
        if po_regions_strict(s[m.start(1) : b.start()]):
            return b.start()
    return None


# A birth year that ends the name's part, then the next part with no comma (natural order:
# «1989 г. р. фку сизо-1 …», «1997 г. Исправительный центр …»): a bare «г.» only before a
# facility, «1990 г. Москва» being a year and a city as often.
_LEAD_YEAR = re.compile(
    r"^(\(?(?:19|20)\d\d\s*(?:г\.?\s*р\.?|гр\.?|г\.?\s*рожд\.?|года?\s+рождения|(?P<g>г\.?))\)?\.?)"
    r"\s+(?P<rest>\S.*)$"
)
# The same after the person's name, all in one part: «Игнатову Дмитрию Владимировичу 1997
# г. Исправительный центр …».
_NAME_THEN_YEAR = re.compile(
    r"^(?P<name>[А-ЯЁ][^\d]*?[а-яё])\s*,?\s+(?P<tail>\(?(?:19|20)\d\d\b.*)$"
)
# A district named in the genitive after its village («с. Заозерное Хабаровского района»):
# the adjective's nominative is certain for -ский/-цкий, the type of most district names.
_GENITIVE_DISTRICT = re.compile(
    r"(?:^|(?<=\s))(?P<adj>[А-ЯЁ][а-яё-]*(?:ск|цк))ого\s+(?:района|р-на)$"
)
# A federal city (the Constitution, art. 65) and a place inside it with no comma between:
# «г. Санкт-Петербург Колпино ул. Колпинская», «г. Москва Зеленоград».
_FEDERAL_CITY_PLACE = re.compile(r"^(г\.\s*(?:Москва|Санкт-Петербург|Севастополь))\s+([А-ЯЁ].*)$")


def _year_then_facility(s: str) -> tuple[str, str] | None:
    """``(year, facility)`` of «1989 г. р. фку сизо-1 …» (no comma between), else None."""
    m = _LEAD_YEAR.match(s)
    if not m:
        return None
    rest = m.group("rest")
    if _FACILITY_HEAD.match(rest) or (
        not m.group("g")
        and rest.islower()
        and (h := _LOWER_HEAD.match(rest))
        and h.group(0) in FSIN_ACRONYMS
    ):
        return m.group(1), rest
    return None


def _name_then_year(s: str) -> tuple[str, str] | None:
    """``(name, year + facility)`` of «Игнатову Дмитрию Владимировичу 1997 г. Исправительный
    центр …» (no comma anywhere), else None."""
    m = _NAME_THEN_YEAR.match(s)
    if m and NAME.match(m.group("name")) and _year_then_facility(m.group("tail")):
        return m.group("name"), m.group("tail")
    return None


def _split_inner(s: str) -> list[str]:
    """Split a glued segment into pieces (``ул. Заводская д. 62`` → two)."""
    m = _FEDERAL_CITY_PLACE.match(s)
    if m:
        return [m.group(1), m.group(2)]
    m = _GENITIVE_DISTRICT.search(s)
    if m and m.start() > 0:
        return [s[: m.start()].strip(), s[m.start() :]]
    lead = _year_then_facility(s)
    if lead is not None:
        return list(lead)
    lead = _name_then_year(s)
    if lead is not None:
        return list(lead)
    m = _LEAD_POSTCODE.match(s)
    if m:
        return [m.group(1), m.group(2)]
    m = _TAIL_POSTCODE.match(s)
    if m:
        return [m.group(1), m.group(2)]
    m = NAME_YEAR.match(s)
    if m and (NAME.match(m.group("name").strip()) or FOR_NAME.match(m.group("name").strip())):
        return [m.group("name").strip(), m.group("year")]
    m = INITIALS_YEAR.match(s)
    if m:
        return [m.group("name").strip(), m.group("year")]
    m = _GLUED_HOUSE.match(s)
    if m:
        return [m.group("h"), m.group("r")]
    cut = _region_prefix(s) if " " in s else None
    if cut is not None:
        return [s[:cut], s[cut:]]
    cut = _region_suffix(s) if " " in s else None
    if cut is not None:
        return [s[:cut], s[cut:]]
    split = _facility_then_name(s)
    if split:
        return list(split)
    cut = _facility_then_address(s)
    if cut is not None:
        return [s[:cut], s[cut + 1 :]]
    unit = _facility_then_unit(s)
    if unit is not None:
        return list(unit)
    # A facility after a house or street with no comma: «12 ФКУ ИК-5 …».
    cut = _lead_before_facility(s)
    if cut is not None:
        return [s[:cut], s[cut + 1 :]]
    if not FACILITY.match(s):
        m = _FACILITY_START.search(s)
        if m and m.start() > 0:
            return [s[: m.start()], s[m.end() :]]
    cut = _locality_then_street(s)
    if cut is None:
        cut = _place_then_street(s)
    if cut is not None:
        return [s[:cut], s[cut + 1 :]]
    parts = _INNER_BOUNDARY.split(s)
    if len(parts) > 1 and not FACILITY.search(s):
        return [p for p in parts if p.strip()]
    m = _TRAILING_HOUSE.match(s)
    if m and not _ORDINAL_END.search(s) and not _TYPE_AND_NUMBER.match(s):
        return [m.group("s"), m.group("h")]
    # Name then year glued with a comma already split; a year glued to words: «… 1995 г.р»
    return [s]


# Words before a person named after «для» in a chat's sentence («Сербскому центру для
# Хасанова Рустама …»): who passes the letter on, no part of the address.
_BEFORE_FOR = re.compile(r"^(?P<pre>.+?)\s+(?P<rest>[Дд]ля\s+[А-ЯЁ].*)$")


def _before_for_name(s: str) -> tuple[str, str] | None:
    """``(words before, «для» + name [+ year])`` of a segment, else None."""
    if "для " not in s.lower():
        return None
    m = _BEFORE_FOR.match(s)
    if not m or FACILITY.search(m.group("pre")):
        return None
    rest = m.group("rest")
    ny = NAME_YEAR.match(rest)
    if FOR_NAME.match(rest) or (ny and FOR_NAME.match(ny.group("name").strip())):
        return m.group("pre"), rest
    return None


_LOWER_HEAD = re.compile(r"^[а-яё]+(?![а-яё])")
_LOWER_WORD = re.compile(r"[а-яё]+")


def _capitals_again(s: str) -> str:
    """A facility typed all in lower case, in the capitals of its name: «фку ик-2 уфсин
    россии по владимирской области» → «ФКУ ИК-2 УФСИН России по Владимирской области»."""
    head, po, region = s.partition(" по ")
    head = _LOWER_WORD.sub(
        lambda m: (
            m.group(0).upper()
            if m.group(0) in FSIN_ACRONYMS
            else "России"
            if m.group(0) == "россии"
            else m.group(0)
        ),
        head,
    )
    if po:
        reg = po_regions_strict(region)
        if len(reg) == 1 and region_key_equal(region, reg[0].po):
            region = reg[0].po
    return head + po + region


def region_key_equal(a: str, b: str) -> bool:
    return a.lower().replace("ё", "е") == b.lower().replace("ё", "е")


@lru_cache(maxsize=8192)
def classify(s: str, depth: int = 0) -> tuple[Seg, ...]:
    """Classified pieces of a segment; cached, so the returned segments are never mutated."""
    return tuple(_classify_uncached(s, depth))


def _classify_uncached(s: str, depth: int = 0) -> list[Seg]:
    s = clean(s)
    if not s:
        return []
    if (
        s[:1].islower()
        and s.islower()
        and (h := _LOWER_HEAD.match(s))
        and h.group(0) in FSIN_ACRONYMS
    ):
        s = _capitals_again(s)
    seg = _classify_one(s)
    if seg is not None:
        return [seg]
    split = _before_for_name(s)
    if split is not None:
        return [Seg("remark", split[0], split[0]), *classify(split[1], depth + 1)]
    if depth < 12:
        pieces = _split_inner(s)
        if len(pieces) > 1:
            out: list[Seg] = []
            for p in pieces:
                out.extend(classify(p, depth + 1))
            return out
    if _STREET_PREFIX.match(s) or _STREET_WORD.search(s):
        return [Seg("street", _street_value(s), s)]
    return [Seg("unknown", s, s)]
