"""Fonts: found through fontpkg, and every PDF letterkit writes embeds every font it names.

A font a PDF names without embedding it (reportlab starts each page on Helvetica, one of
the standard 14) is replaced by whatever the viewer or printer has; preflight tools flag
it. The check reads each page's font resources back with pypdf, as such a tool does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from letterkit.errors import DataError
from letterkit.resources import font_file

SENDER = "Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000"
DATE = ("--date", "2026-11-25")


def _get(container, key):
    """container[key] with indirect references resolved (older pypdf returns them as is)."""
    value = container.get(key)
    return value.get_object() if value is not None else None


def _fonts(resources, seen: set[int]) -> list[tuple[str, object]]:
    """(resource name, font dictionary) of every font a page or form XObject uses."""
    found = []
    resources = resources.get_object() if resources is not None else {}
    for name, ref in (_get(resources, "/Font") or {}).items():
        found.append((name, ref.get_object()))
    for ref in (_get(resources, "/XObject") or {}).values():
        xobject = ref.get_object()
        if id(xobject) in seen or xobject.get("/Subtype") != "/Form":
            continue
        seen.add(id(xobject))
        found.extend(_fonts(xobject.get("/Resources"), seen))
    return found


def _is_embedded(font) -> bool:
    if font.get("/Subtype") == "/Type0":
        font = _get(font, "/DescendantFonts")[0].get_object()
    descriptor = _get(font, "/FontDescriptor")
    if descriptor is None:
        return False
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def not_embedded(pdf: Path) -> list[str]:
    """ "page N: /BaseFont" for every font the PDF uses without embedding it."""
    wrong = []
    reader = PdfReader(pdf)
    for number, page in enumerate(reader.pages, 1):
        for _name, font in _fonts(page.get("/Resources"), set()):
            if not _is_embedded(font):
                wrong.append(f"page {number}: {font.get('/BaseFont')}")
    return wrong


def test_the_check_sees_reportlabs_default_helvetica(tmp_path) -> None:
    """The check itself: a bare reportlab canvas names Helvetica without embedding it."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "bare.pdf"
    canvas = Canvas(str(path), invariant=1)
    canvas.drawString(100, 100, "x")
    canvas.save()
    assert not_embedded(path) == ["page 1: /Helvetica"]


@pytest.mark.parametrize(
    ("args", "outputs"),
    [
        (("write", "batsenin", *DATE), ["batsenin-letter.pdf", "batsenin-envelope.pdf"]),
        (
            ("write", "batsenin", *DATE, "--sender", SENDER, "--sender-country", "DE"),
            ["batsenin-letter.pdf", "batsenin-envelope.pdf"],
        ),
        (
            (
                "batch",
                "batsenin",
                "--reply-kit",
                "--profiles",
                "--letters",
                "birthday",
                "--sender",
                SENDER,
                "--output",
                "evening.pdf",
            ),
            ["evening-envelopes-DL.pdf", "evening-reply-C6.pdf", "evening-a4.pdf"],
        ),
        (("batch", "batsenin", "--labels", "L7160", "--output", "labels.pdf"), ["labels.pdf"]),
        (("calibrate",), ["letterkit-calibration.pdf"]),
    ],
    ids=["write", "write-abroad", "batch-evening", "batch-labels", "calibrate"],
)
def test_every_font_in_every_pdf_is_embedded(cli, args, outputs) -> None:
    result = cli(*args)
    assert result.exit_code in (0, 3), result.output
    for name in outputs:
        pdf = cli.cwd / name
        assert pdf.is_file(), (name, sorted(p.name for p in cli.cwd.iterdir()))
        assert not_embedded(pdf) == [], name
        # and the fonts named are the shipped ParaType ones
        fonts = {
            str(font.get("/BaseFont")).split("+")[-1]
            for page in PdfReader(pdf).pages
            for _name, font in _fonts(page.get("/Resources"), set())
        }
        assert fonts, name
        assert all(f.startswith(("PTSans", "PTSerif")) for f in fonts), (name, fonts)


@pytest.mark.parametrize(
    ("family", "weight", "style", "filename"),
    [
        ("PT Sans", 400, "normal", "PT_Sans-Web-Regular.ttf"),
        ("PT Sans", 700, "normal", "PT_Sans-Web-Bold.ttf"),
        ("PT Sans", 400, "italic", "PT_Sans-Web-Italic.ttf"),
        ("PT Serif", 400, "normal", "PT_Serif-Web-Regular.ttf"),
        ("PT Serif", 700, "normal", "PT_Serif-Web-Bold.ttf"),
        ("PT Serif", 400, "italic", "PT_Serif-Web-Italic.ttf"),
    ],
)
def test_font_files_come_from_the_font_packages(family, weight, style, filename) -> None:
    import fontpkg_pt_sans
    import fontpkg_pt_serif

    path = font_file(family, weight, style)
    assert path.name == filename
    assert path.read_bytes()[:4] == b"\x00\x01\x00\x00"  # a TrueType file
    package = fontpkg_pt_sans if family == "PT Sans" else fontpkg_pt_serif
    assert path.is_relative_to(Path(package.ROOT))


@pytest.mark.parametrize("family", ["PT Sans", "PT Serif"])
@pytest.mark.parametrize(("weight", "style"), [(400, "normal"), (700, "normal"), (400, "italic")])
def test_the_font_files_are_the_ones_fontpkg_finds(family, weight, style) -> None:
    """letterkit reads each family's metadata from its own package (no entry-point scan):
    the file it picks is the one fontpkg's own discovery picks."""
    import fontpkg

    assert font_file(family, weight, style) == fontpkg.path(family, weight=weight, style=style)


def test_a_missing_font_family_is_a_clear_data_error() -> None:
    with pytest.raises(DataError) as caught:
        font_file("PT Mono")
    assert caught.value.message == "font PT Mono (weight 400, normal) is not installed"
    assert caught.value.hint == "reinstall the font package: pip install --force-reinstall fontpkg"


def test_a_missing_weight_names_the_package_to_reinstall() -> None:
    with pytest.raises(DataError) as caught:
        font_file("PT Sans", 300)
    assert caught.value.message == "font PT Sans (weight 300, normal) is not installed"
    assert caught.value.hint == (
        "reinstall the font package: pip install --force-reinstall fontpkg-pt-sans"
    )


def test_a_deleted_font_file_is_a_clear_data_error(monkeypatch, tmp_path) -> None:
    import fontpkg

    gone = tmp_path / "PT_Serif-Web-Regular.ttf"
    missing = fontpkg.FontFile(path=gone, style="normal", weight=400, variable=False)
    monkeypatch.setattr(fontpkg, "select_file", lambda *args, **kwargs: missing)
    font_file.cache_clear()
    try:
        with pytest.raises(DataError) as caught:
            font_file("PT Serif")
    finally:
        font_file.cache_clear()
    assert caught.value.message == f"font file {gone} is missing"
    assert caught.value.hint == (
        "reinstall the font package: pip install --force-reinstall fontpkg-pt-serif"
    )


def _mapped_characters(font) -> set[str]:
    """The characters a simple TrueType font's embedded subset holds, read from its
    ToUnicode map (reportlab fills unused codes of a subset with the space)."""
    import re

    cmap = _get(font, "/ToUnicode").get_data().decode("latin-1")
    chars = set()
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code in re.findall(r"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>", block):
            chars.add(bytes.fromhex(code).decode("utf-16-be"))
    return chars - {"\x00", " "}


@pytest.mark.parametrize("sender", [(), ("--sender", SENDER)])
def test_a_pdf_embeds_only_the_glyphs_it_draws(cli, sender) -> None:
    from pdfutil import text

    assert cli("write", "batsenin", *DATE, *sender).exit_code == 0
    for name in ("batsenin-letter.pdf", "batsenin-envelope.pdf"):
        pdf = cli.cwd / name
        drawn = set(text(pdf.read_bytes())) | {"\u00a0"}  # a no-break space is drawn as such
        embedded: set[str] = set()
        for page in PdfReader(pdf).pages:
            for _name, font in _fonts(page.get("/Resources"), set()):
                embedded |= _mapped_characters(font)
        assert embedded and embedded <= drawn, sorted(embedded - drawn)
        assert "Q" not in embedded and "@" not in embedded  # ASCII the letter never draws
