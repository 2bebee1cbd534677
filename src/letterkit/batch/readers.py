"""Batch input files: CSV, XLSX (first sheet), JSON Lines, plain text, command-line slugs.

CSV is UTF-8 with or without BOM, UTF-16 with BOM or Windows-1251 (read by
:mod:`letterkit.textfile`), separated by ``,``, ``;`` or tab, detected automatically.
A malformed file raises :class:`~letterkit.errors.InputError` naming the file, row and
column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from letterkit import directory
from letterkit.batch.rows import (
    ALL_PEOPLE,
    COLUMN_NAMES,
    COMMAND_LINE,
    MAX_FIELD_CHARS,
    InputRow,
    _clean,
    _header_map,
    _make_row,
    _short,
)
from letterkit.errors import InputError
from letterkit.i18n import _
from letterkit.limits import LimitExceeded, load_json
from letterkit.records import is_valid_slug
from letterkit.targets import looks_like_address
from letterkit.textfile import decode_text

if TYPE_CHECKING:
    from letterkit.store import Store

CSV_SUFFIXES = frozenset({".csv", ".tsv"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
OLD_EXCEL_SUFFIXES = frozenset({".xls", ".ods", ".numbers"})
ZIP_MAGIC = b"PK\x03\x04"


def _read_text(path: Path, where: str) -> str:
    """A text input file; a ZIP (an XLSX under another name) is refused by name."""
    raw = _read_bytes(path)
    if raw.startswith(ZIP_MAGIC):
        raise InputError(
            _("{where} is a ZIP/XLSX file, not text").format(where=where),
            hint=_("name it .xlsx, or export it as CSV"),
        )
    hint = _("save it as «CSV UTF-8» (Excel: File → Save As → CSV UTF-8)")
    return decode_text(raw, where, hint=hint).text


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            _("the input file {path} does not exist").format(path=path),
            hint=_("check the path"),
        ) from None
    except IsADirectoryError:
        raise InputError(
            _("{path} is a directory").format(path=path),
            hint=_("give a CSV, XLSX, JSON Lines or text file"),
        ) from None
    except OSError as exc:
        raise InputError(
            _("cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None


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
    best = max(counts, key=lambda d: (counts[d], d == ";"))
    return best if counts[best] else ","


def read_csv(path: Path, name: str | None = None) -> list[InputRow]:
    where = name or str(path)
    text = _read_text(path, where)
    if not text.strip():
        raise InputError(
            _("{where} is empty").format(where=where),
            hint=_("the first row must name the columns, e.g. slug;address"),
        )
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, strict=False)
    rows: list[InputRow] = []
    keys: list[str | None] | None = None
    number = 0
    try:
        for cells in reader:
            if keys is None:
                if not any(c.strip() for c in cells):
                    continue
                keys = _header_map(cells, where)
                continue
            number += 1
            width = len(keys)
            if any(c.strip() for c in cells) and len(cells) != width:
                # Trailing empty cells are harmless (spreadsheets pad rows); missing or
                # extra values are not: the columns would be misread.
                trimmed = list(cells)
                while len(trimmed) > width and not trimmed[-1].strip():
                    trimmed.pop()
                if len(trimmed) > width:
                    raise InputError(
                        _(
                            "{where}, row {row}: {count} values but the header has {width} columns"
                        ).format(where=where, row=number, count=len(trimmed), width=width),
                        hint=_(
                            "an address with '{delimiter}' must be in quotes; check that row"
                        ).format(delimiter=delimiter),
                    )
                if len(cells) < width and not _shorter_ok(cells, keys):
                    raise InputError(
                        _(
                            "{where}, row {row}: {count} values but the header has {width} columns"
                        ).format(where=where, row=number, count=len(cells), width=width),
                        hint=_("each row needs a value (maybe empty) for every column"),
                    )
                cells = trimmed
            row = _make_row(where, number, keys, cells, where)
            if row is not None:
                rows.append(row)
    except csv.Error as exc:
        raise InputError(
            _("{where}, row {row}: the CSV cannot be read ({reason})").format(
                where=where, row=number + 1, reason=exc
            ),
            hint=_("a cell is far too long or a quote is not closed; check that row"),
        ) from None
    if keys is None:
        raise InputError(
            _("{where} has no header row").format(where=where),
            hint=_("the first row must name the columns"),
        )
    return rows


def _shorter_ok(cells: Sequence[str], keys: Sequence[str | None]) -> bool:
    """A short row is fine when only trailing optional columns are missing."""
    present = {k for k in keys[: len(cells)] if k}
    return "slug" in present or "address" in present


def read_xlsx(path: Path, name: str | None = None) -> list[InputRow]:
    where = name or str(path)
    raw = _read_bytes(path)
    if not raw.startswith(ZIP_MAGIC):
        raise InputError(
            _("{where} is not an XLSX workbook (it may be damaged, or an old .xls file)").format(
                where=where
            ),
            hint=_("open it in a spreadsheet program and save it as .xlsx or CSV UTF-8"),
        )
    try:
        from openpyxl import load_workbook  # deferred: openpyxl costs ~100 ms at start-up

        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise InputError(
            _("{where}: the workbook cannot be read ({reason})").format(
                where=where, reason=type(exc).__name__
            ),
            hint=_("open it in a spreadsheet program and save it again, or export it as CSV UTF-8"),
        ) from None
    except Exception as exc:  # openpyxl raises its own types for damaged parts
        raise InputError(
            _("{where}: the workbook is damaged ({reason})").format(
                where=where, reason=type(exc).__name__
            ),
            hint=_("open it in a spreadsheet program and save it again, or export it as CSV UTF-8"),
        ) from None
    try:
        if not workbook.worksheets:
            raise InputError(_("{where} has no sheets").format(where=where))
        sheet = workbook.worksheets[0]
        rows: list[InputRow] = []
        keys: list[str | None] | None = None
        number = 0
        for cells in sheet.iter_rows(values_only=True):
            if keys is None:
                if not any(_clean(c) for c in cells):
                    continue
                keys = _header_map(list(cells), _("{where} (first sheet)").format(where=where))
                continue
            number += 1
            row = _make_row(where, number, keys, list(cells), where)
            if row is not None:
                rows.append(row)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(
            _("{where}: the first sheet cannot be read ({reason})").format(
                where=where, reason=type(exc).__name__
            ),
            hint=_("open it in a spreadsheet program and save it again, or export it as CSV UTF-8"),
        ) from None
    finally:
        workbook.close()
    if keys is None:
        raise InputError(
            _("{where}: the first sheet is empty").format(where=where),
            hint=_("put the header row in row 1"),
        )
    return rows


def read_jsonl(path: Path, name: str | None = None) -> list[InputRow]:
    where = name or str(path)
    text = _read_text(path, where)
    rows: list[InputRow] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = load_json(line)  # nesting and number limits: letterkit.limits
        except json.JSONDecodeError as exc:
            raise InputError(
                _("{where}, row {row}: not valid JSON ({reason}, character {column})").format(
                    where=where, row=number, reason=exc.msg, column=exc.colno
                ),
                hint=_("JSON Lines needs one object per line, e.g. {example}").format(
                    example='{"slug": "batsenin"}'
                ),
            ) from None
        except LimitExceeded as exc:
            raise InputError(
                _("{where}, row {row}: {reason}").format(where=where, row=number, reason=exc),
                hint=_("JSON Lines needs one object per line, e.g. {example}").format(
                    example='{"slug": "batsenin"}'
                ),
            ) from None
        if not isinstance(obj, dict):
            raise InputError(
                _("{where}, row {row}: a JSON object is needed, not {type}").format(
                    where=where, row=number, type=type(obj).__name__
                ),
                hint=_("JSON Lines needs one object per line, e.g. {example}").format(
                    example='{"slug": "batsenin"}'
                ),
            )
        unknown = [k for k in obj if COLUMN_NAMES.get(str(k).strip().casefold()) is None]
        if unknown:
            raise InputError(
                _("{where}, row {row}: unknown key «{key}»").format(
                    where=where, row=number, key=_short(str(unknown[0]))
                ),
                hint=_("known keys: {keys}").format(keys=", ".join(sorted(COLUMN_NAMES))),
            )
        keys = _header_map(list(obj), _("{where}, row {row}").format(where=where, row=number))
        cells = []
        for key, value in zip(keys, obj.values(), strict=True):
            if isinstance(value, dict | list):
                raise InputError(
                    _("{where}, row {row}, key {key}: a text or number is needed").format(
                        where=where, row=number, key=key
                    ),
                    hint=_("give each key a plain value"),
                )
            cells.append(value)
        row = _make_row(where, number, keys, cells, where)
        if row is not None:
            rows.append(row)
    return rows


def read_text_lines(path: Path, name: str | None = None) -> list[InputRow]:
    """One slug or published address per line; blank lines and ``#`` comments skipped."""
    where = name or str(path)
    text = _read_text(path, where)
    rows: list[InputRow] = []
    for number, line in enumerate(text.splitlines(), start=1):
        value = _clean(line)
        if value is None or value.startswith("#"):
            continue
        if len(value) > MAX_FIELD_CHARS:
            raise InputError(
                _("{where}, row {row}: a line of {chars} characters (at most {max_chars})").format(
                    where=where,
                    row=number,
                    chars=f"{len(value):,}",
                    max_chars=f"{MAX_FIELD_CHARS:,}",
                ),
                hint=_("the file looks broken or is not a list of slugs or addresses"),
            )
        if looks_like_address(value):
            rows.append(InputRow(where, number, address=value))
        else:
            rows.append(InputRow(where, number, slug=value))
    return rows


def read_input(path: Path) -> list[InputRow]:
    """Rows of one input file, its format told by the suffix (or its first bytes)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in OLD_EXCEL_SUFFIXES:
        raise InputError(
            _("{path}: {suffix} files are not read").format(path=path, suffix=suffix),
            hint=_("save the sheet as .xlsx or as CSV UTF-8"),
        )
    if suffix in XLSX_SUFFIXES:
        return read_xlsx(path)
    if suffix in JSONL_SUFFIXES:
        return read_jsonl(path)
    if suffix in CSV_SUFFIXES:
        return read_csv(path)
    head = _read_bytes(path)[:4]
    if head.startswith(ZIP_MAGIC):
        return read_xlsx(path)
    return read_text_lines(path)


def read_inputs(inputs: Iterable[str | Path]) -> list[InputRow]:
    """Rows from files and command-line slugs/addresses, in the order given."""
    rows: list[InputRow] = []
    arg_number = 0
    for item in inputs:
        text = str(item)
        path = Path(text).expanduser()
        if _is_existing(path):
            rows.extend(read_input(path))
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
                hint=_("give a CSV, XLSX, JSON Lines or text file, or a slug such as batsenin"),
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
    known = CSV_SUFFIXES | XLSX_SUFFIXES | JSONL_SUFFIXES | OLD_EXCEL_SUFFIXES | {".txt"}
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
