"""Plural messages through ngettext: "1 address is old", not "1 of these addresses are old",
in English and in Russian (three forms: 1, 2–4, 5+)."""

from __future__ import annotations

import pytest

from letterkit import i18n


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "1 of these addresses is old: check each person's page before sending"),
        ("ru", "1 из этих адресов устарел: проверьте страницу каждого человека перед отправкой"),
    ],
)
def test_one_stale_address(cli, monkeypatch, lang, expected):
    monkeypatch.delenv("COLUMNS")  # piped: the footer on one line
    monkeypatch.setenv("LETTERKIT_LANG", lang)
    i18n.set_language(lang)
    result = cli("--lang", lang, "find", "Махмудов Азамжон")
    assert result.exit_code == 0, result.output
    assert expected in result.stdout.splitlines()[-1]


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "Все из вашего журнала получили письмо за последнюю 1 неделю."),
        (3, "Все из вашего журнала получили письмо за последние 3 недели."),
        (5, "Все из вашего журнала получили письмо за последние 5 недель."),
        (21, "Все из вашего журнала получили письмо за последнюю 21 неделю."),
    ],
)
def test_russian_has_three_forms(n, expected):
    i18n.set_language("ru")
    try:
        text = i18n.ngettext(
            "Everyone in your log got a letter in the last {weeks} week.",
            "Everyone in your log got a letter in the last {weeks} weeks.",
            n,
        ).format(weeks=n)
    finally:
        i18n.set_language("en")
    assert text == expected


def test_one_unreadable_log_line(cli, isolated_user_dirs):
    log = isolated_user_dirs / "data" / "letter-log.jsonl"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("not json\n", encoding="utf-8")
    result = cli("log")
    assert result.stderr.splitlines()[0] == (
        f"Warning: 1 line of {log} could not be read and was skipped."
    )
