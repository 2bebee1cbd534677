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
    "last",
    ["я ушла, всё", "Пишите, если сможете", "С уважением, и до встречи весной в Самаре летом"],
)
def test_a_sentence_with_a_comma_is_no_signature(last: str) -> None:
    assert "structure.signature" in rules("Здравствуйте, Иван!" + BODY + last)
