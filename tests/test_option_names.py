"""One name per meaning: ``-o/--output``, ``-d/--out-dir``, ``-f/--force``,
``--sender-country`` (old spellings as hidden aliases), and help that shows metavars
(``TARGET``, ``FILE``), never Python types (``<str>``, ``list[str]``), at 80 columns in
both languages."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import typer
from typer.testing import CliRunner

from letterkit import i18n
from letterkit.cli import make_app

# How typer 0.29 shows a parameter's Python type when it has no metavar.
PYTHON_TYPES = re.compile(r"<(str|int|float|bool|path|file|list|dict)\b|list\[|\{[a-z_]+\}")


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.set_language("en")


def _paths() -> list[tuple[str, ...]]:
    def walk(command, path=()):
        yield path
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, (*path, name))

    i18n.set_language("en")
    return list(walk(typer.main.get_command(make_app())))


PATHS = _paths()


def _help(lang: str, *path: str) -> str:
    i18n.set_language(lang)
    result = CliRunner().invoke(make_app(), ["--lang", lang, *path, "--help"], terminal_width=80)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "letterkit")
def test_help_shows_metavars_and_fits_80_columns(path: tuple[str, ...], lang: str) -> None:
    text = _help(lang, *path)
    assert PYTHON_TYPES.findall(text) == [], text
    wide = [line for line in text.splitlines() if len(line) > 80]
    assert wide == [], text


def test_arguments_by_metavar_in_usage_and_help() -> None:
    text = _help("en", "write")
    assert text.startswith("Usage: letterkit write [OPTIONS] TARGET\n")
    assert re.search(r"^  TARGET +A slug", text, re.M), text
    batch = _help("en", "batch")
    assert batch.startswith("Usage: letterkit batch [OPTIONS] [INPUT]...\n")
    assert re.search(r"^  INPUT\.\.\. +Files with rows", batch, re.M), batch


@pytest.mark.parametrize(
    ("path", "names"),
    [
        (("write",), ["-d, --out-dir DIR", "-f, --force", "-q, --quiet", "-v, --verbose"]),
        (("batch",), ["-o, --output FILE", "-f, --force", "-q, --quiet", "-v, --verbose"]),
        (("calibrate",), ["-o, --output FILE", "-f, --force"]),
        (("preview",), ["-f, --force"]),
        (("add",), ["-f, --force", "--slug SLUG"]),
        (("import",), ["-f, --force", "-q, --quiet", "-v, --verbose"]),
        (("data", "update"), ["-q, --quiet", "-v, --verbose"]),
        (("sender", "set"), ["--sender-country CC"]),
    ],
)
def test_help_lists_the_settled_names(path: tuple[str, ...], names: list[str]) -> None:
    text = _help("en", *path)
    for name in names:
        assert re.search(rf"^  {re.escape(name)}\b", text, re.M), (name, text)


def test_sender_set_old_country_is_a_hidden_alias(cli) -> None:
    assert "--country" not in re.sub(r"--sender-country", "", _help("en", "sender", "set"))
    lines = "Anna Schmidt; Hauptstraße 5; 10115 Berlin"
    new = cli("sender", "set", lines, "--sender-country", "DE")
    assert new.exit_code == 0, new.output
    assert "  Country: DE (Германия)" in new.stdout
    old = cli("sender", "set", lines, "--country", "at")
    assert old.exit_code == 0, old.output
    assert "  Country: AT (Австрия)" in old.stdout
    shown = cli("sender", "show")
    assert "Country: AT" in shown.stdout
    both = cli("sender", "set", lines, "--sender-country", "DE", "--country", "AT")
    assert both.exit_code == 2
    assert both.stderr.splitlines()[-1] == (
        "Error: Invalid value for --sender-country: give the country once, with --sender-country"
    )
    same = cli("sender", "set", lines, "--sender-country", "DE", "--country", "de")
    assert same.exit_code == 0


def test_short_options_work(cli) -> None:
    (cli.cwd / "out").mkdir()
    first = cli("write", "batsenin", "-d", "out", "--date", "2026-11-25", "-q")
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines() == ["out/batsenin-letter.pdf", "out/batsenin-envelope.pdf"]
    again = cli("write", "batsenin", "-d", "out", "-f", "-q")
    assert again.exit_code == 0, again.output
    batch = cli("batch", "batsenin", "-o", "evening.pdf", "-q", "--sender", "Иванова; г. Тверь")
    assert batch.exit_code == 0, batch.output
    assert batch.stdout == "evening.pdf\n"
    calibrated = cli("calibrate", "-o", "cal.pdf")
    assert calibrated.exit_code == 0 and (cli.cwd / "cal.pdf").is_file()
    preview = cli("preview", "cal.pdf")
    assert preview.exit_code == 0
    assert cli("preview", "cal.pdf", "-f").exit_code == 0


@pytest.mark.parametrize(
    ("args", "option", "choices"),
    [
        (("write", "batsenin", "--envelope", "XX"), "--envelope", "DL, C6, C65, C5, C4"),
        (("batch", "batsenin", "--envelope", "A5"), "--envelope", "DL, C6, C65, C5, C4"),
        (
            ("batch", "batsenin", "--labels", "L9999"),
            "--labels",
            "L7160, L7161, L7162, L7163, L7165, 3x7-70x42, 3x8-70x37, custom:COLSxROWS-WxH",
        ),
    ],
)
def test_unknown_choice_is_a_usage_error_with_the_choices(cli, args, option, choices) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    value = args[-1]
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '{option}': '{value}' is not one of: {choices}"
    )
    assert list(cli.cwd.iterdir()) == []


def test_choices_take_any_case(cli) -> None:
    result = cli("write", "batsenin", "--envelope", "c5", "-q", "--date", "2026-11-25")
    assert result.exit_code == 0, result.output
    labels = cli("batch", "batsenin", "--labels", "l7160", "-q", "--sender", "Иванова; г. Тверь")
    assert labels.exit_code == 0, labels.output


@pytest.mark.parametrize("args", [("--help",), ("list",)])
def test_an_unsupported_language_warns_and_uses_english(args) -> None:
    result = CliRunner().invoke(make_app(), ["--lang", "de", *args], terminal_width=80)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Warning: letterkit has no 'de' interface (only ru and en); using English.\n"
    )
    assert result.stdout.startswith("Usage: letterkit" if args == ("--help",) else "")
    assert i18n.current_language() == "en"


def test_an_unsupported_language_in_a_subprocess(tmp_path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env.update(LANG="ru_RU.UTF-8", LETTERKIT_LANG="ru", PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "letterkit", "--lang", "de", "--help"],
        capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, env=env,
        timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0
    assert result.stderr == (
        "Warning: letterkit has no 'de' interface (only ru and en); using English.\n"
    )
    assert result.stdout.startswith("Usage: letterkit ")  # English, not the Russian locale


def test_catalogue_names_no_made_up_bug_address() -> None:
    from pathlib import Path

    locale = Path(__file__).resolve().parents[1] / "src" / "letterkit" / "locale"
    for path in (locale / "letterkit.pot", locale / "ru" / "LC_MESSAGES" / "letterkit.po"):
        text = path.read_text(encoding="utf-8")
        assert '"Report-Msgid-Bugs-To: \\n"' in text, path
        assert "github.com/letterkit/letterkit" not in text, path


def test_envelope_help_names_every_size() -> None:
    from letterkit.render.geometry import ENVELOPE_SIZES

    text = " ".join(_help("en", "write").split())
    *first, last = ENVELOPE_SIZES
    assert f"--envelope SIZE Envelope size: {', '.join(first)} or {last}." in text
