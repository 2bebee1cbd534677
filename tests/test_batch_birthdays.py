"""`batch --birthdays-within DAYS --letters birthday`."""

from __future__ import annotations

import datetime as dt
import re

from letterkit import directory
from letterkit.store import Store
from pdfutil import page_count


def test_birthdays_within_prints_an_envelope_per_person(cli):
    today = dt.date(2026, 12, 20)
    people = directory.birthday_targets(Store().people(), 30, today)
    assert people, "the shipped directory has birthdays around the new year"
    assert all(p.writable for p in people)
    result = cli("batch", "--birthdays-within", "30", "--date", "2026-12-20", "--output", "bd.pdf")
    assert result.exit_code in (0, 3), result.output
    pdf = (cli.cwd / "bd.pdf").read_bytes()
    assert page_count(pdf) == len(people)
    assert re.search(rf"Envelopes printed\s+│\s+{len(people)}\s", result.stdout)


def _letters(cli, *args: str) -> list[str]:
    """The A4 letters of a ``batch --letters birthday`` run, whitespace folded."""
    from pdfutil import text

    result = cli(
        "batch", "--letters", "birthday", *args, "--output", "bd.pdf",
        "--sender", "Иванова Мария Петровна; ул. Садовая, д. 3; г. Тверь; 170000",
    )  # fmt: skip
    assert result.exit_code in (0, 3), result.output
    pages = text((cli.cwd / "bd-a4.pdf").read_bytes()).split("Здравствуйте, ")[1:]
    return [" ".join(p.split()) for p in pages]


def test_a_birthday_today_gets_the_belated_wording_not_in_advance(cli):
    """Posted on the day, a letter arrives after it (data/delivery.toml: up to 60 days)."""
    today = dt.date(2026, 12, 21)
    people = directory.birthday_targets(Store().people(), 0, today)
    assert people, "the shipped directory has birthdays on 21 December"
    letters = _letters(cli, "--birthdays-within", "0", "--date", today.isoformat())
    assert len(letters) == len(people)
    for letter in letters:
        assert "Поздравляю Вас с прошедшим днём рождения!" in letter
        assert (
            "Это письмо я пишу 21 декабря 2026 г., в Ваш день рождения. Письма идут долго, "
            "и оно придёт уже после праздника, но поздравляю Вас от всей души."
        ) in letter
        assert "заранее" not in letter and "успеет" not in letter


def test_birthdays_within_words_each_letter_by_its_own_send_by_date(cli):
    """One run, several dates: 21 December is today (belated), the others 1 to 3 days
    ahead with the send-by date passed (written before the day, arriving after it)."""
    today = dt.date(2026, 12, 21)
    people = directory.birthday_targets(Store().people(), 3, today)
    letters = _letters(cli, "--birthdays-within", "3", "--date", today.isoformat())
    assert len(letters) == len(people)
    late = (
        "Это письмо я пишу 21 декабря 2026 г., ещё до праздника, но письма идут долго, "
        "и оно, скорее всего, придёт уже после него. Поздравляю Вас от всей души."
    )
    expected_late = [p for p in people if p.birth_date.day != 21]
    assert expected_late, "the shipped directory has birthdays on 22–24 December"
    assert sum(late in letter for letter in letters) == len(expected_late)
    assert all("Поздравляю Вас с прошедшим днём рождения!" in x for x in letters)
    assert not any("заранее" in x or "успеет" in x for x in letters)
