"""``letterkit preview PDF`` and ``write --preview``: PNG beside the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from letterkit.errors import DataError, InputError, OutputError
from letterkit.preview import preview_path, render_preview

GERMAN = "Max Mustermann; Hauptstraße 1; 10115 Berlin"


@pytest.fixture
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LETTERKIT_CONFIG_DIR", str(tmp_path / "cfg"))
    monkeypatch.setenv("LETTERKIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LETTERKIT_LANG", "en")
    return tmp_path


def run(*args: str):
    from letterkit.cli import make_app

    return CliRunner().invoke(make_app(), list(args))


@pytest.fixture
def written(user_dirs: Path) -> Path:
    out = user_dirs / "out"
    out.mkdir()
    text = user_dirs / "letter.txt"
    text.write_text("Здравствуйте, Александр!\n\nКак у вас дела?\n\nМария\n", encoding="utf-8")
    result = run(
        "write", "batsenin", "--out-dir", str(out), "--text", str(text), "--sender", GERMAN,
        "--sender-country", "DE", "--date", "2026-11-25", "--no-log", "--preview",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert str(out / "batsenin-envelope-1.png") in result.stdout
    assert str(out / "batsenin-letter-1.png") in result.stdout
    return out


def aspect(png: Path) -> float:
    with Image.open(png) as image:
        assert image.format == "PNG"
        width, height = image.size
    return width / height


def test_write_preview_has_the_envelope_aspect_ratio(written: Path) -> None:
    envelope = written / "batsenin-envelope-1.png"
    assert envelope.is_file()
    assert aspect(envelope) == pytest.approx(220 / 110, rel=0.01)  # DL landscape
    assert aspect(written / "batsenin-letter-1.png") == pytest.approx(210 / 297, rel=0.01)


def test_preview_command(written: Path) -> None:
    pdf = written / "batsenin-envelope.pdf"
    png = written / "batsenin-envelope-1.png"
    png.unlink()
    result = run("preview", str(pdf), "--dpi", "72")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(png)
    with Image.open(png) as image:
        assert image.size == (624, 312)  # 220 × 110 mm at 72 dpi
        # Not blank: the address is printed in black.
        assert image.convert("L").getextrema()[0] < 50


def test_preview_does_not_overwrite_without_force(written: Path) -> None:
    pdf = written / "batsenin-envelope.pdf"
    png = written / "batsenin-envelope-1.png"
    png.write_bytes(b"keep me")
    result = run("preview", str(pdf))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {png} already exists")
    assert png.read_bytes() == b"keep me"
    result = run("preview", str(pdf), "--force")
    assert result.exit_code == 0
    assert aspect(png) == pytest.approx(2, rel=0.01)


def test_write_preview_checks_before_writing(written: Path) -> None:
    """An existing PNG without --force stops write before any file is touched."""
    for pdf in written.glob("*.pdf"):
        pdf.unlink()
    result = run("write", "batsenin", "--out-dir", str(written), "--preview", "--no-log")
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert not list(written.glob("*.pdf"))


def test_c5_envelope_aspect(user_dirs: Path) -> None:
    out = user_dirs / "out"
    out.mkdir()
    result = run("write", "batsenin", "--out-dir", str(out), "--envelope", "C5", "--no-log",
                 "--preview", "--date", "2026-11-25")  # fmt: skip
    assert result.exit_code in (0, 3), result.stderr
    assert aspect(out / "batsenin-envelope-1.png") == pytest.approx(229 / 162, rel=0.01)


def test_preview_path() -> None:
    assert preview_path(Path("a/b.c.pdf")) == Path("a/b.c-1.png")


def test_missing_and_corrupt(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        render_preview(tmp_path / "nope.pdf")
    with pytest.raises(InputError, match="is a directory"):
        render_preview(tmp_path)
    text = tmp_path / "notes.pdf"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(DataError, match="is not a PDF"):
        render_preview(text)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    with pytest.raises(DataError, match="not a readable PDF"):
        render_preview(broken)
    assert not list(tmp_path.glob("*.png"))


def test_corrupt_pdf_is_one_error_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\ntruncated")
    result = run("preview", str(broken))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Error: ") and "not a readable PDF" in lines[0]
    assert len(lines) <= 2 and all(ln.startswith(("Error: ", "Hint: ")) for ln in lines)


def test_dpi_range(written: Path) -> None:
    with pytest.raises(InputError, match="out of range"):
        render_preview(written / "batsenin-envelope.pdf", dpi=5, force=True)


def test_unwritable_directory(written: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def crash(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    png = written / "batsenin-envelope-1.png"
    png.unlink()
    monkeypatch.setattr(os, "replace", crash)
    monkeypatch.setattr(os, "link", crash)  # a new file is put in place with os.link
    with pytest.raises(OutputError):
        render_preview(written / "batsenin-envelope.pdf")
    assert not png.exists()
    assert not [p for p in written.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture
def two_pages(user_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A DL envelope then a C6 reply envelope: two pages of different sizes."""
    monkeypatch.chdir(user_dirs)
    result = run(
        "batch", "batsenin", "--reply-kit", "--sender", GERMAN, "--sender-country", "DE",
        "--no-split", "-o", "kit.pdf", "--date", "2026-11-25",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return user_dirs / "kit.pdf"


def test_preview_page_n(two_pages: Path) -> None:
    from pypdf import PdfReader

    pages = len(PdfReader(two_pages).pages)
    assert pages >= 3  # envelope, reply envelope, reply sheet
    result = run("preview", str(two_pages), "--page", "2", "--dpi", "72")
    assert result.exit_code == 0, result.output
    png = two_pages.with_name("kit-2.png")
    assert result.stdout == f"{png}\n"
    assert aspect(png) == pytest.approx(162 / 114, rel=0.01)  # the C6 reply envelope
    assert not two_pages.with_name("kit-1.png").exists()


def test_preview_all_pages(two_pages: Path) -> None:
    from pypdf import PdfReader

    pages = len(PdfReader(two_pages).pages)
    result = run("preview", str(two_pages), "--all", "--dpi", "30")
    assert result.exit_code == 0, result.output
    expected = [str(two_pages.with_name(f"kit-{n}.png")) for n in range(1, pages + 1)]
    assert result.stdout.splitlines() == expected
    assert aspect(Path(expected[0])) == pytest.approx(220 / 110, rel=0.01)
    again = run("preview", str(two_pages), "--all", "--dpi", "30")
    assert again.exit_code == 1  # no overwrite without --force, nothing written
    assert again.stderr.startswith(f"Error: {expected[0]} already exists")


def test_preview_page_out_of_range_names_the_page_count(two_pages: Path) -> None:
    from pypdf import PdfReader

    pages = len(PdfReader(two_pages).pages)
    result = run("preview", str(two_pages), "--page", "99")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {two_pages} has {pages} pages; there is no page 99",
        f"Hint: use --page 1 to {pages}, or --all",
    ]
    assert list(two_pages.parent.glob("*.png")) == []
    both = run("preview", str(two_pages), "--page", "2", "--all")
    assert both.exit_code == 2


def test_preview_of_a_one_page_pdf(written: Path) -> None:
    pdf = written / "batsenin-envelope.pdf"
    result = run("preview", str(pdf), "--page", "2")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {pdf} has 1 page; there is no page 2",
        "Hint: use --page 1",
    ]
