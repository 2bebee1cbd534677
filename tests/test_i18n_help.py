"""typer's own strings in Russian: nothing in --help or a usage error is left in English.

typer prints "Usage:", the section titles, "[default: …]", the help of --help and of the
completion options and its usage errors itself; letterkit.cli.typer_i18n translates them.
The ``Error:`` prefix stays English (scripts grep for it), the text after it follows --lang.
If typer is upgraded and rewords or moves one of its strings, a test here fails.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from letterkit import i18n
from letterkit.cli import make_app
from letterkit.cli.typer_i18n import GETTEXT_STRINGS, OWN_HELP

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
        (("write",), "letterkit write", "Error: Не указан аргумент 'TARGET'."),
        (
            ("wirte",),
            "letterkit",
            "Error: Нет такой команды: 'wirte'. Может быть, вы имели в виду 'write'?",
        ),
        (
            ("write", "x", "--nope"),
            "letterkit write",
            "Error: Нет такого параметра: --nope (похожие: --envelope, --force, --open)",
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
    assert lines[-1] == "Error: Missing argument 'TARGET'."
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
    assert lines[-1] == "Error: Не указан аргумент 'TARGET'."


@pytest.mark.parametrize(
    ("args", "english", "russian"),
    [
        (
            ("write", "x", "--envelope"),
            "Option '--envelope' requires an argument.",
            "Для параметра '--envelope' нужно значение.",
        ),
        (
            ("write", "x", "--force=3"),
            "Option '--force' does not take a value.",
            "Параметр '--force' не принимает значения.",
        ),
        (
            ("write", "x", "--nope"),
            "No such option: --nope (Possible options: --envelope, --force, --open)",
            "Нет такого параметра: --nope (похожие: --envelope, --force, --open)",
        ),
        (("write", "-Z", "x"), "No such option: -Z", "Нет такого параметра: -Z"),
        (("write",), "Missing argument 'TARGET'.", "Не указан аргумент 'TARGET'."),
        (
            ("write", "x", "y", "z"),
            "Got unexpected extra argument(s) (y z)",
            "Лишние аргументы: y z",
        ),
        (
            ("address", "parce"),
            "No such command 'parce'. Did you mean 'parse'?",
            "Нет такой команды: 'parce'. Может быть, вы имели в виду 'parse'?",
        ),
        (
            ("write", "x", "--date", "2026"),
            "Invalid value for '--date': use the form YYYY-MM-DD, e.g. 2026-11-25",
            "Недопустимое значение '--date': укажите дату в виде ГГГГ-ММ-ДД, например 2026-11-25",
        ),
        (
            ("--lang", "{lang}", "write", "x", "--envelope", "B5"),
            "Invalid value for '--envelope': 'B5' is not one of: DL, C6, C65, C5, C4",
            "Недопустимое значение '--envelope': 'B5' — нет среди: DL, C6, C65, C5, C4",
        ),
    ],
)
def test_usage_error_types_in_both_languages(
    args: tuple[str, ...], english: str, russian: str
) -> None:
    """Each kind of typer usage error, rebuilt from its type and attributes."""
    for lang, expected in (("en", english), ("ru", russian)):
        result = _invoke(lang, *(a.replace("{lang}", lang) for a in args))
        assert result.exit_code == 2, result.output
        assert result.stderr.splitlines()[-1] == f"Error: {expected}"


@pytest.mark.parametrize(
    ("args", "english", "russian"),
    [
        (("batch", "x.csv", "--copies", "abc"), "use a whole number", "нужно целое число"),
        (("batch", "x.csv", "--copies", "1.5"), "use a whole number", "нужно целое число"),
        (
            ("batch", "x.csv", "--copies", "0"),
            "use a number of at least 1",
            "нужно число не меньше 1",
        ),
        (
            ("batch", "x.csv", "--copies", "101"),
            "use a number of at most 100",
            "нужно число не больше 100",
        ),
        (
            ("batch", "x.csv", "--start", "0"),
            "use a number of at least 1",
            "нужно число не меньше 1",
        ),
        (
            ("batch", "x.csv", "--birthdays-within", "-1"),
            "use a number of at least 0",
            "нужно число не меньше 0",
        ),
        (("calibrate", "--offset-x", "abc"), "use a number", "нужно число"),
        (("calibrate", "--offset-y", "nan"), "use a number", "нужно число"),
        (("calibrate", "--offset-x", "1e400"), "use a finite number", "нужно конечное число"),
        (("random", "--n", "101"), "use a number of at most 100", "нужно число не больше 100"),
        (
            ("birthdays", "--within", "367"),
            "use a number of at most 366",
            "нужно число не больше 366",
        ),
        (("birthdays", "--month", "13"), "use a number of at most 12", "нужно число не больше 12"),
        (("log", "--weeks", "0"), "use a number of at least 1", "нужно число не меньше 1"),
        (("preview", "x.pdf", "--dpi", "1e3"), "use a whole number", "нужно целое число"),
    ],
)
def test_numeric_options_have_letterkit_messages(
    args: tuple[str, ...], english: str, russian: str
) -> None:
    """Numbers are checked by letterkit: no message of the validation library reaches a user."""
    option = next(a for a in args if a.startswith("--"))
    for lang, expected, invalid in (
        ("en", english, "Invalid value for"),
        ("ru", russian, "Недопустимое значение"),
    ):
        result = _invoke(lang, *args)
        assert result.exit_code == 2, result.output
        assert result.stderr.splitlines()[-1] == f"Error: {invalid} '{option}': {expected}"
        assert "Input should" not in result.stderr


def test_numeric_options_accept_whole_numbers_and_show_their_range() -> None:
    from letterkit.cli import options as opt

    parse = opt.whole_number(1, 100)["parser"]
    assert [parse(v) for v in ("7", " 7 ", "+7", "1_0", "7.0", 7)] == [7, 7, 7, 10, 7, 7]
    assert opt.number()["parser"]("-1.5") == -1.5
    out = _invoke("en", "batch", "--help").stdout
    assert "[default: 1; 1<=x<=100]" in out


def _typer_source(relative: str) -> str:
    return (Path(typer.__file__).parent / relative).read_text(encoding="utf-8")


def test_typer_still_reads_the_translated_strings() -> None:
    """letterkit translates typer's strings by their English text: typer must still use it."""
    core = _typer_source("core.py")
    assert "from gettext import gettext as _" in core
    read = set(re.findall(r"""\b_\(\s*"([^"]+)"\s*\)""", core))
    assert read == set(GETTEXT_STRINGS)
    own = _typer_source("_click/decorators.py") + _typer_source("completion.py")
    for text in OWN_HELP:
        assert text in " ".join(own.split()), text


def test_russian_help_is_translated_throughout() -> None:
    """The Russian --help of a command with every kind of typer string, line by line."""
    out = _invoke("ru", "write", "--help").stdout
    assert out.startswith("Использование: letterkit write [OPTIONS] ")
    for heading in ("Аргументы:", "Параметры:"):
        assert re.search(rf"^{heading}$", out, re.M), out
    assert "[обязательно]" in out
    assert "[по умолчанию: DL]" in out
    assert "Показать эту справку и выйти." in out
    english = [
        line for line in out.splitlines() if re.search(r"\b(Usage|Options|Arguments)\b", line)
    ]
    assert english == []


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
