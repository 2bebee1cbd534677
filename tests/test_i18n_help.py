"""typer's own strings in Russian (issue 9: nothing in --help is left untranslated).

typer prints "Usage:", the section titles, "[default: …]", the help of --help and of the
completion options and its usage errors itself; letterkit.typer_i18n translates them.
The ``Error:`` prefix stays English by contract (cli.md), the text after it follows --lang.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
import typer
from typer.testing import CliRunner

from letterkit import i18n
from letterkit.cli import make_app
from letterkit.typer_i18n import translate_usage_message

# typer's English, which must not appear in a Russian --help.
DENY = (
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "Show this message and exit",
    "Install completion",
    "Show completion",
    "[default:",
    "[required]",
    "env var:",
    "for help",
)


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.set_language("en")


def _app(lang: str) -> typer.Typer:
    i18n.set_language(lang)
    return make_app()


def _paths() -> list[tuple[str, ...]]:
    def walk(command, path=()):
        yield path
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, (*path, name))

    paths = list(walk(typer.main.get_command(_app("en"))))
    i18n.set_language("en")
    return paths


PATHS = _paths()


def _invoke(lang: str, *args: str):
    return CliRunner().invoke(_app(lang), ["--lang", lang, *args], terminal_width=100)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "letterkit")
def test_russian_help_has_no_typer_english(path: tuple[str, ...]) -> None:
    result = _invoke("ru", *path, "--help")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"Использование: letterkit {' '.join(path)}".rstrip() + " ")
    assert "Параметры:" in out
    assert "Показать эту справку и выйти." in out
    left = [word for word in DENY if word in out]
    assert left == [], out


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "letterkit")
def test_english_help_keeps_typer_english(path: tuple[str, ...]) -> None:
    result = _invoke("en", *path, "--help")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Usage: letterkit")
    assert "Options:" in out
    assert "Show this message and exit." in out
    assert "Использование" not in out and "Параметры" not in out


def test_russian_root_help_sections_and_completion() -> None:
    out = _invoke("ru", "--help").stdout
    assert "Команды:" in out
    assert "Установить автодополнение для текущей оболочки." in out
    assert "Показать автодополнение для текущей оболочки" in out
    out = _invoke("ru", "write", "--help").stdout
    assert "Аргументы:" in out
    assert "[обязательно]" in out
    assert "[по умолчанию: DL]" in out


def test_no_arguments_shows_the_russian_help() -> None:
    result = _invoke("ru", "address")
    assert result.exit_code == 2
    assert result.output.startswith("Использование: letterkit address ")
    assert "Команды:" in result.output


@pytest.mark.parametrize(
    ("args", "usage", "error"),
    [
        (("write",), "letterkit write", "Error: Не указан аргумент 'target'."),
        (
            ("wirte",),
            "letterkit",
            "Error: Нет такой команды: 'wirte'. Может быть, вы имели в виду 'write'?",
        ),
        (
            ("write", "x", "--nope"),
            "letterkit write",
            "Error: Нет такого параметра: --nope (похожие: --envelope, --force)",
        ),
        (("write", "x", "y"), "letterkit write", "Error: Лишние аргументы: y"),
        (
            ("birthdays", "--month", "abc"),
            "letterkit birthdays",
            "Error: Недопустимое значение '--month': нужно целое число",
        ),
        (
            ("random", "--n", "0"),
            "letterkit random",
            "Error: Недопустимое значение '--n': нужно число не меньше 1",
        ),
        (("address", "nosuch"), "letterkit address", "Error: Нет такой команды: 'nosuch'."),
    ],
)
def test_usage_errors_in_russian(args: tuple[str, ...], usage: str, error: str) -> None:
    result = _invoke("ru", *args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"Использование: {usage} ")
    assert lines[1] == f"Справка: «{usage} -h»."
    assert lines[-1] == error


def test_usage_errors_in_english_are_unchanged() -> None:
    result = _invoke("en", "write")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Usage: letterkit write ")
    assert lines[1] == "Try 'letterkit write -h' for help."
    assert lines[-1] == "Error: Missing argument 'target'."
    result = _invoke("en", "wirte")
    assert result.stderr.splitlines()[-1] == "Error: No such command 'wirte'. Did you mean 'write'?"


def test_usage_error_in_a_subprocess(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env["LETTERKIT_LANG"] = "en"  # --lang on the command line wins
    result = subprocess.run(
        [sys.executable, "-m", "letterkit", "--lang", "ru", "write"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Использование: letterkit write ")
    assert lines[1] == "Справка: «letterkit write -h»."
    assert lines[-1] == "Error: Не указан аргумент 'target'."


def test_translate_usage_message() -> None:
    i18n.set_language("ru")
    assert translate_usage_message("Option '--envelope' requires an argument.") == (
        "Для параметра '--envelope' нужно значение."
    )
    assert translate_usage_message(
        "Invalid value for '--copies': Input should be less than or equal to 100"
    ) == ("Недопустимое значение '--copies': нужно число не больше 100")
    # Messages letterkit does not know stay as they are.
    assert translate_usage_message("Something new from typer.") == "Something new from typer."
    i18n.set_language("en")
    assert translate_usage_message("Missing argument 'x'.") == "Missing argument 'x'."


# -- letterkit's directory errors (directory/picks.py) --------------------------------------


def test_directory_errors_in_russian(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    result = _invoke("ru", "data", "update", "bad.jsonl")
    assert result.exit_code != 0
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Error: bad.jsonl, строка 1: это не JSON (")
    assert lines[1] == "Hint: файл должен быть в формате JSON Lines: один объект JSON в строке"
    from letterkit import directory
    from letterkit.errors import InputError

    i18n.set_language("ru")
    with pytest.raises(InputError) as caught:
        directory.birthdays([], dt.date(2026, 11, 25), month=13)
    assert caught.value.message == "--month должен быть от 1 до 12, а не 13"
    i18n.set_language("en")
    with pytest.raises(InputError) as caught:
        directory.birthdays([], dt.date(2026, 11, 25), month=13)
    assert caught.value.message == "--month must be 1 to 12, not 13"
