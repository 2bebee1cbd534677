"""The private letter log: recording, --due, on/off defaults, --no-log, --clear."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from letterkit import dates, letterlog
from letterkit.errors import NotFoundError
from letterkit.letterlog import LogEntry

GERMAN = "Max Mustermann; Hauptstraße 1; 10115 Berlin"
RUSSIAN = "Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000"
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LETTERKIT_CONFIG_DIR", str(tmp_path / "cfg"))
    monkeypatch.setenv("LETTERKIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LETTERKIT_LANG", "en")
    return tmp_path


def run(*args: str):
    from letterkit.cli import make_app

    return CliRunner().invoke(make_app(), list(args))


def write(tmp_path: Path, *args: str, date: dt.date = TODAY):
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    text = tmp_path / "letter.txt"
    text.write_text("Здравствуйте, Александр!\n\nКак у вас дела?\n\nМария\n", encoding="utf-8")
    result = run(
        "write", "batsenin", "--out-dir", str(out), "--text", str(text),
        "--date", date.isoformat(), "--force", *args,
    )  # fmt: skip
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def entry(slug: str, name: str, date: dt.date, ts: str = "2026-01-01T00:00:00+00:00") -> LogEntry:
    return LogEntry(slug, name, date, "first-letter", "Max", ts)


# -- library ---------------------------------------------------------------------------


def test_round_trip(user_dirs: Path) -> None:
    now = dt.datetime(2026, 11, 25, 12, 30, tzinfo=dt.UTC)
    a = letterlog.record_letter(
        "batsenin", "Баценин Александр Дмитриевич", TODAY,
        template="first-letter", signature="Маша", now=now,
    )  # fmt: skip
    b = letterlog.record_letter(
        "ivanov", "Иванов Иван", dt.date(2026, 10, 1), template=None, signature=None, now=now
    )
    path = letterlog.log_path()
    assert path == user_dirs / "data" / "letter-log.jsonl"
    assert letterlog.read_log().entries == [a, b]
    assert letterlog.read_log().bad_lines == []
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert first == {
        "slug": "batsenin",
        "name": "Баценин Александр Дмитриевич",
        "date": "2026-11-25",
        "template": "first-letter",
        "signature": "Маша",
        "timestamp": "2026-11-25T12:30:00+00:00",
        "known": True,
    }
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert letterlog.clear_log() == 2
    assert not path.exists()
    assert letterlog.read_log().entries == []


def test_unreadable_lines_are_kept_not_fatal(user_dirs: Path) -> None:
    path = letterlog.log_path()
    path.parent.mkdir(parents=True)
    path.write_text('not json\n{"slug": "x"}\n', encoding="utf-8")
    letterlog.record_letter("batsenin", "Б", TODAY, template=None, signature=None)
    contents = letterlog.read_log()
    assert [e.slug for e in contents.entries] == ["batsenin"]
    assert contents.bad_lines == ["not json", '{"slug": "x"}']


def test_crash_mid_save_keeps_the_old_log(user_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from letterkit.errors import OutputError

    letterlog.record_letter("batsenin", "Б", TODAY, template=None, signature=None)
    before = letterlog.log_path().read_bytes()

    def crash(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OutputError):
        letterlog.record_letter("other", "О", TODAY, template=None, signature=None)
    assert letterlog.log_path().read_bytes() == before
    kept = [p.name for p in letterlog.log_path().parent.iterdir() if p.suffix != ".lock"]
    assert kept == ["letter-log.jsonl"]


def test_due_on_a_fixed_date() -> None:
    entries = [
        entry("old", "Старый", TODAY - dt.timedelta(days=100)),
        entry("old", "Старый", TODAY - dt.timedelta(days=50)),  # the latest counts
        entry("recent", "Недавний", TODAY - dt.timedelta(days=10)),
        entry("recent", "Недавний", TODAY - dt.timedelta(days=90)),
        entry("edge", "Ровно шесть", TODAY - dt.timedelta(weeks=6)),
        entry("almost", "Почти", TODAY - dt.timedelta(weeks=6) + dt.timedelta(days=1)),
    ]
    due = letterlog.due(entries, today=TODAY)
    assert [(d.slug, d.days, d.last) for d in due] == [
        ("old", 50, TODAY - dt.timedelta(days=50)),
        ("edge", 42, TODAY - dt.timedelta(days=42)),
    ]
    assert [d.slug for d in letterlog.due(entries, today=TODAY, weeks=7)] == ["old"]
    assert [d.slug for d in letterlog.due(entries, today=TODAY, weeks=1)] == [
        "old", "edge", "almost", "recent",
    ]  # fmt: skip


class FakePerson:
    def __init__(self, name: str, birth_date: dt.date | None) -> None:
        self.nominative = name
        self.birth_date = birth_date


class FakeStore:
    def __init__(self, people: dict[str, FakePerson]) -> None:
        self.people = people

    def get(self, slug: str) -> FakePerson:
        if slug not in self.people:
            raise NotFoundError(f"no person with the slug '{slug}'")
        return self.people[slug]


def test_birthdays_in_the_next_30_days() -> None:
    today = dt.date(2026, 12, 20)
    store = FakeStore(
        {
            "jan": FakePerson("Январский", dt.date(1990, 1, 5)),  # across the new year
            "today": FakePerson("Сегодняшний", dt.date(1985, 12, 20)),
            "past": FakePerson("Прошедший", dt.date(1985, 12, 19)),  # next one is in a year
            "far": FakePerson("Далёкий", dt.date(1970, 1, 20)),  # 31 days ahead
            "other": FakePerson("Другой", dt.date(1990, 12, 25)),  # only an address line
            "unknown": FakePerson("Без даты", None),
        }
    )
    entries = [entry(s, s, dt.date(2026, 12, 1)) for s in [*store.people, "gone"]]
    # A letter to an address line whose surname slug names someone else: not theirs.
    entries = [e for e in entries if e.slug != "other"]
    entries.append(LogEntry("other", "Другой", TODAY, None, None, "", known=False))
    found = letterlog.birthdays(entries, today=today, lookup=store.get)
    assert [(b.slug, b.birthday, b.days, b.age) for b in found] == [
        ("today", dt.date(2026, 12, 20), 0, 41),
        ("jan", dt.date(2027, 1, 5), 16, 37),
    ]


def test_leap_day_birthday() -> None:
    assert dates.next_birthday(dt.date(2000, 2, 29), dt.date(2027, 2, 1)) == dt.date(2027, 2, 28)
    assert dates.next_birthday(dt.date(2000, 2, 29), dt.date(2028, 2, 1)) == dt.date(2028, 2, 29)


def test_enabled_defaults(user_dirs: Path) -> None:
    assert not letterlog.is_enabled("RU")
    assert letterlog.is_enabled("DE")
    letterlog.set_enabled(True)
    assert letterlog.is_enabled("RU")
    letterlog.set_enabled(False)
    assert not letterlog.is_enabled("DE")


# -- through the CLI -------------------------------------------------------------------


def test_russian_sender_is_not_logged_by_default(user_dirs: Path) -> None:
    write(user_dirs, "--sender", RUSSIAN)
    write(user_dirs)  # no sender at all
    assert not letterlog.log_path().exists()
    assert letterlog.read_log().entries == []
    result = run("log")
    assert result.exit_code == 0
    assert "The letter log is empty." in result.stdout


def test_foreign_sender_is_logged_with_signature(user_dirs: Path) -> None:
    write(user_dirs, "--sender", GERMAN, "--sender-country", "DE", "--signature", "Max")
    write(user_dirs, "--sender", GERMAN, "--sender-country", "DE", "--date", "2026-11-26")
    entries = letterlog.read_log().entries
    assert [(e.slug, e.name, e.template, e.signature) for e in entries] == [
        ("batsenin", "Баценин Александр Дмитриевич", None, "Max"),
        ("batsenin", "Баценин Александр Дмитриевич", None, "Max Mustermann"),
    ]
    assert entries[1].date == dt.date(2026, 11, 26)
    result = run("log")
    assert result.exit_code == 0
    assert "batsenin" in result.stdout
    assert "Max" in result.stdout


def test_template_is_recorded(user_dirs: Path) -> None:
    out = user_dirs / "out"
    out.mkdir()
    result = run(
        "write", "batsenin", "--out-dir", str(out), "--template", "simple",
        "--sender", GERMAN, "--sender-country", "DE", "--date", "2026-11-25",
        "--field", "hobby=читать",
    )  # fmt: skip
    assert result.exit_code in (0, 3), result.stderr
    assert [e.template for e in letterlog.read_log().entries] == ["simple"]


def test_no_log_and_disable_are_respected(user_dirs: Path) -> None:
    write(user_dirs, "--sender", GERMAN, "--sender-country", "DE", "--no-log")
    assert letterlog.read_log().entries == []
    assert run("log", "--disable").exit_code == 0
    write(user_dirs, "--sender", GERMAN, "--sender-country", "DE")
    assert letterlog.read_log().entries == []
    assert run("log", "--enable").exit_code == 0
    write(user_dirs, "--sender", RUSSIAN)
    assert len(letterlog.read_log().entries) == 1


def test_clear(user_dirs: Path) -> None:
    write(user_dirs, "--sender", GERMAN, "--sender-country", "DE")
    result = run("log", "--clear")
    assert result.exit_code == 0
    assert "Deleted 1 entry" in result.stdout
    assert letterlog.read_log().entries == []


def test_due_through_the_cli(user_dirs: Path) -> None:
    today = dt.date.today()
    write(
        user_dirs, "--sender", GERMAN, "--sender-country", "DE", date=today - dt.timedelta(days=50)
    )
    result = run("log", "--due")
    assert result.exit_code == 0, result.stderr
    assert "batsenin" in result.stdout
    assert "50" in result.stdout
    result = run("log", "--due", "--weeks", "8")
    assert result.exit_code == 0
    assert "batsenin" not in result.stdout
    assert "Everyone in your log got a letter in the last 8 weeks." in result.stdout


def test_log_options_are_exclusive(user_dirs: Path) -> None:
    result = run("log", "--enable", "--disable")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_log_failure_does_not_fail_the_write(
    user_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from letterkit.errors import OutputError

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OutputError("writing the log failed")

    monkeypatch.setattr(letterlog, "add_entry", broken)
    result = write(user_dirs, "--sender", GERMAN, "--sender-country", "DE")
    assert "not recorded in your letter log" in result.stderr
    assert (user_dirs / "out" / "batsenin-envelope.pdf").exists()


def test_address_line_target_is_logged_as_not_known(user_dirs: Path) -> None:
    out = user_dirs / "out"
    out.mkdir()
    line = (
        "693008, Сахалинская область, г. Южно-Сахалинск, ул. Пограничная, д. 71, "
        "ФКУ ИК-1 УФСИН России по Сахалинской области, Петрову Петру Петровичу, 1990 г. р."
    )
    result = run("write", line, "--out-dir", str(out), "--sender", GERMAN,
                 "--sender-country", "DE", "--template", "simple",
                 "--field", "hobby=читать")  # fmt: skip
    assert result.exit_code in (0, 3), result.stderr
    (e,) = letterlog.read_log().entries
    assert (e.slug, e.known) == ("petrov", False)
    assert e.name.startswith("Петрову")
