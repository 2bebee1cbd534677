"""Shared laptops: `--guest` / LETTERKIT_GUEST=1 saves nothing; `letterkit forget`."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from letterkit.cli import make_app

SENDER = "Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000"
TALIPOV = (
    "620024, г. Екатеринбург, Елизаветинское шоссе, д. 19, ФКУ СИЗО-5 ГУФСИН России по "
    "Свердловской области, Талипову Радику Азаматовичу, 1994 г. р."
)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("LETTERKIT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("LETTERKIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LETTERKIT_GUEST", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def invoke(*args, input=None):
    return CliRunner().invoke(make_app(), list(args), input=input)


def test_guest_batch_ignores_the_saved_sender_and_saves_nothing(home):
    assert invoke("sender", "set", SENDER).exit_code == 0
    before = _files(home / "config") + _files(home / "data")
    result = invoke("batch", "batsenin", "--guest", "--reply-kit")
    assert result.exit_code == 1
    assert "--reply-kit needs your return address" in result.stderr  # the last one's unused
    assert "Guest mode: no saved return address, log or records" in result.stderr
    ok = invoke("batch", "batsenin", "--guest", "--sender", "Петров Пётр; ул. Мира, 5; 170001")
    assert ok.exit_code == 0, ok.output
    assert _files(home / "config") + _files(home / "data") == before
    import os

    assert "LETTERKIT_GUEST" not in os.environ  # guest mode ends with the command
    assert "Иванова" in invoke("sender", "show").stdout


def test_guest_environment_saves_no_profile_or_records(home, monkeypatch):
    monkeypatch.setenv("LETTERKIT_GUEST", "1")
    assert invoke("sender", "set", SENDER).exit_code == 0
    assert invoke("add", TALIPOV, "--slug", "talipov-guest").exit_code == 0
    assert _files(home) == []  # nothing in the user's config or data directory
    monkeypatch.delenv("LETTERKIT_GUEST")
    assert "No return address saved" in invoke("sender", "show").stdout


def test_forget_asks_then_deletes_profile_log_and_records(home):
    from letterkit import letterlog, paths

    assert invoke("sender", "set", SENDER).exit_code == 0
    assert invoke("add", TALIPOV, "--slug", "talipov-mine").exit_code == 0
    letterlog.log_path().parent.mkdir(parents=True, exist_ok=True)
    letterlog.log_path().write_text('{"slug": "batsenin"}\n', encoding="utf-8")
    saved = [paths.profile_path(), letterlog.log_path(), paths.user_prisoners_dir()]
    assert all(p.exists() for p in saved)
    no = invoke("forget", input="n\n")
    assert no.exit_code == 1 and "Nothing was deleted." in no.stdout
    assert all(p.exists() for p in saved)
    yes = invoke("forget", input="y\n")
    assert yes.exit_code == 0, yes.output
    assert str(paths.profile_path()) in yes.stdout
    assert not any(p.exists() for p in saved)
    again = invoke("forget", "--yes")
    assert again.exit_code == 0
    assert "Nothing saved: no profile, letter log or records of yours." in again.stdout
