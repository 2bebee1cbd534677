"""Label sheets (`letterkit batch --labels`): geometry data, filling, --start, text inside labels."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pytest

from letterkit.errors import NotFoundError
from letterkit.render.labels import LABEL_PADDING_MM, render_label_sheets, sheet_spec, sheet_specs

MM = 72 / 25.4
# The shipped label sheets (data/labels.toml): token → (columns, rows, width, height).
CONTRACT = {
    "L7160": (3, 7, 63.5, 38.1),
    "L7161": (3, 6, 63.5, 46.6),
    "L7162": (2, 8, 99.1, 33.9),
    "L7163": (2, 7, 99.1, 38.1),
    "L7165": (2, 4, 99.1, 67.7),
    "3x7-70x42": (3, 7, 70, 42.3),
    "3x8-70x37": (3, 8, 70, 37),
}
# Published addresses (Memorial, snapshot 2025-02-22), long facility names on purpose.
ADDRESSES = [
    (
        "620024, г. Екатеринбург, Елизаветинское шоссе, д. 19, ФКУ СИЗО-5 ГУФСИН России по "
        "Свердловской области, Талипову Радику Азаматовичу, 1994 г. р."
    ),
    (
        "433503, Ульяновская область, г. Димитровград, ул. Калугина, д. 66, ФКУ Т УФСИН России "
        "по Ульяновской области, Муединову Яшару Сейфетдиновичу, 1968 г. р."
    ),
    (
        "452308, Башкортостан, Дюртюлинский р-н, с. Иванаево, ул. Промзона, ФКУ СИЗО-5 УФСИН "
        "России по РБ, Наумову Артёму Юрьевичу, 1990 г. р."
    ),
]


@pytest.fixture(autouse=True)
def user_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("LETTERKIT_CONFIG_DIR", str(tmp_path / "user-config"))
    monkeypatch.setenv("LETTERKIT_DATA_DIR", str(tmp_path / "user-data"))


@pytest.fixture(scope="module")
def addresses():
    from letterkit.address.parse import parse_address
    from letterkit.store import Store

    parsed = [parse_address(line) for line in ADDRESSES]
    assert all(a.printable for a in parsed)
    return [Store().get("batsenin").address, *parsed]


def _words(pdf: bytes):
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [(p.height, p.extract_words()) for p in doc.pages]


def _label_of(spec, word, page_height):
    """Index of the label rectangle holding the word's box, or None."""
    for index in range(spec.per_sheet):
        x, y, w, h = spec.rect(index)
        left, right = x * MM, (x + w) * MM
        top, bottom = page_height - (y + h) * MM, page_height - y * MM
        if (
            word["x0"] >= left - 0.01
            and word["x1"] <= right + 0.01
            and word["top"] >= top - 0.01
            and word["bottom"] <= bottom + 0.01
        ):
            return index
    return None


def test_contract_tokens_and_sizes():
    specs = sheet_specs()
    assert set(specs) == set(CONTRACT)
    for token, (cols, rows, w, h) in CONTRACT.items():
        spec = specs[token]
        assert (spec.columns, spec.rows, spec.width, spec.height) == (cols, rows, w, h)


@pytest.mark.parametrize("token", list(CONTRACT))
def test_geometry_fits_a4_and_is_centred(token):
    spec = sheet_spec(token)
    assert spec.pitch_x >= spec.width and spec.pitch_y >= spec.height
    right = 210 - (spec.left + (spec.columns - 1) * spec.pitch_x + spec.width)
    bottom = 297 - (spec.top + (spec.rows - 1) * spec.pitch_y + spec.height)
    assert right >= -0.01 and bottom >= -0.01
    assert right == pytest.approx(spec.left, abs=0.01)  # symmetric margins
    assert bottom == pytest.approx(spec.top, abs=0.01)


def test_unknown_token_lists_known():
    with pytest.raises(NotFoundError) as err:
        sheet_spec("L9999")
    assert "L9999" in err.value.message
    assert "L7160" in err.value.hint and "3x8-70x37" in err.value.hint
    assert sheet_spec("l7163").token == "L7163"  # case-insensitive


@pytest.mark.parametrize("token", list(CONTRACT))
def test_every_labels_text_lies_inside_its_rectangle(token, addresses):
    spec = sheet_spec(token)
    count = spec.per_sheet + 2  # spills onto a second sheet
    chosen = [addresses[i % len(addresses)] for i in range(count)]
    pdf = render_label_sheets(chosen, token)
    pages = _words(pdf)
    assert len(pages) == 2
    used: list[set[int]] = []
    for height, words in pages:
        assert words
        indexes = set()
        for word in words:
            index = _label_of(spec, word, height)
            assert index is not None, (token, word["text"])
            x, _y, w, _h = spec.rect(index)
            pad = LABEL_PADDING_MM * MM - 0.5  # inside the inner padding, too
            assert word["x0"] >= x * MM + pad and word["x1"] <= (x + w) * MM - pad
            indexes.add(index)
        used.append(indexes)
    assert used[0] == set(range(spec.per_sheet))
    assert used[1] == {0, 1}  # row by row, left to right


def test_labels_fill_row_by_row(addresses):
    spec = sheet_spec("L7160")
    pdf = render_label_sheets(addresses[:3], "L7160")
    ((height, words),) = _words(pdf)
    order = {}
    for word in words:
        if word["text"] in ("Баценину", "Талипову", "Муединову"):
            order[word["text"]] = _label_of(spec, word, height)
    assert order == {"Баценину": 0, "Талипову": 1, "Муединову": 2}


def test_start_5_leaves_first_four_empty(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from letterkit.cli import make_app

    monkeypatch.chdir(tmp_path)
    args = ["batch", "batsenin", ADDRESSES[0], "--labels", "L7160", "--start", "5", "--copies", "2"]
    result = CliRunner().invoke(make_app(), args)
    assert result.exit_code == 0, result.output
    pdf = (tmp_path / "letterkit-batch.pdf").read_bytes()
    spec = sheet_spec("L7160")
    ((height, words),) = _words(pdf)
    used = {_label_of(spec, w, height) for w in words}
    assert used == {4, 5, 6, 7}
    where: dict[str, set[int]] = {}
    for w in words:
        where.setdefault(w["text"], set()).add(_label_of(spec, w, height))
    assert where["Баценину"] == {4, 5} and where["Талипову"] == {6, 7}


@pytest.mark.parametrize(
    ("token", "start", "labels"),
    [("L7163", 1, 14), ("L7163", 10, 7), ("L7165", 8, 1), ("3x8-70x37", 24, 25)],
)
def test_label_page_count(token, start, labels, tmp_path, monkeypatch):
    from pypdf import PdfReader
    from typer.testing import CliRunner

    from letterkit.cli import make_app

    monkeypatch.chdir(tmp_path)
    args = ["batch", "batsenin", "--labels", token, "--start", str(start), "--copies", str(labels)]
    result = CliRunner().invoke(make_app(), args)
    assert result.exit_code == 0, result.output
    pages = len(PdfReader(str(tmp_path / "letterkit-batch.pdf")).pages)
    assert pages == math.ceil((start - 1 + labels) / sheet_spec(token).per_sheet)


def test_cli_unknown_sheet_and_bad_start(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from letterkit.cli import make_app

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(make_app(), ["batch", "batsenin", "--labels", "A4-99"])
    assert result.exit_code == 2  # a choice list: a usage error naming the choices
    assert "'A4-99' is not one of: L7160, " in result.stderr
    beyond = runner.invoke(make_app(), ["batch", "batsenin", "--labels", "L7165", "--start", "9"])
    assert beyond.exit_code == 1 and "beyond the 8 labels" in beyond.stderr
    no_labels = runner.invoke(make_app(), ["batch", "batsenin", "--start", "3"])
    assert no_labels.exit_code == 1 and "--start only applies" in no_labels.stderr
    kit = runner.invoke(make_app(), ["batch", "batsenin", "--labels", "L7160", "--profiles"])
    assert kit.exit_code == 1 and "cannot be combined with --labels" in kit.stderr
    assert not Path(tmp_path / "letterkit-batch.pdf").exists()


# ------------------------------------------------------------------ printable area

PRINTABLE_MM = 5.0  # the least distance from the paper's edge any glyph may have


@pytest.fixture(scope="module")
def longest_addresses():
    """The directory's longest recipient blocks: the labels that shrink or wrap most."""
    from letterkit.address.format import envelope_lines
    from letterkit.store import Store

    people = [p for p in Store().people() if p.writable]
    people.sort(key=lambda p: -sum(len(line) for line in envelope_lines(p.address)))
    return [p.address for p in people[:30]]


def _glyph_boxes(pdf: bytes):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            boxes = [textpage.get_charbox(i) for i in range(textpage.count_chars())]
            text = textpage.get_text_range()
            yield page.get_size(), [b for b, ch in zip(boxes, text, strict=False) if ch.strip()]
    finally:
        doc.close()


@pytest.mark.parametrize("token", [*CONTRACT, "custom:2x5-100x55", "custom:3x8-70x37+0,0.5"])
def test_every_glyph_is_inside_the_printable_area(token, longest_addresses):
    """Every character of every label of a full sheet (the longest addresses there are)
    is at least 5 mm from the paper's edge: printers leave about 4 mm blank."""
    spec = sheet_spec(token)
    chosen = [longest_addresses[i % len(longest_addresses)] for i in range(spec.per_sheet)]
    pdf = render_label_sheets(chosen, token)
    edge = PRINTABLE_MM * MM - 0.01
    checked = 0
    for (width, height), boxes in _glyph_boxes(pdf):
        for left, bottom, right, top in boxes:
            assert left >= edge and bottom >= edge, (token, left / MM, bottom / MM)
            assert right <= width - edge and top <= height - edge, (token, right / MM, top / MM)
            checked += 1
    assert checked > spec.per_sheet * 40  # every label was printed


def test_the_printable_margin_is_data_with_its_reason():
    from letterkit.render.labels import printable_margin
    from letterkit.resources import data_dir

    assert printable_margin() >= PRINTABLE_MM
    text = (data_dir() / "labels.toml").read_text(encoding="utf-8")
    assert "[printable]" in text and "support.hp.com" in text
    assert all(spec.printable_margin >= PRINTABLE_MM for spec in sheet_specs().values())


def test_edge_to_edge_sheets_pad_the_outer_labels():
    spec = sheet_spec("3x8-70x37")
    assert spec.text_box(0)[0] == pytest.approx(5.0)  # the left column: 5 mm, not 2 mm
    assert spec.text_box(1)[0] == pytest.approx(70 + LABEL_PADDING_MM)
    assert spec.text_box(0)[3] == pytest.approx(297 - 5.0)  # the top row
    assert spec.text_box(23)[1] == pytest.approx(5.0)  # the bottom row


def test_custom_sheets():
    centred = sheet_spec("custom:2x7-99.1x38.1")
    assert (centred.left, centred.top) == (pytest.approx(5.9), pytest.approx(15.15))
    placed = sheet_spec("custom:2x7-99.1x38.1+4.65,15.15,2.5,0")
    assert (placed.left, placed.top, placed.pitch_x, placed.pitch_y) == (4.65, 15.15, 101.6, 38.1)
    assert placed.rect(1)[0] == pytest.approx(4.65 + 101.6)
    with pytest.raises(NotFoundError, match=r"'custom:3x8' is not a label sheet"):
        sheet_spec("custom:3x8")
    with pytest.raises(NotFoundError, match=r"the labels do not fit on A4 \(245 × 296\.5 mm\)"):
        sheet_spec("custom:4x8-70x37")
    with pytest.raises(NotFoundError, match=r"holds only 36 × 10 mm of text"):
        sheet_spec("custom:5x20-40x14")


def test_an_address_too_long_for_a_custom_label_is_a_bad_row(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from letterkit.cli import make_app

    monkeypatch.chdir(tmp_path)
    args = ["batch", "batsenin", ADDRESSES[2], "--labels", "custom:3x11-70x26"]
    result = CliRunner().invoke(make_app(), args)
    assert result.exit_code == 3, result.output
    assert result.stderr.splitlines() == [
        (
            "command line, row 2, column address: the name «Наумову Артёму Юрьевичу, 1990 г. р.» "
            "does not fit in the 70 × 26 mm label (custom:3x11-70x26) even at 8 pt"
        ),
        'Next: print at 100 % ("actual size", not "fit to page").',
    ]
    table = " ".join(result.stdout.split())
    assert "Labels printed │ 1" in table


SENDER = "Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000"


def test_return_labels_follow_the_recipients(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from letterkit.cli import make_app

    monkeypatch.chdir(tmp_path)
    args = ["batch", "batsenin", "--labels", "L7160", "--return-labels", "3", "--sender", SENDER]
    result = CliRunner().invoke(make_app(), args)
    assert result.exit_code == 0, result.output
    assert "Return-address labels │ 3" in " ".join(result.stdout.split())
    spec = sheet_spec("L7160")
    ((height, words),) = _words((tmp_path / "letterkit-batch.pdf").read_bytes())
    where: dict[str, set[int]] = {}
    for w in words:
        where.setdefault(w["text"], set()).add(_label_of(spec, w, height))
    assert where["Баценину"] == {0}
    assert where["Ивановой"] == {1, 2, 3}  # the writer in the dative: a reply's «Кому»
    assert where["170000"] == {1, 2, 3}


def test_return_labels_alone_and_their_errors(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from letterkit.cli import make_app

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    alone = ["batch", "--labels", "3x8-70x37", "--return-labels", "24", "--sender", SENDER]
    result = runner.invoke(make_app(), alone)
    assert result.exit_code == 0, result.output
    spec = sheet_spec("3x8-70x37")
    ((height, words),) = _words((tmp_path / "letterkit-batch.pdf").read_bytes())
    assert {_label_of(spec, w, height) for w in words if w["text"] == "Ивановой"} == set(range(24))
    no_sheet = runner.invoke(make_app(), ["batch", "--return-labels", "3", "--sender", SENDER])
    assert no_sheet.exit_code == 1
    assert "Error: --return-labels prints on a label sheet: say which with --labels" in (
        no_sheet.stderr
    )
    no_sender = runner.invoke(make_app(), ["batch", "--labels", "L7160", "--return-labels", "3"])
    assert no_sender.exit_code == 1
    assert "Error: --return-labels needs your return address" in no_sender.stderr
