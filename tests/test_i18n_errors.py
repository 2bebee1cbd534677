"""Error messages and hints in Russian: every CLI message goes through the catalogues.

The ``Error:``/``Hint:`` prefixes stay English by contract (scripts grep for them);
the text after them follows ``--lang``.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from letterkit import i18n
from letterkit.cli import make_app


@pytest.fixture
def ru(tmp_path, monkeypatch):
    """Run the CLI with --lang ru in a fresh directory; the language goes back to en after."""
    monkeypatch.chdir(tmp_path)
    i18n.set_language("ru")
    app = make_app()
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, ["--lang", "ru", *args])

    yield invoke
    i18n.set_language("en")


def test_unknown_slug_in_russian(ru):
    result = ru("write", "nosuchperson")
    assert result.exit_code != 0
    assert result.stderr.splitlines() == [
        "Error: нет человека с кодом «nosuchperson»",
        "Hint: выполните «letterkit list» или «letterkit find ИМЯ», чтобы увидеть, кто известен",
    ]


def test_existing_output_without_force_in_russian(ru, tmp_path):
    (tmp_path / "batsenin-letter.pdf").write_bytes(b"%PDF-1.4 old")
    result = ru("write", "batsenin")
    assert result.exit_code != 0
    assert result.stderr.splitlines() == [
        "Error: batsenin-letter.pdf уже существует",
        "Hint: добавьте --force, чтобы перезаписать его, или выберите другой файл",
    ]
    assert (tmp_path / "batsenin-letter.pdf").read_bytes() == b"%PDF-1.4 old"


def test_bad_text_file_in_russian(ru, tmp_path):
    (tmp_path / "letter.txt").write_bytes(b"\x00\x01binary")
    result = ru("write", "batsenin", "--text", "letter.txt")
    assert result.exit_code != 0
    assert result.stderr.splitlines() == [
        "Error: файл письма letter.txt — двоичный файл, а не текст",
        "Hint: сохраните письмо как обычный текст (.txt, UTF-8)",
    ]
    result = ru("write", "batsenin", "--text", "missing.txt")
    assert result.stderr.splitlines() == [
        "Error: файл письма missing.txt не существует",
        "Hint: проверьте путь",
    ]


def test_unknown_envelope_size_in_russian(ru):
    result = ru("write", "batsenin", "--envelope", "B9")
    assert result.exit_code == 2  # a choice list: a usage error
    assert result.stderr.splitlines()[-1] == (
        "Error: Недопустимое значение '--envelope': 'B9' — нет среди: DL, C6, C65, C5, C4"
    )


def test_bad_csv_in_russian(ru, tmp_path):
    (tmp_path / "guests.csv").write_text("количество;цвет\n1;x\n", encoding="utf-8")
    result = ru("batch", "guests.csv")
    assert result.exit_code != 0
    assert result.stderr.splitlines() == [
        "Error: guests.csv: нет столбца slug, адреса или имени",
        (
            "Hint: в строке нужен slug (например batsenin), полный опубликованный адрес или "
            "имя; сопоставьте столбец с помощью --column РОЛЬ=ЗАГОЛОВОК"
        ),
    ]


def test_english_is_unchanged(runner, app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["write", "nosuchperson"])
    assert result.stderr.splitlines() == [
        "Error: no person with the slug 'nosuchperson'",
        "Hint: run 'letterkit list' or 'letterkit find NAME' to see who is known",
    ]


def test_lang_option_in_a_subprocess(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env["LETTERKIT_LANG"] = "en"  # --lang on the command line wins
    result = subprocess.run(
        [sys.executable, "-m", "letterkit", "--lang", "ru", "write", "nosuchperson"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Error: нет человека с кодом «nosuchperson»",
        "Hint: выполните «letterkit list» или «letterkit find ИМЯ», чтобы увидеть, кто известен",
    ]
