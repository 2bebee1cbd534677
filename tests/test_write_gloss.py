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
