"""`write --gloss`: the page for the writer only, as a PDF (a .txt with --text-only)."""

from __future__ import annotations

import hashlib
import io

from pypdf import PdfReader

from pdfutil import lines, page_count, page_size_mm, text, words

BERLIN = ("--sender", "Anna Schmidt; Hauptstraße 5; 10115 Berlin", "--sender-country", "DE")


def _gloss_lines(pdf: bytes, page: int = 0) -> list[str]:
    return [t.replace("\u00a0", " ") for t, _ in lines(pdf, page)]


def test_gloss_pdf_shows_each_sentence_with_its_english_meaning(cli):
    result = cli(
        "write", "batsenin", "--template", "simple", "--field", "hobby=читать", "--gloss",
        *BERLIN, "--writer-ru", "Анна Шмидт", "--date", "2026-11-25",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    pdf = (cli.cwd / "batsenin-gloss.pdf").read_bytes()
    assert "batsenin-gloss.pdf" in result.stdout
    assert not (cli.cwd / "batsenin-gloss.txt").exists()
    assert [round(x) for x in page_size_mm(pdf)] == [210, 297]
    got = _gloss_lines(pdf)
    assert got[:2] == [
        "FOR YOU ONLY — do not send this page",
        "Your letter, sentence by sentence, with what it says in English.",
    ]
    assert got[2:10] == [
        "Здравствуйте, Александр!",
        "Hello, «Александр»!",
        "Меня зовут Анна.",
        "My name is «Анна».",
        "Я живу в Берлине.",
        "I live «в Берлине» (in).",
        "Моя страна — Германия.",
        "My country is «Германия».",
    ]
    assert got[-3:] == ["Анна Шмидт", "(your name)", "FOR YOU ONLY — do not send this page — 1/1"]
    assert "(your own words — check them)" not in got
    # the letter itself is unchanged and says nothing of the gloss
    letter = text((cli.cwd / "batsenin-letter.pdf").read_bytes())
    assert "FOR YOU ONLY" not in letter and "Hello" not in letter


def test_gloss_pdf_is_deterministic_and_private(cli):
    args = ("write", "batsenin", "--template", "simple", "--field", "hobby=гулять", "--gloss",
            "--writer-ru", "Анна Шмидт")  # fmt: skip
    assert cli(*args, *BERLIN, "--date", "2026-11-25").exit_code == 0
    first = hashlib.sha256((cli.cwd / "batsenin-gloss.pdf").read_bytes()).hexdigest()
    assert cli(*args, *BERLIN, "--date", "2026-11-25", "--force").exit_code == 0
    pdf = (cli.cwd / "batsenin-gloss.pdf").read_bytes()
    assert hashlib.sha256(pdf).hexdigest() == first
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert not meta.get("/Author") and "Schmidt" not in str(dict(meta))


def test_gloss_marks_the_writers_own_words_and_wraps_and_flows(cli):
    long = (
        "Сегодня утром я долго гулял вдоль реки, смотрел, как рыбаки сидят у самой воды, "
        "как солнце поднимается над крышами старых домов и как по мосту идут люди на работу."
    )
    body = "Здравствуйте, Александр!\n\n" + "\n\n".join(
        f"Я пеку хлеб номер {n}. {long}" for n in range(1, 25)
    )
    (cli.cwd / "mine.txt").write_text(body + "\n", "utf-8")
    result = cli("write", "batsenin", "--text", "mine.txt", "--gloss", "--date", "2026-11-25")
    assert result.exit_code in (0, 3), result.output
    pdf = (cli.cwd / "batsenin-gloss.pdf").read_bytes()
    pages = page_count(pdf)
    assert pages >= 2
    every = "\n".join("\n".join(_gloss_lines(pdf, n)) for n in range(pages))
    # a sentence of one's own: the Russian, then the warning under it
    assert "Я пеку хлеб номер 1.\n(your own words — check them)" in every
    assert "Я пеку хлеб номер 24.\n(your own words — check them)" in every
    # the long sentence wraps: its words are all there, over more than one line
    assert f"Я пеку хлеб номер 7.\n{long}\n" not in every
    assert f"{long} (your own words — check them)" in " ".join(every.split())
    assert not any(long == line for line in every.splitlines())
    for n in range(pages):  # every page says at its foot not to send it
        assert _gloss_lines(pdf, n)[-1] == f"FOR YOU ONLY — do not send this page — {n + 1}/{pages}"
    # nothing is clipped: every word lies inside the page's margins
    for n in range(pages):
        found, width, height = words(pdf, n)
        assert all(w.x0 >= 0 and w.x1 <= width - 19 * 72 / 25.4 for w in found)
        assert all(w.top >= 0 and w.bottom <= height for w in found)


def test_gloss_with_text_only_is_a_text_file(cli):
    (cli.cwd / "mine.txt").write_text("Здравствуйте, Александр!\n\nЯ пеку хлеб.\n", "utf-8")
    result = cli("write", "batsenin", "--text", "mine.txt", "--gloss", "--text-only")
    assert result.exit_code in (0, 3), result.output
    assert not (cli.cwd / "batsenin-gloss.pdf").exists()
    gloss = (cli.cwd / "batsenin-gloss.txt").read_text(encoding="utf-8")
    assert gloss.startswith(
        "FOR YOU ONLY — do not send this page\n"
        "Your letter, sentence by sentence, with what it says in English.\n\n"
    )
    assert "Я пеку хлеб.\n    = (your own words — check them)" in gloss
    assert "batsenin-gloss.txt" in result.stdout


def test_gloss_is_not_overwritten_without_force(cli):
    (cli.cwd / "batsenin-gloss.pdf").write_bytes(b"mine")
    result = cli("write", "batsenin", "--gloss", "--date", "2026-11-25")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "Error: batsenin-gloss.pdf already exists"
    assert (cli.cwd / "batsenin-gloss.pdf").read_bytes() == b"mine"
    assert not (cli.cwd / "batsenin-letter.pdf").exists()  # all or nothing


FEMALE = (
    "693008, Сахалинская область, г. Южно-Сахалинск, ул. Пограничная, д. 71, ФКУ ИК-1 "
    "УФСИН России по Сахалинской области, Ивановой Марии Петровне, 1990 г. р."
)
TVER = "Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000"


def test_batch_letters_gloss_gives_each_letter_its_own_pages(cli):
    (cli.cwd / "people.txt").write_text(f"batsenin\n{FEMALE}\n", "utf-8")
    result = cli(
        "batch", "people.txt", "--letters", "simple", "--field", "hobby=music", "--gloss",
        "--sender", TVER, "--output", "kit.pdf", "--no-split", "--date", "2026-11-25",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "For you only (do not send): kit-gloss.pdf" in result.stdout
    pdf = (cli.cwd / "kit-gloss.pdf").read_bytes()
    assert page_count(pdf) == 2
    first, second = _gloss_lines(pdf, 0), _gloss_lines(pdf, 1)
    assert first[:5] == [
        "FOR YOU ONLY — do not send this page",
        "Letter to Баценин Александр Дмитриевич",
        "Your letter, sentence by sentence, with what it says in English.",
        "Здравствуйте, Александр!",
        "Hello, «Александр»!",
    ]
    assert second[1] == "Letter to Ивановой Марии Петровне"
    assert second[3:5] == ["Здравствуйте, Мария!", "Hello, «Мария»!"]
    assert "Я люблю музыку." in second and "I like music." in second
    assert first[-1] == "FOR YOU ONLY — do not send this page — 1/2"
    assert "FOR YOU ONLY" not in text((cli.cwd / "kit.pdf").read_bytes())


def test_batch_gloss_needs_letters_and_never_overwrites(cli):
    result = cli("batch", "batsenin", "--gloss")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--gloss': --gloss explains the letters: add --letters TEMPLATE"
    )
    (cli.cwd / "kit-gloss.pdf").write_bytes(b"mine")
    result = cli("batch", "batsenin", "--letters", "first-letter", "--gloss", "--sender", TVER,
                 "--output", "kit.pdf", "--no-split")  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "Error: kit-gloss.pdf already exists"
    assert (cli.cwd / "kit-gloss.pdf").read_bytes() == b"mine"
    assert not (cli.cwd / "kit.pdf").exists()


def test_a_date_ending_a_sentence_is_glossed_whole():
    import datetime as dt

    from letterkit import writing
    from letterkit.store import Store
    from letterkit.targets import resolve_target

    target = resolve_target(FEMALE, Store())  # no birth date: the birthday is not known
    body = writing.letter_body(target, None, dt.date(2026, 11, 25), template="birthday")
    glossed = {g.russian: g.meaning for g in writing.gloss_lines(body, "birthday")}
    assert glossed["Это письмо я пишу 25 ноября 2026 г."] == (
        "I am writing this letter on «25 ноября 2026 г.»."
    )


def test_the_header_is_also_in_the_interface_language(cli):
    result = cli(
        "--lang", "ru", "write", "batsenin", "--template", "simple", "--field", "hobby=music",
        "--gloss", *BERLIN, "--writer-ru", "Анна Шмидт", "--date", "2026-11-25",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    got = _gloss_lines((cli.cwd / "batsenin-gloss.pdf").read_bytes())
    assert got[:4] == [
        "FOR YOU ONLY — do not send this page",
        "ТОЛЬКО ДЛЯ ВАС — не отправляйте эту страницу",
        "Your letter, sentence by sentence, with what it says in English.",
        "Здравствуйте, Александр!",
    ]
    assert got[4] == "Hello, «Александр»!"  # the meanings stay English: the writer's language
