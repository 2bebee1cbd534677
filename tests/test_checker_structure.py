"""The letter's shape: greetings by their vocative form, signatures with a description."""

from __future__ import annotations

import pytest

from letterkit.guidance import check_text

BODY = "\n\nУ нас всё хорошо, зима снежная.\n\nМой адрес на конверте.\n\n"


def rules(text: str) -> list[str]:
    return [f.rule for f in check_text(text).findings]


@pytest.mark.parametrize(
    "greeting",
    [
        "Мир тебе, брат Алексей!",
        "Доброй зимы, Ирина!",
        "Светлого Рождества, дорогая Нина!",
        "Низкий поклон, Пётр Ильич!",
    ],
)
def test_a_line_that_calls_someone_by_name_is_a_greeting(greeting: str) -> None:
    assert rules(greeting + BODY + "Ольга") == []


@pytest.mark.parametrize(
    "first", ["Кот съел рыбу.", "Вчера был дождь, Ирина", "Сегодня, наверное, пятница!"]
)
def test_a_first_line_that_calls_no_one_is_no_greeting(first: str) -> None:
    assert "structure.greeting" in rules(first + BODY + "Ольга")


@pytest.mark.parametrize(
    "signature",
    [
        "Светлана Агафонова, г. Ярославль",
        "Галина Сергеевна, учительница вашего сына",
        "Вера, ваша соседка по даче",
        "Тётя Галя, Самара",
    ],
)
def test_a_name_then_a_short_description_is_a_signature(signature: str) -> None:
    assert rules("Здравствуйте, Иван!" + BODY + signature) == []


@pytest.mark.parametrize(
    "signature",
    [
        "С сердечными приветами, Ханна",
        "С дружбой, Жюльен",
        "Ваш новый друг по переписке, Степан Ильич",
        "Жду тебя очень. Целую, Марина",
        "Пишите мне, пожалуйста. Марко",
        "Напишите, когда сможете. Ларс Эриксен.",
    ],
)
def test_a_closing_of_ones_own_and_the_name_on_one_line_is_a_signature(signature: str) -> None:
    assert rules("Здравствуйте, Иван!" + BODY + signature) == []


@pytest.mark.parametrize(
    "last",
    [
        "я ушла, всё",
        "Пишите, если сможете",
        "С уважением, и до встречи весной в Самаре летом",
        # the name of the one the letter is written to, not the writer's
        "Передавай привет маме, Иван.",
        "Держись, Иван!",
    ],
)
def test_a_sentence_with_a_comma_is_no_signature(last: str) -> None:
    assert "structure.signature" in rules("Здравствуйте, Иван!" + BODY + last)


# The writer's gender for a partner mentioned in passing: the name they sign with first,
# then the verbs after «я» — only inside the clause of «я».
@pytest.mark.parametrize(
    ("text", "warns"),
    [
        ("Мы с моей девушкой съездили в Карелию, она научила меня ловить окуня.", True),
        ("Мы с моим мужем шьём костюмы. Я опишу, как прошёл концерт.", False),
    ],
)
def test_a_partner_read_with_the_name_she_signs_with(text: str, warns: bool) -> None:
    letter = "Здравствуйте, Лиза!\n\n" + text + "\n\nМой адрес на конверте.\n\nОбнимаю,\nМаша"
    assert ("topic.lgbt" in rules(letter)) is warns


def test_a_man_who_signs_and_bakes() -> None:
    letter = (
        "Здравствуй, Стас!\n\nУ нас с моим мужем годовщина, я испёк торт.\n\n"
        "Мой адрес на конверте.\n\nИгорь"
    )
    assert "topic.lgbt" in rules(letter)


def test_a_verb_after_a_comma_is_not_the_writers() -> None:
    letter = (
        "Здравствуй, Стас!\n\nМы с мужем были на даче. Я рассказала, как он поймал щуку.\n\n"
        "Мой адрес на конверте.\n\nВаша соседка"
    )
    assert "topic.lgbt" not in rules(letter)


@pytest.mark.parametrize("first", ["Сынок!", "Любимый мой!", "Братишка!", "Родная моя!"])
def test_a_word_of_address_alone_on_the_first_line_is_a_greeting(first: str) -> None:
    assert rules(first + BODY + "Мама") == []


@pytest.mark.parametrize(
    "signature",
    [
        "Никита, 14 лет",
        "Ярослав (15 лет)",
        "Твой новый друг по переписке, Ярослав, 15 лет",
        "тётя Надя и вся наша родня",
        "Мама и все наши",
    ],
)
def test_an_age_or_the_family_after_the_name_is_still_a_signature(signature: str) -> None:
    assert rules("Здравствуй, Илья!" + BODY + signature) == []


def test_an_age_alone_is_no_signature() -> None:
    assert rules("Здравствуй, Илья!" + BODY + "Мне 15 лет") == ["structure.signature"]


@pytest.mark.parametrize(
    "signature",
    [
        # a remark in brackets: a school class, the other name, a reminder
        "Петя (3 «А» класс)",
        "Обнимаю, Лиза (5 «Г»)",
        "Ваша Света (Светлана Игоревна)",
        "Дима (это я, с четвёртого этажа)",
        # a school class after a comma
        "Коля, 2 «Б»",
        "Твоя ученица Аня, 11 класс",
        # a word on the return address after the name
        "Ваш Олег, адрес на конверте",
        "Искренне Ваша, Нина Павловна. Мой обратный адрес — на конверте",
        "Серёжа; обратный адрес внизу",
    ],
)
def test_what_follows_the_name_is_no_part_of_the_signature(signature: str) -> None:
    assert rules("Здравствуйте, Иван!" + BODY + signature) == []


@pytest.mark.parametrize(
    "last", ["Обратный адрес на конверте.", "(жду ответа)", "Пиши скорее, 3 «А» ждёт"]
)
def test_a_last_line_with_no_name_is_still_no_signature(last: str) -> None:
    assert "structure.signature" in rules("Здравствуйте, Иван!\n\nУ нас всё хорошо.\n\n" + last)
