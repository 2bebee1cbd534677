"""Parse a published prisoner address line into an :class:`~letterkit.models.Address`.

Published lines (Memorial, OVD-Info, RosUznik, avtonom.org, chats) come in many shapes
(ru-post.md §1–§5, issue 4): reverse order (postcode first, person last) or natural order,
no postcode, «Россия» inside, abbreviated or missing region, glued house numbers, trailing
sentences about e-letter services, the name in the nominative … The parser:

1. normalises the text (spaces, dashes, Latin look-alike letters inside Cyrillic words);
2. picks the paragraph holding the address and drops trailing sentences (with a note);
3. splits it into segments at commas and at full stops that end a sentence, then splits
   glued segments at known boundaries (``ул. Заводская д. 62``, ``12 ФКУ ИК-5``);
4. classifies each segment (postcode, region, district, locality, street, house, building,
   а/я, facility, name, birth year) and normalises it (cli.md § address parse --json);
5. derives the nominative name and checks the published dative (letterkit.names);
6. validates (letterkit.address.validate): printable, warnings.

Nothing but :class:`~letterkit.errors.LetterkitError` ever escapes :func:`parse_address`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from letterkit.errors import AddressError, LetterkitError
from letterkit.i18n import N_, _
from letterkit.models import Address, Issue, Recipient

# --------------------------------------------------------------------------- patterns

_CYR = "А-Яа-яЁё"
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_HSPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_DASH_SPACED = re.compile(r"\s+[-–—−‑]+\s+")
_DASH_GLUED = re.compile(r"(?<=\w)[–—−‑](?=\w)|(?<=[А-Яа-яЁё])[–—−‑](?=\s)")
_MIXED_WORD = re.compile(rf"\b(?=\w*[A-Za-z])(?=\w*[{_CYR}])\w+\b")
_LAT2CYR = str.maketrans("aceopxyKMHTBACEOPXk", "асеорхуКМНТВАСЕОРХк")
# A lone Latin c/x/p used as the type abbreviation: «c. Троицкое», «x. Дыдымкин».
_LATIN_TYPE = re.compile(rf"(?<![\w.])([cxpCXP])\.(?=\s*[{_CYR}])")
_GLUED_YEAR = re.compile(rf"(?<=[{_CYR}])(?=(?:19|20)\d\d\s*г)")
_REMARK_SEGMENT = re.compile(
    r"^(?:адрес\b|на этапе|этап\b|уточняется|неизвест|предыдущий адрес|новый адрес)", re.I
)
_TAIL_PAREN = re.compile(r"\s*\(([^()]*)\)\s*\.?\s*$")
_GLUED_POSTCODE = re.compile(r"(\d{6}),?([А-ЯЁа-яё])")
_HAS_LATIN = re.compile(r"[A-Za-z]")
_ODD_DASHES = frozenset("–—−‑")
_NUMBER_SIGN = re.compile(r"№\s*(?=\d)")

_PREFIX = re.compile(r"^\s*([^,:\d«»]{1,60}):\s*(?=\S)")
_TRAIL_START = re.compile(
    r"(?P<p>[.!?»)\]]|г\.\s?р\.?)\s*"
    r"(?=(?:Также|Так же|Можно|Или|Либо|Электронн|Письм|Доступ|Отправ|Напис|Групп|Для |Если|"
    r"Через|Пожалуйста|Обрат|Внимани|Посылк|Передач|Он |Она |Сервис|Воспольз|Ещё|Еще |"
    r"Кроме|На сайте|По данным|Адрес |Номер|Последн|Деньги|Перевод|Открытк|Фото|"
    r"ZT|PrisonMail|Prisonmail|Ф-[Пп]исьм|ФСИН-письм|Зонател|Росузник|РосУзник|"
    r"[Пп]ередать|Звонит|Свидан|Новый адрес|Актуальн))"
)
_TRAIL_WORDS = re.compile(
    r"сервис|письм[оа]|можно|воспольз|оплат|zonatelecom|зонателеком|prisonmail|"
    r"\bZT\b|росузник|\bбот\b|напишите|уточняется|известно",
    re.IGNORECASE,
)
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
_FACILITY_WORD_END = re.compile(
    r"(?<![А-Яа-яЁё])(?:ФКУ|ФКЛПУ|СИЗО|ИК|КП|ЛИУ|ЛПУ|ИЦ|ПФРСИ|Т|КП)(?:\s*№\s*|-)?\d*[А-Я]?$"
)
_NAME_PIECE = re.compile(r"[А-ЯЁ][а-яё'’-]+(?:\s+[А-ЯЁ][а-яё'’-]+)?")
_PATRONYMIC_END = re.compile(r"(?:вич|вна|вичу|вне|ичу|ичне|чна|чне|оглы|кызы)$")
_REMARK = re.compile(
    r"\(\s*(предположительн\w*(?:\s+адрес)?|уточняется|не точно|возможно)\s*\)", re.I
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
_NAME_YEAR = re.compile(
    r"^(?P<name>.*?[А-Яа-яЁё)])\s*,?\s*\(?\s*(?:\d{1,2}\.\d{1,2}\.)?(?P<year>(?:19|20)\d\d)\s*"
    r"(?:г\.?\s*р\.?|гр\.?|г\.?\s*рожд\.?|года?\s+рождения|г\.?)?\s*\)?\.?$"
)
_PO_BOX = re.compile(r"^(?:а/я|а\\я|а\.я\.|абонентский ящик)\s*№?\s*(\d+\S*)$", re.I)

_FACILITY = re.compile(
    r"(?<![А-Яа-яЁё])(?:ФКУ|ФКЛПУ|ФКСУ|ФКУЗ|ФГУ|ФБУ|ГБУЗ|ГКУЗ|ГУЗ|ОГБУЗ|КГБУЗ|ГБУ|ГКУ|ФКУТ|"
    r"СИЗО|ИК|КП|ЛИУ|ЛПУ|ИЦ|УФИЦ|ИВС|ПФРСИ|ЕПКТ|ПКТ|ШИЗО|КВК|ВК|УФСИН|ГУФСИН|ОФСИН|ФСИН|"
    r"Т-\d+|Тюрьма|МСЧ|КБ|ОТБ|ПКБ|ПБ|ПНД|ОУХД)(?![А-Яа-яЁё])"
    r"|[Кк]олони[яи]|[Ии]золятор|[Бб]ольниц|[Цц]ентрал\b|[Дд]испансер|[Ии]справительн|"
    r"[Оо]тделени[ея]|[Оо]тряд|[Фф]илиал"
)
_FACILITY_START = re.compile(
    r"\s(?=(?:ФКУ|ФКЛПУ|ФКСУ|ФКУЗ|ФГУ|ГБУЗ|ГКУЗ|ОГБУЗ|КГБУЗ|СИЗО|ИК|ПФРСИ|ЛИУ|ИЦ|УФИЦ|"
    r"Исправительн|Следственн)(?![А-Яа-яЁё]))"
)

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
    r"(?<![А-Яа-яЁё])(?:ул\.|улица|пер\.|переулок|проспект|пр-кт|пр-т|пр\.|бульвар|бул\.|б-р|шоссе|"
    r"ш\.|проезд|пр-д|спуск|набережная|наб\.|площадь|пл\.|тракт|[Вв]ал|тупик|линия|аллея|"
    r"микрорайон|мкр\.?|квартал|промзона|Промзона)(?![А-Яа-яЁё])"
)
# The type after the name, as OVD-Info and RosUznik often write it: «Новослободская ул.»
_STREET_SUFFIX = re.compile(
    r"^(?P<n>[А-ЯЁ0-9«\"][^,]*?)\s+(?P<t>ул|улица|пер|переулок|пр-кт|пр-т|просп|проспект|ш|"
    r"шоссе|б-р|бульвар|наб|набережная|пл|площадь|проезд|пр-д|туп|тупик|аллея|тракт)\.?$"
)
_DISTRICT_GO_END = re.compile(r"(?<![А-Яа-яЁё])([гм])\.\s?о\.?$")
_HOUSE = re.compile(
    r"^(?:(?P<t>д\.?|дом\.?|влд\.?|вл\.|владение|зд\.?|здание)\s*№?\s*)?"
    r"(?P<n>\d+(?:\s*[/-]\s*\d+)?(?:\s*-?\s*[«\"']?[А-Яа-яA-Za-z][»\"']?(?![А-Яа-яЁё]))?)$"
)
_TRAILING_HOUSE = re.compile(
    r"^(?P<s>.*?[А-Яа-яЁё.»)])\s+(?:(?:д\.?|дом\.?)\s*)?(?P<h>\d+(?:/\d+)?"
    r"(?:\s*-?\s*[«\"']?[А-Яа-яA-Za-z][»\"']?)?)$"
)
_GLUED_HOUSE = re.compile(
    r"^(?:(?:д\.|дом\.?)\s*)?(?P<h>\d+[А-Яа-я]?)(?=(?:ФКУ|ГБУ|ГКУ|ФКЛПУ|ФГУ|СИЗО|ИК))(?P<r>.+)$"
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
_INNER_BOUNDARY = re.compile(
    r"(?<!\bр\.)(?<!\bп\.\sг\.)\s(?=(?:д\.|дом\.?)\s*\d|(?:корп\.|корпус|стр\.|строение)\s*\d|"
    r"(?:г\.|г(?=\s)|город(?=\s)|пос\.|п\.|пгт\.?|с\.|дер\.|х\.|рп\.|р\.\s?п\.)\s*[А-ЯЁ][а-яё]|"
    r"(?:ул\.|пер\.|пр-кт|пр-т)\s*[А-ЯЁ0-9])"
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
_NAME_WORD = r"[А-ЯЁ][А-ЯЁа-яё'’-]*"
_PAREN_WORD = r"(?:\s+\([А-ЯЁа-яё\s-]+\))?"
_NAME = re.compile(
    rf"^{_NAME_WORD}{_PAREN_WORD}(?:\s+{_NAME_WORD}{_PAREN_WORD}){{1,3}}"
    r"(?:\s+(?:оглы|кызы|угли|оглу|улы|уулу|гызы))?$"
)
# A surname with initials, as RosUznik and news pages sometimes publish it: «Баценину
# А. Д.», «Баценину А.Д», «А. Д. Баценину», «А.Д.Баценину». The surname is title-cased
# (capitals are facility acronyms); surname first needs two initials and the dot after
# the first one (the last dot may have been cut at a segment end), so «Блок А» is no name.
_SURNAME = r"[А-ЯЁ][а-яё'’]+(?:-[А-ЯЁ][а-яё'’]+)*(?:\s+\([А-ЯЁ][а-яё'’-]+\))?"
_INITIALS_BODY = (
    rf"(?:(?P<last>{_SURNAME})\s+(?P<ini>[А-ЯЁ]\.\s?[А-ЯЁ])\.?"
    rf"|(?P<ini_first>[А-ЯЁ]\.(?:\s?[А-ЯЁ]\.)?)\s*(?P<last_after>{_SURNAME}))"
)
_INITIALS_NAME = re.compile(rf"^{_INITIALS_BODY}$")
# A birth year right after the full stop of an initial: «… А. Д. 1995 г. р.».
_TAIL_YEAR = re.compile(
    r"(?<=[А-ЯЁ])\.\s*,?\s*\(?\s*(?:\d{1,2}\.\d{1,2}\.)?(?:19|20)\d\d\s*"
    r"(?:г\.?\s*р\.?|гр\.?|г\.?\s*рожд\.?|года?\s+рождения|г\.?)?\s*\)?\.?$"
)
_INITIALS_YEAR = re.compile(
    rf"^(?P<name>{_INITIALS_BODY})\s*,?\s*\(?\s*(?:\d{{1,2}}\.\d{{1,2}}\.)?"
    r"(?P<year>(?:19|20)\d\d)\s*(?:г\.?\s*р\.?|гр\.?|г\.?\s*рожд\.?|года?\s+рождения|г\.?)?"
    r"\s*\)?\.?$"
)
# Initials glued by full stops («А.Д»): one token that does not end a sentence.
_GLUED_INITIALS = re.compile(r"[А-ЯЁ](?:\.[А-ЯЁ])+")
# A facility name running into the person's name with no comma.
_FACILITY_THEN_NAME = re.compile(
    r"^(?P<f>.+?\bпо\s+.*?(?:област[иь]|кра[юй]|округу|Москве|Петербургу|Севастополю|"
    r"Республике(?:\s+[А-ЯЁ][а-яё]+(?:\s+Эл)?)?))\s+"
    r"(?P<n>[А-ЯЁ][а-яё-]+\s+[А-ЯЁ][а-яё-]+(?:\s+[А-ЯЁ][а-яё-]+)?(?:\s+(?:оглы|кызы))?)$"
)
_HOUSE_NORMALISE = re.compile(r"[\s«»\"'“”]+")
_HOUSE_DASH_LETTER = re.compile(r"(?<=\d)-(?=[А-Яа-яA-Za-z]$)")
_SEGMENT_SPLIT = re.compile(r"[,;]|(?<=\S)\s?\.\s+")
_SPACE_AFTER_DOT = re.compile(
    rf"(?<![{_CYR}])(г|ул|д|п|с|пос|пер|стр|корп|обл|пгт|дер|мкр|дом|х)\.(?=[{_CYR}0-9])"
    r"(?![а-яё]\.)"  # «г.о.», «р.п.», «п.г.т.»: one abbreviation, no space inside
)
_SPACES = re.compile(r"\s+")
_SECOND_NAME = re.compile(r"\(([^)]*)\)")

_ANY_POSTCODE = re.compile(r"(?<!\d)\d{6}(?!\d)")
_PLACE_HINT = re.compile(r"(?<![А-Яа-яЁё])(?:г\.|ул\.|обл)")
_YEAR_HINT = re.compile(r"(?:19|20)\d\d\s*г")
_KM = re.compile(r"\d+\s*км")
_ORDINAL_END = re.compile(r"\d+-(?:й|я|е|го|ая|ий|ой)$")
_PREFIX_WORDS = re.compile(r"адрес|ожида|этап|RU|EN", re.I)
_PO = re.compile(r"(?<![А-Яа-яЁё])по\s+(.+)$")
_WORD_SPAN = re.compile(r"\S+")
# «по г Москве», «по город Москве» inside a facility name → «по г. Москве» (cli.md short forms)
_FACILITY_CITY = re.compile(r"(?<![А-Яа-яЁё])(?:г\.?|гор\.|город)\s*(?=[А-ЯЁ][а-яё])")
_NAME_TOKENS = re.compile(r"\([^)]*\)|[^\s()]+")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_BORN_EN = re.compile(r"\(born\s+((?:19|20)\d\d)\)", re.I)
# Words written with a full stop that does not end a sentence (ru-post.md §2, 171н types,
# and «им.», «г. р.»); a full stop after any other word splits the line when a capital,
# a digit or an address type word follows («г. Сафоново. микрорайон Горный»).
_ABBREVIATIONS = frozenset(
    {"г", "гор", "д", "ул", "пер", "пр", "просп", "ш", "наб", "пл",
     "мкр", "мкрн", "кв", "корп", "к", "стр", "лит", "влд", "вл", "зд", "п", "пос",
     "пгт", "рп", "р", "с", "сл", "ст", "х", "дер", "нп", "кп", "обл", "респ", "им", "тер",
     "туп", "бул", "бульв", "уч", "а/я", "с/с", "п/о", "г.р", "гр", "рожд",
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
_LAST_TOKEN = re.compile(r"(\S+)\s*$")
_DIGIT_BEFORE = re.compile(r"\d\s?$")
_YEAR_END = re.compile(r"(?:19|20)\d\d\s*(?:г\.?\s?р|гр|г\.?\s?рожд)$")
# «(индекс 109383)»: a postcode in brackets is a postcode, not a remark
_PAREN_POSTCODE = re.compile(r"\(\s*(?:индекс\s*)?(\d{6})\s*\)", re.I)

FEDERAL_CITIES = ("г. Москва", "г. Санкт-Петербург", "г. Севастополь")
EMPTY_HINT = N_(
    'give the address as published, e.g. "693008, Сахалинская область, г. Южно-Сахалинск, …"'
)


# ------------------------------------------------------------------------- utilities


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" ,.;:—")


def _fix_mixed(match: re.Match[str]) -> str:
    return match.group(0).translate(_LAT2CYR)


def normalise_text(line: str) -> str:
    """Unicode, spacing, dashes and Latin look-alikes; newlines are kept."""
    text = unicodedata.normalize("NFC", line)
    text = _ZERO_WIDTH.sub("", text).replace("\r", "\n")
    text = _HSPACE.sub(" ", text)
    if " -" in text or "- " in text or not _ODD_DASHES.isdisjoint(text):
        text = _DASH_SPACED.sub(" — ", text)
        text = _DASH_GLUED.sub("-", text)
    if _HAS_LATIN.search(text):
        text = _MIXED_WORD.sub(_fix_mixed, text)
        text = _LATIN_TYPE.sub(lambda m: m.group(1).translate(_LAT2CYR) + ".", text)
    text = _GLUED_YEAR.sub(" ", text)
    text = _GLUED_POSTCODE.sub(r"\1, \2", text)
    return _SPACE_AFTER_DOT.sub(r"\1. ", text)


def _short(text: str, limit: int = 80) -> str:
    text = _clean(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _score(chunk: str) -> int:
    score = 0
    if _ANY_POSTCODE.search(chunk):
        score += 3
    if _FACILITY.search(chunk):
        score += 2
    if _PLACE_HINT.search(chunk):
        score += 1
    if _YEAR_HINT.search(chunk):
        score += 1
    if score < 3 and _TRAIL_WORDS.search(chunk):
        score -= 2
    return score


def _is_prose(line: str) -> bool:
    """A sentence about the person or e-letter services, not a piece of the address."""
    if _PROSE_START.match(line):
        return True
    return _score(line) < 3 and bool(_TRAIL_WORDS.search(line))


def _space_join(prev: str, line: str) -> bool:
    """Does ``line`` continue the last segment of ``prev`` (a soft wrap, not a new part)?"""
    if prev.endswith(("-", "–", "(", "«")):
        return True
    m = _LAST_WORD.search(prev)
    if m and m.group(1) in _WRAP_WORDS:
        return True
    tail = prev.rsplit(",", 1)[-1].strip()
    head = line.split(",", 1)[0].strip()
    tail_facility = bool(_FACILITY.search(tail)) and not _NAME.match(tail)
    if line[:1].islower():
        if _FACILITY_WORD_START.match(line):
            # «Краевая психиатрическая» + «больница № 1», not «д. 10» + «отряд № 8»
            return {seg.kind for seg in _classify(tail)} <= {"facility", "unknown", "place"}
        return not _TYPE_WORD_START.match(line)
    m = _PO.search(tail)
    if m:
        from letterkit.address.regions import po_regions_strict

        if po_regions_strict(f"{m.group(1)} {head}"):
            return True
    ny = _NAME_YEAR.match(head)
    head_name = ny.group("name").strip() if ny else head
    if tail and _NAME_PIECE.fullmatch(tail) and _NAME_PIECE.fullmatch(head_name):
        joined = f"{tail} {head_name}"
        if len(joined.split()) <= 4 and _PATRONYMIC_END.search(joined):
            return True
    if tail_facility and not _PO.search(tail):
        # «ГАУЗ СО» + «СОКПБ», «ОУХД» + «УФСИН России по …»: the head is no other part
        kinds = {seg.kind for seg in _classify(head)}
        return kinds <= {"facility", "unknown"}
    return False


def _chunks(text: str) -> list[str]:
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
            and not (_ANY_POSTCODE.search(out[-1]) and _ANY_POSTCODE.search(line))
        ):
            sep = " " if _space_join(out[-1], line) else ", "
            out[-1] = f"{out[-1].rstrip(' .')}{sep}{line}"
        else:
            out.append(line)
            prose_prev = prose
        blank = False
    return out


# ---------------------------------------------------------------------- segment kinds


@dataclass
class _Seg:
    kind: str  # postcode, country, region, district, locality, street, house, building,
    # po_box, facility, name, year, place (bare place name), unknown
    value: str
    raw: str
    extra: dict[str, object] = field(default_factory=dict)


def _norm_house(text: str) -> str:
    t = _HOUSE_NORMALISE.sub("", text)
    return _HOUSE_DASH_LETTER.sub("", t)


def _house_seg(m: re.Match[str], raw: str) -> _Seg:
    t = (m.group("t") or "").lower().rstrip(".")
    number = _norm_house(m.group("n"))
    if t in ("влд", "вл", "владение"):
        return _Seg("house", f"влд. {number}", raw)
    if t in ("зд", "здание"):
        return _Seg("house", f"зд. {number}", raw)
    return _Seg("house", number, raw)


def _street_value(s: str) -> str:
    m = _STREET_PREFIX.match(s)
    if m:
        t = _STREET_TYPES.get(m.group("t").lower(), m.group("t"))
        return f"{t} {m.group('n')}"
    return s


def _classify_one(s: str) -> _Seg | None:
    """The kind of one clean segment, or None when it needs splitting."""
    raw = s
    if _LEAD_POSTCODE.match(s) or _TAIL_POSTCODE.match(s):
        return None
    if _COUNTRY.match(s):
        return _Seg("country", s, raw)
    m = _POSTCODE.match(s)
    if m:
        return _Seg("postcode", m.group(1), raw)
    m = _POSTCODE_SPLIT.match(s)
    if m:
        return _Seg("postcode", m.group(1) + m.group(2), raw)
    if _BAD_POSTCODE.match(s):
        return _Seg("postcode", s, raw, {"bad": True})
    m = _YEAR.match(s)
    if m:
        return _Seg("year", m.group(1), raw)
    m = _PO_BOX.match(s)
    if m:
        return _Seg("po_box", f"а/я {m.group(1)}", raw)
    m = _HOUSE.match(s)
    if m and (m.group("t") or s[:1].isdigit()):
        return _house_seg(m, raw)
    if _KM.fullmatch(s):
        return _Seg("street_extra", s, raw)
    m = _BUILDING.match(s)
    if m:
        t = _BUILDING_TYPES.get(m.group("t").lower().rstrip("."), m.group("t"))
        return _Seg("building", f"{t} {_norm_house(m.group('n'))}", raw)
    if _REMARK_SEGMENT.match(s):
        return _Seg("remark", s, raw)
    # before the facility and district checks: «Р. Н. Иванову» is not «р.н.», «И. К.» no «ИК»
    if _INITIALS_NAME.match(s):
        return _Seg("name", s, raw)
    if _INITIALS_YEAR.match(s):
        return None  # initials + year: split
    if _FACILITY.search(s) and not _NAME.match(s):
        if _facility_then_name(s) or _GLUED_HOUSE.match(s):
            return None
        return _Seg("facility", _FACILITY_CITY.sub("г. ", s), raw)
    if _INNER_BOUNDARY.search(s):
        return None
    m = _STREET_SUFFIX.match(s) if s.rpartition(" ")[2].rstrip(".") in _STREET_TYPES else None
    if m and not _TRAILING_HOUSE.match(s):
        return _Seg("street", f"{m.group('n')} {_STREET_TYPES[m.group('t')]}", raw)
    from letterkit.address.regions import find_region

    reg = find_region(s)
    if reg is not None:
        if reg.name in FEDERAL_CITIES:
            return _Seg("locality", reg.name, raw, {"federal": True})
        return _Seg("region", reg.name, raw)
    m = _LOCALITY.match(s)
    if m and not _STREET_WORD.search(m.group("n")):
        t = m.group("t").lower().rstrip(".").replace(" ", "")
        t = {"р.п": "рп", "п.г.т": "пгт"}.get(t, t)
        typ = _LOC_TYPES.get(t, m.group("t"))
        name = m.group("n")
        if typ == "г.":
            fed = find_region(name)
            if fed is not None and fed.name in FEDERAL_CITIES:
                return _Seg("locality", fed.name, raw, {"federal": True})
        if typ == "дер." and t == "д" and not name[:1].isalpha():
            return None
        return _Seg("locality", f"{typ} {name}", raw, {"type": typ})
    if _DISTRICT.search(s):
        return _Seg("district", _DISTRICT_GO_END.sub(r"\1.о.", s), raw)
    if _REGION_WORD.search(s) and not _STREET_WORD.search(s):
        if _INNER_BOUNDARY.search(s):
            return None
        return _Seg("region", s, raw, {"unknown": True})
    if _STREET_PREFIX.match(s) or _STREET_WORD.search(s):
        m = _TRAILING_HOUSE.match(s)
        if m and not _ORDINAL_END.search(s):
            return None  # street + house: split
        return _Seg("street", _street_value(s), raw)
    m = _NAME_YEAR.match(s)
    if m and _NAME.match(m.group("name")):
        return None  # name + year: split
    if _NAME.match(s):
        return _Seg("name", s, raw)
    if _BARE_PLACE.match(s):
        return _Seg("place", s, raw)
    return None


@lru_cache(maxsize=4096)
def _facility_then_name(s: str) -> tuple[str, str] | None:
    """``… по Республике Марий Эл Омерову Энверу`` → facility and name, else None.

    The words after «по» are read as the longest run that names a region (multi-word
    names: «Республике Марий Эл», «Республике Северная Осетия — Алания», «г. Санкт-
    Петербургу и Ленинградской области»); only what follows it may be the person.
    """
    from letterkit.address.regions import po_regions_strict

    ny = _NAME_YEAR.match(s)
    if ny and _PO.search(ny.group("name")):
        # «… области Медведеву Филиппу Игоревичу (1998 г. р.)»: the year stays with the name
        split = _facility_then_name(ny.group("name"))
        if split:
            return split[0], split[1] + s[ny.end("name") :]
    elif (ty := _TAIL_YEAR.search(s)) and _PO.search(s[: ty.start()]):
        # «… области Баценину А. Д. 1995 г. р.»: the full stop of the initials before the year
        split = _facility_then_name(s[: ty.start()])
        if split and _INITIALS_NAME.match(split[1]):
            return split[0], split[1] + s[ty.start() :]
    m = _PO.search(s)
    if not m:
        return None
    tail = m.group(1)
    words = list(_WORD_SPAN.finditer(tail))
    if len(words) < 3 or po_regions_strict(tail):
        return None
    for k in range(len(words) - 2, 0, -1):
        rest = tail[words[k].start() :].strip()
        if len(words) - k > 5 or not (_NAME.match(rest) or _INITIALS_NAME.match(rest)):
            continue
        region = tail[: words[k - 1].end()]
        if po_regions_strict(region):
            return (s[: m.start(1)] + region).strip(), rest
    fm = _FACILITY_THEN_NAME.match(s)
    if fm and not po_regions_strict(tail.rsplit(" ", 1)[0]):
        return fm.group("f"), fm.group("n")
    return None


def _split_inner(s: str) -> list[str]:
    """Split a glued segment into pieces (``ул. Заводская д. 62`` → two)."""
    m = _LEAD_POSTCODE.match(s)
    if m:
        return [m.group(1), m.group(2)]
    m = _TAIL_POSTCODE.match(s)
    if m:
        return [m.group(1), m.group(2)]
    m = _NAME_YEAR.match(s)
    if m and _NAME.match(m.group("name").strip()):
        return [m.group("name").strip(), m.group("year")]
    m = _INITIALS_YEAR.match(s)
    if m:
        return [m.group("name").strip(), m.group("year")]
    m = _GLUED_HOUSE.match(s)
    if m:
        return [m.group("h"), m.group("r")]
    split = _facility_then_name(s)
    if split:
        return list(split)
    # A facility after a house or street with no comma: «12 ФКУ ИК-5 …».
    if not _FACILITY.match(s):
        m = _FACILITY_START.search(s)
        if m and m.start() > 0:
            return [s[: m.start()], s[m.end() :]]
    parts = _INNER_BOUNDARY.split(s)
    if len(parts) > 1 and not _FACILITY.search(s):
        return [p for p in parts if p.strip()]
    m = _TRAILING_HOUSE.match(s)
    if m and not _ORDINAL_END.search(s):
        return [m.group("s"), m.group("h")]
    # Name then year glued with a comma already split; a year glued to words: «… 1995 г.р»
    return [s]


@lru_cache(maxsize=8192)
def _classify(s: str, depth: int = 0) -> tuple[_Seg, ...]:
    """Classified pieces of a segment; cached, so the returned segments are never mutated."""
    return tuple(_classify_uncached(s, depth))


def _classify_uncached(s: str, depth: int = 0) -> list[_Seg]:
    s = _clean(s)
    if not s:
        return []
    seg = _classify_one(s)
    if seg is not None:
        return [seg]
    if depth < 4:
        pieces = _split_inner(s)
        if len(pieces) > 1:
            out: list[_Seg] = []
            for p in pieces:
                out.extend(_classify(p, depth + 1))
            return out
    if _STREET_PREFIX.match(s) or _STREET_WORD.search(s):
        return [_Seg("street", _street_value(s), s)]
    return [_Seg("unknown", s, s)]


def _segments(text: str) -> list[str]:
    """Split at commas/semicolons and at full stops that end a sentence."""
    out: list[str] = []
    start = 0
    for m in _SEGMENT_SPLIT.finditer(text):
        dot = m.group(0).lstrip()
        if dot.startswith("."):
            end = m.start() + (len(m.group(0)) - len(dot))
            tm = _LAST_TOKEN.search(text, max(start, end - 24), end)
            token = tm.group(1).lstrip('(«"') if tm else ""
            bare = token.lower()
            is_abbr = not token.endswith(".") and (
                bare in _ABBREVIATIONS
                or (len(token) == 1 and token.isupper())
                or bool(_GLUED_INITIALS.fullmatch(token))  # «А.Д. Баценину»
            )
            if is_abbr and _YEAR_END.search(text, start, end):
                is_abbr = False  # «1982 г.р. Адрес: …»: the year ends a part
            if (
                token.isupper()
                and len(token) == 1
                and _DIGIT_BEFORE.search(text, start, tm.start() if tm else end)
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
    return [s for s in (p.strip() for p in out) if s]


# ------------------------------------------------------------------------ the parser


def parse_address(line: str) -> Address:
    """Parse one published address line (any order, any of the issue-4 variants)."""
    if not isinstance(line, str) or not line.strip():
        raise AddressError(_("the address is empty"), hint=_(EMPTY_HINT))
    try:
        return _parse(line)
    except LetterkitError:
        raise
    except Exception as exc:  # a parser bug must not escape as a traceback
        raise AddressError(
            _("could not parse the address ({reason})").format(reason=type(exc).__name__),
            hint=_("please report this line as a bug"),
        ) from exc


def _parse(line: str) -> Address:
    notes: list[str] = []
    warnings: list[Issue] = []
    text = normalise_text(line)
    if not _CYRILLIC.search(text) and _HAS_LATIN.search(text):
        return _latin_only(text)
    chunks = _chunks(text)
    if not chunks:
        raise AddressError(_("the address is empty"), hint=_(EMPTY_HINT))
    if len(chunks) == 1:
        best = 0
    else:
        scores = [_score(c) for c in chunks]
        best = max(range(len(chunks)), key=lambda i: (scores[i], -i))
    for i, c in enumerate(chunks):
        if i < best:
            notes.append(_("dropped text: «{text}»").format(text=_short(c)))
        elif i > best:
            notes.append(_("dropped trailing text: «{text}»").format(text=_short(c)))
    body = chunks[best]

    m = _PREFIX.match(body)
    if m and (_PREFIX_WORDS.search(m.group(1)) or not _FACILITY.search(m.group(1))):
        notes.append(_("dropped text: «{text}»").format(text=_short(m.group(1))))
        body = body[m.end() :]
    m = _TRAIL_START.search(body)
    if m and m.end("p") > 1:
        tail = body[m.end("p") :]
        body = body[: m.end("p")]
        notes.append(_("dropped trailing text: «{text}»").format(text=_short(tail)))
    body = _PAREN_POSTCODE.sub(r", \1", body)
    for rm in _REMARK.finditer(body):
        notes.append(_("the line says: «{text}»").format(text=rm.group(1)))
    body = _REMARK.sub(" ", body)
    while (m := _TAIL_PAREN.search(body)) and m.group(1)[:1].islower():
        notes.append(_("the line says: «{text}»").format(text=m.group(1)))
        body = body[: m.start()]
    body = _NUMBER_SIGN.sub("№ ", body)

    segs: list[_Seg] = []
    for s in _segments(body):
        # a caption inside the line: «… области. Получатель: Кравцов Андрей Михайлович»
        segs.extend(_classify((_LINE_LABEL.sub("", s) or s) if ":" in s else s))
    return _assemble(segs, notes, warnings)


def _latin_only(text: str) -> Address:
    """An address written only in Latin letters (an ENG line): report, do not guess."""
    from letterkit.address.regions import regions

    addr = Address()
    m = _ANY_POSTCODE.search(text)
    if m:
        addr.postcode = m.group(0)
    m = _BORN_EN.search(text)
    low = text.lower()
    for reg in regions():
        if reg.en.lower() in low:
            addr.region = reg.name
            break
    addr.warnings = [
        Issue(
            "not-russian",
            None,
            _(
                "the address is written in Latin letters; Russian Post needs it in Russian — "
                "copy the Russian (RU) line of the same page"
            ),
        )
    ]
    if m:
        addr.notes.append(_("birth year in the line: {year}").format(year=m.group(1)))
    addr.printable = False
    return addr


def _pick_name(segs: list[_Seg]) -> int | None:
    names = [i for i, s in enumerate(segs) if s.kind == "name"]
    if not names:
        # a bare two-word «place» next to the year may be a short name (Идрисову Рафису)
        names = [
            i
            for i, s in enumerate(segs)
            if s.kind == "place" and len(s.value.split()) >= 2 and _NAME.match(s.value)
        ]
    if not names:
        return None
    years = [i for i, s in enumerate(segs) if s.kind == "year"]
    for y in years:
        for i in names:
            if abs(i - y) == 1:
                return i
    last_real = max(i for i, s in enumerate(segs) if s.kind not in ("year",))
    if names[-1] == last_real:
        return names[-1]
    if names[0] == 0:
        return 0
    return names[-1]


def _assemble(segs: list[_Seg], notes: list[str], warnings: list[Issue]) -> Address:
    from letterkit.address.regions import by_name, region_from_po, regions_from_po

    addr = Address()
    name_i = _pick_name(segs)
    # Order of the line: reverse (postcode first, person last) or natural.
    kinds = ["recipient" if i == name_i else s.kind for i, s in enumerate(segs)]
    first_place = next(
        (i for i, k in enumerate(kinds) if k in ("postcode", "region", "locality")), None
    )
    natural = name_i is not None and first_place is not None and name_i < first_place

    year: int | None = None
    postcode: _Seg | None = None
    regions_stated: list[_Seg] = []
    localities: list[_Seg] = []
    districts: list[str] = []
    streets: list[str] = []
    houses: list[str] = []
    buildings: list[str] = []
    facilities: list[str] = []
    po_boxes: list[str] = []
    last_field: list[str] | None = None
    unplaced: list[str] = []
    for s, k in zip(segs, kinds, strict=True):
        if k == "postcode":
            if postcode is None:
                postcode = s
            last_field = None
        elif k == "country":
            notes.append(_("dropped the country: «{text}»").format(text=s.raw))
        elif k == "remark":
            notes.append(_("the line says: «{text}»").format(text=s.raw))
        elif k == "year":
            if year is None:
                year = int(s.value)
        elif k == "region":
            regions_stated.append(s)
            last_field = None
        elif k == "district":
            districts.append(s.value)
            last_field = districts
        elif k in ("locality", "place"):
            if k == "place" and streets and not natural:
                # a bare word after the street: keep it with the street (Птицефабрика)
                streets[-1] = f"{streets[-1]}, {s.value}"
                continue
            localities.append(s)
            last_field = None
        elif k == "street":
            streets.append(s.value)
            last_field = streets
        elif k == "street_extra":
            if streets:
                streets[-1] = f"{streets[-1]}, {s.value}"
            else:
                streets.append(s.value)
        elif k == "house":
            houses.append(s.value)
            last_field = houses
        elif k == "building":
            buildings.append(s.value)
        elif k == "po_box":
            po_boxes.append(s.value)
        elif k == "facility":
            facilities.append(s.value)
            last_field = facilities
        elif k == "recipient":
            pass
        elif k == "name":
            # a capitalised phrase that is not the person: a place (Ростов-на Дону)
            if streets and not natural:
                streets[-1] = f"{streets[-1]}, {s.value}"
            else:
                localities.append(_Seg("place", s.value, s.raw))
        else:
            if last_field is streets and streets:
                streets[-1] = f"{streets[-1]}, {s.value}"
            elif last_field is facilities and facilities:
                facilities[-1] = f"{facilities[-1]}, {s.value}"
            else:
                unplaced.append(s.raw)

    # Postcode
    if postcode is not None:
        addr.postcode = postcode.value
    # Localities: main one and settlements inside it.
    main: _Seg | None = None
    if localities:
        fed = [s for s in localities if s.extra.get("federal")]
        if fed:
            main = fed[0]
        else:
            typed = [s for s in localities if s.kind == "locality"]
            # a town outranks a settlement inside it («г. Плавск, пос. Белая Гора»),
            # whichever order the line gives them in
            towns = [s for s in typed if s.extra.get("type") == "г."]
            pool = towns or typed or localities
            main = pool[-1] if natural else pool[0]
        subs = [s.value for s in localities if s is not main]
        addr.locality = main.value
        if subs:
            addr.sublocality = ", ".join(subs)
    # Region
    if regions_stated:
        known = [s for s in regions_stated if not s.extra.get("unknown")]
        pick = known[0] if known else regions_stated[0]
        addr.region = pick.value
        if pick.extra.get("unknown"):
            warnings.append(
                Issue(
                    "region-unknown",
                    "region",
                    _("«{region}» is not a known region").format(region=pick.value),
                )
            )
        for s in regions_stated:
            if s is not pick and s.value != pick.value:
                unplaced.append(s.raw)
    if main is not None and main.extra.get("federal"):
        if addr.region is None:
            addr.region = main.value
        elif addr.region != main.value:
            # «Московская область, … Москва»: the city is a locality in the region
            pass
    if addr.region is None:
        from letterkit.address.postcode import infer_region

        inferred = infer_region(addr.postcode) if addr.postcode else None
        fac_regions: list = []
        for f in facilities:
            m = _PO.search(f)
            if m:
                fac_regions = regions_from_po(m.group(1)) or (
                    [r] if (r := region_from_po(m.group(1))) else []
                )
                if fac_regions:
                    break
        fac_names = [r.name for r in fac_regions]
        if inferred and len(fac_names) == 1 and inferred not in fac_names:
            # the postcode points elsewhere than the facility's administration:
            # trust the facility, and validation flags the postcode
            addr.region = fac_names[0]
            notes.append(
                _("region inferred from the facility name: {region}").format(region=addr.region)
            )
        elif inferred:
            addr.region = inferred
            notes.append(f"region inferred from the postcode: {inferred}")
        elif fac_regions:
            addr.region = fac_regions[0].name
            notes.append(
                _("region inferred from the facility name: {region}").format(region=addr.region)
            )
    if addr.region in FEDERAL_CITIES and addr.locality is None:
        addr.locality = addr.region
    elif (
        addr.region in FEDERAL_CITIES
        and addr.locality not in FEDERAL_CITIES
        and addr.locality is not None
        and main is not None
        and main.kind == "place"
    ):
        # «г. Москва, Зеленоград» with the city as region: the place is inside the city
        addr.sublocality = ", ".join(x for x in (addr.locality, addr.sublocality) if x)
        addr.locality = addr.region
    if districts:
        addr.district = ", ".join(districts)
    if streets:
        addr.street = ", ".join(streets)
    if houses:
        addr.house = houses[0]
        for h in houses[1:]:
            buildings.append(h if h.startswith("влд") else f"д. {h}")
    if buildings:
        addr.building = ", ".join(buildings)
    if po_boxes:
        addr.po_box = ", ".join(po_boxes)
    if facilities:
        addr.facility = ", ".join(facilities)
    if unplaced:
        text = ", ".join(unplaced)
        if addr.street:
            addr.street = f"{addr.street}, {text}"
        elif addr.facility:
            addr.facility = f"{addr.facility}, {text}"
        else:
            addr.street = text
        notes.append(f"kept unrecognised text on the envelope: «{_short(text)}»")

    if postcode is not None and postcode.extra.get("bad"):
        pass  # validate() reports postcode-format
    if (
        addr.region
        and by_name(addr.region) is None
        and not any(w.code == "region-unknown" for w in warnings)
    ):
        warnings.append(
            Issue(
                "region-unknown",
                "region",
                _("«{region}» is not a known region").format(region=addr.region),
            )
        )

    if name_i is not None:
        addr.recipient = _recipient(segs[name_i].value, year, warnings)
    addr.warnings = warnings
    addr.notes = notes
    from letterkit.address.validate import validate

    validate(addr)
    return addr


def _recipient(text: str, year: int | None, warnings: list[Issue]) -> Recipient:
    from letterkit import names

    text = _clean(text)
    m = _INITIALS_NAME.match(text)
    if m:
        return _initials_recipient(m, year, warnings)
    # Bracketed second names («Карелиной (Хаваной) Ксении»): remember after which word.
    alts: dict[int, str] = {}
    words: list[str] = []
    for tok in _NAME_TOKENS.findall(text):
        if tok.startswith("("):
            if words:
                alts[len(words) - 1] = tok[1:-1].strip()
        else:
            words.append(tok)
    # Garbled: «Анастасии Поляковой Анастасии Владимировне» (first name twice).
    if len(words) >= 4 and words[-1].lower() not in names.TURKIC:
        fold = [w.lower().replace("ё", "е") for w in words]
        if fold[0] == fold[2]:
            warnings.append(
                Issue(
                    "name-garbled",
                    "recipient",
                    _("the name «{name}» repeats a word; read as «{read}»").format(
                        name=text, read=" ".join(words[1:])
                    ),
                )
            )
            words = words[1:]
            text = " ".join(words)
            alts = {}
    rec = Recipient(dative=text, birth_year=year)
    if names.looks_nominative(words):
        last = words[0]
        first = words[1] if len(words) > 1 else None
        middle = " ".join(words[2:]) or None
        gender = names.detect_gender(first, middle, last)
        if 0 in alts:
            last = f"{last} ({alts[0]})"
        if 1 in alts and first:
            first = f"{first} ({alts[1]})"
        rec.last, rec.first, rec.middle, rec.gender = last, first, middle, gender
        rec.dative = names.to_dative(last, first, middle, gender)
        warnings.append(
            Issue(
                "name-nominative",
                "recipient",
                _(
                    "the name is published in the nominative («{name}»); "
                    "the envelope uses the dative «{dative}»"
                ).format(name=text, dative=rec.dative),
            )
        )
        return rec
    last, first, middle, gender, exact = names.from_dative_checked(" ".join(words))
    if 0 in alts:
        last = f"{last} ({names.from_dative_checked(alts[0])[0]})"
    if 1 in alts and first:
        first = f"{first} ({alts[1]})"
    rec.last, rec.first, rec.middle, rec.gender = last, first, middle, gender
    if not exact:
        derived = names.to_dative(last, first, middle, gender)
        warnings.append(
            Issue(
                "dative-mismatch",
                "recipient",
                _(
                    "the published name «{name}» is not the dative the decliner gives for "
                    "«{full}» («{derived}»); check it"
                ).format(
                    name=text,
                    full=" ".join(p for p in (last, first, middle) if p),
                    derived=derived,
                ),
            )
        )
    return rec


def _initials_recipient(m: re.Match[str], year: int | None, warnings: list[Issue]) -> Recipient:
    """``Баценину А.Д`` → dative ``Баценину А. Д.`` (order as published), last ``Баценин``.

    Prisons identify people by full name and year of birth (ru-post.md §1): a letter to
    initials is likely returned, so ``initials-only`` blocks printing (validate.py).
    """
    from letterkit import names

    surname = m.group("last") or m.group("last_after")
    initials = " ".join(f"{c}." for c in (m.group("ini") or m.group("ini_first")) if c.isalpha())
    dative = f"{surname} {initials}" if m.group("last") else f"{initials} {surname}"
    warnings.append(
        Issue(
            "initials-only",
            "recipient",
            _(
                "only initials are given: prisons identify people by full name and birth "
                "year; find the full name (e.g. on the person's page)"
            ),
        )
    )
    return Recipient(dative=dative, last=names.surname_from_dative(surname), birth_year=year)
