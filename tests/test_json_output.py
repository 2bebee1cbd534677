"""``--json`` on list, find, random, birthdays, templates, log (JSON Lines) and show (one
object): the documented fields, nothing else on stdout, and an empty result is exit 1
with a hint on stderr."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import BATSENIN_ENVELOPE
from letterkit import directory, letterlog
from letterkit.store import Store

PERSON_FIELDS = [
    "slug", "name", "born", "facility", "region", "envelope", "printable", "writable",
    "source_url", "address_seen", "stale", "origin",
]  # fmt: skip

BATSENIN = {
    "slug": "batsenin",
    "name": "Баценин Александр Дмитриевич",
    "born": "1995",
    "facility": "ФКУ ИК-1 УФСИН России по Сахалинской области",
    "region": "Сахалинская область",
    "envelope": BATSENIN_ENVELOPE,
    "printable": True,
    "writable": True,
    "source_url": None,  # the hand-made record's source carries no URL
    "address_seen": "2026-11-25",
    "stale": False,
    "origin": "shipped",
}


def _lines(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_list_json_is_the_shipped_record(cli):
    assert _lines(cli("list", "--json")) == [BATSENIN]


def test_show_json_is_one_object_with_the_english_line(cli):
    result = cli("show", "batsenin", "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert list(shown) == [*PERSON_FIELDS, "english"]
    assert {k: v for k, v in shown.items() if k != "english"} == BATSENIN
    assert shown["english"].startswith("Aleksandr Dmitrievich Batsenin (born 1995), ")


def test_show_json_of_a_stale_address_warns_on_stderr_only(cli):
    result = cli("show", "makhmudov-azamzhon", "--json", "--date", "2025-09-01")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["slug"] == "mahmudov-azamzhon-asadovich"
    assert shown["born"] == "1994-11-02"
    assert shown["stale"] is True
    assert shown["address_seen"] == "2025-02-22"
    assert shown["source_url"] == "https://memopzk.org/figurant/mahmudov-azamzhon-asadovich/"
    assert shown["envelope"][0] == "Махмудову Азамжону Асадовичу, 1994 г. р."
    [warning] = result.stderr.splitlines()
    assert warning.startswith("Warning: this address was last confirmed on 2025-02-22")


def test_find_json_lists_the_same_people_as_the_table(cli):
    expected = directory.find(Store().people(), "Махмудов")
    found = _lines(cli("find", "Махмудов", "--json"))
    assert [p["slug"] for p in found] == [p.slug for p in expected]
    assert all(list(p) == PERSON_FIELDS for p in found)
    by_slug = {p["slug"]: p for p in found}
    assert by_slug["mahmudov-azamzhon-asadovich"]["region"] == "Забайкальский край"


def test_random_json_gives_writable_people(cli):
    picked = _lines(cli("random", "--n", "3", "--json"))
    assert len(picked) == 3
    assert all(p["printable"] and p["writable"] and p["envelope"] for p in picked)


def test_birthdays_json_adds_the_day(cli):
    found = _lines(cli("birthdays", "--date", "2025-03-01", "--within", "1", "--json"))
    expected = directory.birthdays(Store().people(), dt.date(2025, 3, 1), within_days=1)
    assert [b["slug"] for b in found] == [b.prisoner.slug for b in expected]
    first = found[0]
    assert list(first) == [*PERSON_FIELDS, "birthday", "turns", "in_days", "send_by"]
    assert first["slug"] == "husenov-alisher-hasanovich"
    assert (first["birthday"], first["turns"], first["in_days"]) == ("2025-03-01", 34, 0)
    assert first["send_by"] == "2024-12-31"


def test_templates_json(cli):
    from letterkit import guidance, paths

    listed = _lines(cli("templates", "--json"))
    infos = guidance.list_templates([paths.user_templates_dir()])
    assert [t["name"] for t in listed] == [i.name for i in infos]
    birthday = next(t for t in listed if t["name"] == "birthday")
    assert birthday == {
        "name": "birthday",
        "title": "Birthday greetings",
        "title_ru": "С днём рождения",
        "kind": "holiday",
        "slots": [],
        "required": [],
        "user": False,
    }
    assert _lines(cli("templates", "birthday", "--json")) == [birthday]


def test_templates_phrases_json(cli):
    """`templates simple --phrases --json`: one object a phrase, the ids --phrase takes."""
    phrases = _lines(cli("templates", "simple", "--phrases", "--json"))
    assert phrases[0] == {
        "template": "simple",
        "group": "greeting",
        "id": "hello",
        "ru": "Здравствуйте, {first_name}!",
        "en": "Hello, {first_name}!",
        "default": True,
    }
    assert len({p["id"] for p in phrases}) == len(phrases) > 40
    assert {"hello", "good-day", "keen-on"} <= {p["id"] for p in phrases}
    # a template without a phrasebook: its sentences with their English
    sentences = _lines(cli("templates", "first-letter", "--phrases", "--json"))
    assert sentences and all(set(x) == {"template", "ru", "en"} for x in sentences)
    assert sentences[0]["template"] == "first-letter"


def test_log_json(cli):
    now = dt.datetime(2026, 11, 25, 12, 30, tzinfo=dt.UTC)
    letterlog.record_letter(
        "batsenin", "Баценин Александр Дмитриевич", dt.date(2026, 11, 25),
        template="first-letter", signature="Маша", now=now,
    )  # fmt: skip
    letterlog.record_letter(
        "ivanov", "Иванов Иван", dt.date(2026, 10, 1), template=None, signature=None, now=now
    )
    entries = _lines(cli("log", "--json"))
    assert [(e["date"], e["slug"], e["name"], e["template"]) for e in entries] == [
        ("2026-10-01", "ivanov", "Иванов Иван", None),
        ("2026-11-25", "batsenin", "Баценин Александр Дмитриевич", "first-letter"),
    ]


@pytest.mark.parametrize(
    ("args", "error", "hint"),
    [
        (
            ("find", "zzzz", "--json"),
            "Error: no one found",
            "Hint: try part of the name, or without --region/--tag/--facility",
        ),
        (
            ("log", "--json"),
            "Error: the letter log is empty",
            "Hint: letters are recorded when the log is on: letterkit log --enable",
        ),
        (
            ("templates", "nosuch", "--json"),
            "Error: no letter template 'nosuch'",
            "Hint: see the list: letterkit templates",
        ),
        (
            ("random", "--region", "Нигдейская", "--json"),
            "Error: no one with a usable address matches",
            "Hint: try without --region/--tag, or 'letterkit find' to see who is known",
        ),
    ],
)
def test_an_empty_result_is_exit_1_with_a_hint(cli, args, error, hint):
    result = cli(*args)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [error, hint]


def test_birthdays_json_none_in_the_period(cli):
    # a day on which no one in the data has a birthday, found rather than guessed
    people = Store().people()
    day = next(
        dt.date(2025, 1, 1) + dt.timedelta(days=i)
        for i in range(365)
        if not directory.birthdays(
            people, dt.date(2025, 1, 1) + dt.timedelta(days=i), within_days=0
        )
    )
    result = cli("birthdays", "--date", day.isoformat(), "--within", "0", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Error: no birthdays in that period",
        "Hint: try a longer --within, or --month",
    ]
