"""The letter checker's topic evidence (data/topics.toml): two tiers, exceptions, partners."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

from letterkit import guidance
from letterkit.guidance import check_text
from letterkit.guidance.terms import tier_sizes, topics_file


def letter(*body: str, sign: str = "Мария") -> str:
    return "\n".join(
        ["Здравствуйте, Александр!", "", *body, "", "Мой адрес — на конверте.", "", sign]
    )


def found(text: str) -> list[tuple[str, str, int, str]]:
    return [(f.rule, f.severity, f.line, f.text) for f in check_text(text).findings]


def test_every_topic_serves_a_rule_with_sources():
    raw = tomllib.loads(topics_file().read_text(encoding="utf-8"))
    rules = {r.id: r for r in guidance.load_rules()}
    assert {t["rule"] for t in raw["topic"]} == {
        "topic.case",
        "topic.war",
        "topic.politics",
        "topic.lgbt",
        "topic.escape",
    }
    for topic in raw["topic"]:
        assert topic["sources"] and all(s["url"].startswith("https://") for s in topic["sources"])
        assert rules[topic["rule"]].check["kind"] == "topic"
        assert topic["strong"] and topic["weak"]


def test_tier_sizes_count_the_data():
    sizes = tier_sizes()
    raw = tomllib.loads(topics_file().read_text(encoding="utf-8"))
    assert sizes["strong"] == sum(len(t["strong"]) for t in raw["topic"])
    assert sizes["weak"] >= 50 and sizes["strong"] >= 150 and sizes["exceptions"] >= 30


@pytest.mark.parametrize(
    ("sentence", "rule", "text"),
    [
        ("Муж сейчас на передке, ждёт ротацию.", "topic.war", "на передке, ротацию"),
        ("Серёга ушёл добровольцем.", "topic.war", "ушёл добровольцем"),
        ("Ночью обстреливали окраину.", "topic.war", "обстреливали"),
        ("Брат подписал контракт с Минобороны.", "topic.war", "контракт с Минобороны"),
        ("Его забрали на СВО.", "topic.war", "СВО"),
        ("Следак опять приходил.", "topic.case", "Следак"),
        ("Коллегия отклонила жалобу.", "topic.case", "Коллегия, отклонила жалобу"),
        ("Мы узнали, сколько тебе дали.", "topic.case", "сколько тебе дали"),
        ("Тебя этапируют в колонию.", "topic.case", "этапируют, колонию"),
        ("Когда решение вступит в законную силу?", "topic.case", "решение, в законную силу"),
        ("Наш вечный лидер опять выступал.", "topic.politics", "вечный лидер"),
        ("Путин выступал по телевизору.", "topic.politics", "Путин"),
        ("При нынешнем режиме лучше молчать.", "topic.politics", "нынешнем режиме, молчать"),
        ("Ходила на прайд, сделала камин-аут.", "topic.lgbt", "прайд, камин-аут"),
    ],
)
def test_paraphrase_warns(sentence, rule, text):
    assert (rule, "warning", 3, text) in found(letter(sentence))


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Купили ракетку и ракету для салюта.", "topic.war"),
        ("Весь день воевала с начальством.", "topic.war"),
        ("У нас в больнице ротация по отделениям.", "topic.war"),
        ("Говорили про кремль.", "topic.politics"),
        ("Желудок протестовал до утра.", "topic.politics"),
        ("Плыли на судне, в порту стояли суда.", "topic.case"),
    ],
)
def test_an_ambiguous_word_alone_is_only_a_note(sentence, rule):
    result = check_text(letter(sentence))
    assert not result.has_problems
    assert [(f.rule, f.severity) for f in result.findings] == [(rule, "info")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Перечитываю «Войну и мир».",
        "Стояла у «Девятого вала» Айвазовского.",
        "Читаю «Преступление и наказание».",
        "На даче большой фронт работ.",
        "Идёт холодный атмосферный фронт.",
        "Пока суд да дело, выучил остановки.",
        "Мама наготовила на роту солдат.",
        "Видели «Страшный суд» Микеланджело.",
        "Судя по всему, зима будет снежной.",
        "Бабушка что-то приговаривала.",
        "Судья назначил пенальти.",
        "Соблюдаю режим дня.",
        "Кот объявил войну пылесосу.",
        "В свободное время читаю.",
        "Купила на банке срок годности.",
        "Слушала «Стойкого оловянного солдатика».",
    ],
)
def test_exceptions_and_stems_never_count(sentence):
    assert found(letter(sentence)) == []


def test_a_street_name_is_no_evidence():
    text = letter("Я люблю книги.").replace(
        "Мой адрес — на конверте.", "Мой адрес: 150000, г. Ярославль, ул. Свободы, д. 15."
    )
    assert found(text) == []


def test_a_weak_word_warns_beside_strong_evidence():
    assert found(letter("Ночью обстреливали окраину, летали дроны.")) == [
        ("topic.war", "warning", 3, "обстреливали, дроны")
    ]
    # the same weak word alone
    assert found(letter("Летом запускали дроны над полем.")) == [("topic.war", "info", 3, "дроны")]


FILLER = (
    "Потом мы долго гуляли по парку, кормили уток хлебом, пили чай из термоса "
    "и смотрели, как солнце садится за реку."
)


def test_two_different_weak_words_near_each_other_warn():
    assert found(letter("На выборах наблюдателей выгнали.")) == [
        ("topic.politics", "warning", 3, "выборах, наблюдателей")
    ]
    # the window crosses sentences ...
    assert found(letter("Были выборы в школе. Смотрели в бинокль наблюдатели.")) == [
        ("topic.politics", "warning", 3, "выборы, наблюдатели")
    ]
    # ... but far apart they stay notes
    assert [f[1] for f in found(letter("Были выборы в школе.", FILLER, "Пришли наблюдатели."))] == [
        "info",
        "info",
    ]


def test_name_is_matched_with_its_case():
    assert found(letter("Путина опять показывали.")) == [("topic.politics", "warning", 3, "Путина")]
    assert found(letter("Началась путина, рыбаки ушли в море."))[0][1] == "info"


@pytest.mark.parametrize(
    ("body", "sign", "warns"),
    [
        ("Мы с моей девушкой ездили в Суздаль, я купила свистульку.", "Катя", True),
        ("Мы с моей девушкой ездили в Суздаль, я купил свистульку.", "Костя", False),
        ("Я с женой наконец выбралась на Байкал.", "Даша", True),
        ("Мы с женой ездили на Байкал.", "Ваша Дарья", True),
        ("Мы с женой ездили на Байкал.", "Ваш Дмитрий", False),
        ("Я давно хотел сказать: мы с моим парнем съехались.", "Денис", True),
        ("Я рада: мой парень сделал предложение.", "Аня", False),
        ("Мы с моей девушкой ездили в Суздаль.", "Саша", False),  # gender unclear
    ],
)
def test_same_sex_partner_from_the_writers_own_forms(body, sign, warns):
    rules = [(r, s) for r, s, _line, _t in found(letter(body, sign=sign))]
    assert (("topic.lgbt", "warning") in rules) is warns


def test_pymorphy3_is_not_loaded_by_importing_the_package():
    code = "import sys, letterkit.guidance; print('pymorphy3' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# Words of war and weapons with a peaceful reading stay quiet; the same words where they
# mean what the censor looks for still warn.
@pytest.mark.parametrize(
    "sentence",
    [
        "Раздался выстрел стартового пистолета, и все побежали.",
        "Держи хвост пистолетом, всё будет хорошо!",
        "Перед экзаменом надо мобилизовать силы и выспаться.",
        "Руководитель хора у нас бывший военный дирижёр, строгий.",
        "Купила клеевой пистолет для поделок.",
    ],
)
def test_a_peaceful_reading_gives_no_warning(sentence: str) -> None:
    assert [f for f in found(sentence) if f[0].startswith("topic.") and f[1] == "warning"] == []


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Он прячет пистолет под матрасом.", "topic.escape"),
        ("Говорит, мефедрон сейчас лучше идёт.", "topic.escape"),
        ("Может, подкоп? Ложкой, как в кино.", "topic.escape"),
        ("Брат курит травку и бегает по району.", "topic.escape"),
        ("Военные действия идут уже третий год.", "topic.war"),
        ("Мобилизованных из села было одиннадцать.", "topic.war"),
    ],
)
def test_the_same_words_in_their_meaning_warn(sentence: str, rule: str) -> None:
    assert rule in {f[0] for f in found(sentence) if f[1] == "warning"}
