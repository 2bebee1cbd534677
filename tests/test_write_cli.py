"""`letterkit write`, `list`, `show`, `sender` through the CLI, with exact output."""

from __future__ import annotations

import codecs
import hashlib
import json

import pytest

from conftest import BATSENIN_ENVELOPE, SEED_LINE
from pdfutil import lines, text

SENDER = "Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000"


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_write_batsenin_writes_both_files(cli):
    result = cli("write", "batsenin", "--date", "2026-11-25")
    assert result.exit_code == 0, result.output
    letter = cli.cwd / "batsenin-letter.pdf"
    envelope = cli.cwd / "batsenin-envelope.pdf"
    assert letter.is_file() and envelope.is_file()
    out = result.stdout
    assert "Letter for: Баценин Александр Дмитриевич" in out
    for line in BATSENIN_ENVELOPE:
        assert line in out
    assert "Write in Russian" in result.stderr  # advice: a diagnostic
    assert "batsenin-letter.pdf" in out and "batsenin-envelope.pdf" in out
    letter_lines = [t for t, _ in lines(letter.read_bytes())]
    assert letter_lines[0] == "25 ноября 2026 г."
    assert letter_lines[1] == "Здравствуйте, Александр!"
    assert "Мой адрес для ответа:" in letter_lines


def test_second_run_without_force_exits_1_and_keeps_files(cli):
    assert cli("write", "batsenin", "--date", "2026-11-25").exit_code == 0
    letter = cli.cwd / "batsenin-letter.pdf"
    before = (_digest(letter), letter.stat().st_mtime_ns)
    result = cli("write", "batsenin", "--date", "2026-12-01", "--sender", SENDER)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {letter.relative_to(cli.cwd)} already exists",
        "Hint: use --force to overwrite it, or choose another output",
    ]
    assert (_digest(letter), letter.stat().st_mtime_ns) == before
    assert cli("write", "batsenin", "--force", "--sender", SENDER).exit_code == 0
    assert _digest(letter) != before[0]


def test_unknown_slug_error_and_hint(cli):
    result = cli("write", "batsenn")
    assert result.exit_code == 1
    error, hint = result.stderr.splitlines()
    assert error == "Error: no person with the slug 'batsenn'"
    assert hint.startswith("Hint: did you mean: batsenin")  # nearest first
    assert "Traceback" not in result.output
    assert list(cli.cwd.iterdir()) == []


def test_same_input_with_date_is_byte_identical(cli, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for d in (a, b):
        args = [
            "write",
            "batsenin",
            "--date",
            "2026-11-25",
            "--out-dir",
            str(d),
            "--sender",
            SENDER,
        ]
        assert cli(*args).exit_code == 0
    for name in ("batsenin-letter.pdf", "batsenin-envelope.pdf"):
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_sender_option_prints_on_envelope_and_letter(cli):
    assert cli("write", "batsenin", "--sender", SENDER, "--date", "2026-11-25").exit_code == 0
    envelope = [t for t, _ in lines((cli.cwd / "batsenin-envelope.pdf").read_bytes())]
    assert "От кого Иванова Мария Петровна" in envelope
    assert "Иванова Мария Петровна" in text((cli.cwd / "batsenin-letter.pdf").read_bytes())


def test_saved_sender_profile_is_used(cli):
    assert cli("sender", "set", SENDER).exit_code == 0
    shown = cli("sender", "show")
    assert shown.stdout.splitlines()[:4] == [s.strip() for s in SENDER.split(";")]
    assert cli("write", "batsenin").exit_code == 0
    assert "Иванова" in text((cli.cwd / "batsenin-envelope.pdf").read_bytes())
    assert cli("sender", "clear").exit_code == 0
    assert "No return address saved" in cli("sender", "show").stdout


def test_text_file_replaces_body(cli):
    letter = cli.cwd / "my.txt"
    letter.write_text(
        "Здравствуйте, Александр!\n\nУ нас выпал первый снег.\n\nВсего доброго,\nМария",
        encoding="utf-8",
    )
    result = cli("write", "batsenin", "--text", str(letter), "--sender", SENDER)
    assert result.exit_code == 0, result.output
    assert "У нас выпал первый снег." in text((cli.cwd / "batsenin-letter.pdf").read_bytes())


LETTER = "Здравствуйте, Александр!\n\nУ нас выпал первый снег.\n\nВсего доброго,\nМария"


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-16", "UTF-16"), ("utf-16-be-bom", "UTF-16"), ("cp1251", "Windows-1251")],
)
def test_text_file_in_utf16_or_cp1251(cli, encoding, name):
    """letterkit.textfile reads a letter saved as UTF-16 (with BOM) or Windows-1251."""
    letter = cli.cwd / "my.txt"
    if encoding == "utf-16-be-bom":
        letter.write_bytes(codecs.BOM_UTF16_BE + LETTER.encode("utf-16-be"))
    else:
        letter.write_bytes(LETTER.encode(encoding))
    result = cli("write", "batsenin", "--text", str(letter), "--sender", SENDER)
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("Note:")]
    assert notes == [f"Note: {letter} was read as {name} text."]
    assert "У нас выпал первый снег." in text((cli.cwd / "batsenin-letter.pdf").read_bytes())


def test_utf8_text_file_gets_no_encoding_note(cli):
    letter = cli.cwd / "my.txt"
    letter.write_bytes(codecs.BOM_UTF8 + LETTER.encode("utf-8"))
    result = cli("write", "batsenin", "--text", str(letter), "--sender", SENDER)
    assert result.exit_code == 0, result.output
    assert "Note:" not in result.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "cp1251", "utf-8"])
def test_check_reads_utf16_and_cp1251_letters(cli, encoding):
    letter = cli.cwd / "my.txt"
    letter.write_bytes(LETTER.encode(encoding))
    result = cli("check", str(letter), "--json")
    assert result.exit_code in (0, 3), result.output
    findings = json.loads(result.stdout)
    reference = cli.cwd / "reference.txt"
    reference.write_text(LETTER, encoding="utf-8")
    assert json.loads(cli("check", str(reference), "--json").stdout) == findings
    if encoding == "utf-8":
        assert "Note:" not in result.stderr
    else:
        name = {"utf-16": "UTF-16", "cp1251": "Windows-1251"}[encoding]
        assert result.stderr.splitlines() == [f"Note: {letter} was read as {name} text."]


def test_check_refuses_a_binary_letter(cli):
    letter = cli.cwd / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4\n\x00\x01\x02binary")
    result = cli("check", str(letter))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {letter} is a binary file, not text",
        "Hint: save the letter as UTF-8 text",
    ]


def test_text_only_writes_plain_text(cli):
    result = cli("write", "batsenin", "--text-only", "--date", "2026-11-25", "--sender", SENDER)
    assert result.exit_code == 0, result.output
    txt = (cli.cwd / "batsenin-letter.txt").read_text(encoding="utf-8")
    assert txt.startswith("Здравствуйте, Александр!")
    assert sorted(p.name for p in cli.cwd.iterdir()) == ["batsenin-letter.txt"]  # no envelope
    paragraphs = txt.rstrip("\n").split("\n\n")
    assert paragraphs[1] == (
        "Меня зовут Мария, я живу в Твери. Мне захотелось написать Вам, просто чтобы "
        "поздороваться и познакомиться."
    )  # one paragraph, one line: the e-letter form wraps it
    assert all("\n" not in p for p in paragraphs[:-1])
    assert f"Characters: {len(txt.rstrip())} (e-letter services charge by the page)" in (
        result.stdout.splitlines()
    )


def test_edit_without_terminal_is_refused(cli):
    result = cli("write", "batsenin", "--edit")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "Error: --edit needs an interactive terminal, but standard input is not one"
    )
    assert list(cli.cwd.iterdir()) == []


def test_write_published_line(cli):
    result = cli("write", SEED_LINE, "--date", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert (cli.cwd / "batsenin-envelope.pdf").exists()


def test_list_and_show(cli):
    listed = cli("list")
    assert listed.exit_code == 0
    assert "batsenin" in listed.stdout and "Баценин Александр Дмитриевич" in listed.stdout
    shown = cli("show", "batsenin")
    assert shown.exit_code == 0
    for line in BATSENIN_ENVELOPE:
        assert line in shown.stdout
    assert (
        "Aleksandr Dmitrievich Batsenin (born 1995), Penal Colony No. 1, Federal Penitentiary "
        "Service of Russia for Sakhalin Oblast, 71 Pogranichnaya Street, Yuzhno-Sakhalinsk, "
        "Sakhalin Oblast, 693008, Russia." in shown.stdout.replace("\n", " ").replace("  ", " ")
    )


def test_version(cli):
    from letterkit import __version__

    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"letterkit {__version__}\n"


def test_python_dash_m(tmp_path):
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "letterkit", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("letterkit ")


def test_field_and_signature_fill_the_simple_template(cli):
    result = cli(
        "write", "batsenin", "--template", "simple", "--text-only", "--sender-country", "DE",
        "--field", "hobby=рисовать", "--signature", "Мария",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    txt = (cli.cwd / "batsenin-letter.txt").read_text(encoding="utf-8")
    assert "Меня зовут Мария. Я живу в Германии." in txt
    assert "Я люблю рисование." in txt  # рисовать: the list's «drawing»
    assert txt.rstrip().endswith("Всего доброго!\nМария")
    assert "____" not in txt


def test_a_required_slot_left_out_is_an_error_before_anything_is_written(cli):
    result = cli("write", "batsenin", "--template", "simple", "--sender-country", "DE")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: the template 'simple' needs the slot 'hobby', which is not given",
        "Hint: give it with --field, e.g. --field hobby=music",
    ]
    assert list(cli.cwd.iterdir()) == []


def test_an_unknown_field_is_an_error(cli):
    result = cli("write", "batsenin", "--template", "simple", "--field", "foo=bar")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: --field foo: the template 'simple' has no such slot",
        "Hint: its slots: hobby",
    ]
    result = cli("write", "batsenin", "--field", "hobby=читать")
    assert result.stderr.splitlines() == [
        "Error: --field hobby: the template 'first-letter' has no such slot",
        "Hint: this template takes no --field",
    ]
    assert list(cli.cwd.iterdir()) == []


def test_field_must_be_name_value(cli):
    result = cli("write", "batsenin", "--field", "hobby")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "Error: --field 'hobby' is not NAME=VALUE"
    assert list(cli.cwd.iterdir()) == []


PROBLEM_LETTER = (
    "Dear Aleksandr,\n\nI hope you are well. I read about your case and the court.\n\n"
    "Best wishes,\nMaria"
)


def test_write_shows_the_check_findings_on_stderr_and_exits_3(cli):
    letter = cli.cwd / "en.txt"
    letter.write_text(PROBLEM_LETTER, encoding="utf-8")
    result = cli(
        "write",
        "batsenin",
        "--text",
        str(letter),
        "--sender",
        "Иванова Мария Петровна; ул. Ленина, д. 1; г. Тверь; 170000",
    )
    assert result.exit_code == 3, result.output  # written, but the check asks for attention
    assert "Letter check" in result.stderr and "language.non-russian" in result.stderr
    assert "language.non-russian" not in result.stdout
    assert result.stderr.splitlines()[-1] == (
        "1 warning: the censor will probably stop this letter — see above."
    )
    assert "Written" in result.stdout
    assert (cli.cwd / "batsenin-letter.pdf").exists()


def test_strict_stops_on_warnings_writes_nothing_and_exits_1(cli):
    letter = cli.cwd / "en.txt"
    letter.write_text(PROBLEM_LETTER, encoding="utf-8")
    result = cli("write", "batsenin", "--text", str(letter), "--strict")
    assert result.exit_code == 1
    assert "language.non-russian" in result.stderr
    assert result.stderr.splitlines()[-2:] == [
        "Error: nothing was written: the letter check found problems (--strict)",
        "Hint: fix the letter, or leave out --strict to write it anyway",
    ]
    assert sorted(p.name for p in cli.cwd.iterdir()) == ["en.txt"]


def test_a_clean_letter_prints_no_check_and_exits_0(cli):
    result = cli("write", "batsenin", "--sender", SENDER)
    assert result.exit_code == 0, result.output
    assert "Letter check" not in result.stdout + result.stderr


VILLAGE = "Иванова Мария Петровна; ул. Садовая, д. 3; с. Кевдо-Вершина; Пензенская область; 442246"


def test_sender_set_shows_what_it_understood(cli):
    result = cli("sender", "set", VILLAGE)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[6:] == [
        "Understood as:",
        "  Name: Иванова Мария Петровна",
        "  Letters are signed: Мария Иванова",
        "  Where you live: в селе Кевдо-Вершина",
        "  Region: Пензенская область",
        "  Postcode: 442246",
        "  Country: RU (Россия)",
    ]
    assert cli("write", "batsenin", "--text-only", "--date", "2026-11-25").exit_code == 0
    txt = (cli.cwd / "batsenin-letter.txt").read_text(encoding="utf-8")
    assert "Меня зовут Мария, я живу в селе Кевдо-Вершина." in " ".join(txt.split())
    assert txt.rstrip().endswith("\nМария Иванова")


@pytest.mark.parametrize(
    ("lines", "error", "hint"),
    [
        (
            "ул. Ленина, д. 1; г. Тверь; 170000",
            (
                "Error: the return address has no name line: its first line "
                "«ул. Ленина, д. 1» is not a name"
            ),
            'Hint: start with your name: "Иванова Мария Петровна; ул. Ленина, д. 1; …"',
        ),
        (
            "Иванова Мария; ул. Ленина, д. 1; г. Тверь; 17000",
            "Error: the postcode «17000» in the return address is not 6 digits",
            "Hint: add your 6-digit postcode as the last line, e.g. «170000»",
        ),
        (
            "Иванова Мария; ул. Ленина, д. 1; г. Тверь",
            "Error: the return address has no postcode",
            "Hint: add your 6-digit postcode as the last line, e.g. «170000»",
        ),
    ],
    ids=["no-name", "5-digit-postcode", "no-postcode"],
)
def test_a_russian_return_address_needs_a_name_and_a_postcode(cli, lines, error, hint):
    for args in (("sender", "set", lines), ("write", "batsenin", "--sender", lines)):
        result = cli(*args)
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [error, hint]
    assert "No return address saved" in cli("sender", "show").stdout
    assert list(cli.cwd.iterdir()) == []


def test_a_foreign_address_is_kept_as_given_with_a_russian_name(cli):
    result = cli(
        "sender", "set", "Anna Schmidt; Hauptstraße 5; 10115 Berlin", "--country", "DE",
        "--writer-ru", "Анна Шмидт",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "  Letters are signed: Анна Шмидт" in result.stdout.splitlines()
    assert "  Where you live: в Берлине" in result.stdout.splitlines()
    assert cli("sender", "show").stdout.splitlines()[:3] == [
        "Anna Schmidt",
        "Hauptstraße 5",
        "10115 Berlin",
    ]
    assert cli("write", "batsenin", "--text-only", "--date", "2026-11-25").exit_code == 0
    txt = " ".join((cli.cwd / "batsenin-letter.txt").read_text(encoding="utf-8").split())
    assert "Меня зовут Анна, я живу в Берлине." in txt and txt.endswith("Анна Шмидт")


def test_writer_ru_must_be_cyrillic(cli):
    result = cli("write", "batsenin", "--writer-ru", "Anna Schmidt")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "Error: --writer-ru «Anna Schmidt» is not a name in Russian letters"
    )


def test_no_sender_leaves_no_blank_to_fill(cli):
    result = cli("write", "batsenin", "--text-only", "--date", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert "Letter check" not in result.stdout + result.stderr
    txt = (cli.cwd / "batsenin-letter.txt").read_text(encoding="utf-8")
    assert "____" not in txt and "Меня зовут" not in txt
    assert txt.rstrip().endswith("Всего Вам доброго!")


def test_a_latin_name_is_offered_in_russian_letters(cli):
    result = cli("sender", "set", "Anna Schmidt; Hauptstraße 5; 10115 Berlin", "--country", "DE")
    assert result.exit_code == 0
    assert " ".join(result.stderr.split()) == (
        "Note: your name in Russian letters: Анна Шмидт. To sign letters with it, run this "
        'again with --writer-ru "Анна Шмидт".'
    )
    result = cli("write", "batsenin", "--text-only", "--date", "2026-11-25")
    assert "Note: your name in Russian letters: Анна Шмидт." in " ".join(result.stderr.split())
    result = cli(
        "write", "batsenin", "--text-only", "--date", "2026-11-25", "--force",
        "--writer-ru", "Анна Шмидт",
    )  # fmt: skip
    assert "Note:" not in result.stderr
    txt = (cli.cwd / "batsenin-letter.txt").read_text(encoding="utf-8")
    assert txt.rstrip().endswith("\nАнна Шмидт")


def test_templates_phrases_shows_a_plain_templates_sentences(cli):
    result = cli("templates", "first-letter", "--phrases")
    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    assert out[:2] == ["Здравствуйте, …!", "    = Hello, …!"]
    assert "А что интересно Вам?" in out and "    = And what interests you?" in out
    result = cli("templates", "nope", "--phrases")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "Error: no letter template 'nope'"
