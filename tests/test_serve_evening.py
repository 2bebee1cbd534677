"""The evening page of ``letterkit serve``: an upload read as ``letterkit batch`` reads a
file, a table of its rows, and the downloads byte-identical to ``letterkit batch``."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import stat
import zipfile
from pathlib import Path

import pytest

from conftest import SEED_LINE
from letterkit import paths
from letterkit.web import evening
from test_serve import CSRF, SENDER_LINES, TODAY, client, text_of

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SENDER = "; ".join(SENDER_LINES)


def _stale_slug() -> str:
    """A writable directory record whose address is old on TODAY."""
    from letterkit import directory
    from letterkit.store import Store

    return next(
        p.slug
        for p in Store().people()
        if p.writable and p.address is not None and p.address.printable
        if directory.is_stale(p, TODAY)
    )


def guests_csv() -> bytes:
    return (
        "slug;ФИО;count\n"
        "batsenin;;2\n"
        "nobody-here;;1\n"
        f"{_stale_slug()};;1\n"
        ";Иванов Иван Иванович;x\n"
    ).encode()


def upload(c, content: bytes, name: str = "guests.csv", **options: str):
    data = {"csrf": CSRF, "sender": "\n".join(SENDER_LINES), "country": "RU", **options}
    return c.post("/evening", data=data, files={"file": (name, content, "text/csv")})


def downloads(response) -> dict[str, str]:
    """File name → download link, as the page offers them."""
    links = re.findall(
        r'href="(/evening/download\?[^"]+)" download="([^"]+)"', response.text.replace("&amp;", "&")
    )
    return {name: href for href, name in links}


def _cli_files(cli, *args: str) -> dict[str, bytes]:
    (cli.cwd / "guests.csv").write_bytes(guests_csv())
    result = cli("batch", "guests.csv", "--date", TODAY.isoformat(), "--sender", SENDER, *args)
    assert result.exit_code == 3, result.output  # rows skipped: written, with a warning
    return {p.name: p.read_bytes() for p in sorted(cli.cwd.glob("letterkit-batch*.pdf"))}


@pytest.mark.parametrize(
    ("web_options", "cli_args"),
    [
        ({}, ()),
        ({"reply_kit": "1", "envelope": "C65"}, ("--reply-kit", "--envelope", "C65")),
        ({"labels": "L7160", "start": "4"}, ("--labels", "L7160", "--start", "4")),
        ({"letters": "birthday", "profiles": "1"}, ("--letters", "birthday", "--profiles")),
    ],
)
def test_the_downloads_are_byte_identical_to_letterkit_batch(cli, web_options, cli_args):
    written = _cli_files(cli, *cli_args)
    c = client()
    response = upload(c, guests_csv(), **web_options)
    assert response.status_code == 200, text_of(response)
    offered = downloads(response)
    assert sorted(offered) == sorted(written)  # the same files, split by paper size alike
    for name, href in offered.items():
        got = c.get(href)
        assert got.status_code == 200
        assert got.headers["content-type"] == "application/pdf"
        assert got.headers["content-disposition"] == f'attachment; filename="{name}"'
        assert got.content == written[name], name


def test_the_table_shows_every_row_as_batch_names_it(cli):
    (cli.cwd / "guests.csv").write_bytes(guests_csv())
    report = cli("batch", "guests.csv", "--dry-run", "--json", "--date", TODAY.isoformat())
    entries = [json.loads(line) for line in report.stdout.splitlines()]
    response = upload(client(), guests_csv())
    cells = [
        [html_cell.strip() for html_cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(
            r'<tr class="(?:ready|stale|skipped)">(.*?)</tr>', response.text, re.S
        )
    ]
    shown = [(int(row[0]), re.sub(r"<[^>]+>", "", row[1])) for row in cells]
    assert [row for row, _status in shown] == [e["row"] for e in entries] == [2, 3, 4, 5]
    assert [status for _row, status in shown] == ["ready", "skipped", "old address", "skipped"]
    text = text_of(response)
    for entry in entries:
        if entry["status"] == "skipped":
            assert f"{entry['column']}: {entry['message']}" in text
    assert "Ready: 2 · old addresses: 1 · skipped: 2" in text
    stale = cli("show", _stale_slug(), "--date", TODAY.isoformat())
    [warning] = [line for line in stale.stderr.splitlines() if line.startswith("Warning: ")]
    assert warning.removeprefix("Warning: ") in text  # the same graded warning as the CLI


def test_an_upload_without_the_csrf_token_is_403_and_keeps_nothing():
    c = client()
    response = c.post("/evening", files={"file": ("guests.csv", guests_csv(), "text/csv")})
    assert response.status_code == 403
    assert c.app.app.state.web.evenings._kept == {}  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_upload_over_the_limit_is_413_before_it_is_read(lang):
    c = client()
    big = b"slug\n" + b"batsenin\n" * (evening.MAX_UPLOAD_BYTES // 9 + 1)
    response = c.post(
        f"/evening?lang={lang}", data={"csrf": CSRF}, files={"file": ("guests.csv", big)}
    )
    assert response.status_code == 413
    expected = {
        "en": "the file is too large: at most 16 MB is read",
        "ru": "файл слишком большой: читается не больше 16 МБ",
    }[lang]
    assert expected in text_of(response)


def test_a_chunked_upload_over_the_limit_is_cut_off():
    body = b"x" * (evening.MAX_UPLOAD_BYTES + 1)

    def chunks():
        for start in range(0, len(body), 1 << 20):
            yield body[start : start + (1 << 20)]

    response = client().post(
        "/evening",
        content=chunks(),
        headers={"content-type": "multipart/form-data; boundary=xyz"},
    )
    assert response.status_code == 413


def _cli_error(cli, name: str, content: bytes, *lang: str) -> list[str]:
    (cli.cwd / name).write_bytes(content)
    result = cli(*lang, "batch", name, "--date", TODAY.isoformat())
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    return [
        line.split(": ", 1)[1]
        for line in lines
        if line.startswith(("Error", "Ошибка", "Hint", "Подсказка"))
    ]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("guests.csv", "Кому;Куда\nБаценин;Сахалин\n".encode()),  # no known column
        ("guests.csv", b""),  # empty
        ("guests.xlsx", b"PK\x03\x04 not really a workbook"),
        ("guests.numbers", b"whatever"),
    ],
)
def test_a_bad_file_gets_the_message_batch_prints(cli, lang, name, content):
    expected = _cli_error(cli, name, content, "--lang", lang)
    assert expected  # an Error line (and a Hint line) to compare with
    response = client().post(
        f"/evening?lang={lang}",
        data={"csrf": CSRF},
        files={"file": (name, content, "application/octet-stream")},
    )
    assert response.status_code == 400
    text = text_of(response)
    for line in expected:
        assert line in text
    assert "/tmp" not in text and "letterkit-evening-" not in text  # the name as uploaded


def test_a_file_over_batchs_own_limit_gets_batchs_message(cli, monkeypatch):
    import letterkit.batch.readers as readers

    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 100)
    content = b"slug\n" + b"batsenin\n" * 20
    expected = _cli_error(cli, "guests.csv", content)
    assert expected[0].startswith("guests.csv is 0.0 MB; at most 0 MB is read")
    text = text_of(
        client().post("/evening", data={"csrf": CSRF}, files={"file": ("guests.csv", content)})
    )
    assert expected[0] in text


def test_the_upload_is_read_from_a_private_directory_removed_after(monkeypatch):
    seen: list[tuple[Path, int, int]] = []
    read = evening.batch.read_input

    def spy(path, **kwargs):
        path = Path(path)
        seen.append(
            (path, stat.S_IMODE(path.parent.stat().st_mode), stat.S_IMODE(path.stat().st_mode))
        )
        return read(path, **kwargs)

    monkeypatch.setattr(evening.batch, "read_input", spy)
    response = upload(client(), guests_csv())
    assert response.status_code == 200
    [(path, folder_mode, file_mode)] = seen
    assert path.name == "guests.csv"
    assert folder_mode == 0o700 and file_mode == 0o600
    assert not path.parent.exists()


def test_an_evening_saves_nothing_and_reruns_with_other_options_without_a_new_upload():
    def files() -> list[str]:
        roots = (paths.profile_path().parent, Path(os.environ["LETTERKIT_DATA_DIR"]))
        return sorted(str(p) for root in roots if root.exists() for p in root.rglob("*"))

    before = files()
    c = client()
    first = upload(c, guests_csv())
    kept = re.search(r'name="evening" value="([^"]+)"', first.text)[1]
    again = c.post(
        "/evening", data={"csrf": CSRF, "evening": kept, "labels": "L7160", "sender": SENDER}
    )
    assert again.status_code == 200
    assert list(downloads(again)) == ["letterkit-batch.pdf"]  # one paper size: one file
    assert "L7160" in text_of(again)  # the option is kept on the form
    assert files() == before
    forgotten = c.post("/evening", data={"csrf": CSRF, "evening": kept, "action": "forget"})
    assert forgotten.status_code == 200
    gone = c.get(next(iter(downloads(again).values())))
    assert gone.status_code == 400
    assert "the files of this evening are no longer kept" in text_of(gone)


def test_no_file_and_no_kept_evening_asks_for_one():
    response = client().post("/evening", data={"csrf": CSRF})
    assert response.status_code == 400
    assert "choose the spreadsheet of the evening first" in text_of(response)


def test_the_options_are_checked_as_batch_checks_them():
    response = upload(client(), guests_csv(), start="3")  # --start without --labels
    assert response.status_code == 400
    assert "--start only applies to label sheets" in text_of(response)


def test_an_xlsx_upload_is_read_as_batch_reads_it(cli):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["slug", "count"])
    sheet.append(["batsenin", 1])
    book.save(cli.cwd / "guests.xlsx")
    content = (cli.cwd / "guests.xlsx").read_bytes()
    response = client().post(
        "/evening", data={"csrf": CSRF, "sender": SENDER}, files={"file": ("guests.xlsx", content)}
    )
    assert response.status_code == 200
    assert "Ready: 1 · old addresses: 0 · skipped: 0" in text_of(response)


@pytest.mark.parametrize(
    ("lang", "heading", "ready"),
    [
        ("en", "A letter-writing evening", "Ready: 2 · old addresses: 1 · skipped: 2"),
        ("ru", "Вечер писем политзаключённым", "Готово: 2 · старые адреса: 1 · пропущено: 2"),
    ],
)
def test_the_evening_page_in_both_languages(lang, heading, ready):
    c = client()
    response = c.get(f"/evening?lang={lang}")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.text
    assert heading in text_of(response)
    assert ready in text_of(upload(c, guests_csv()))  # the language cookie holds
    assert 'enctype="multipart/form-data"' in response.text
    assert f'name="csrf" value="{CSRF}"' in response.text


def test_each_file_says_which_paper_to_load():
    one = text_of(upload(client(), guests_csv()))
    assert "letterkit-batch.pdf" in one
    assert "DL envelopes, 220 × 110 mm: the envelope or manual feed tray" in one
    kit = text_of(upload(client(), guests_csv(), reply_kit="1"))
    assert "C6 envelopes, 162 × 114 mm: the envelope or manual feed tray" in kit  # replies
    assert "A4 paper: the main tray" in kit  # the reply sheets


# --- all the files in one ZIP; the other options of `letterkit batch` -----------------


def _zip_link(response) -> str:
    [href] = re.findall(r'href="(/evening/zip\?evening=[^"]+)" download="letterkit-batch.zip"',
                        response.text)  # fmt: skip
    return href


def test_the_zip_holds_the_files_batch_writes_and_is_byte_identical_each_time(cli):
    written = _cli_files(cli, "--reply-kit")
    assert len(written) == 3  # envelopes, reply envelopes, A4 sheets
    archives = []
    for _session in range(2):  # two runs of the server, the same evening: the same bytes
        c = client()
        response = upload(c, guests_csv(), reply_kit="1")
        got = c.get(_zip_link(response))
        assert got.status_code == 200
        assert got.headers["content-type"] == "application/zip"
        assert got.headers["content-disposition"] == 'attachment; filename="letterkit-batch.zip"'
        archives.append(got.content)
    assert archives[0] == archives[1]
    with zipfile.ZipFile(io.BytesIO(archives[0])) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == sorted(written)
        for info in infos:
            assert archive.read(info) == written[info.filename]
            assert info.date_time == (TODAY.year, TODAY.month, TODAY.day, 0, 0, 0)
            assert info.external_attr >> 16 == 0o100644
            assert info.compress_type == zipfile.ZIP_STORED


def test_one_file_needs_no_zip():
    response = upload(client(), guests_csv())
    assert list(downloads(response)) == ["letterkit-batch.pdf"]
    assert "/evening/zip" not in response.text


def test_one_pdf_for_everything_is_batch_no_split(cli):
    written = _cli_files(cli, "--reply-kit", "--no-split")
    assert list(written) == ["letterkit-batch.pdf"]
    c = client()
    response = upload(c, guests_csv(), reply_kit="1", one_file="1")
    assert list(downloads(response)) == ["letterkit-batch.pdf"]
    assert (
        c.get(downloads(response)["letterkit-batch.pdf"]).content == written["letterkit-batch.pdf"]
    )


def test_strict_makes_nothing_with_the_message_batch_prints(cli):
    (cli.cwd / "guests.csv").write_bytes(guests_csv())
    result = cli("batch", "guests.csv", "--strict", "--date", TODAY.isoformat(), "--sender", SENDER)
    assert result.exit_code == 1
    error = result.stderr.splitlines()[0].removeprefix("Error: ")
    response = upload(client(), guests_csv(), strict="1")
    assert response.status_code == 400
    assert error in text_of(response)
    assert downloads(response) == {}
    assert 'id="strict" name="strict" value="1" checked' in response.text


def test_strict_and_a_letter_check_warning(cli):
    content = b"slug\nbatsenin\n"
    (cli.cwd / "one.csv").write_bytes(content)
    args = ("--letters", "blank", "--field", "body=Все говорят про войну.", "--strict")
    result = cli("batch", "one.csv", *args, "--date", TODAY.isoformat(), "--sender", SENDER)
    if result.exit_code != 1:
        pytest.skip("the blank template takes no body field here")  # pragma: no cover
    response = upload(client(), content, "one.csv", letters="blank", strict="1",
                      fields="body=Все говорят про войну.")  # fmt: skip
    assert response.status_code == 400
    assert result.stderr.splitlines()[0].removeprefix("Error: ") in text_of(response)


def test_birthdays_within_days_without_a_file_is_batch_birthdays_within(cli):
    result = cli("batch", "--birthdays-within", "30", "--date", TODAY.isoformat(),
                 "--sender", SENDER, "--letters", "birthday")  # fmt: skip
    assert result.exit_code in (0, 3), result.output
    written = {p.name: p.read_bytes() for p in sorted(cli.cwd.glob("letterkit-batch*.pdf"))}
    c = client()
    response = c.post("/evening", data={"csrf": CSRF, "sender": "\n".join(SENDER_LINES),
                                        "birthdays": "30", "letters": "birthday"})  # fmt: skip
    assert response.status_code == 200, text_of(response)
    offered = downloads(response)
    assert sorted(offered) == sorted(written)
    for name, href in offered.items():
        assert c.get(href).content == written[name], name
    # each row says when to post, as `letterkit birthdays` does
    listed = cli("birthdays", "--within", "30", "--date", TODAY.isoformat(), "--json")
    first = json.loads(listed.stdout.splitlines()[0])
    send = dt.date.fromisoformat(first["send_by"])
    assert f"post by {send.day} " in text_of(response)


def test_birthdays_within_is_checked():
    response = client().post("/evening", data={"csrf": CSRF, "birthdays": "soon"})
    assert response.status_code == 400
    assert "--birthdays-within must be a whole number, not «soon»" in text_of(response)


UNKNOWN_HEADERS = (
    "Кому писать;Адрес колонии;Заметка\n"
    "Баценин Александр Дмитриевич;;первое письмо\n"
    f";{SEED_LINE};\n"
).encode()


def test_unknown_headers_show_the_guessed_mapping_and_read_as_batch_column(cli):
    c = client()
    first = upload(c, UNKNOWN_HEADERS, "guests.csv")
    assert first.status_code == 400
    text = text_of(first)
    assert "guests.csv: the first row is not a header" in text  # batch's own message
    assert "The columns of guests.csv" in text
    selected = dict(re.findall(
        r'<label for="column-\d+">Column «([^»]+)»</label>\s*<select[^>]*>'
        r'(?:(?!</select>).)*?<option value="([a-z]*)" selected', first.text, re.S))  # fmt: skip
    assert selected == {"кому писать": "name", "адрес колонии": "address", "заметка": ""}
    assert '--column "name=кому писать" --column "address=адрес колонии"' in text
    kept = re.search(r'name="evening" value="([^"]+)"', first.text)[1]
    form = {"csrf": CSRF, "evening": kept, "sender": "\n".join(SENDER_LINES), "country": "RU"}
    for index, (header, role) in enumerate(selected.items()):
        form |= {f"header-{index}": header, f"column-{index}": role}
    second = c.post("/evening", data=form)
    assert second.status_code == 200, text_of(second)
    assert "Ready: 2 · old addresses: 0 · skipped: 0" in text_of(second)
    assert 'value="name" selected' in second.text  # the mapping stays on the form
    (cli.cwd / "guests.csv").write_bytes(UNKNOWN_HEADERS)
    result = cli("batch", "guests.csv", "--column", "name=Кому писать",
                 "--column", "address=Адрес колонии", "--date", TODAY.isoformat(),
                 "--sender", SENDER)  # fmt: skip
    assert result.exit_code == 0, result.output
    pdf = (cli.cwd / "letterkit-batch.pdf").read_bytes()
    assert c.get(downloads(second)["letterkit-batch.pdf"]).content == pdf


def test_a_mapping_batch_refuses_gets_batchs_message():
    c = client()
    first = upload(c, UNKNOWN_HEADERS, "guests.csv")
    kept = re.search(r'name="evening" value="([^"]+)"', first.text)[1]
    form = {"csrf": CSRF, "evening": kept, "header-0": "кому писать", "column-0": "name",
            "header-1": "адрес колонии", "column-1": "name"}  # fmt: skip
    response = c.post("/evening", data=form)
    assert response.status_code == 400
    assert "both mean 'name'" in text_of(response)
    assert "The columns of guests.csv" in text_of(response)  # the form is still there


def test_unknown_headers_of_a_spreadsheet_are_guessed_too(cli):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Кому", "Где сидит"])
    book.active.append(["Баценин Александр Дмитриевич", SEED_LINE])
    book.save(cli.cwd / "guests.xlsx")
    response = client().post(
        "/evening",
        data={"csrf": CSRF, "sender": SENDER},
        files={"file": ("guests.xlsx", (cli.cwd / "guests.xlsx").read_bytes())},
    )
    assert response.status_code == 400
    assert '--column "name=кому" --column "address=где сидит"' in text_of(response)


def test_everyone_without_a_file_is_batch_all(cli):
    result = cli("batch", "--all", "--labels", "L7160", "--date", TODAY.isoformat(), "-q")
    assert result.exit_code in (0, 3), result.output
    pdf = (cli.cwd / "letterkit-batch.pdf").read_bytes()
    c = client()
    response = c.post("/evening", data={"csrf": CSRF, "all_people": "1", "labels": "L7160"})
    assert response.status_code == 200, text_of(response)
    assert c.get(downloads(response)["letterkit-batch.pdf"]).content == pdf
