"""International layout (the international layout): writers outside Russia."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from typer.testing import CliRunner

from letterkit.errors import InputError
from letterkit.international import destination_line, sender_country_line, validate_country

MM = 72 / 25.4
GERMAN = "Max Mustermann; Hauptstraße 1; 10115 Berlin"
JAPANESE = "Taro Yamada; 1-1 Chiyoda; Chiyoda-ku, Tokyo 100-0001"


@pytest.fixture
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LETTERKIT_CONFIG_DIR", str(tmp_path / "cfg"))
    monkeypatch.setenv("LETTERKIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LETTERKIT_LANG", "en")
    return tmp_path


def _write(tmp_path: Path, *args: str) -> Path:
    from letterkit.cli import make_app

    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    text = tmp_path / "letter.txt"
    text.write_text(
        "Здравствуйте, Александр!\n\nПишу вам, чтобы поддержать. Как у вас дела?\n\n"
        "С уважением, Макс\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        make_app(),
        ["write", "batsenin", "--out-dir", str(out), "--text", str(text),
         "--date", "2026-11-25", "--no-log", *args],
    )  # fmt: skip
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return out


def _blocks(pdf_path: Path) -> tuple[list[dict], list[dict], float, float]:
    """Text lines of the recipient block (right half) and the sender block (top left)."""
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        lines = page.extract_text_lines()
        width, height = page.width, page.height
    recipient = [ln for ln in lines if ln["x0"] > width * 0.4 and ln["top"] > height * 0.35]
    sender = [ln for ln in lines if ln["x1"] < width * 0.5 and ln["bottom"] < height * 0.5]
    recipient.sort(key=lambda ln: ln["top"])
    sender.sort(key=lambda ln: ln["top"])
    return recipient, sender, width, height


def _stencil_bars(pdf_path: Path) -> list[dict]:
    """The solid 7 × 2 mm bars on top of each stencil position."""
    with pdfplumber.open(pdf_path) as pdf:
        rects = pdf.pages[0].rects
    return [
        r
        for r in rects
        if r["fill"] and abs(r["width"] - 7 * MM) < 0.5 and abs(r["height"] - 2 * MM) < 0.5
    ]


def test_german_sender_envelope(user_dirs: Path) -> None:
    out = _write(user_dirs, "--sender", GERMAN, "--sender-country", "DE")
    recipient, sender, width, height = _blocks(out / "batsenin-envelope.pdf")

    # Recipient block: bottom right, last line is the destination country.
    assert recipient, "no recipient lines found"
    assert recipient[-1]["text"] == "RUSSLAND / РОССИЯ"
    assert recipient[-2]["text"].endswith("693008")
    assert all(ln["x0"] > width * 0.4 for ln in recipient)
    assert recipient[-1]["bottom"] > height * 0.7

    # Sender block: top left, the writer's lines as given, then the country in RU / EN.
    texts = [ln["text"] for ln in sender]
    assert texts[-1] == "ГЕРМАНИЯ / GERMANY"
    assert texts[0].endswith("Max Mustermann")
    assert any(t.endswith("Hauptstraße 1") for t in texts)
    assert any(t.endswith("10115 Berlin") for t in texts)
    assert all(ln["x0"] < width * 0.2 for ln in sender)
    assert sender[0]["top"] < height * 0.2

    # One stencil only (the recipient's, bottom left): none for the foreign sender.
    bars = _stencil_bars(out / "batsenin-envelope.pdf")
    assert len(bars) == 7
    assert all(b["top"] > height / 2 and b["x0"] < width / 2 for b in bars)


def test_japanese_sender_falls_back_to_english(user_dirs: Path) -> None:
    out = _write(user_dirs, "--sender", JAPANESE, "--sender-country", "JP")
    recipient, sender, _, _ = _blocks(out / "batsenin-envelope.pdf")
    assert recipient[-1]["text"] == "RUSSIA / РОССИЯ"
    assert sender[-1]["text"] == "ЯПОНИЯ / JAPAN"


def test_letter_return_address_ends_with_country(user_dirs: Path) -> None:
    out = _write(user_dirs, "--sender", GERMAN, "--sender-country", "DE")
    with pdfplumber.open(out / "batsenin-letter.pdf") as pdf:
        lines = [ln["text"] for ln in pdf.pages[-1].extract_text_lines()]
    i = lines.index("Max Mustermann")
    assert lines[i : i + 4] == [
        "Max Mustermann",
        "Hauptstraße 1",
        "10115 Berlin",
        "ГЕРМАНИЯ / GERMANY",
    ]


def test_russian_sender_has_no_country_lines(user_dirs: Path) -> None:
    out = _write(user_dirs, "--sender", "Иванова Мария; ул. Ленина, д. 1; г. Тверь; 170000")
    recipient, sender, _, _ = _blocks(out / "batsenin-envelope.pdf")
    assert recipient[-1]["text"] == "693008"
    assert not any("РОССИЯ" in ln["text"] for ln in recipient + sender)


def test_profile_country_is_used(user_dirs: Path) -> None:
    from letterkit.profile import Profile, save_profile

    save_profile(Profile(sender_lines=GERMAN.split("; "), country="AT"))
    out = _write(user_dirs)
    recipient, sender, _, _ = _blocks(out / "batsenin-envelope.pdf")
    assert recipient[-1]["text"] == "RUSSLAND / РОССИЯ"
    assert sender[-1]["text"] == "АВСТРИЯ / AUSTRIA"


@pytest.mark.parametrize(
    ("country", "line"),
    [
        ("DE", "RUSSLAND / РОССИЯ"),
        ("FR", "RUSSIE / РОССИЯ"),
        ("UA", "РОСІЯ / РОССИЯ"),
        ("JP", "RUSSIA / РОССИЯ"),
        ("IL", "RUSSIA / РОССИЯ"),
        ("US", "RUSSIA / РОССИЯ"),
    ],
)
def test_destination_line(country: str, line: str) -> None:
    assert destination_line(country) == line


def test_sender_country_line() -> None:
    assert sender_country_line("DE") == "ГЕРМАНИЯ / GERMANY"
    assert sender_country_line("FR") == "ФРАНЦИЯ / FRANCE"
    assert sender_country_line("US") == "США / USA"


@pytest.mark.parametrize("code", ["", "D", "DEU", "XX", "ZZ", "EU", "12"])
def test_validate_country_rejects(code: str) -> None:
    with pytest.raises(InputError):
        validate_country(code)


def test_validate_country_normalises() -> None:
    assert validate_country(" de ") == "DE"


def test_unknown_country_is_one_error_line(user_dirs: Path) -> None:
    from letterkit.cli import make_app

    result = CliRunner().invoke(
        make_app(),
        ["write", "batsenin", "--out-dir", str(user_dirs), "--sender", GERMAN,
         "--sender-country", "XX"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: unknown country code 'XX'")
    assert not list(user_dirs.glob("*.pdf"))
