"""``letterkit birthdays --ics FILE``: an iCalendar file (RFC 5545) of the same birthdays
the table lists, written atomically, never over an existing file without --force; and the
option names (``--date``, ``-n/--count``) with their old spellings as hidden aliases."""

from __future__ import annotations

import datetime as dt

import icalendar

from letterkit import dates, directory
from letterkit.store import Store

DAY = dt.date(2025, 3, 1)


def _events(path):
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return [c for c in cal.walk() if c.name == "VEVENT"]


def test_ics_has_one_event_per_birthday_with_a_reminder(cli):
    result = cli("birthdays", "--date", "2025-03-01", "--within", "7", "--ics", "b.ics")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Written: b.ics\n"
    path = cli.cwd / "b.ics"
    raw = path.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//letterkit//NONSGML ")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # RFC 5545, 3.1: folded
    expected = directory.birthdays(Store().people(), DAY, within_days=7)
    events = _events(path)
    assert len(events) == len(expected) > 3
    first, b = events[0], expected[0]
    assert str(first["uid"]) == f"{b.prisoner.slug}-2025@letterkit.invalid"
    assert first["dtstart"].dt == b.date == dt.date(2025, 3, 1)
    assert first["dtend"].dt == dt.date(2025, 3, 2)
    assert first["dtstamp"].dt == dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    assert str(first["summary"]) == f"Birthday: {b.prisoner.nominative} turns {b.age}"
    description = str(first["description"]).split("\n")
    last_day = dates.send_by(b.date)
    assert description[0] == (
        f"Post a card by {last_day.isoformat()}: "
        f"letterkit write {b.prisoner.slug} --template birthday"
    )
    assert "Хусенову Алишеру Хасановичу, 1991 г. р." in description
    assert description[-1] == "https://memopzk.org/figurant/husenov-alisher-hasanovich/"
    [alarm] = first.subcomponents
    assert str(alarm["action"]) == "DISPLAY"
    # 09:00 on the last day to post: the trigger counts from the event's midnight
    assert alarm["trigger"].dt == dt.timedelta(days=-(b.date - last_day).days, hours=9)


def test_ics_is_the_same_bytes_each_run(cli):
    args = ("birthdays", "--date", "2025-03-01", "--within", "3")
    assert cli(*args, "--ics", "a.ics").exit_code == 0
    assert cli(*args, "--ics", "b.ics").exit_code == 0
    assert (cli.cwd / "a.ics").read_bytes() == (cli.cwd / "b.ics").read_bytes()


def test_ics_never_overwrites_without_force(cli):
    path = cli.cwd / "b.ics"
    path.write_text("mine", encoding="utf-8")
    result = cli("birthdays", "--date", "2025-03-01", "--ics", "b.ics")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: b.ics already exists",
        "Hint: use --force to overwrite it, or choose another output",
    ]
    assert path.read_text(encoding="utf-8") == "mine"
    result = cli("birthdays", "--date", "2025-03-01", "-f", "--ics", "b.ics")
    assert result.exit_code == 0, result.output
    assert path.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_ics_with_no_birthdays_writes_nothing(cli):
    people = Store().people()
    day = next(
        DAY + dt.timedelta(days=i)
        for i in range(365)
        if not directory.birthdays(people, DAY + dt.timedelta(days=i), within_days=0)
    )
    result = cli("birthdays", "--date", day.isoformat(), "--within", "0", "--ics", "b.ics")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "Error: no birthdays in that period"
    assert not (cli.cwd / "b.ics").exists()


def test_date_and_its_old_spelling_from(cli):
    new = cli("birthdays", "--date", "2025-03-01", "--within", "3", "--json")
    old = cli("birthdays", "--from", "2025-03-01", "--within", "3", "--json")
    assert new.exit_code == old.exit_code == 0
    assert new.stdout == old.stdout != ""
    both = cli("birthdays", "--date", "2025-03-01", "--from", "2025-03-01")
    assert both.exit_code == 2
    assert "use --date only (--from is its old spelling)" in both.stderr
    assert "--from" not in cli("birthdays", "--help").stdout


def test_count_and_its_old_spelling_n(cli):
    assert len(cli("random", "-n", "3", "--json").stdout.splitlines()) == 3
    assert len(cli("random", "--count", "2", "--json").stdout.splitlines()) == 2
    assert len(cli("random", "--n", "4", "--json").stdout.splitlines()) == 4
    both = cli("random", "-n", "2", "--n", "3")
    assert both.exit_code == 2
    assert "use --count only (--n is its old spelling)" in both.stderr
    help_text = cli("random", "--help").stdout
    assert "-n, --count N" in help_text and "--n " not in help_text
