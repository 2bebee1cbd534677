"""The letter checker's language, foreign-material and structure checks."""

from __future__ import annotations

import pytest

from letterkit import i18n
from letterkit.guidance import check_text


def letter(*body: str, sign: str = "Мария", greet: str = "Здравствуйте, Александр!") -> str:
    return "\n".join([greet, "", *body, "", "Мой адрес — на конверте.", "", sign])


def found(text: str, **kwargs) -> list[tuple[str, str, int, str]]:
    return [(f.rule, f.severity, f.line, f.text) for f in check_text(text, **kwargs).findings]


UKRAINIAN = (
    "Пишу тобі з Києва. У нас уже осінь, листя жовте.",
    "Я працюю в бібліотеці і щодня читаю щось нове.",
)
BELARUSIAN = (
    "Пішу табе з Гродна. У нас ужо выпаў першы снег.",
    "Я працую настаўніцай у школе, вельмі чакаю адказу.",
)
BULGARIAN = (
    "Казвам се Мария и живея в София. Много ми е приятно да ти пиша.",
    "Какво обичаш да четеш? Аз съм учителка и обичам книгите.",
)


@pytest.mark.parametrize(
    ("body", "language"),
    [(UKRAINIAN, "Ukrainian"), (BELARUSIAN, "Belarusian"), (BULGARIAN, "Bulgarian")],
)
def test_cyrillic_letters_that_are_not_russian_are_named(body, language):
    result = check_text(letter(*body))
    (finding,) = [f for f in result.findings if f.rule == "language.non-russian"]
    assert finding.severity == "warning" and finding.line == 1
    assert finding.message == f"The letter looks {language}, not Russian: write it in Russian."
    # the greeting is not reported: the whole letter is the problem
    assert "structure.greeting" not in [f.rule for f in result.findings]


def test_language_name_follows_the_interface_language():
    i18n.set_language("ru")
    try:
        (finding,) = check_text(letter(*UKRAINIAN)).findings
    finally:
        i18n.set_language("en")
    assert "украинский" in finding.message


def test_russian_learners_and_machine_translation_are_russian():
    text = letter(
        "Я учусь русский язык в университете, второй год. Мой русский плохой, но я стараюсь.",
        "Я люблю готовить паста с мой бабушка и играть в футбол с друзья.",
    )
    assert found(text) == []


@pytest.mark.parametrize(
    ("line", "text", "message"),
    [
        (
            "Фото тут: https://disk.yandex.ru/d/aB3k — покажите.",
            "https://disk.yandex.ru/d/aB3k",
            "A link",
        ),
        ("Наша группа vk.com/sad_nadezhda.", "vk.com/sad_nadezhda", "A link"),
        ("Пишите на lena.kuz88@mail.ru, пожалуйста.", "lena.kuz88@mail.ru", "An e-mail address"),
        ("Я в телеграме @lenakuz.", "@lenakuz", "A social-media or messenger handle"),
        ("Мой ник kate_travels.", "kate_travels", "A social-media or messenger handle"),
        ("Запишите: 4471-2290-0031.", "4471-2290-0031", "A string of digits"),
        ("Звоните: +7 912 345-67-89.", "+7 912 345-67-89", "A string of digits"),
        ("Кмк, ты прав, лол.", "Кмк, лол", "A chat abbreviation"),
        ("Я в тг, пиши туда.", "тг", "A chat abbreviation"),
        ("Она повторяла never give up.", "never give up", "Foreign words"),
        ("Смотрели netflix.", "netflix", "Foreign words"),
        ("Слушаю группу Imagine Dragons.", "Imagine Dragons", "Foreign words"),
        ("Sorry, что долго не писала.", "Sorry", "Foreign words"),
    ],
)
def test_foreign_material_warns_and_quotes_it(line, text, message):
    result = check_text(letter(line))
    (finding,) = result.findings
    assert (finding.rule, finding.severity, finding.line, finding.text) == (
        "language.foreign-words",
        "warning",
        3,
        text,
    )
    assert finding.message.startswith(message)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Купил наконец ноутбук Lenovo, летает.", "Lenovo"),
        ("Мне подарили ракетку Wilson.", "Wilson"),
        ("Шью на машинке Janome, снимаю на Canon.", "Janome, Canon"),
        ("Смотрели Netflix всей семьёй.", "Netflix"),
    ],
)
def test_one_latin_name_in_a_russian_sentence_is_an_info_note(line, name):
    assert found(letter(line)) == [("language.foreign-words", "info", 3, name)]


@pytest.mark.parametrize(
    "line",
    [
        "В 2023 году мы прошли 10 000 шагов за день, счёт был 1:2.",
        "Всё норм, ок, щас расскажу.",
        "Купила двадцать книг и др. мелочи.",
    ],
)
def test_numbers_and_everyday_words_are_not_codes(line):
    assert found(letter(line)) == []


def test_the_writers_own_name_and_address_are_left_out():
    text = (
        "Здравствуйте, Александр!\n\nЯ живу в Австрии и люблю горы.\n\n"
        "Мой адрес:\nAnna Huber\nSeestraße 14\n4863 Seewalchen\nAustria\n\n"
        "С наилучшими пожеланиями,\nAnna Huber"
    )
    assert found(text) == []


def test_a_postcode_in_an_address_line_is_no_code():
    text = letter("Я люблю книги.").replace(
        "Мой адрес — на конверте.", "Пишите: 160000, г. Вологда, ул. Мира, д. 12, кв. 5."
    )
    assert found(text) == []


@pytest.mark.parametrize(
    "sign",
    [
        "Оля из Самары",
        "Петя и Вера",
        "Ваша бабушка",
        "Твоя сестра Аня",
        "Целую,\nтётя Галя",
        "Ксения и коты",
        "Айгуль и Ренат",
        "С уважением,\nА. П. Смирнова",
        "Ваша матушка",
        "Твой племянник Петя",
        "Обнимаю,\nваша землячка Нина",
    ],
)
def test_signatures_in_their_common_forms(sign):
    assert found(letter("Я люблю книги.", sign=sign)) == []


@pytest.mark.parametrize(
    "greet",
    [
        "Доброго вечера, Илья!",
        "Добрый вечер, Илья!",
        "Доброе утро, Илья!",
        "Доброго дня, Илья!",
        "Привет из Казани, Илья!",
        "Здравствуй, Илья!",
        "Дорогой Илья!",
        "Многоуважаемый Илья Петрович!",
        "Мир Вам, Илья!",
        "Ассаламу алейкум, Илья!",
        "С добрым утром, Илья!",
    ],
)
def test_greetings_in_their_common_forms(greet):
    assert found(letter("Я люблю книги.", greet=greet)) == []


@pytest.mark.parametrize(
    "line", ["Адрес на конверте.", "Адрес мой — на конверте.", "Обратный адрес — на конверте."]
)
def test_return_address_said_in_other_words(line):
    text = letter("Я люблю книги.").replace("Мой адрес — на конверте.", line)
    assert found(text) == []


def _loads_the_dictionary(body: str) -> bool:
    import subprocess
    import sys

    code = (
        "import sys; from letterkit.guidance import check_text; "
        f"check_text({body!r}); print('pymorphy3' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip() == "True"


def test_the_dictionary_is_loaded_only_when_a_letter_needs_it():
    # the topic fields read their lemmas' forms from data/lemma_forms.json, and a letter
    # with "ы" or "э" is Russian without a lookup (importing letterkit loads nothing:
    # tests/test_checker_topics.py)
    assert not _loads_the_dictionary(letter("Мы были на море, и вы бы видели этот закат."))
    # a Cyrillic letter without them is looked up word by word
    assert _loads_the_dictionary(letter("Я пишу вам из дома, у нас тепло и тихо, сад цветёт."))


@pytest.mark.parametrize(
    ("body", "language"),
    [
        (("Мин Казаннан язам. Бездә хәзер кыш, бик салкын.", "Сезгә сәламәтлек телим."), "Tatar"),
        (("Мен Алматыдан жазып отырмын. Бізде қазір күз.", "Сізге денсаулық тілеймін."), "Kazakh"),
    ],
)
def test_turkic_cyrillic_alphabets_are_named(body, language):
    (finding,) = [f for f in check_text(letter(*body)).findings if f.rule == "language.non-russian"]
    assert finding.message == f"The letter looks {language}, not Russian: write it in Russian."


def test_one_letter_of_another_alphabet_in_a_russian_letter_is_russian():
    # «әби» (grandmother in Tatar) in a signature line of a Russian letter
    assert found(letter("Я испекла чак-чак на свадьбу.", sign="Твоя әби Наиля")) == []


def test_single_latin_words_in_several_sentences_are_foreign_words():
    # a machine translation that leaves a word untranslated in each sentence
    text = letter(
        "В субботу ходили на Flohmarkt, купили лампу.", "Дочь наконец получила Führerschein."
    )
    assert found(text) == [
        ("language.foreign-words", "warning", 3, "Flohmarkt"),
        ("language.foreign-words", "warning", 4, "Führerschein"),
    ]
