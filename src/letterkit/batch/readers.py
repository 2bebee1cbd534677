"""Batch input files: CSV, spreadsheets (XLSX, ODS, XLS), JSON Lines, plain text, slugs.

Text files are decoded by :func:`letterkit.textfile.decode_text` (BOM, UTF-8, then the
likeliest Cyrillic code page, the header deciding a tie) and separated by ``,``, ``;`` or
tab, detected automatically. Spreadsheets are read with python-calamine
(https://github.com/dimastbk/python-calamine): the first sheet, the cells that hold
values (not the range a sheet declares). Row numbers are what the spreadsheet shows.

A file that cannot be read at all (missing, too big, too many rows, no header) raises
:class:`~letterkit.errors.InputError`. A row that cannot be read (ragged, a cell too
long, a quote left open, an invalid JSON line) comes back as a bad row
(:attr:`InputRow.error`) and is skipped and named like any other bad row. ``notes``
collects what the user should know (ignored columns, the encoding when not UTF-8).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from letterkit import directory
from letterkit.batch.rows import (
    ALL_PEOPLE,
    COMMAND_LINE,
    MAX_COLUMNS,
    MAX_FIELD_CHARS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    Header,
    InputRow,
    _clean,
    _make_row,
    _short,
    bad_row,
    header_map,
    names_known_columns,
)
from letterkit.errors import InputError
from letterkit.i18n import _
from letterkit.limits import LimitExceeded, load_json
from letterkit.lookup import looks_like_address
from letterkit.records import is_valid_slug
from letterkit.textfile import decode_text

if TYPE_CHECKING:
    from letterkit.store import Store

CSV_SUFFIXES = frozenset({".csv", ".tsv", ".tab"})
SHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".ods", ".xls"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
UNREAD_SUFFIXES = frozenset({".numbers", ".xlsb"})
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old Excel .xls (Compound File)
# Choice: a workbook unpacking to more than this is a ZIP bomb, not a guest list (a
# sheet of 10 000 rows is a few MB of XML).
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
_SHEET_HINT = "open it in a spreadsheet program and save it again, or export it as CSV UTF-8"

Notes = list[str]


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                _("{path} is {size} MB; at most {max} MB is read").format(
                    path=path, size=f"{size / 2**20:.1f}", max=MAX_FILE_BYTES // 2**20
                ),
                hint=_("split the list into smaller files"),
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            _("the input file {path} does not exist").format(path=path),
            hint=_("check the path"),
        ) from None
    except IsADirectoryError:
        raise InputError(
            _("{path} is a directory").format(path=path),
            hint=_("give a CSV, XLSX, ODS, JSON Lines or text file"),
        ) from None
    except OSError as exc:
        raise InputError(
            _("cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None


def _read_text(
    path: Path, where: str, notes: Notes | None, columns: Mapping[str, str] | None = None
) -> str:
    """A text input file; a spreadsheet under another name is refused by name."""
    raw = _read_bytes(path)
    if raw.startswith((ZIP_MAGIC, OLE2_MAGIC)):
        raise InputError(
            _("{where} is a spreadsheet (XLSX/ODS/XLS), not text").format(where=where),
            hint=_("name it .xlsx, .ods or .xls, or export it as CSV"),
        )
    hint = _("save it as «CSV UTF-8» (Excel: File → Save As → CSV UTF-8)")
    decoded = decode_text(
        raw, where, hint=hint, prefer=lambda text: names_known_columns(text, columns)
    )
    if not decoded.is_utf8 and notes is not None:
        notes.append(
            _("{where} was read as {encoding}").format(where=where, encoding=decoded.encoding_name)
        )
    return decoded.text


def _too_many_rows(where: str) -> InputError:
    return InputError(
        _("{where} has more than {max} rows").format(where=where, max=f"{MAX_ROWS:,}"),
        hint=_("split the list into smaller files"),
    )


def _table(
    where: str,
    records: Iterable[tuple[int, Sequence[Any] | InputRow]],
    columns: Mapping[str, str] | None,
    notes: Notes | None,
    *,
    header_where: str | None = None,
    empty_hint: str,
) -> list[InputRow]:
    """Rows under the first non-empty record (the header). A record is its number and
    its cells, or a bad row already made by the reader."""
    header: Header | None = None
    rows: list[InputRow] = []
    for number, cells in records:
        if header is None:
            if isinstance(cells, InputRow):
                raise InputError(
                    _("{where}, row {row}: the header row cannot be read ({reason})").format(
                        where=where, row=number, reason=cells.error
                    ),
                    hint=_("the first row must name the columns, e.g. slug;address"),
                )
            if not any(_clean(c) for c in cells):
                continue
            header = header_map(cells, header_where or where, columns)
            if header.ignored and notes is not None:
                notes.append(
                    _("{where}: ignored the columns {names}").format(
                        where=where, names=", ".join(f"«{_short(n)}»" for n in header.ignored)
                    )
                )
            continue
        if len(rows) >= MAX_ROWS:
            raise _too_many_rows(where)
        if isinstance(cells, InputRow):
            rows.append(cells)
            continue
        row = _fit_width(where, number, header, cells)
        if row is not None:
            rows.append(row)
    if header is None:
        raise InputError(_("{where} has no header row").format(where=where), hint=empty_hint)
    return rows


def _fit_width(where: str, number: int, header: Header, cells: Sequence[Any]) -> InputRow | None:
    """A row of cells checked against the header's width: a row with values beyond the
    header, or missing a column the row needs, is a bad row."""
    width = len(header.keys)
    cells = list(cells)
    if len(cells) > width:
        extra = [c for c in cells[width:] if _clean(c) is not None]
        if extra:
            return bad_row(
                where,
                number,
                _("{count} values but the header has {width} columns").format(
                    count=width + len(extra), width=width
                )
                + " — "
                + _("an address with a separator must be in quotes"),
            )
        cells = cells[:width]
    elif len(cells) < width and any(_clean(c) for c in cells):
        present = {k for k in header.keys[: len(cells)] if k}
        if not {"slug", "address", "name"} & present:
            return bad_row(
                where,
                number,
                _("{count} values but the header has {width} columns").format(
                    count=len(cells), width=width
                ),
            )
    return _make_row(where, number, header.keys, cells)


# ----------------------------------------------------------------------------- CSV


def _sniff_delimiter(text: str) -> str:
    """``;``, ``,`` or tab: whichever the header line (outside quotes) has most of."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for ch in first:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: (counts[d], d == "\t", d == ";"))
    return best if counts[best] else ","


def _ends_quoted(line: str, delimiter: str, quoted: bool) -> bool:
    """Whether a CSV line ends inside a quoted cell, starting inside one if ``quoted``.

    The states of Python's csv reader (Modules/_csv.c, non-strict): a quote opens a cell
    only at its start; inside, ``""`` is a quote and a lone ``"`` closes it."""
    if '"' not in line:
        return quoted
    state = "quoted" if quoted else "start"
    for ch in line.rstrip("\r\n"):
        if state == "start":
            state = "quoted" if ch == '"' else ("start" if ch == delimiter else "plain")
        elif state == "plain":
            if ch == delimiter:
                state = "start"
        elif state == "quoted":
            if ch == '"':
                state = "quote-in-quoted"
        else:  # just after a quote inside a quoted cell
            state = "quoted" if ch == '"' else ("start" if ch == delimiter else "plain")
    return state == "quoted"


def _parse(lines: Sequence[str], delimiter: str) -> list[list[str]]:
    return list(csv.reader(lines, delimiter=delimiter, strict=False))


def _complete_row(line: str, delimiter: str, width: int | None) -> bool:
    """A line that reads as a whole row on its own: quotes closed, the header's width."""
    if _ends_quoted(line, delimiter, False) or not line.strip():
        return False
    try:
        parsed = _parse([line], delimiter)
    except csv.Error:
        return False
    return width is None or (len(parsed) == 1 and len(parsed[0]) == width)


def _csv_records(
    text: str, where: str, delimiter: str
) -> Iterator[tuple[int, list[str] | InputRow]]:
    """(row number, cells) per CSV record, the header being row 1; a quote left open at
    the end of a line is a bad row when the next line reads as a whole row (or the quote
    never closes), and reading resumes at that next line."""
    lines = text.splitlines(keepends=True)
    width: int | None = None
    number = 0
    i = 0
    while i < len(lines):
        number += 1
        end = i
        if _ends_quoted(lines[i], delimiter, False):
            quoted = True
            while quoted and end + 1 < len(lines):
                end += 1
                quoted = _ends_quoted(lines[end], delimiter, True)
            following = next((line for line in lines[i + 1 :] if line.strip()), "")
            if quoted or (width is not None and _complete_row(following, delimiter, width)):
                yield (
                    number,
                    bad_row(
                        where,
                        number,
                        _(
                            'a quote («"») is opened in this row and never closed; close it or delete it'
                        ),
                    ),
                )
                i += 1
                continue
        try:
            parsed = _parse(lines[i : end + 1], delimiter)
        except csv.Error as exc:
            yield (
                number,
                bad_row(where, number, _("the CSV cannot be read ({reason})").format(reason=exc)),
            )
            i = end + 1
            continue
        i = end + 1
        cells = parsed[0] if parsed else []
        if width is None and any(c.strip() for c in cells):
            width = len(cells)
        yield number, cells


def read_csv(
    path: Path,
    name: str | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    notes: Notes | None = None,
) -> list[InputRow]:
    where = name or str(path)
    text = _read_text(path, where, notes, columns)
    if not text.strip():
        raise InputError(
            _("{where} is empty").format(where=where),
            hint=_("the first row must name the columns, e.g. slug;address"),
        )
    delimiter = "\t" if path.suffix.lower() in {".tsv", ".tab"} else _sniff_delimiter(text)
    return _csv_rows(text, where, delimiter, columns, notes)


def _csv_rows(
    text: str, where: str, delimiter: str, columns: Mapping[str, str] | None, notes: Notes | None
) -> list[InputRow]:
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, MAX_FILE_BYTES))  # a long cell is a bad row, named
    try:
        return _table(
            where,
            _csv_records(text, where, delimiter),
            columns,
            notes,
            empty_hint=_("the first row must name the columns"),
        )
    finally:
        csv.field_size_limit(limit)


# ---------------------------------------------------------------------- spreadsheets


def _bad_sheet(where: str, reason: str) -> InputError:
    return InputError(
        _("{where}: the workbook cannot be read ({reason})").format(where=where, reason=reason),
        hint=_(_SHEET_HINT),
    )


def _too_many_columns(where: str, column: int) -> InputError:
    return InputError(
        _(
            "{where}: the first sheet has values in column {column}; at most {max} columns are read"
        ).format(where=where, column=column, max=MAX_COLUMNS),
        hint=_("delete the far columns, or export the sheet as CSV UTF-8"),
    )


def _check_zip(raw: bytes, where: str) -> zipfile.ZipFile:
    """The workbook's ZIP, refused when it would unpack to more than MAX_UNZIPPED_BYTES."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _bad_sheet(where, type(exc).__name__) from None
    if total > MAX_UNZIPPED_BYTES:
        raise InputError(
            _("{where} unpacks to {size} MB; at most {max} MB is read").format(
                where=where, size=f"{total / 2**20:,.0f}", max=MAX_UNZIPPED_BYTES // 2**20
            ),
            hint=_("the file is damaged or is not a list of addresses"),
        )
    return archive


_XLSX_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def _xlsx_extent(archive: zipfile.ZipFile) -> tuple[int, int]:
    """(last row, last column) holding a value in the first sheet of an XLSX.

    calamine allocates the rectangle from A1 to the last value, so one stray value in
    XFD1048576 would take 500 GB; this reads the cell references first (ECMA-376 Part 1,
    18.3.1.4 ``c`` with its ``r`` attribute)."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    sheet = book.find("m:sheets/m:sheet", _XLSX_NS)
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = None
    if sheet is not None:
        rid = sheet.get(f"{{{_XLSX_NS['r']}}}id")
        for rel in rels.findall("rel:Relationship", _XLSX_NS):
            if rel.get("Id") == rid:
                target = rel.get("Target", "")
    if not target:
        return 0, 0
    member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    last_row = last_col = 0
    cell_tag = f"{{{_XLSX_NS['m']}}}c"
    with archive.open(member) as stream:
        for _event, element in ElementTree.iterparse(stream):
            if element.tag == cell_tag:
                ref = element.get("r", "")
                if len(element):  # a value (v, is, f), not an empty styled cell
                    letters = ref.rstrip("0123456789")
                    digits = ref[len(letters) :]
                    if digits.isdigit():
                        last_row = max(last_row, int(digits))
                        last_col = max(last_col, _column_number(letters.upper()))
                element.clear()
    return last_row, last_col


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_OFFICE_VALUE = f"{_ODS_OFFICE}value-type"


def _ods_extent(archive: zipfile.ZipFile) -> tuple[int, int]:
    """(last row, last column) holding a value in the first table of an ODS, counting
    ``number-rows-repeated`` / ``number-columns-repeated`` (OpenDocument 1.2 Part 1,
    9.1.3 and 9.1.4) as calamine does."""
    row = last_row = last_col = 0
    with archive.open("content.xml") as stream:
        for event, element in ElementTree.iterparse(stream, events=("end",)):
            del event
            if element.tag == f"{_ODS_TABLE}table-row":
                repeat = int(element.get(f"{_ODS_TABLE}number-rows-repeated", "1") or 1)
                column = 0
                filled = 0
                for cell in element:
                    span = int(cell.get(f"{_ODS_TABLE}number-columns-repeated", "1") or 1)
                    column += span
                    if cell.get(_OFFICE_VALUE) or len(cell):
                        filled = column
                if filled:
                    last_row = row + repeat
                    last_col = max(last_col, filled)
                row += repeat
                element.clear()
            elif element.tag == f"{_ODS_TABLE}table":
                break  # the first sheet only
    return last_row, last_col


def read_sheet(
    path: Path,
    name: str | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    notes: Notes | None = None,
) -> list[InputRow]:
    """The first sheet of an XLSX, ODS or XLS workbook; the cells holding values only."""
    where = name or str(path)
    raw = _read_bytes(path)
    if raw.startswith(ZIP_MAGIC):
        archive = _check_zip(raw, where)
        try:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                last_row, last_col = _xlsx_extent(archive)
            elif "content.xml" in names:
                last_row, last_col = _ods_extent(archive)
            else:
                raise _bad_sheet(where, _("no sheet inside"))
        except (KeyError, ElementTree.ParseError, ValueError, zipfile.BadZipFile) as exc:
            raise _bad_sheet(where, type(exc).__name__) from None
        if last_row > MAX_ROWS + 1:
            raise _too_many_rows(where)
        if last_col > MAX_COLUMNS:
            raise _too_many_columns(where, last_col)
    elif not raw.startswith(OLE2_MAGIC):
        raise InputError(
            _("{where} is not a spreadsheet (it may be damaged, or a text file)").format(
                where=where
            ),
            hint=_(_SHEET_HINT),
        )
    # deferred: the spreadsheet reader is a native extension; only spreadsheets need it
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
        if not workbook.sheet_names:
            raise InputError(_("{where} has no sheets").format(where=where))
        sheet = workbook.get_sheet_by_index(0)
        first_row = sheet.start[0] + 1 if sheet.start else 1
        if sheet.height > MAX_ROWS + 1:
            raise _too_many_rows(where)
        if sheet.width > MAX_COLUMNS:
            raise _too_many_columns(where, sheet.width)
        table = sheet.to_python()
    except InputError:
        raise
    except Exception as exc:  # calamine raises its own types for damaged parts
        raise _bad_sheet(where, type(exc).__name__) from None
    records = ((first_row + index, cells) for index, cells in enumerate(table))
    return _table(
        where,
        records,
        columns,
        notes,
        header_where=_("{where} (first sheet)").format(where=where),
        empty_hint=_("put the header row in row 1"),
    )


read_xlsx = read_sheet  # the name earlier versions exported


# --------------------------------------------------------------- JSON Lines, text


def read_jsonl(
    path: Path,
    name: str | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    notes: Notes | None = None,
) -> list[InputRow]:
    """One JSON object per line; keys are column names. A bad line is a bad row."""
    where = name or str(path)
    text = _read_text(path, where, notes, columns)
    rows: list[InputRow] = []
    ignored: dict[str, None] = {}
    example = '{"slug": "batsenin"}'
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if len(rows) >= MAX_ROWS:
            raise _too_many_rows(where)
        try:
            obj = load_json(line)  # nesting and number limits: letterkit.limits
        except LimitExceeded as exc:
            rows.append(bad_row(where, number, str(exc)))
            continue
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = getattr(exc, "msg", type(exc).__name__)
            column = getattr(exc, "colno", 1)
            rows.append(
                bad_row(
                    where,
                    number,
                    _(
                        "not valid JSON ({reason}, character {column}); one object per line, "
                        "e.g. {example}"
                    ).format(reason=reason, column=column, example=example),
                )
            )
            continue
        if not isinstance(obj, dict):
            rows.append(
                bad_row(
                    where,
                    number,
                    _("a JSON object is needed, not {type}").format(type=type(obj).__name__),
                )
            )
            continue
        try:
            header = header_map(
                list(obj), _("{where}, row {row}").format(where=where, row=number), columns
            )
        except InputError as exc:
            rows.append(bad_row(where, number, exc.message))
            continue
        ignored.update(dict.fromkeys(header.ignored))
        cells = []
        nested = None
        for key, value in zip(header.keys, obj.values(), strict=True):
            if key is not None and isinstance(value, dict | list):
                nested = key
            cells.append(value)
        if nested is not None:
            rows.append(bad_row(where, number, _("a text or number is needed"), column=nested))
            continue
        row = _make_row(where, number, header.keys, cells)
        if row is not None:
            rows.append(row)
    if ignored and notes is not None:
        notes.append(
            _("{where}: ignored the keys {names}").format(
                where=where, names=", ".join(f"«{_short(n)}»" for n in ignored)
            )
        )
    return rows


def read_text_lines(
    path: Path,
    name: str | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    notes: Notes | None = None,
) -> list[InputRow]:
    """One slug or published address per line; blank lines and ``#`` comments skipped."""
    where = name or str(path)
    text = _read_text(path, where, notes, columns)
    first = next((line for line in text.splitlines() if line.strip()), "")
    if any(d in first for d in "\t;,") and names_known_columns(text, columns):
        # a table saved as text: Excel's «Unicode text» is tab-separated UTF-16 in a .txt
        return _csv_rows(text, where, _sniff_delimiter(text), columns, notes)
    rows: list[InputRow] = []
    for number, line in enumerate(text.splitlines(), start=1):
        value = _clean(line)
        if value is None or value.startswith("#"):
            continue
        if len(rows) >= MAX_ROWS:
            raise _too_many_rows(where)
        if len(value) > MAX_FIELD_CHARS:
            rows.append(
                bad_row(
                    where,
                    number,
                    _("a line of {chars} characters (at most {max_chars})").format(
                        chars=f"{len(value):,}", max_chars=f"{MAX_FIELD_CHARS:,}"
                    ),
                )
            )
        elif looks_like_address(value):
            rows.append(InputRow(where, number, address=value))
        else:
            rows.append(InputRow(where, number, slug=value))
    return rows


def read_input(
    path: Path, *, columns: Mapping[str, str] | None = None, notes: Notes | None = None
) -> list[InputRow]:
    """Rows of one input file, its format told by the suffix (or its first bytes)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in UNREAD_SUFFIXES:
        raise InputError(
            _("{path}: {suffix} files are not read").format(path=path, suffix=suffix),
            hint=_("save the sheet as .xlsx, .ods or as CSV UTF-8"),
        )
    reader = read_text_lines
    if suffix in SHEET_SUFFIXES:
        reader = read_sheet
    elif suffix in JSONL_SUFFIXES:
        reader = read_jsonl
    elif suffix in CSV_SUFFIXES:
        reader = read_csv
    elif _read_bytes(path)[:8].startswith((ZIP_MAGIC, OLE2_MAGIC)):
        reader = read_sheet
    return reader(path, columns=columns, notes=notes)


def read_inputs(
    inputs: Iterable[str | Path],
    *,
    columns: Mapping[str, str] | None = None,
    notes: Notes | None = None,
) -> list[InputRow]:
    """Rows from files and command-line slugs/addresses, in the order given."""
    rows: list[InputRow] = []
    arg_number = 0
    for item in inputs:
        text = str(item)
        path = Path(text).expanduser()
        if _is_existing(path):
            rows.extend(read_input(path, columns=columns, notes=notes))
            continue
        arg_number += 1
        if is_valid_slug(text):
            rows.append(InputRow(COMMAND_LINE, arg_number, slug=text))
        elif (
            looks_like_address(text)
            and "/" not in text.split(",")[0]
            and not _looks_like_file(text)
        ):
            rows.append(InputRow(COMMAND_LINE, arg_number, address=" ".join(text.split())))
        else:
            raise InputError(
                _("the input file {path} does not exist").format(path=text),
                hint=_(
                    "give a CSV, XLSX, ODS, JSON Lines or text file, or a slug such as batsenin"
                ),
            )
    return rows


def _is_existing(path: Path) -> bool:
    """Whether a command-line argument names a file (an address line is no file name)."""
    try:
        return path.is_file() or path.is_dir()
    except (OSError, ValueError):  # name too long, NUL byte…
        return False


def _looks_like_file(text: str) -> bool:
    suffix = Path(text).suffix.lower()
    known = CSV_SUFFIXES | SHEET_SUFFIXES | JSONL_SUFFIXES | UNREAD_SUFFIXES | {".txt"}
    return suffix in known


def all_people_rows(store: Store) -> list[InputRow]:
    """``--all``: every known person with a printable address, in the store's order."""
    return [
        InputRow(ALL_PEOPLE, i, slug=p.slug)
        for i, p in enumerate((p for p in store.people() if p.writable), start=1)
    ]


def birthday_rows(store: Store, within_days: int, today: dt.date) -> list[InputRow]:
    """``--birthdays-within``: writable people with a birthday soon, soonest first."""
    people = directory.birthday_targets(store.people(), within_days, today)
    return [InputRow("--birthdays-within", i, slug=p.slug) for i, p in enumerate(people, 1)]
