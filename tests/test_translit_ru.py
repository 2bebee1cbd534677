"""Latin-script names in Russian letters, on real names and their usual Russian spellings.

The convention is practical transcription (Гиляревский & Старостин, 1985; the Russian
Wikipedia pages cited in data/translit_ru.toml), Polivanov for Japanese. The spellings
below are the ones Russian texts use for these names (e.g. Russian Wikipedia articles on
people who bear them: Шмидт, Мюллер, Кшиштоф Кесьлёвский, Франсуа Олланд, Харуки Мураками).
Writers from countries that write in Cyrillic spell their names by a romanisation of the
Cyrillic name, which reads back to the name itself: for Ukraine the national romanisation
(КМУ № 55, 2010) gives back the Ukrainian spelling (Andrii → Андрий), for Russian-style
passports the Russian one (Dmitry → Дмитрий).
"""

from __future__ import annotations

import pytest

from letterkit.translit_ru import language_for, russian_name, to_cyrillic

NAMES = {
    "de": {
        "Schmidt": "Шмидт", "Müller": "Мюллер", "Schneider": "Шнайдер", "Fischer": "Фишер",
        "Weber": "Вебер", "Wagner": "Вагнер", "Becker": "Беккер", "Schulz": "Шульц",
        "Koch": "Кох", "Bauer": "Бауэр", "Richter": "Рихтер", "Wolf": "Вольф",
        "Schröder": "Шрёдер", "Schwarz": "Шварц", "Krüger": "Крюгер", "Werner": "Вернер",
        "Meyer": "Майер", "Fuchs": "Фукс", "Heinz": "Хайнц", "Anna": "Анна", "Emma": "Эмма",
        "Jürgen": "Юрген", "Stefan": "Штефан", "Klaus": "Клаус", "Dieter": "Дитер",
        "Helga": "Хельга", "Sabine": "Забине", "Paul": "Пауль", "Julia": "Юлия",
    },
    "pl": {
        "Kowalski": "Ковальский", "Nowak": "Новак", "Lewandowski": "Левандовский",
        "Kamiński": "Каминский", "Zieliński": "Зелинский", "Szymański": "Шиманский",
        "Dąbrowski": "Домбровский", "Kozłowski": "Козловский", "Jankowski": "Янковский",
        "Krawczyk": "Кравчик", "Piotr": "Пётр", "Katarzyna": "Катажина",
        "Małgorzata": "Малгожата", "Tomasz": "Томаш", "Paweł": "Павел",
        "Krzysztof": "Кшиштоф", "Marcin": "Марцин", "Łukasz": "Лукаш", "Michał": "Михал",
        "Wojciech": "Войцех", "Ewa": "Эва", "Agnieszka": "Агнешка", "Zofia": "Зофия",
    },
    "fr": {
        "Jean": "Жан", "Pierre": "Пьер", "Marie": "Мари", "Dupont": "Дюпон", "Louis": "Луи",
        "Claire": "Клер", "Nicolas": "Никола", "François": "Франсуа", "Michel": "Мишель",
        "Bernard": "Бернар", "Moreau": "Моро", "Laurent": "Лоран", "Julien": "Жюльен",
        "Antoine": "Антуан", "Mathieu": "Матьё", "Martin": "Мартен", "Durand": "Дюран",
        "Lambert": "Ламбер", "Dubois": "Дюбуа", "Girard": "Жирар", "Rousseau": "Руссо",
        "Mercier": "Мерсье", "Chevalier": "Шевалье", "Fournier": "Фурнье",
        "Vincent": "Венсан", "Hélène": "Элен", "Élodie": "Элоди",
    },
    "en": {
        "Smith": "Смит", "Johnson": "Джонсон", "Brown": "Браун", "Taylor": "Тейлор",
        "Miller": "Миллер", "Wilson": "Уилсон", "Clark": "Кларк", "Moore": "Мур",
        "Thompson": "Томпсон", "Harris": "Харрис", "Green": "Грин", "Scott": "Скотт",
        "Fisher": "Фишер", "Cooper": "Купер", "Morgan": "Морган",
        "John": "Джон", "Michael": "Майкл", "Mary": "Мэри", "Sarah": "Сара",
    },
    "ja": {
        "Yamada": "Ямада", "Tanaka": "Танака", "Suzuki": "Судзуки", "Takahashi": "Такахаси",
        "Murakami": "Мураками", "Watanabe": "Ватанабэ", "Kobayashi": "Кобаяси",
        "Haruki": "Харуки", "Kenji": "Кэндзи", "Hiroshi": "Хироси", "Yoko": "Ёко",
        "Akira": "Акира", "Kurosawa": "Куросава", "Matsumoto": "Мацумото",
    },
    "uk": {
        "Shevchenko": "Шевченко", "Tkachenko": "Ткаченко", "Kovalenko": "Коваленко",
        "Bondarenko": "Бондаренко", "Kharchenko": "Харченко", "Boiko": "Бойко",
        "Hnatiuk": "Гнатюк", "Shchur": "Щур", "Tsybulko": "Цибулко", "Zghurskyi": "Згурский",
        "Taras": "Тарас", "Yuliia": "Юлия", "Oleksandr": "Олександр", "Andrii": "Андрий",
        "Dmytro": "Дмитро", "Mykola": "Микола", "Yaroslav": "Ярослав", "Zhanna": "Жанна",
        "Yevhen": "Евген", "Nataliia": "Наталия", "Mykhailo": "Михайло", "Iryna": "Ирина",
    },
    "ru": {
        "Dmitry": "Дмитрий", "Yury": "Юрий", "Aleksey": "Алексей", "Sergey": "Сергей",
        "Mikhail": "Михаил", "Elena": "Елена", "Yegor": "Егор", "Anastasiya": "Анастасия",
        "Tolstoy": "Толстой", "Yermakova": "Ермакова", "Shcherbakov": "Щербаков",
        "Zhukov": "Жуков", "Kozlovsky": "Козловский", "Khabibullina": "Хабибуллина",
        "Chernov": "Чернов", "Ryzhkov": "Рыжков", "Yakovlev": "Яковлев",
    },
}  # fmt: skip
CASES = [(lang, latin, ru) for lang, table in NAMES.items() for latin, ru in table.items()]


def test_the_table_is_large_and_covers_several_languages() -> None:
    assert len(CASES) >= 60
    assert all(len(table) >= 14 for table in NAMES.values())


@pytest.mark.parametrize(("language", "latin", "russian"), CASES)
def test_real_names_get_their_usual_russian_spelling(language, latin, russian) -> None:
    assert to_cyrillic(latin, language) == russian


@pytest.mark.parametrize(
    ("latin", "de", "en", "fr"),
    [("Julia", "Юлия", "Джулия", "Жюлия"), ("Paul", "Пауль", "Пол", "Поль")],
)
def test_the_language_decides(latin, de, en, fr) -> None:
    assert to_cyrillic(latin, "de") == de
    assert to_cyrillic(latin, "en") == en
    assert to_cyrillic(latin, "fr") == fr


@pytest.mark.parametrize(
    ("country", "language"),
    [("DE", "de"), ("AT", "de"), ("FR", "fr"), ("PL", "pl"), ("US", "en"), ("GB", "en"),
     ("JP", "ja"), ("IT", "base"), ("UA", "uk"), ("BY", "ru"), ("KZ", "ru"), ("BG", "ru")],
)  # fmt: skip
def test_the_language_comes_from_the_country(country, language) -> None:
    assert language_for(country) == language


def test_a_writers_full_name() -> None:
    assert russian_name("Anna Schmidt", "DE") == "Анна Шмидт"
    assert russian_name("Jean-Pierre Dupont", "FR") == "Жан-Пьер Дюпон"
    assert russian_name("Мария Иванова", "RU") is None  # already Russian
    assert russian_name("", "DE") is None
    assert russian_name("Taras Shevchenko", "UA") == "Тарас Шевченко"
