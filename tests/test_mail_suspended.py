"""Writers whose country's post carries no mail to Russia (data/mail_suspended.toml),
and the guide's section for writers in Russia."""

from __future__ import annotations

import tomllib

from letterkit.international import mail_notes
from letterkit.resources import data_dir

UA_SENDER = "Olena Shevchenko; vul. Khreshchatyk 1, kv. 2; Kyiv 01001"
UKRPOSHTA = "https://www.ukrposhta.ua/en/news/57624-poshti-svitu-ogoloshujut-rosii-poshtovu-blokadu"


def test_ukraine_gets_the_warning_with_the_alternatives() -> None:
    (note,) = mail_notes("UA")
    assert note.startswith(
        "the post of your country (Укрпошта (Ukrposhta)) has not carried mail to Russia since "
        f"2022-02 ({UKRPOSHTA}): a paper letter posted there will not arrive; instead: "
    )
    assert "PrisonMail (prisonmail.online), paid with a foreign bank card" in note
    assert "posted by someone in a country whose post still carries mail to Russia" in note
    assert mail_notes("ua") == [note]


def test_other_countries_get_none() -> None:
    for country in ("RU", "DE", "FR", "US", None, ""):
        assert mail_notes(country) == []


def test_every_entry_has_its_source_and_known_alternatives() -> None:
    data = tomllib.loads((data_dir() / "mail_suspended.toml").read_text(encoding="utf-8"))
    assert "UA" in data["country"]
    for code, entry in data["country"].items():
        assert entry["source"]["url"].startswith("https://"), code
        assert entry["checked"] and entry["since"] and entry["post"], code
        for key in entry["alternatives"]:
            alt = data["alternative"][key]
            assert alt["en"] and alt["ru"] and alt["source"]["url"].startswith("https://"), key


def _warnings(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if "has not carried mail" in line]


def test_sender_set_warns_a_writer_in_ukraine(cli) -> None:
    result = cli("sender", "set", UA_SENDER, "--country", "UA")
    assert result.exit_code == 0, result.output
    (line,) = _warnings(result)
    assert line.startswith("Warning: the post of your country (Укрпошта (Ukrposhta))")
    assert (
        _warnings(
            cli("sender", "set", "Anna Schmidt; Hauptstraße 5; 10115 Berlin", "--country", "DE")
        )
        == []
    )


def test_write_warns_a_writer_in_ukraine(cli) -> None:
    result = cli(
        "write", "batsenin", "--date", "2026-11-25", "--no-log",
        "--sender", UA_SENDER, "--sender-country", "UA", "--writer-ru", "Олена Шевченко",
    )  # fmt: skip
    assert result.exit_code in (0, 3), result.output
    assert len(_warnings(result)) == 1
    assert "has not carried mail" not in result.stdout


def test_the_guide_has_a_section_for_writers_in_russia(cli) -> None:
    result = cli("guide")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "If you write from Russia" in text
    assert "the return address and the letter log tell who you are" in text
    assert "--no-log" in text and "LETTERKIT_GUEST=1" in text and "letterkit forget" in text
    assert "https://memopzk.org/en/kak-pisat-pisma-politzaklyuchyonnym" in text
    assert "PrisonMail (foreign bank cards)" in text
