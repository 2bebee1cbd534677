"""Every shipped template for every kind of writer and recipient: the letter reads as if a
person wrote it.

Writers from a city, a village, a settlement inside a city, a village with its district,
and from abroad (DE, FR, US, JP, and a German village with no Russian name), each with
the return address given on the command line and saved with ``sender set``; recipients
male, female, hyphenated, with «оглы»/«кызы» patronymics and without a patronymic. For
each letter: no slot left to fill (``____``), no bare settlement-type abbreviation, the
greeting names the recipient in the nominative, the writer is placed in correct Russian,
and the letter check finds nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest

from letterkit import writing
from letterkit.address.parse import parse_address
from letterkit.address.sender import parse_sender, with_russian_name
from letterkit.guidance import check_text, list_templates
from letterkit.models import Prisoner, Sender, Target
from letterkit.profile import Profile, resolve_sender, save_profile
from letterkit.store import Store
from letterkit.targets import resolve_target

DATE = dt.date(2026, 11, 25)
TEMPLATES = [info.name for info in list_templates()]
FIELDS = {"simple": {"hobby": "читать"}}


@dataclass(frozen=True)
class W:
    key: str
    lines: str
    country: str
    place: str  # «я живу …»
    place_from: str  # «открытку …»
    signature: str
    first: str
    russian: str | None = None  # --writer-ru


WRITERS = [
    W("city", "Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000", "RU",
      "в Твери", "из Твери", "Мария Иванова", "Мария"),
    W("village", "Иванова Мария Петровна; ул. Садовая, д. 3; с. Кевдо-Вершина; "
      "Пензенская область; 442246", "RU",
      "в селе Кевдо-Вершина", "из села Кевдо-Вершина", "Мария Иванова", "Мария"),
    W("settlement-in-city", "Смирнов Олег Игоревич; пос. Шушары, ул. Вишерская, д. 1; "
      "г. Санкт-Петербург; 196626", "RU",
      "в посёлке Шушары", "из посёлка Шушары", "Олег Смирнов", "Олег"),
    W("village-with-district", "Петров Пётр Петрович; ул. Лесная, д. 2; д. Горютино; "
      "Калининский р-н; Тверская обл.; 170000", "RU",
      "в деревне Горютино", "из деревни Горютино", "Пётр Петров", "Пётр"),
    W("two-word-city", "Мария Иванова; ул. Мира, д. 5; г. Нижний Новгород; 603000", "RU",
      "в Нижнем Новгороде", "из Нижнего Новгорода", "Мария Иванова", "Мария"),
    W("berlin", "Anna Schmidt; Hauptstraße 5; 10115 Berlin", "DE",
      "в Берлине", "из Берлина", "Анна Шмидт", "Анна", "Анна Шмидт"),
    W("german-village", "Lena Weber; Dorfstraße 2; 79856 Hinterzarten", "DE",
      "в Германии", "из Германии", "Лена Вебер", "Лена", "Лена Вебер"),
    W("paris", "Jean Dupont; 3 rue de la Paix; 75002 Paris", "FR",
      "в Париже", "из Парижа", "Жан Дюпон", "Жан", "Жан Дюпон"),
    W("us", "John Smith; 1 Main St; Springfield, IL 62701", "US",
      "в США", "из США", "Джон Смит", "Джон", "Джон Смит"),
    W("tokyo", "Taro Yamada; 1-1 Chiyoda; Chiyoda-ku, Tokyo 100-0001", "JP",
      "в Токио", "из Токио", "Таро Ямада", "Таро", "Таро Ямада"),
]  # fmt: skip

FACILITY = (
    "693008, Сахалинская область, г. Южно-Сахалинск, ул. Пограничная, д. 71, "
    "ФКУ ИК-1 УФСИН России по Сахалинской области, "
)
RECIPIENTS = {
    "male-record": ("batsenin", "Александр"),
    "female": (FACILITY + "Ивановой Марии Петровне, 1990 г. р.", "Мария"),
    "hyphenated-surname": (FACILITY + "Смирнову-Задунайскому Олегу Игоревичу, 1985 г. р.", "Олег"),
    "hyphenated-published-nominative": (
        FACILITY + "Петрова-Водкина Анна-Мария Ивановна, 1990 г. р.",
        "Анна-Мария",
    ),
    "ogly": (FACILITY + "Алиеву Расулу Гасан оглы, 1990 г. р.", "Расул"),
    "kyzy": (FACILITY + "Мамедовой Айгюль Рашид кызы, 1990 г. р.", "Айгюль"),
    "no-patronymic": (FACILITY + "Петрову Ивану, 1990 г. р.", "Иван"),
}

# A type word standing alone before a name («с. Кевдо-Вершина», «в городе пос. Шушары»):
# never in a letter. «2026 г.» in the date is a year, not a town; «с Вами» is the
# preposition before the polite «Вы».
BARE_TYPE = re.compile(
    r"(?<![\w.])(?:г|с|п|пос|пгт|рп|дер|д|х|ст|сл|мкр|тер|обл|р-н)\.?\s+"
    r"(?!В(?:ы|ас|ам|ами|аш\w*)\b)[А-ЯЁ]"
    r"|(?<!\d )(?<![\w.])г\.(?!\s*р\.)"
)


def _sender(writer: W, saved: bool) -> Sender:
    """The writer as `write` sees them: from --sender, or from a profile `sender set` wrote."""
    sender = Sender.parse(writer.lines, writer.country)
    sender.parts = parse_sender(sender.lines, sender.country, read_line=parse_address)
    if writer.russian:
        with_russian_name(sender.parts, writer.russian)
    if not saved:
        return sender
    save_profile(Profile(sender.lines, sender.country, sender_parts=sender.parts))
    loaded = resolve_sender(None, None)
    assert loaded is not None and loaded.parts == sender.parts
    return loaded


def _target(key: str) -> Target:
    return resolve_target(RECIPIENTS[key][0], Store())


def _hyphenated_record() -> Target:
    base = _target("male-record")
    prisoner = Prisoner(
        slug="petrova-vodkina", last="Петрова-Водкина", first="Анна-Мария",
        middle="Ивановна", gender="f", birth_year=1990, sources=[], checked=DATE,
    )  # fmt: skip
    return Target("petrova-vodkina", base.address, prisoner)


def _assert_reads_well(body: str, greeting_name: str, template: str) -> None:
    assert body.splitlines()[0] == f"Здравствуйте, {greeting_name}!"
    assert "____" not in body
    assert not BARE_TYPE.search(body.replace(DATE_RU, "")), body
    assert "в городе г" not in body and "города г" not in body
    assert not re.search(r"(?<!\.)\.\.(?!\.)", body), body  # «2026 г..»: one period
    assert check_text(body, has_return_address=True).findings == []


DATE_RU = "25 ноября 2026 г."


@pytest.mark.parametrize("saved", [False, True], ids=["--sender", "saved"])
@pytest.mark.parametrize("writer", WRITERS, ids=[w.key for w in WRITERS])
def test_every_template_for_every_writer(writer: W, saved: bool) -> None:
    sender = _sender(writer, saved)
    target = _target("male-record")
    for template in TEMPLATES:
        body = writing.letter_body(
            target, sender, DATE, template=template, fields=FIELDS.get(template)
        )
        _assert_reads_well(body, "Александр", template)
        assert body.rstrip().splitlines()[-1] == writer.signature
        if template == "first-letter":
            assert f"Меня зовут {writer.first}, я живу {writer.place}." in body
        if template == "postcard":
            assert f"Посылаю Вам открытку {writer.place_from} и" in body
        if template == "simple":
            assert f"Меня зовут {writer.first}. Я живу {writer.place}." in body


@pytest.mark.parametrize("recipient", sorted(RECIPIENTS))
def test_every_template_for_every_recipient(recipient: str) -> None:
    sender = _sender(WRITERS[1], saved=False)  # the village
    target = _target(recipient)
    for template in TEMPLATES:
        body = writing.letter_body(
            target, sender, DATE, template=template, fields=FIELDS.get(template)
        )
        _assert_reads_well(body, RECIPIENTS[recipient][1], template)


def test_a_hyphenated_record_is_greeted_by_her_whole_first_name() -> None:
    sender = _sender(WRITERS[0], saved=False)
    for template in TEMPLATES:
        body = writing.letter_body(
            _hyphenated_record(), sender, DATE, template=template, fields=FIELDS.get(template)
        )
        _assert_reads_well(body, "Анна-Мария", template)


@pytest.mark.parametrize("template", TEMPLATES)
def test_no_sender_at_all_leaves_out_the_name_and_the_signature(template: str) -> None:
    body = writing.letter_body(
        _target("male-record"), None, DATE, template=template, fields=FIELDS.get(template)
    )
    assert "____" not in body and "Меня зовут" not in body
    assert not BARE_TYPE.search(body.replace(DATE_RU, ""))
    plan = writing.plan_letter(_target("male-record"), body, sender=None, date=DATE)
    assert plan.check is not None and plan.check.findings == []  # write warns once instead


def test_a_foreign_writer_without_a_russian_spelling_is_told_by_the_check() -> None:
    sender = Sender.parse(WRITERS[5].lines, "DE")
    body = writing.letter_body(_target("male-record"), sender, DATE)
    assert "Меня зовут Anna, я живу в Берлине." in body
    rules = {f.rule for f in check_text(body, has_return_address=True).findings}
    assert rules == {"language.foreign-words"}


@pytest.mark.parametrize(
    ("kind", "name", "place", "place_from"),
    [
        ("г.", "Тверь", "в Твери", "из Твери"),
        ("г.", "Пенза", "в Пензе", "из Пензы"),
        ("г.", "Орёл", "в Орле", "из Орла"),
        ("г.", "Южно-Сахалинск", "в Южно-Сахалинске", "из Южно-Сахалинска"),
        ("г.", "Ростов-на-Дону", "в Ростове-на-Дону", "из Ростова-на-Дону"),
        ("г.", "Набережные Челны", "в Набережных Челнах", "из Набережных Челнов"),
        ("г.", "Великий Новгород", "в Великом Новгороде", "из Великого Новгорода"),
        ("г.", "Владимир", "во Владимире", "из Владимира"),
        ("г.", "Сочи", "в Сочи", "из Сочи"),
        ("г.", "Кевдоград", "в городе Кевдоград", "из города Кевдоград"),  # not in the dictionary
        ("с.", "Кевдо-Вершина", "в селе Кевдо-Вершина", "из села Кевдо-Вершина"),
        ("пос.", "Шушары", "в посёлке Шушары", "из посёлка Шушары"),
        ("п.", "Белая Гора", "в посёлке Белая Гора", "из посёлка Белая Гора"),
        ("пгт.", "Яшкино", "в посёлке городского типа Яшкино", "из посёлка городского типа Яшкино"),
        ("рп.", "Сосновка", "в рабочем посёлке Сосновка", "из рабочего посёлка Сосновка"),
        ("дер.", "Горютино", "в деревне Горютино", "из деревни Горютино"),
        ("х.", "Весёлый", "на хуторе Весёлый", "с хутора Весёлый"),
        ("ст-ца", "Каневская", "в станице Каневская", "из станицы Каневская"),
        ("аул", "Хакуринохабль", "в ауле Хакуринохабль", "из аула Хакуринохабль"),
    ],
)
def test_the_place_phrase_follows_the_one_rule(kind, name, place, place_from) -> None:
    from letterkit.guidance.writer import place_phrases
    from letterkit.models import SenderParts

    got = place_phrases(SenderParts(locality=name, locality_type=kind))
    assert got[:2] == (place, place_from)


@pytest.mark.parametrize(
    ("country", "phrase"),
    [("DE", "в Германии"), ("FR", "во Франции"), ("US", "в США"), ("JP", "в Японии"),
     ("NL", "в Нидерландах"), ("GB", "в Великобритании"), ("KR", "в Южной Корее"),
     ("IL", "в Израиле")],
)  # fmt: skip
def test_a_writer_abroad_without_a_known_city_is_placed_by_the_country(country, phrase) -> None:
    from letterkit.guidance.writer import writer_view

    writer = writer_view(Sender(["Alex Doe", "Somewhere 1", "12345 Smalltown"], country))
    assert writer.place == phrase == writer.country_in


def _birthday_target(birth: dt.date) -> Target:
    base = _target("male-record")
    assert base.prisoner is not None
    prisoner = Prisoner(
        slug="batsenin", last=base.prisoner.last, first=base.prisoner.first,
        middle=base.prisoner.middle, gender="m", birth_year=birth.year, sources=[],
        checked=DATE, birth_date=birth,
    )  # fmt: skip
    return Target("batsenin", base.address, prisoner)


_IN_TIME = (
    "Поздравляю Вас с наступающим днём рождения!",
    (
        "Это письмо я пишу {date} — заранее, потому что письма идут долго. "
        "Надеюсь, оно успеет к празднику."
    ),
)
_LATE = (
    "Поздравляю Вас с прошедшим днём рождения!",
    (
        "Это письмо я пишу {date}, ещё до праздника, но письма идут долго, и оно, скорее "
        "всего, придёт уже после него. Поздравляю Вас от всей души."
    ),
)
_ON_THE_DAY = (
    "Поздравляю Вас с прошедшим днём рождения!",
    (
        "Это письмо я пишу {date}, в Ваш день рождения. Письма идут долго, и оно придёт уже "
        "после праздника, но поздравляю Вас от всей души."
    ),
)
_AFTER = (
    "Поздравляю Вас с прошедшим днём рождения!",
    (
        "Это письмо я пишу {date}, уже после праздника. Простите, что поздравление "
        "запоздало, — мне очень хотелось Вас поздравить."
    ),
)


@pytest.mark.parametrize(
    ("offset", "wording"),
    [
        (-90, _IN_TIME),  # send-by (60 days before) still ahead
        (-60, _IN_TIME),  # the send-by day itself
        (-59, _LATE),  # the day after send-by
        (-40, _LATE),
        (-30, _LATE),
        (-3, _LATE),
        (0, _ON_THE_DAY),
        (1, _AFTER),  # yesterday's birthday
        (5, _AFTER),
    ],
)
def test_the_birthday_letter_is_honest_about_time(offset, wording) -> None:
    """``offset``: the letter's date minus the birthday (−40: written 40 days before).
    The delivery time is 60 days (data/delivery.toml): only a letter posted by then is
    "in time"; any later one arrives after the day and says so."""
    from letterkit.dates import russian_date

    birthday = dt.date(2027, 1, 20)
    written = birthday + dt.timedelta(days=offset)
    target = _birthday_target(dt.date(1995, 1, 20))
    body = writing.letter_body(
        target, _sender(WRITERS[0], saved=False), written, template="birthday"
    )
    paragraphs = [" ".join(p.split()) for p in body.split("\n\n")]
    wish, note = wording
    assert paragraphs[1] == wish
    assert paragraphs[3] == note.format(date=russian_date(written))
    if wording is not _IN_TIME:
        assert "заранее" not in body and "успеет" not in body
        assert "наступающ" not in body
    assert check_text(body, has_return_address=True).findings == []


def test_a_writer_abroad_keys_the_wording_on_the_delivery_time_from_abroad(
    monkeypatch,
) -> None:
    from letterkit import dates
    from letterkit.guidance import make_context
    from letterkit.guidance.writer import Writer

    monkeypatch.setattr(
        dates,
        "delivery_time",
        lambda *, abroad=False: dates.DeliveryTime(90 if abroad else 10, ()),
    )
    day = dt.date(2027, 1, 1)
    home = make_context(first_name="А", writer=Writer(), date=day, days_to_birthday=30)
    away = make_context(first_name="А", writer=Writer(abroad=True), date=day, days_to_birthday=30)
    assert home["send_by"] == dt.date(2027, 1, 21) and home["birthday_in_time"] is True
    assert away["send_by"] == dt.date(2026, 11, 2) and away["birthday_in_time"] is False


def test_days_to_birthday_counts_to_the_nearest_one() -> None:
    from letterkit.dates import days_to_birthday

    birth = dt.date(1995, 1, 20)
    assert days_to_birthday(birth, dt.date(2026, 12, 11)) == 40
    assert days_to_birthday(birth, dt.date(2027, 1, 20)) == 0
    assert days_to_birthday(birth, dt.date(2027, 1, 25)) == -5
    assert days_to_birthday(birth, dt.date(2027, 7, 1)) == -162  # nearer than 2028's
    assert days_to_birthday(birth, dt.date(2027, 8, 1)) == 172  # 2028's is nearer
    assert days_to_birthday(dt.date(2000, 2, 29), dt.date(2027, 2, 27)) == 1


def test_send_by_is_the_birthday_minus_the_delivery_time_from_the_data() -> None:
    import tomllib

    from letterkit.dates import delivery_time, send_by
    from letterkit.resources import data_dir

    raw = tomllib.loads((data_dir() / "delivery.toml").read_text(encoding="utf-8"))
    for key, abroad in (("domestic", False), ("abroad", True)):
        assert delivery_time(abroad=abroad).max_days == raw[key]["max_days"]
        assert all(s.startswith("https://") for s in raw[key]["sources"])
    assert send_by(dt.date(2027, 1, 20)) == dt.date(2027, 1, 20) - dt.timedelta(
        days=raw["domestic"]["max_days"]
    )


def test_birthdays_shows_the_send_by_date(cli) -> None:
    result = cli("birthdays", "--within", "30", "--from", "2026-12-20")
    assert result.exit_code == 0, result.output
    header = next(line for line in result.stdout.splitlines() if "send by" in line)
    row = next(line for line in result.stdout.splitlines() if "stepanov" in line)
    cells = [c.strip() for c in row.split("│")]
    column = [c.strip() for c in header.split("┃")].index("send by")
    assert cells[1] == "5 января" and cells[column] == "6 ноября"  # 60 days before


def test_birthdays_by_default_lists_the_send_by_dates_of_the_next_30_days(cli) -> None:
    """With no --within or --month: the birthdays a letter posted now can still reach
    (send-by from today to 30 days on), not a birthday whose send-by date has passed."""
    import json

    from letterkit import directory
    from letterkit.dates import send_by
    from letterkit.store import Store

    today = dt.date(2026, 12, 20)
    result = cli("birthdays", "--date", today.isoformat(), "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows
    for row in rows:
        post_by = dt.date.fromisoformat(row["send_by"])
        assert today <= post_by <= today + dt.timedelta(days=30), row
    listed = {row["slug"] for row in rows}
    soon = directory.birthdays(Store().people(), today, within_days=3)
    assert soon and all(send_by(b.date) < today for b in soon)
    assert not listed & {b.prisoner.slug for b in soon}
    # everyone whose send-by is in the window is listed
    expected = {
        b.prisoner.slug
        for b in directory.birthdays(Store().people(), today, within_days=120)
        if today <= send_by(b.date) <= today + dt.timedelta(days=30)
    }
    assert listed == expected


def test_a_date_at_the_end_of_a_sentence_keeps_one_period() -> None:
    """The birthday letter to someone whose birthday is not known ends a sentence on the
    date, «… 25 ноября 2026 г.»: the abbreviation's period ends the sentence too."""
    body = writing.letter_body(_target("female"), None, DATE, template="birthday")
    assert "Это письмо я пишу 25 ноября 2026 г. Письма идут долго," in body
