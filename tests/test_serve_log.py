"""``letterkit serve``: "remember me" records a downloaded letter in the letter log the
way ``letterkit write`` records it; a guest's letter is never recorded."""

from __future__ import annotations

import pytest

from letterkit import letterlog
from test_serve import CSRF, SENDER_LINES, TODAY, WAR_LETTER, client

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ABROAD = ["Anna Schmidt", "Hauptstr. 1", "10115 Berlin"]


def _form(sender: list[str], country: str, **extra: str) -> dict[str, str]:
    return {
        "csrf": CSRF,
        "to": "batsenin",
        "template": "first-letter",
        "text": WAR_LETTER,
        "sender": "\n".join(sender),
        "country": country,
        "envelope": "DL",
        "action": "letter",
        **extra,
    }


def _entries() -> list[dict]:
    return [
        {k: v for k, v in e.to_json().items() if k != "timestamp"}
        for e in letterlog.read_log().entries
    ]


def test_remember_me_records_the_downloaded_letter_as_write_does(cli):
    written = cli(
        "write", "batsenin", "--template", "first-letter", "--date", TODAY.isoformat(),
        "--sender", "; ".join(ABROAD), "--sender-country", "DE",
    )  # fmt: skip
    assert written.exit_code in (0, 3), written.output
    by_cli = _entries()
    assert len(by_cli) == 1
    letterlog.log_path().unlink()
    response = client().post("/write", data=_form(ABROAD, "DE", remember="1"))
    assert response.headers["content-type"] == "application/pdf"
    assert _entries() == by_cli  # slug, name, date, template, signature, known


def test_the_log_keeps_its_own_rule_for_writers_in_russia(cli):
    """In Russia the log is off unless `letterkit log --enable`, for the web page too."""
    client().post("/write", data=_form(SENDER_LINES, "RU", remember="1"))
    assert _entries() == []
    assert cli("log", "--enable").exit_code == 0
    client().post("/write", data=_form(SENDER_LINES, "RU", remember="1"))
    [entry] = _entries()
    assert (entry["slug"], entry["date"], entry["signature"]) == (
        "batsenin",
        TODAY.isoformat(),
        SENDER_LINES[0],
    )


@pytest.mark.parametrize("action", ["letter", "envelope", "preview"])
def test_a_guest_letter_is_never_recorded(cli, action):
    assert cli("log", "--enable").exit_code == 0
    client().post("/write", data=_form(ABROAD, "DE", action=action))
    assert _entries() == []


def test_only_the_letter_download_is_recorded_not_the_envelope(cli):
    c = client()
    c.post("/write", data=_form(ABROAD, "DE", remember="1", action="envelope"))
    assert _entries() == []
    c.post("/write", data=_form(ABROAD, "DE", remember="1", action="letter"))
    assert len(_entries()) == 1
