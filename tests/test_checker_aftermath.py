"""The war told by its aftermath and euphemisms, politics told by institutions and
metonymy (data/topics.toml): the paraphrase warns, its innocent homonyms stay quiet."""

from __future__ import annotations

import pytest

from letterkit.guidance import check_text


def letter(*body: str, sign: str = "Мария") -> str:
    return "\n".join(
        ["Здравствуйте, Александр!", "", *body, "", "Мой адрес — на конверте.", "", sign]
    )


def serious(text: str) -> set[str]:
    return {f.rule for f in check_text(text).findings if f.severity != "info"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Ночью опять были прилёты, у соседей побило крышу.",
        "Как завоет сирена, мы сразу спускаемся в подвал с детьми.",
        "В нашем городе бывают воздушные атаки, люди прячутся в метро.",
        "Мы всю ночь просидели в бомбоубежище.",
        "Ночью был взрыв, у тёти в доме окна выбило.",
        "Сосед вернулся оттуда раненым, теперь ходит с палкой.",
        "Племянник сейчас на нуле, связи почти нет.",
        "Кума говорит, что сына привезли двухсотым.",
        "Муж подруги подписал контракт с министерством и уехал.",
        "Брата отправили за ленточку ещё в мае.",
    ],
)
def test_the_war_by_its_aftermath_warns(sentence):
    assert serious(letter(sentence)) == {"topic.war"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Вчера под окнами с сиреной пронеслась скорая.",
        "У машины соседа опять орала сигнализация, сирена на весь двор.",
        "Торт получился просто бомба, гости всё съели.",
        "Баланс на телефоне на нуле, поэтому пишу письмо.",
        "Настроение с утра было на нуле, а потом выглянуло солнце.",
        "Зимой у нас на градуснике часто на нуле.",
        "Дочка подписала контракт с издательством на свою первую книгу.",
        "Наш вратарь подписал контракт с клубом ещё на сезон.",
        "Весной прилетели скворцы, прилёт птиц мы всегда ждём.",
        "Я начинаю учить испанский с нуля.",
        "Сын подписал договор с министерством образования, будет учить детей в селе.",
    ],
)
def test_the_innocent_homonyms_of_the_war_stay_quiet(sentence):
    assert serious(letter(sentence)) == set()
