"""A letter without any return address (no --sender, no saved profile): one warning on
stderr says the return address is left as blank lines to fill by hand, and how to set
one; with a return address there is none."""

from __future__ import annotations

import datetime as dt

from letterkit import writing
from letterkit.models import Sender
from letterkit.store import Store
from letterkit.targets import resolve_target

NOTE_START = "Warning: no return address: the return address («От кого») on the envelope"
HOW = 'letterkit sender set "Фамилия Имя Отчество; ул. …, д. …, кв. …; г. …; область; индекс"'
SENDER = "Иванова Мария Петровна; ул. Ленина, д. 1; г. Тверь; 170000"


def _stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Warning: no return")]


def test_write_without_any_sender_warns_once_on_stderr(cli) -> None:
    result = cli("write", "batsenin", "--date", "2026-11-25", "--no-log")
    assert result.exit_code == 0, result.output
    lines = _stderr_lines(result)
    assert len(lines) == 1
    assert lines[0].startswith(NOTE_START)
    assert "fill them in by hand" in lines[0] and HOW in lines[0] and "--sender" in lines[0]
    assert "no return address" not in result.stdout
    assert (cli.cwd / "batsenin-envelope.pdf").exists()


def test_write_with_a_sender_does_not_warn(cli) -> None:
    result = cli("write", "batsenin", "--date", "2026-11-25", "--no-log", "--sender", SENDER)
    assert result.exit_code == 0, result.output
    assert _stderr_lines(result) == []


def test_a_saved_profile_counts_as_a_sender(cli) -> None:
    assert cli("sender", "set", SENDER).exit_code == 0
    result = cli("write", "batsenin", "--date", "2026-11-25", "--no-log")
    assert result.exit_code == 0, result.output
    assert _stderr_lines(result) == []


def test_an_e_letter_without_a_sender_is_told_to_add_the_name() -> None:
    target = resolve_target("batsenin", Store())
    date = dt.date(2026, 11, 25)
    body = writing.letter_body(target, None, date)
    plan = writing.plan_letter(target, body, sender=None, date=date, text_only=True)
    assert len(plan.notes) == 1
    assert plan.notes[0].startswith(
        "no return address: the letter leaves out your name and signature: add them"
    )
    with_sender = writing.plan_letter(
        target, body, sender=Sender.parse(SENDER), date=date, text_only=True
    )
    assert with_sender.notes == []
