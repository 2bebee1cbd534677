"""Digit codes in a letter (data/guidance.toml, language.foreign-words): phone, card and
account numbers and the codes of a locker warn; the numbers of everyday letters — dates,
times, prices, ages, years, scores, pages, addresses, counts — stay silent."""

from __future__ import annotations

import pytest

from letterkit.guidance import check_text


def letter(*body: str) -> str:
    return "\n".join(
        ["Здравствуйте, Александр!", "", *body, "", "Мой адрес — на конверте.", "", "Мария"]
    )


def codes(sentence: str) -> list[tuple[str, str, int, str]]:
    return [
        (f.rule, f.severity, f.line, f.text)
        for f in check_text(letter(sentence)).findings
        if f.rule == "language.foreign-words"
    ]


EVERYDAY_NUMBERS = [
    "В 1957 году мы поженились.",
    "Мы отмечали 12.05.2023 юбилей.",
    "Встреча 12 мая 2023 года в 15:30.",
    "Приеду в 7.30 утра.",
    "Мой прадед воевал в 1941-1945 годах.",
    "В 2024–2025 учебном году у нас новые предметы.",
    "Пенсия 23 500 рублей.",
    "Зарплата 45000 рублей в месяц.",
    "Купила за 2500 новые сапоги.",
    "Кофе стоит 250 рублей.",
    "Мне 73 года, деду 75.",
    "Внуку 14 лет, он в 8 классе.",
    "Наши выиграли 3:1.",
    "Матч закончился 2-1 в нашу пользу.",
    "Со счётом 4:2 победили.",
    "Читаю страницы 145-167.",
    "На странице 245 есть картинка.",
    "Я прошла 10 000 шагов.",
    "Я прошла 12000 шагов.",
    "Живу в доме 14, квартира 208.",
    "Давление 140 на 90.",
    "На улице -25, а дома +22.",
    "Цены выросли на 15%.",
    "Тираж 50000 экземпляров.",
    "Ехала на автобусе 105 до конечной.",
    "Глава 12 очень длинная.",
    "Мой рост 176, вес 70 кг.",
    "Половина стакана, то есть 1/2.",
    "Добавь 3,5 кг муки.",
    "Дом 1905 года постройки.",
    "Замок 1560 года стоит на горе.",
    "На стадионе было человек 45000.",
    "Сериал из 24 серий, смотрю по 3 в день.",
    "У нас в школе 1200 учеников.",
    "Поезд 054 пришёл вовремя.",
    "Книга 1984 года издания.",
    "Я родилась 03-04-1989.",
    "Телефон стоил 15 000 рублей.",
    "Позвоню тебе в 5 вечера.",
    "Уже 2 часа ночи.",
    "Город основан в 1147 году.",
    "В марафоне 42 км 195 м.",
    "Рецепт на 6 порций, 200 г сахара.",
    "Этаж 9, лифт не работает.",
    "В классе 30 человек, из них 12 девочек.",
    "Прочитала 1 000 000 знаков за месяц.",
    "Набрала 98 баллов из 100.",
    "С 2010 по 2015 жила в Казани.",
    "Ей 100 лет исполнилось.",
    "Население 1 200 000 жителей.",
    "Ехать 1500 км до моря.",
]


@pytest.mark.parametrize("sentence", EVERYDAY_NUMBERS)
def test_the_numbers_of_everyday_letters_stay_silent(sentence):
    assert check_text(letter(sentence)).findings == []


def test_the_table_of_everyday_numbers_is_long_enough():
    assert len(EVERYDAY_NUMBERS) >= 40


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Звони: 8 912 345-67-89.", "8 912 345-67-89"),
        ("Мой номер +7 (912) 345-67-89.", "+7 (912) 345-67-89"),
        ("Телефон 8-912-345-67-89.", "8-912-345-67-89"),
        ("Пиши на 89124567788.", "89124567788"),
        ("Номер карты 2202 2063 1234 5678.", "2202 2063 1234 5678"),
        ("Код 4471, не забудь.", "4471"),
        ("4471 — это ячейка.", "4471"),
        ("Это ячейка 9-12-3.", "9-12-3"),
        ("Пароль 5518.", "5518"),
        ("Запомни комбинацию 7 3 9 1.", "7 3 9 1"),
        ("Восемь девятьсот двенадцать 345-67-89.", "Восемь девятьсот двенадцать 345-67-89"),
        ("Счёт 40817810099910004312.", "40817810099910004312"),
        ("Номер 912 345 67 89 запиши.", "912 345 67 89"),
        ("Телефон тёти 41-22-19.", "41-22-19"),
    ],
)
def test_phones_cards_accounts_and_locker_codes_warn(sentence, code):
    assert codes(sentence) == [("language.foreign-words", "warning", 3, code)]


def test_a_code_word_needs_digits_beside_it_and_no_unit():
    # a castle of a year, a phone that cost a price, a combination of two digits
    assert codes("Замок 1560 года, а код тот же.") == []
    assert codes("Новый телефон за 15 000 рублей.") == []
    assert codes("Ячейка 12 в раздевалке.") == []


def test_a_phone_read_aloud_in_words_alone_is_a_code_but_a_rhyme_is_not():
    assert codes(
        "Номер: восемь девятьсот двенадцать триста сорок пять шестьдесят семь восемьдесят девять."
    ) == [
        (
            "language.foreign-words",
            "warning",
            3,
            "восемь девятьсот двенадцать триста сорок пять шестьдесят семь восемьдесят девять",
        )
    ]
    assert codes("Раз, два, три, четыре, пять — вышел зайчик погулять.") == []
    assert codes("Мне девяносто два года, а деду сто один.") == []


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Мы были вот тут: 55.7512, 37.6184, красота.", "55.7512, 37.6184"),
        ("Дом по координатам 59,9386 30,3141.", "59,9386 30,3141"),
    ],
)
def test_map_coordinates_are_a_code(sentence, place):
    assert codes(sentence) == [("language.foreign-words", "warning", 3, place)]


def test_decimals_of_everyday_letters_are_no_coordinates():
    assert codes("Рост 1.85, вес 80,5 кг, курс 92.4512 рубля.") == []


def test_bare_number_groups_and_letter_digit_tokens_together_are_a_code():
    # several, with nothing that names them: a message in a key
    assert codes("Передай: 2-14-9 закрыто, 6Д у Кости, Р4 по плану.") == [
        ("language.foreign-words", "warning", 3, "2-14-9, 6Д, Р4")
    ]
    assert codes("Про дела: 3318 — готово, 7724 — ждём, 1106 — отмена.") == [
        ("language.foreign-words", "warning", 3, "3318, 7724, 1106")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        # each number named by its noun: a seat, a room, a class, a size, a route
        "Поезд 128, вагон 12, место 22, потом автобус 14 и кабинет 3Б.",
        "Куртка размер 52, рост 176, в 7Б классе, маршрутка 5К.",
        # years and two bare numbers are too few
        "С 2010 по 2015 жила в Казани, а с 2016 в Москве.",
        "Давление 140 на 90, а сахар 110.",
        "Он живёт в 9А, а она в 3Б.",
    ],
)
def test_named_numbers_years_and_a_pair_of_tokens_are_no_code(sentence):
    assert codes(sentence) == []
