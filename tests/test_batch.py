"""`letterkit batch`: input readers, row problems, page counts, reply kits, exit codes."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import pytest

from letterkit import batch
from letterkit.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures" / "batch"
SENDER = "Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000"
# Published addresses (Memorial, snapshot 2025-02-22; /work/shared/data/memopzk-2025-02-22.jsonl).
TALIPOV = (
    "620024, г. Екатеринбург, Елизаветинское шоссе, д. 19, ФКУ СИЗО-5 ГУФСИН России по "
    "Свердловской области, Талипову Радику Азаматовичу, 1994 г. р."
)
MUEDINOV = (
    "433503, Ульяновская область, г. Димитровград, ул. Калугина, д. 66, ФКУ Т УФСИН России "
    "по Ульяновской области, Муединову Яшару Сейфетдиновичу, 1968 г. р."
)


@pytest.fixture(autouse=True)
def user_dirs(tmp_path, monkeypatch):
    """Own user dirs (the shared conftest does the same; this keeps the file self-contained)."""
    monkeypatch.setenv("LETTERKIT_CONFIG_DIR", str(tmp_path / "user-config"))
    monkeypatch.setenv("LETTERKIT_DATA_DIR", str(tmp_path / "user-data"))


@pytest.fixture
def run(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from letterkit.cli import make_app

    monkeypatch.chdir(tmp_path)
    app = make_app()
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, ["batch", *args])

    invoke.cwd = tmp_path
    return invoke


def page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def page_text(path: Path, index: int) -> str:
    from pypdf import PdfReader

    return PdfReader(str(path)).pages[index].extract_text()


# --------------------------------------------------------------------------- readers


def test_csv_utf8_bom_comma_english_headers():
    rows = batch.read_input(FIXTURES / "guests-en-utf8bom-comma.csv")
    assert [r.number for r in rows] == [2, 3, 4, 5, 6, 7]  # the header is row 1
    assert rows[0].slug == "batsenin" and rows[0].count == "2"
    assert rows[1].address == TALIPOV
    assert rows[1].source_url == "https://memopzk.org/figurant/talipov-radik-azamatovich/"
    assert rows[5].name == "Талипов Радик Азаматович"


def test_csv_cp1251_semicolon_russian_headers():
    notes: list[str] = []
    rows = batch.read_input(FIXTURES / "guests-ru-cp1251-semicolon.csv", notes=notes)
    assert [r.number for r in rows] == [2, 3, 4]
    assert notes == [f"{FIXTURES / 'guests-ru-cp1251-semicolon.csv'} was read as Windows-1251"]
    assert rows[0].address == MUEDINOV
    assert rows[1].count == "3"
    assert rows[1].sender == "Петров Пётр Петрович; ул. Мира, д. 5; г. Тверь; 170001"


@pytest.mark.parametrize(
    "name",
    ["guests-ru-utf8-semicolon.csv", "guests-en-cp1251-comma.csv", "guests.jsonl", "guests.txt"],
)
def test_other_formats_read(name):
    rows = batch.read_input(FIXTURES / name)
    assert rows and all(r.slug or r.address for r in rows)


def test_csv_utf16_with_bom_is_read():
    """UTF-16 with a BOM (Excel's «Unicode text») is read like UTF-8 (letterkit.textfile)."""
    rows = batch.read_input(FIXTURES / "utf16.csv")
    assert [(r.number, r.slug, r.count) for r in rows] == [(2, "batsenin", "1")]


def test_utf16_big_endian_and_broken_utf16(tmp_path):
    big = tmp_path / "big.csv"
    big.write_bytes(codecs.BOM_UTF16_BE + "slug;адрес\nbatsenin;\n".encode("utf-16-be"))
    assert [r.slug for r in batch.read_input(big)] == ["batsenin"]
    broken = tmp_path / "broken.csv"
    broken.write_bytes(codecs.BOM_UTF16_LE + "slug\n".encode("utf-16-le") + b"\x00\xd8")
    with pytest.raises(InputError, match=r"broken\.csv is not text in UTF-8, Windows-1251"):
        batch.read_input(broken)


def test_jsonl_and_text_rows_keep_line_numbers():
    jsonl = batch.read_input(FIXTURES / "guests.jsonl")
    assert [(r.number, r.slug) for r in jsonl] == [(1, "batsenin"), (3, None)]
    assert jsonl[1].address == MUEDINOV
    text = batch.read_input(FIXTURES / "guests.txt")
    assert [(r.number, r.slug, r.address) for r in text] == [
        (2, "batsenin", None),
        (4, None, TALIPOV),
    ]


def _xlsx(path: Path, header: list[str], rows: list[list]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    other = wb.create_sheet("ignored")
    other.append(["phone"])
    wb.save(path)
    return path


def test_xlsx_first_sheet_russian_headers(tmp_path):
    path = _xlsx(
        tmp_path / "guests.xlsx",
        ["АДРЕС", "Количество", "Отправитель"],
        [[MUEDINOV, 2, None], [None, None, None], [TALIPOV, 1.0, SENDER]],
    )
    rows = batch.read_input(path)
    assert [(r.number, r.count) for r in rows] == [(2, "2"), (4, "1")]  # the sheet's rows
    assert rows[1].sender == SENDER


def test_corrupt_xlsx_is_an_input_error(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 100)
    with pytest.raises(InputError) as err:
        batch.read_input(path)
    assert "broken.xlsx" in err.value.message and err.value.hint


def test_not_a_zip_xlsx(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_text("slug\nbatsenin\n")
    with pytest.raises(InputError, match="is not a spreadsheet"):
        batch.read_input(path)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("no-header.csv", "not a header"),
    ],
)
def test_bad_files(name, expected):
    with pytest.raises(InputError) as err:
        batch.read_input(FIXTURES / name)
    assert expected in err.value.message
    assert name in err.value.message
    assert err.value.hint


def test_bad_rows_are_skipped_and_named(tmp_path):
    """A ragged row, an over-long cell: that row is a bad row; the rows after it are read."""
    rows = batch.read_input(FIXTURES / "ragged.csv")
    assert [(r.number, r.slug, r.error) for r in rows] == [
        (2, "batsenin", None),
        (3, None, ("8 values but the header has 2 columns — an address with a separator "
                   "must be in quotes")),
    ]  # fmt: skip
    path = tmp_path / "long.csv"
    path.write_text("slug;address\n;" + "д" * 5000 + "\nbatsenin;\n", encoding="utf-8")
    long_row, good = batch.read_input(path)
    assert (long_row.number, long_row.error_column) == (2, "address")
    assert long_row.error == "a cell of 5,000 characters (at most 2,000)"
    assert (good.number, good.slug) == (3, "batsenin")
    huge = tmp_path / "huge.csv"
    huge.write_text("slug;address\nbatsenin;\n;" + "д" * 1_000_000 + "\n", encoding="utf-8")
    assert [(r.number, r.error_column) for r in batch.read_input(huge)] == [
        (2, None),
        (3, "address"),
    ]


def test_file_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"slug\n" + b"batsenin\n" * (batch.MAX_FILE_BYTES // 9 + 1))
    with pytest.raises(InputError, match=r"big\.csv is 16\.0 MB; at most 16 MB is read"):
        batch.read_input(path)
    many = tmp_path / "many.csv"
    many.write_text("slug\n" + "batsenin\n" * (batch.MAX_ROWS + 1), encoding="utf-8")
    with pytest.raises(InputError, match=r"many\.csv has more than 10,000 rows"):
        batch.read_input(many)


def test_binary_and_wrong_encoding(tmp_path):
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(InputError, match="binary"):
        batch.read_input(binary)
    mojibake = tmp_path / "mac.csv"
    mojibake.write_bytes(b"slug\n" + bytes(range(0x80, 0xC0)) * 3 + b"\n")
    with pytest.raises(
        InputError, match="is not text in UTF-8, Windows-1251, KOI8-R or MacCyrillic"
    ):
        batch.read_input(mojibake)


def test_numbers_refused_and_a_broken_xls_named(tmp_path):
    path = tmp_path / "guests.numbers"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match=r"\.numbers files are not read"):
        batch.read_input(path)
    broken = tmp_path / "guests.xls"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(InputError, match=r"guests\.xls: the workbook cannot be read"):
        batch.read_input(broken)


def test_command_line_slugs_and_missing_file():
    rows = batch.read_inputs(["batsenin", TALIPOV])
    assert [(r.source, r.number, r.slug) for r in rows] == [
        ("command line", 1, "batsenin"),
        ("command line", 2, None),
    ]
    with pytest.raises(InputError, match="does not exist"):
        batch.read_inputs(["guests-missing.csv"])


def test_all_people_are_writable():
    from letterkit.store import Store

    store = Store()
    rows = batch.all_people_rows(store)
    assert rows and "batsenin" in {r.slug for r in rows}
    assert all(store.get(r.slug).writable for r in rows[:20])


# -------------------------------------------------------------------- library results


def test_run_batch_collects_problems_and_notes():
    rows = batch.read_input(FIXTURES / "guests-en-utf8bom-comma.csv")
    result = batch.run_batch(rows, batch.BatchJob(date=None), dry_run=True)
    assert [(p.row, p.column) for p in result.problems] == [
        (4, "slug"),
        (5, "count"),
        (6, "address"),
    ]
    assert "nosuchperson" in result.problems[0].message
    assert "69300" in result.problems[2].message
    assert [item.row.number for item in result.items] == [2, 3, 7]  # input order
    assert result.envelopes == 4 and result.pages == 4
    assert any("row 7 repeats" in n and "row 3" in n for n in result.notes)
    assert result.pdf is None  # dry run draws nothing


def test_strict_raises_on_first_bad_row():
    rows = batch.read_input(FIXTURES / "guests-en-utf8bom-comma.csv")
    with pytest.raises(InputError) as err:
        batch.run_batch(rows, batch.BatchJob(strict=True))
    assert "row 4, column slug" in err.value.message


def test_render_envelopes_from_python():
    from letterkit.models import Sender
    from letterkit.store import Store

    prisoner = Store().get("batsenin")
    pdf = batch.render_envelopes(
        ["batsenin", prisoner, prisoner.address], Sender.parse(SENDER), "C5"
    )
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 3
    assert round(float(reader.pages[0].mediabox.width) / 72 * 25.4) == 229


# ------------------------------------------------------------------------ CLI, pages


def test_skipped_rows_exit_3_good_rows_written(run):
    result = run(str(FIXTURES / "guests-en-utf8bom-comma.csv"), "--output", "out.pdf")
    assert result.exit_code == 3, result.output
    assert page_count(run.cwd / "out.pdf") == 4  # (2 + 1 + 1) envelopes
    source = FIXTURES / "guests-en-utf8bom-comma.csv"
    skipped = [line for line in result.stderr.splitlines() if line.startswith(str(source))]
    assert skipped == [  # one stderr line per skipped row, with the spreadsheet's row number
        f"{source}, row 4, column slug: no person with the slug 'nosuchperson'",
        f"{source}, row 5, column count: «two» is not a whole number",
        f"{source}, row 6, column address: cannot be printed: postcode «69300» is not 6 digits",
    ]
    out = result.stdout  # the summary: what a script would capture
    assert "nosuchperson" not in out and "Note:" not in out
    assert "Pages written" in out and "out.pdf" in out


def test_cp1251_count_column_and_copies(run):
    result = run(str(FIXTURES / "guests-ru-cp1251-semicolon.csv"), "--copies", "5")
    assert result.exit_code == 3, result.output
    # count column 1 and 3 override --copies; the third row is bad.
    assert page_count(run.cwd / "letterkit-batch.pdf") == 4


def test_copies_multiply_good_rows(run):
    result = run(str(FIXTURES / "guests-ru-utf8-semicolon.csv"), "batsenin", "--copies", "2")
    assert result.exit_code == 0, result.output
    assert page_count(run.cwd / "letterkit-batch.pdf") == 1 + 2 + 2  # counts 1, 2; --copies 2


def test_output_order_follows_input(run):
    result = run("batsenin", MUEDINOV, TALIPOV, "--output", "o.pdf")
    assert result.exit_code == 0, result.output
    texts = [page_text(run.cwd / "o.pdf", i) for i in range(3)]
    assert "Баценину" in texts[0] and "Муединову" in texts[1] and "Талипову" in texts[2]


def test_reply_kit_profiles_letters_page_count(run):
    import datetime as dt

    from letterkit.models import Sender
    from letterkit.render.letter import render_letter
    from letterkit.store import Store
    from letterkit.targets import resolve_target
    from letterkit.writing import letter_body

    date = dt.date(2026, 11, 25)
    result = run(
        "batsenin", "batsenin", MUEDINOV, "--reply-kit", "--profiles", "--letters", "birthday",
        "--sender", SENDER, "--date", "2026-11-25", "--no-split", "--output", "kit.pdf",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    sender = Sender.parse(SENDER)
    store = Store()
    letter_pages = 0
    for text in ("batsenin", "batsenin", MUEDINOV):
        body = letter_body(resolve_target(text, store), sender, date, template="birthday")
        from pypdf import PdfReader

        letter_pages += len(PdfReader(io.BytesIO(render_letter(body, date, sender))).pages)
    envelopes, distinct = 3, 2
    assert page_count(run.cwd / "kit.pdf") == envelopes + 2 * envelopes + distinct + letter_pages


def test_reply_envelope_has_writer_as_recipient_and_prisoner_as_sender(run):
    result = run("batsenin", "--reply-kit", "--sender", SENDER, "--no-split", "--output", "kit.pdf")
    assert result.exit_code == 0, result.output
    pdf = (run.cwd / "kit.pdf").read_bytes()
    assert page_count(run.cwd / "kit.pdf") == 3
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[1]  # the reply envelope: C6, folded once into a DL
        assert round(float(page.width) / 72 * 25.4) == 162
        mid_x, mid_y = page.width / 2, page.height / 2
        words = page.extract_words()
        right_bottom = " ".join(w["text"] for w in words if w["x0"] >= mid_x and w["top"] > mid_y)
        left_top = " ".join(w["text"] for w in words if w["x1"] <= mid_x and w["top"] < mid_y)
    assert "Ивановой Марии Петровне" in right_bottom  # Кому: the writer, in the dative
    assert "170000" in right_bottom
    assert "Баценин Александр" in left_top  # От кого: the prisoner, nominative
    assert "1995 г. р." in left_top and "ФКУ ИК-1 УФСИН" in left_top
    assert "693008" in left_top
    sheet = page_text(run.cwd / "kit.pdf", 2)
    assert "Лист для ответа" in sheet and "Иванова Мария Петровна" in sheet


def test_reply_kit_needs_a_sender(run):
    result = run("batsenin", "--reply-kit")
    assert result.exit_code == 1
    assert "--reply-kit needs your return address" in result.stderr
    assert not (run.cwd / "letterkit-batch.pdf").exists()


def test_reply_kit_refuses_an_envelope_it_does_not_fit(run):
    result = run("batsenin", "--reply-kit", "--sender", SENDER, "--envelope", "C6")
    assert result.exit_code == 1
    assert "does not fit into a C6 envelope" in result.stderr
    assert "Hint:" in result.stderr


def test_reply_fit_table_matches_sizes():
    from letterkit.render.replykit import REPLY_FIT, fits, reply_envelope_for

    for outer, choice in REPLY_FIT.items():
        assert fits(choice), outer
    assert reply_envelope_for("DL").folded and reply_envelope_for("C65").reply == "C6"
    assert reply_envelope_for("C5").reply == "DL" and not reply_envelope_for("C4").folded
    assert REPLY_FIT["DL"].reply_mm() == (114, 81)  # C6 folded to 81 × 114 mm


def test_strict_writes_nothing_exit_1(run):
    result = run(str(FIXTURES / "guests-en-utf8bom-comma.csv"), "--strict")
    assert result.exit_code == 1
    assert "row 4, column slug" in result.stderr
    assert not (run.cwd / "letterkit-batch.pdf").exists()


def test_dry_run_writes_nothing(run):
    result = run(str(FIXTURES / "guests-en-utf8bom-comma.csv"), "--dry-run")
    assert result.exit_code == 3
    assert "nothing written" in result.stdout
    assert not (run.cwd / "letterkit-batch.pdf").exists()
    assert run("batsenin", "--dry-run").exit_code == 0


def test_no_overwrite_without_force(run):
    target = run.cwd / "letterkit-batch.pdf"
    target.write_bytes(b"keep me")
    result = run("batsenin")
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert target.read_bytes() == b"keep me"
    assert run("batsenin", "--force").exit_code == 0
    assert page_count(target) == 1


def test_all_rows_bad_exit_1(run):
    result = run("nosuchperson")
    assert result.exit_code == 1
    assert "none of the 1 rows can be printed" in result.stderr
    assert result.stderr.splitlines() == [
        "command line, row 1, column slug: no person with the slug 'nosuchperson'",
        "Error: none of the 1 rows can be printed; nothing was written",
        "Hint: fix the rows listed above",
    ]
    assert result.stdout == ""
    assert not (run.cwd / "letterkit-batch.pdf").exists()


def test_bad_file_exit_1_with_hint(run):
    result = run(str(FIXTURES / "no-header.csv"))
    assert result.exit_code == 1
    assert "the first row is not a header" in result.stderr and "Hint:" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_column_ignored_with_one_note(run):
    result = run(str(FIXTURES / "unknown-column.csv"), "--dry-run")
    assert result.exit_code == 0, result.output
    path = FIXTURES / "unknown-column.csv"
    assert f"Note: {path}: ignored the columns «phone»" in result.stderr


def test_no_input_is_a_usage_error(run):
    assert run().exit_code == 2


def test_offsets_from_profile_shift_envelopes(run):
    from letterkit.profile import load_profile, save_profile

    assert run("batsenin", "--output", "a.pdf").exit_code == 0
    profile = load_profile()
    profile.offset_x_mm, profile.offset_y_mm = 3.0, -2.0
    save_profile(profile)
    assert run("batsenin", "--output", "b.pdf").exit_code == 0
    import pdfplumber

    def first_word(name):
        with pdfplumber.open(str(run.cwd / name)) as doc:
            w = next(w for w in doc.pages[0].extract_words() if w["text"] == "Баценину")
            return w["x0"], w["top"]

    (ax, ay), (bx, by) = first_word("a.pdf"), first_word("b.pdf")
    assert bx - ax == pytest.approx(3.0 * 72 / 25.4, abs=0.05)
    assert by - ay == pytest.approx(2.0 * 72 / 25.4, abs=0.05)  # y down in pdfplumber


def test_calibrate_saves_offsets(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from letterkit.cli import make_app
    from letterkit.profile import load_profile

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(make_app(), ["calibrate", "--offset-x", "1.5", "--offset-y", "-0.5"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "letterkit-calibration.pdf").is_file()
    profile = load_profile()
    assert (profile.offset_x_mm, profile.offset_y_mm) == (1.5, -0.5)
    again = runner.invoke(make_app(), ["calibrate"])
    assert again.exit_code == 1 and "already exists" in again.stderr
    too_far = runner.invoke(make_app(), ["calibrate", "--offset-x", "80", "--force"])
    assert too_far.exit_code == 1


def test_thousand_envelopes_make_a_thousand_pages():
    """Speed is measured in benchmarks/bench.py; here: 1 000 envelopes, 1 000 pages."""
    from letterkit.models import Sender
    from letterkit.store import Store
    from pdfutil import page_count as pdf_pages

    address = Store().get("batsenin").address
    pdf = batch.render_envelopes([address] * 1000, Sender.parse(SENDER), "DL")
    assert pdf_pages(pdf) == 1000


def test_jsonl_unknown_keys_ignored_bad_lines_skipped(tmp_path):
    path = tmp_path / "memorial.jsonl"
    path.write_text(
        '{"id": "18477", "name": "Аббозов Сейтяга"}\n{"slug": "batsenin"\n'
        '[1]\n{"slug": {"a": 1}}\n{"slug": "batsenin", "note": "x"}\n',
        encoding="utf-8",
    )
    notes: list[str] = []
    rows = batch.read_input(path, notes=notes)
    assert [(r.number, r.name, r.error_column) for r in rows] == [
        (1, "Аббозов Сейтяга", None),
        (2, None, None),
        (3, None, None),
        (4, None, "slug"),
        (5, None, None),
    ]
    assert rows[1].error.startswith("not valid JSON (Expecting ',' delimiter, character 20)")
    assert rows[2].error == "a JSON object is needed, not list"
    assert notes == [f"{path}: ignored the keys «id», «note»"]


def test_unknown_letter_template_exit_1(run):
    result = run("batsenin", "--letters", "no-such-template")
    assert result.exit_code == 1
    assert "no letter template 'no-such-template'" in result.stderr and "birthday" in result.stderr


def test_profile_sheet_content(run):
    from letterkit import guidance

    result = run("batsenin", TALIPOV, "batsenin", "--profiles", "--no-split", "--output", "p.pdf")
    assert result.exit_code == 0, result.output
    path = run.cwd / "p.pdf"
    assert page_count(path) == 3 + 2  # three envelopes, two distinct people
    sheet = " ".join(page_text(path, 3).split())
    assert "Баценин Александр Дмитриевич" in sheet
    assert "Aleksandr Dmitrievich Batsenin" in sheet
    assert "ФКУ ИК-1 УФСИН России по Сахалинской области" in sheet
    assert "Баценину Александру Дмитриевичу, 1995 г. р." in sheet  # the address as printed
    assert "1995" in sheet and "Житель Хабаровска" in sheet  # birth year, neutral summary
    for rule in guidance.top_rules(3):
        assert " ".join(rule.summary("ru").split())[:30] in sheet
    other = " ".join(page_text(path, 4).split())
    assert "Талипов Радик Азаматович" in other and "Radik Azamatovich Talipov" in other


def test_reply_envelope_to_a_writer_abroad_has_no_russian_stencil(run):
    result = run(
        "batsenin", "--reply-kit", "--no-split", "--output", "kit.pdf",
        "--sender", "Max Mustermann; Hauptstraße 1; 10115 Berlin", "--sender-country", "DE",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    outer = page_text(run.cwd / "kit.pdf", 0)
    reply = page_text(run.cwd / "kit.pdf", 1)
    assert "Индекс места назначения" in outer  # the envelope into Russia keeps it
    assert "Индекс места назначения" not in reply
    assert "Max Mustermann" in reply and "ГЕРМАНИЯ / GERMANY" in reply


def test_job_is_validated_once_per_batch(run, monkeypatch):
    from letterkit.batch import job as job_module

    calls = []
    real = job_module.envelope_size
    monkeypatch.setattr(job_module, "envelope_size", lambda size: calls.append(size) or real(size))
    result = run("batsenin", "--dry-run")
    assert result.exit_code == 0, result.output
    assert calls == ["DL"]  # the CLI checks the job; run_batch does not check it again


def test_problems_sorted_in_input_order_for_many_rows():
    rows = [batch.InputRow("many.csv", n, slug="no-such-person") for n in range(1, 401)]
    rows.insert(0, batch.InputRow("many.csv", 1000, slug="batsenin"))
    result = batch.run_batch(rows, batch.BatchJob(), dry_run=True)
    assert [p.row for p in result.problems] == list(range(1, 401))


def test_profile_facility_names_load_before_drawing():
    """Profile data is loaded by the batch layer; a broken reference is an error, not a
    silently missing line (render/profiles.py draws only what it is given)."""
    import dataclasses

    from letterkit.batch.layout import facility_names
    from letterkit.errors import DataError
    from letterkit.store import Store
    from letterkit.targets import resolve_target

    store = Store()
    target = resolve_target("batsenin", store)
    names = facility_names([target, target], store)
    assert list(names) == [target.prisoner.facility_id]
    broken = dataclasses.replace(
        target, prisoner=dataclasses.replace(target.prisoner, facility_id="no-such-facility")
    )
    with pytest.raises(DataError, match="no-such-facility"):
        facility_names([broken], store)


def _user_template(text: str):
    from letterkit import paths

    folder = paths.user_templates_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "news.ru.j2").write_text(text, encoding="utf-8")


def test_letters_run_the_letter_check_like_write(run):
    _user_template(
        "Здравствуйте, {{ first_name }}!\n\nМуж сейчас на передке, обещают ротацию.\n\n"
        "Мой адрес — на конверте.\n\nМария\n"
    )
    result = run("batsenin", "--letters", "news", "--no-split")
    assert result.exit_code == 3, result.output
    assert "Letter to batsenin (command line, row 1):" in result.stderr
    assert "topic.war" in result.stderr and "topic.war" not in result.stdout
    assert "1 warning: the censor will probably stop this letter — see above." in result.stderr
    assert (run.cwd / "letterkit-batch.pdf").exists()  # written all the same


def test_letters_with_strict_write_nothing_on_a_warning(run):
    _user_template(
        "Здравствуйте, {{ first_name }}!\n\nСледак опять приходил.\n\n"
        "Мой адрес — на конверте.\n\nМария\n"
    )
    result = run("batsenin", "--letters", "news", "--strict", "--no-split")
    assert result.exit_code == 1
    assert "Error: nothing was written: the letter check found problems (--strict)" in (
        result.stderr
    )
    assert not (run.cwd / "letterkit-batch.pdf").exists()


def test_clean_letters_exit_0(run):
    result = run("batsenin", "--letters", "birthday")
    assert result.exit_code == 0, result.output
    assert "Letter to" not in result.stderr


def test_split_one_file_per_paper_size(run):
    """A kit mixing paper sizes is split: each file holds one page size, and the summary
    says which paper each one needs."""
    from pypdf import PdfReader

    result = run(
        "batsenin", MUEDINOV, "--reply-kit", "--profiles", "--sender", SENDER,
        "--output", "evening.pdf",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    sizes = {}
    for name in ("evening-envelopes-DL.pdf", "evening-reply-C6.pdf", "evening-a4.pdf"):
        pages = PdfReader(str(run.cwd / name)).pages
        sizes[name] = {
            (
                round(float(p.mediabox.width) / 72 * 25.4),
                round(float(p.mediabox.height) / 72 * 25.4),
            )
            for p in pages
        }
        assert len(pages) == {"evening-a4.pdf": 4}.get(name, 2)
    assert sizes == {
        "evening-envelopes-DL.pdf": {(220, 110)},
        "evening-reply-C6.pdf": {(162, 114)},
        "evening-a4.pdf": {(210, 297)},
    }
    assert not (run.cwd / "evening.pdf").exists()
    out = " ".join(result.stdout.split())
    assert "evening-envelopes-DL.pdf │ 2 │ DL envelopes, 220 × 110 mm" in out
    assert "evening-a4.pdf │ 4 │ A4 paper: the main tray" in out


def test_split_checks_every_file_before_writing(run):
    (run.cwd / "letterkit-batch-a4.pdf").write_bytes(b"keep me")
    result = run("batsenin", "--profiles")
    assert result.exit_code == 1 and "letterkit-batch-a4.pdf already exists" in result.stderr
    assert not (run.cwd / "letterkit-batch-envelopes-DL.pdf").exists()
    assert (run.cwd / "letterkit-batch-a4.pdf").read_bytes() == b"keep me"
    one = run("batsenin", "--profiles", "--no-split", "--output", "one.pdf")
    assert one.exit_code == 0, one.output
    assert page_count(run.cwd / "one.pdf") == 2
    plain = run("batsenin", "--output", "plain.pdf")  # one paper size: one file
    assert plain.exit_code == 0 and page_count(run.cwd / "plain.pdf") == 1


def test_dry_run_lists_every_row(run):
    import json

    rows = [f"batsenin{'' if i % 2 else '-no'}" for i in range(30)]  # 15 good, 15 bad
    result = run(*rows, "--dry-run")
    assert result.exit_code == 3, result.output
    table = [line for line in result.stdout.splitlines() if "│ command line │" in line]
    assert len(table) == 30
    assert sum("│ skipped │" in line for line in table) == 15
    assert "… and" not in result.stdout
    as_json = run(*rows[:3], "--dry-run", "--json")
    assert as_json.exit_code == 3
    entries = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert [(e["row"], e["status"], e["slug"], e["copies"]) for e in entries] == [
        (1, "skipped", None, 0),
        (2, "ok", "batsenin", 1),
        (3, "skipped", None, 0),
    ]
    assert entries[0]["column"] == "slug" and "batsenin-no" in entries[0]["message"]
    assert entries[1]["envelope"][0] == "Баценину Александру Дмитриевичу, 1995 г. р."
    assert entries[1]["name"] == "Баценин Александр Дмитриевич"


def test_unfilled_template_blanks_are_bad_rows(run):
    result = run("batsenin", "--letters", "simple", "--sender", SENDER, "--no-split", "--dry-run")
    assert result.exit_code == 1  # every row has blanks: nothing to print
    table = " ".join(result.stdout.split())
    # the template names the slot it needs before any blank could be printed
    assert "the template 'simple' needs the slot 'hobby', which is not given" in table
    filled = run(
        "batsenin", "--letters", "simple", "--sender", SENDER, "--output", "kit.pdf",
        "--field", "hobby=читать", "--no-split",
    )  # fmt: skip
    assert filled.exit_code == 0, filled.output
    letter = " ".join(page_text(run.cwd / "kit.pdf", 1).split())
    assert "Я люблю книги." in letter and "________" not in letter
    bad_field = run("batsenin", "--letters", "simple", "--field", "hobby")
    assert bad_field.exit_code == 1 and "--field 'hobby' is not NAME=VALUE" in bad_field.stderr


def test_no_sender_is_one_warning_at_the_top(run):
    result = run("batsenin", MUEDINOV, "--letters", "birthday", "--no-split", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Warning: no return address")
    assert result.stderr.count("no return address") == 1
    quiet = run("batsenin", "--sender", SENDER, "--dry-run")
    assert "Warning" not in quiet.stderr
