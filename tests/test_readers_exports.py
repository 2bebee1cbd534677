"""Batch input as real programs export it (tests/fixtures/batch/exports/make_exports.py).

Each export holds the same six rows: a slug, a published address, a name only, a bad
row, an address with an unclosed quote, a dative name. Row numbers are the ones the
spreadsheet shows (the header is row 1).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from letterkit import batch
from letterkit.errors import InputError

EXPORTS = Path(__file__).parent / "fixtures" / "batch" / "exports"
RAGGED = "6 values but the header has 5 columns — an address with a separator must be in quotes"
OPEN_QUOTE = 'a quote («"») is opened in this row and never closed; close it or delete it'
LONG = "a cell of 2,500 characters (at most 2,000)"

# export → (its encoding note or None, the extra columns it has, row 5's problem)
TEXT_EXPORTS = {
    "google-sheets.csv": (None, "«Примечание»", RAGGED),
    "google-forms.csv": (
        None,
        "«Отметка времени», «Адрес электронной почты», «Примечание»",
        RAGGED.replace("6 values", "8 values").replace("5 columns", "7 columns"),
    ),
    "excel-csv-utf8.csv": (None, "«Примечание»", RAGGED),
    "excel-cp1251.csv": ("Windows-1251", "«Примечание»", RAGGED),
    "excel-unicode-text.txt": ("UTF-16", "«Примечание»", RAGGED),
    "libreoffice.csv": (None, "«Примечание»", RAGGED),
    "koi8r.csv": ("KOI8-R", "«Примечание»", RAGGED),
    "maccyrillic.csv": ("MacCyrillic", "«Примечание»", RAGGED),
}
SHEETS = ("excel.xlsx", "excel.xls", "libreoffice.ods")


@pytest.fixture(scope="module")
def store():
    from letterkit.store import Store

    return Store()


def _run(path: Path, store):
    notes: list[str] = []
    rows = batch.read_input(path, notes=notes)
    result = batch.run_batch(rows, batch.BatchJob(), store=store, dry_run=True)
    return rows, result, notes


def _good_rows(result):
    return [(item.row.number, item.target.slug, item.copies) for item in result.items]


GOOD = [
    (2, "batsenin", 2),
    (3, "talipov", 1),
    (4, "muedinov-yashar-sejfetdinovich", 1),  # a name only, «Фамилия Имя Отчество»
    (7, "batsenin", 1),  # «Александру Баценину»: dative, first name first
]


@pytest.mark.parametrize("name", sorted(TEXT_EXPORTS))
def test_text_exports(name, store):
    encoding, extra, ragged = TEXT_EXPORTS[name]
    path = EXPORTS / name
    _rows, result, notes = _run(path, store)
    assert _good_rows(result) == GOOD
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (5, None, ragged),
        (6, None, OPEN_QUOTE),  # the open quote does not swallow row 7
    ]
    expected_notes = [f"{path}: ignored the columns {extra}"]
    if encoding:
        expected_notes.insert(0, f"{path} was read as {encoding}")
    assert notes == expected_notes


@pytest.mark.parametrize("name", SHEETS)
def test_spreadsheet_exports(name, store):
    path = EXPORTS / name
    rows, result, notes = _run(path, store)
    # In a spreadsheet a quote is a character like any other: the cell is read as typed,
    # and the address engine drops the stray quote.
    assert rows[4].address.startswith('"433503, Ульяновская область')
    assert _good_rows(result) == [*GOOD[:3], (6, "muedinov", 1), GOOD[3]]
    assert [(p.row, p.column, p.message) for p in result.problems] == [(5, "address", LONG)]
    assert notes == [f"{path}: ignored the columns «Примечание»"]


def test_the_header_decides_between_code_pages(tmp_path):
    """«фио;адрес» reads the same in Windows-1251 and MacCyrillic (lowercase letters share
    their bytes); the capital letters of the data differ, and the header decides."""
    for encoding, name in (("cp1251", "Windows-1251"), ("koi8_r", "KOI8-R"),
                           ("mac_cyrillic", "MacCyrillic")):  # fmt: skip
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes("фио;адрес\nБаценин Александр;\n".encode(encoding))
        notes: list[str] = []
        rows = batch.read_input(path, notes=notes)
        assert [r.name for r in rows] == ["Баценин Александр"], encoding
        assert notes == [f"{path} was read as {name}"]


def test_a_real_multiline_cell_stays_one_row(tmp_path):
    path = tmp_path / "multi.csv"
    path.write_text(
        "slug;address;Примечание\n"
        'batsenin;;"первая строка\nвторая; строка"\n'
        ";;\n"
        'batsenin;;"снова"\n',
        encoding="utf-8",
    )
    rows = batch.read_input(path)
    assert [(r.number, r.slug, r.error) for r in rows] == [(2, "batsenin", None),
                                                            (4, "batsenin", None)]  # fmt: skip


def test_an_open_quote_on_the_last_row(tmp_path):
    path = tmp_path / "last.csv"
    path.write_text('slug,address\nbatsenin,\n,"620024, г. Екатеринбург\n', encoding="utf-8")
    rows = batch.read_input(path)
    assert [(r.number, r.error) for r in rows] == [(2, None), (3, OPEN_QUOTE)]


def test_huge_declared_dimension_reads_only_the_cells(tmp_path):
    """A 4.7 KB sheet declaring A1:XFD1048576: read as its two rows (openpyxl walked the
    whole declared range, ~40 minutes)."""
    path = EXPORTS / "huge-dimension.xlsx"
    assert path.stat().st_size < 6000
    rows = batch.read_input(path)
    assert [(r.number, r.slug) for r in rows] == [(2, "batsenin")]


def test_a_value_far_away_refuses_the_sheet(tmp_path):
    """One value in XFD1048576 would make the reader allocate the whole rectangle."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["slug"])
    book.active.append(["batsenin"])
    book.active["XFD1048576"] = "far"
    path = tmp_path / "far.xlsx"
    book.save(path)
    with pytest.raises(InputError, match=r"far\.xlsx has more than 10,000 rows"):
        batch.read_input(path)
    book.active["XFD1048576"] = None
    book.active["ZZ2"] = "wide"
    book.save(path)
    with pytest.raises(InputError, match=r"values in column 702; at most 256 columns"):
        batch.read_input(path)


def test_zip_bomb_refused(tmp_path):
    path = tmp_path / "bomb.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (batch.readers.MAX_UNZIPPED_BYTES + 1))
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 200_000
    with pytest.raises(InputError, match=r"bomb\.xlsx unpacks to 64 MB; at most 64 MB is read"):
        batch.read_input(path)


def test_column_option_maps_a_header(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("Кому писать;Сколько\nБаценин Александр;2\n", encoding="utf-8")
    columns = batch.parse_column_options(["name=Кому писать", "количество=сколько"])
    rows = batch.read_input(path, columns=columns)
    assert [(r.number, r.name, r.count) for r in rows] == [(2, "Баценин Александр", "2")]
    with pytest.raises(InputError, match=r"--column colour=X: expected ROLE=HEADER"):
        batch.parse_column_options(["colour=X"])


def test_cli_column_and_notes(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from letterkit.cli import make_app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "other.csv").write_text("Кому писать;Сколько\nБаценин Александр;2\n")
    runner = CliRunner()
    result = runner.invoke(
        make_app(),
        ["batch", "other.csv", "--column", "name=Кому писать", "--dry-run", "--sender", "A; B"],
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == "Note: other.csv: ignored the columns «Сколько»\n"
