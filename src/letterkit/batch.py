"""Batch printing (issue 6): many envelopes, label sheets, reply kits and profiles in one PDF.

The library behind ``letterkit batch``; usable from Python without the CLI:

    >>> from letterkit import batch
    >>> rows = batch.read_inputs(["guests.csv", "batsenin"])
    >>> result = batch.run_batch(rows, batch.BatchJob(envelope="DL", sender=sender))
    >>> result.pages, [p.describe() for p in result.problems]

Input rows (cli.md § Input rows): CSV (UTF-8 with or without BOM, or Windows-1251;
``,`` or ``;``, detected automatically), XLSX (first sheet), JSON Lines, plain text (one
slug or address per line), slugs on the command line, or every writable known person
(:func:`all_people_rows`). A malformed *file* raises :class:`InputError` naming the
file, row and column; a bad *row* (unknown slug, unprintable address, a count that is
not a number, a text that does not fit) becomes a :class:`RowProblem` and is skipped,
unless the job is strict.

Speed: fonts are registered, renderers built and layouts fitted once per batch; repeated
recipients and senders reuse their fitted layout (issue 6 § Speed).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from letterkit.errors import InputError, LetterkitError
from letterkit.i18n import _

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from letterkit.models import Address, Prisoner, Sender
    from letterkit.render.envelope import EnvelopeContent
    from letterkit.store import Store
    from letterkit.writing import Target

# Column / key names, Russian or English, case-insensitive (cli.md § Input rows).
COLUMN_NAMES: dict[str, str] = {
    "slug": "slug",
    "address": "address",
    "адрес": "address",
    "name": "name",
    "фио": "name",
    "count": "count",
    "количество": "count",
    "sender": "sender",
    "отправитель": "sender",
    "source": "source",
    "источник": "source",
}
COLUMNS = ("slug", "address", "name", "count", "sender", "source")

# Choice: no real address, name or sender comes near this; a longer cell means a
# broken export (a whole document pasted into a cell, a binary file read as text).
MAX_FIELD_CHARS = 2000
# Choice: more copies of one envelope than this is a typo (1000 instead of 10).
MAX_COPIES = 100
# Issue 6: a progress bar on anything over about 50 items.
PROGRESS_THRESHOLD = 50

CSV_SUFFIXES = frozenset({".csv", ".tsv"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".lst", ""})
OLD_EXCEL_SUFFIXES = frozenset({".xls", ".ods", ".numbers"})

COMMAND_LINE = "command line"
ALL_PEOPLE = "--all"


# ------------------------------------------------------------------------------- rows


@dataclass
class InputRow:
    """One data row as read, before lookup. ``number`` is 1-based, header not counted."""

    source: str  # file name, "command line" or "--all"
    number: int
    slug: str | None = None
    address: str | None = None
    name: str | None = None
    count: str | None = None
    sender: str | None = None
    source_url: str | None = None

    @property
    def where(self) -> str:
        return _("{source}, row {row}").format(source=source_label(self.source), row=self.number)


@dataclass(frozen=True)
class RowProblem:
    """Why a row was skipped: the row, the column (None: the row as a whole), the message."""

    source: str
    row: int
    column: str | None
    message: str

    def describe(self) -> str:
        source = source_label(self.source)
        if self.column:
            return _("{source}, row {row}, column {column}: {message}").format(
                source=source, row=self.row, column=self.column, message=self.message
            )
        return _("{source}, row {row}: {message}").format(
            source=source, row=self.row, message=self.message
        )


def source_label(source: str) -> str:
    """A row's source for messages: the file name, or "command line" in the interface language."""
    return _("command line") if source == COMMAND_LINE else source


def _clean(value: Any) -> str | None:
    """A cell as a stripped string, None when empty. Numbers from XLSX lose their '.0'."""
    if value is None:
        return None
    if isinstance(value, bool):
        text = str(value)
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, dt.datetime | dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    text = " ".join(text.replace("\ufeff", "").split())
    return text or None


def _header_map(cells: Sequence[Any], where: str) -> list[str | None]:
    """Column names → canonical keys; None for an empty header cell."""
    keys: list[str | None] = []
    seen: dict[str, str] = {}
    known = ", ".join(sorted(COLUMN_NAMES))
    for index, cell in enumerate(cells, start=1):
        name = _clean(cell)
        if name is None:
            keys.append(None)
            continue
        key = COLUMN_NAMES.get(name.casefold())
        if key is None:
            if not any(COLUMN_NAMES.get((_clean(c) or "").casefold()) for c in cells):
                raise InputError(
                    _(
                        "{where}: the first row is not a header (found «{name}» in column {column})"
                    ).format(where=where, name=_short(name), column=index),
                    hint=_(
                        "add a header row naming the columns, e.g. slug;address;count (known: {known})"
                    ).format(known=known),
                )
            raise InputError(
                _("{where}: unknown column «{name}» (column {column})").format(
                    where=where, name=_short(name), column=index
                ),
                hint=_("rename or delete it; known columns: {known}").format(known=known),
            )
        if key in seen:
            raise InputError(
                _("{where}: the columns «{first}» and «{second}» both mean '{key}'").format(
                    where=where, first=seen[key], second=name, key=key
                ),
                hint=_("keep only one of them"),
            )
        seen[key] = name
        keys.append(key)
    if not seen:
        raise InputError(
            _("{where}: the header row is empty").format(where=where),
            hint=_(
                "the first row must name the columns, e.g. slug;address;count (known: {known})"
            ).format(known=known),
        )
    if "slug" not in seen and "address" not in seen:
        raise InputError(
            _("{where}: there is neither a slug nor an address column").format(where=where),
            hint=_("a row needs a slug (e.g. batsenin) or a full published address"),
        )
    return keys


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _make_row(
    source: str, number: int, keys: Sequence[str | None], cells: Sequence[Any], where: str
) -> InputRow | None:
    """A row from cells under a header; None for an empty row."""
    values: dict[str, str | None] = {}
    for index, cell in enumerate(cells):
        key = keys[index] if index < len(keys) else None
        text = _clean(cell)
        if text is not None and len(text) > MAX_FIELD_CHARS:
            column = key or f"#{index + 1}"
            raise InputError(
                _(
                    "{where}, row {row}, column {column}: a cell of {chars} characters "
                    "(at most {max_chars})"
                ).format(
                    where=where,
                    row=number,
                    column=column,
                    chars=f"{len(text):,}",
                    max_chars=f"{MAX_FIELD_CHARS:,}",
                ),
                hint=_("the file looks broken or is not the list of addresses; check that row"),
            )
        if key is None:
            if text is not None:
                raise InputError(
                    _("{where}, row {row}: a value in column {column}, which has no header").format(
                        where=where, row=number, column=index + 1
                    ),
                    hint=_(
                        "give the column a name (slug, address, name, count, sender, source) "
                        "or delete it"
                    ),
                )
            continue
        values[key] = text
    if not any(values.values()):
        return None
    return InputRow(
        source=source,
        number=number,
        slug=values.get("slug"),
        address=values.get("address"),
        name=values.get("name"),
        count=values.get("count"),
        sender=values.get("sender"),
        source_url=values.get("source"),
    )


# ---------------------------------------------------------------------------- readers


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


# Windows-1251 characters outside the Cyrillic letters that real address lists contain.
_CP1251_OK = frozenset("«»—–№„“”‘’…•·°ЁёІіЇїЄєЎўЈјЅѕЂђЃѓЉљЊњЌќЋћЏџҐґ€‚")


# A Cyrillic letter encoded as UTF-8 (А-я, Ё, ё).
_UTF8_CYRILLIC = re.compile(rb"\xd0[\x81\x90-\xbf]|\xd1[\x80-\x8f\x91]")


def decode_text(raw: bytes, where: str) -> str:
    """UTF-8 (with or without BOM), else Windows-1251; anything else is an InputError."""
    hint = _("save it as «CSV UTF-8» (Excel: File → Save As → CSV UTF-8)")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            _("{where} is UTF-16 text, which letterkit does not read").format(where=where),
            hint=hint,
        )
    if raw.startswith(b"PK\x03\x04"):
        raise InputError(
            _("{where} is a ZIP/XLSX file, not text").format(where=where),
            hint=_("name it .xlsx, or export it as CSV"),
        )
    if b"\x00" in raw:
        raise InputError(_("{where} is a binary file, not text").format(where=where), hint=hint)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Cyrillic in valid UTF-8 before the first invalid byte: two encodings mixed
        # in one file (a real Windows-1251 file fails at its first Cyrillic letter).
        if _UTF8_CYRILLIC.search(raw, 0, exc.start):
            line = raw[: exc.start].count(b"\n") + 1
            raise InputError(
                _("{where} mixes UTF-8 with another encoding (line {line} is not UTF-8)").format(
                    where=where, line=line
                ),
                hint=hint,
            ) from None
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError as exc:
        raise InputError(
            _("{where} is neither UTF-8 nor Windows-1251 text (byte {byte})").format(
                where=where, byte=exc.start + 1
            ),
            hint=hint,
        ) from None
    high = [ch for ch in text if ord(ch) > 127]
    odd = [ch for ch in high if not ("А" <= ch <= "я") and ch not in _CP1251_OK]
    if high and len(odd) > max(3, len(high) // 20):
        raise InputError(
            _("{where} is neither UTF-8 nor Windows-1251 text (it decodes to «{text}»)").format(
                where=where, text=_short("".join(odd[:12]))
            ),
            hint=hint,
        )
    return text


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
    import csv

    where = name or str(path)
    text = decode_text(_read_bytes(path), where)
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
    import zipfile

    where = name or str(path)
    raw = _read_bytes(path)
    if not raw.startswith(b"PK\x03\x04"):
        raise InputError(
            _("{where} is not an XLSX workbook (it may be damaged, or an old .xls file)").format(
                where=where
            ),
            hint=_("open it in a spreadsheet program and save it as .xlsx or CSV UTF-8"),
        )
    try:
        import io

        from openpyxl import load_workbook

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
    import json

    where = name or str(path)
    text = decode_text(_read_bytes(path), where)
    rows: list[InputRow] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                _("{where}, row {row}: not valid JSON ({reason}, character {column})").format(
                    where=where, row=number, reason=exc.msg, column=exc.colno
                ),
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
    from letterkit.writing import looks_like_address

    where = name or str(path)
    text = decode_text(_read_bytes(path), where)
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
    if head.startswith(b"PK\x03\x04"):
        return read_xlsx(path)
    return read_text_lines(path)


def read_inputs(inputs: Iterable[str | Path]) -> list[InputRow]:
    """Rows from files and command-line slugs/addresses, in the order given."""
    from letterkit.records import is_valid_slug
    from letterkit.writing import looks_like_address

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
    from letterkit import directory

    people = directory.birthday_targets(store.people(), within_days, today)
    return [InputRow("--birthdays-within", i, slug=p.slug) for i, p in enumerate(people, 1)]


# ------------------------------------------------------------------------- resolution


@dataclass
class BatchItem:
    """A good row: whom to write to, how many envelopes, from whom."""

    row: InputRow
    target: Target
    copies: int
    sender: Sender | None
    content: EnvelopeContent | None = None

    @property
    def key(self) -> tuple:
        """Same person and same sender: a duplicate."""
        if self.target.prisoner is not None:
            who: tuple = ("slug", self.target.prisoner.slug)
        else:
            # The same person at the same postcode, with or without the birth year.
            address = self.target.address
            name = address.recipient.dative.casefold() if address.recipient else ""
            who = ("address", name, address.postcode or "")
        return (who, tuple(self.sender.lines) if self.sender else ())

    @property
    def label(self) -> str:
        return self.target.slug


@dataclass
class BatchJob:
    """What to print. ``sender`` is the default return address (``--sender`` / profile)."""

    envelope: str = "DL"
    labels: str | None = None
    start: int = 1
    copies: int = 1
    reply_kit: bool = False
    profiles: bool = False
    letters: str | None = None
    strict: bool = False
    sender: Sender | None = None
    sender_country: str = "RU"
    date: dt.date | None = None
    offset_mm: tuple[float, float] = (0.0, 0.0)

    def validate(self) -> None:
        from letterkit.render.geometry import envelope_size

        envelope_size(self.envelope)
        if self.copies < 1 or self.copies > MAX_COPIES:
            raise InputError(
                _("--copies must be between 1 and {max}").format(max=MAX_COPIES),
                hint=_("e.g. --copies 2"),
            )
        if self.start < 1:
            raise InputError(
                _("--start must be 1 or more"), hint=_("--start 5 begins at the fifth label")
            )
        if self.labels is None and self.start != 1:
            raise InputError(
                _("--start only applies to label sheets"),
                hint=_("add --labels L7160, or drop --start"),
            )
        if self.labels is not None:
            from letterkit.render.labels import sheet_spec

            spec = sheet_spec(self.labels)
            for flag, used in (
                ("--reply-kit", self.reply_kit),
                ("--profiles", self.profiles),
                ("--letters", self.letters is not None),
            ):
                if used:
                    raise InputError(
                        _("{flag} cannot be combined with --labels").format(flag=flag),
                        hint=_(
                            "label mode prints label sheets only; "
                            "run batch a second time without --labels"
                        ),
                    )
            if self.start > spec.per_sheet:
                raise InputError(
                    _("--start {start} is beyond the {count} labels of a {sheet} sheet").format(
                        start=self.start, count=spec.per_sheet, sheet=spec.token
                    ),
                    hint=_("use a number from 1 to {max}").format(max=spec.per_sheet),
                )
        if self.reply_kit:
            from letterkit.render.replykit import reply_envelope_for

            reply_envelope_for(self.envelope)  # refuses a combination that does not fit


@dataclass(frozen=True)
class Section:
    """A run of pages of one kind, for the summary (print ranges on the right paper)."""

    title: str
    first: int
    last: int

    @property
    def pages(self) -> int:
        return self.last - self.first + 1


@dataclass
class BatchResult:
    items: list[BatchItem]
    problems: list[RowProblem]
    notes: list[str]
    pages: int
    sections: list[Section] = field(default_factory=list)
    pdf: bytes | None = None
    rows_read: int = 0

    @property
    def envelopes(self) -> int:
        return sum(item.copies for item in self.items)

    @property
    def distinct_people(self) -> int:
        return len({item.key[0] for item in self.items})


ProgressCallback = Callable[[str, int, int], None]


def _count(row: InputRow, default: int) -> int:
    if row.count is None:
        return default
    text = row.count.strip()
    try:
        value = int(float(text)) if "." in text and float(text).is_integer() else int(text)
    except ValueError:
        raise _RowError(
            "count", _("«{value}» is not a whole number").format(value=_short(text))
        ) from None
    if value < 1 or value > MAX_COPIES:
        raise _RowError(
            "count", _("{value} is not between 1 and {max}").format(value=value, max=MAX_COPIES)
        )
    return value


class _RowError(Exception):
    def __init__(self, column: str | None, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def _row_sender(row: InputRow, job: BatchJob) -> Sender | None:
    if row.sender is None:
        return job.sender
    from letterkit.models import Sender

    sender = Sender.parse(row.sender, job.sender_country)
    if not sender.lines:
        return job.sender
    return sender


def _address_text(row: InputRow) -> str:
    """The published line; a ``name`` column is added when the line lacks the name."""
    text = row.address or ""
    if row.name:
        first_word = row.name.split()[0].casefold()
        stem = first_word[: max(4, len(first_word) - 2)]
        if stem not in text.casefold():
            text = f"{text}, {row.name}"
    return text


def resolve_row(row: InputRow, job: BatchJob, store: Store, notes: list[str]) -> BatchItem:
    """One row → a BatchItem; raises ``_RowError`` for a bad row."""
    from letterkit.writing import resolve_target

    copies = _count(row, job.copies)
    target: Target | None = None
    if row.slug:
        try:
            target = resolve_target(row.slug, store) if not _is_address(row.slug) else None
        except LetterkitError as exc:
            if not row.address:
                raise _RowError("slug", exc.message) from None
            notes.append(
                _("{where}: {message}; using the address column instead").format(
                    where=row.where, message=exc.message
                )
            )
        if target is None and not row.address:
            raise _RowError("slug", _("«{value}» is not a slug").format(value=_short(row.slug)))
        if target is not None and row.name and target.prisoner is not None:
            surname = target.prisoner.last.casefold()
            if surname[: max(4, len(surname) - 2)] not in row.name.casefold():
                notes.append(
                    _(
                        "{where}: the name «{name}» does not match the record "
                        "'{slug}' ({person}); the record was used"
                    ).format(
                        where=row.where,
                        name=_short(row.name),
                        slug=target.slug,
                        person=target.prisoner.nominative,
                    )
                )
    if target is None:
        if not row.address:
            raise _RowError(None, _("the row has neither a slug nor an address"))
        target = _resolve_address(_address_text(row))
    sender = _row_sender(row, job)
    for warning in target.address.warnings:
        if warning.code != "missing-birth-year" or target.prisoner is None:
            notes.append(f"{row.where}: {warning.message}")
    return BatchItem(row=row, target=target, copies=copies, sender=sender)


def _resolve_address(text: str) -> Target:
    """A published address line → Target; ``_RowError`` naming what makes it unprintable."""
    from letterkit.address.parse import parse_address
    from letterkit.address.validate import BLOCKING_CODES
    from letterkit.names import slugify
    from letterkit.writing import Target

    try:
        address = parse_address(text)
    except LetterkitError as exc:
        raise _RowError("address", exc.message) from None
    if not address.printable:
        blocking = [
            w.message
            for w in address.warnings
            if w.code in BLOCKING_CODES
            or (w.code.startswith("missing") and w.code != "missing-birth-year")
        ]
        raise _RowError(
            "address",
            _("cannot be printed: {reasons}").format(
                reasons="; ".join(blocking or [_("the address is incomplete")])
            ),
        )
    last = address.recipient.last if address.recipient else None
    return Target(slug=(slugify(last) if last else "") or "letter", address=address)


def _is_address(text: str) -> bool:
    from letterkit.writing import looks_like_address

    return looks_like_address(text)


def resolve_rows(
    rows: Sequence[InputRow],
    job: BatchJob,
    store: Store | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[list[BatchItem], list[RowProblem], list[str]]:
    """Look every row up; bad rows become problems (or an InputError when strict)."""
    from letterkit.store import Store as StoreClass

    store = store or StoreClass()
    items: list[BatchItem] = []
    problems: list[RowProblem] = []
    notes: list[str] = []
    first_seen: dict[tuple, InputRow] = {}
    total = len(rows)
    for done, row in enumerate(rows, start=1):
        try:
            item = resolve_row(row, job, store, notes)
        except _RowError as exc:
            problem = RowProblem(row.source, row.number, exc.column, exc.message)
            if job.strict:
                raise strict_error(problem) from None
            problems.append(problem)
        else:
            earlier = first_seen.get(item.key)
            if earlier is not None:
                notes.append(
                    _("{where} repeats {earlier} ({label}); printed again").format(
                        where=row.where, earlier=earlier.where, label=item.label
                    )
                )
            else:
                first_seen[item.key] = row
            items.append(item)
        if progress is not None:
            progress("check", done, total)
    return items, problems, notes


class NothingToPrint(InputError):
    """Every row was bad: nothing to write (exit 1); ``problems`` says why."""

    def __init__(self, rows: int, problems: list[RowProblem]) -> None:
        super().__init__(
            _("none of the {rows} rows can be printed; nothing was written").format(rows=rows),
            hint=_("fix the rows listed above") if problems else None,
        )
        self.problems = problems


def strict_error(problem: RowProblem) -> InputError:
    return InputError(
        _("{problem}; nothing was written (--strict)").format(problem=problem.describe()),
        hint=_("fix that row, or run without --strict to skip bad rows"),
    )


# -------------------------------------------------------------------------- rendering


_CACHED_CLASS: Any = None


def cached_envelope_renderer(size: str, offset_mm: tuple[float, float] = (0.0, 0.0)) -> Any:
    """An :class:`EnvelopeRenderer` that fits each distinct recipient / sender block once."""
    return _cached_renderer_class()(size, offset_mm)


def _cached_renderer_class() -> Any:
    global _CACHED_CLASS
    if _CACHED_CLASS is None:
        from letterkit.render.envelope import EnvelopeRenderer

        class _Cached(EnvelopeRenderer):
            def __init__(self, size: str, offset_mm: tuple[float, float] = (0.0, 0.0)) -> None:
                super().__init__(size, offset_mm)
                self._recipients: dict[tuple, Any] = {}
                self._senders: dict[tuple, Any] = {}

            def fit_recipient(self, content):  # type: ignore[no-untyped-def]
                key = (
                    tuple(content.recipient),
                    tuple(content.recipient_fields or ()),
                    content.postcode,
                )
                fitted = self._recipients.get(key)
                if fitted is None:
                    fitted = self._recipients[key] = super().fit_recipient(content)
                return fitted

            def fit_sender(self, content):  # type: ignore[no-untyped-def]
                key = tuple(content.sender)
                if key not in self._senders:
                    self._senders[key] = super().fit_sender(content)
                return self._senders[key]

        _CACHED_CLASS = _Cached
    return _CACHED_CLASS


def _content(item: BatchItem) -> EnvelopeContent:
    if item.content is None:
        from letterkit.render.envelope import envelope_content

        item.content = envelope_content(item.target.address, item.sender)
    return item.content


class _Pages:
    """Counts pages and sections on a shared canvas."""

    def __init__(self, canvas: Canvas | None) -> None:
        self.canvas = canvas
        self.count = 0
        self.sections: list[Section] = []
        self._open: tuple[str, int] | None = None

    def begin(self, title: str) -> None:
        self.end()
        self._open = (title, self.count + 1)

    def end(self) -> None:
        if self._open is not None and self.count >= self._open[1]:
            self.sections.append(Section(self._open[0], self._open[1], self.count))
        self._open = None

    def page(self, size: tuple[float, float]) -> Canvas | None:
        """Start a page of ``size``; call :meth:`done` after drawing it."""
        if self.canvas is not None:
            self.canvas.setPageSize(size)
        return self.canvas

    def done(self) -> None:
        if self.canvas is not None:
            self.canvas.showPage()
        self.count += 1


def _layout_problem(item: BatchItem, exc: LetterkitError, what: str) -> RowProblem:
    return RowProblem(item.row.source, item.row.number, what, exc.message)


def prefit(
    items: list[BatchItem], job: BatchJob, renderers: dict[str, Any]
) -> tuple[list[BatchItem], list[RowProblem]]:
    """Fit every block before drawing anything; a row whose text cannot fit is skipped."""
    good: list[BatchItem] = []
    problems: list[RowProblem] = []
    for item in items:
        try:
            if job.labels is not None:
                renderers["labels"].fit(item.target.address)
            else:
                content = _content(item)
                renderers["envelope"].fit_recipient(content)
                renderers["envelope"].fit_sender(content)
                if job.reply_kit:
                    renderers["reply"].fit(item.target, item.sender)
        except LetterkitError as exc:
            problem = _layout_problem(item, exc, "address")
            if job.strict:
                raise strict_error(problem) from None
            problems.append(problem)
            continue
        good.append(item)
    return good, problems


def _check_reply_senders(items: Sequence[BatchItem]) -> None:
    missing = [item for item in items if item.sender is None or not item.sender.lines]
    if missing:
        rows = ", ".join(item.row.where for item in missing[:5])
        if len(missing) > 5:
            message = _(
                "--reply-kit needs your return address, and there is none for {rows} "
                "and {more} more"
            ).format(rows=rows, more=len(missing) - 5)
        else:
            message = _(
                "--reply-kit needs your return address, and there is none for {rows}"
            ).format(rows=rows)
        raise InputError(
            message,
            hint=_(
                'give --sender "Name; street; town; postcode", a sender column, '
                "or save one with 'letterkit sender set'"
            ),
        )


def _letter_bodies(items: Sequence[BatchItem], job: BatchJob) -> list[str]:
    from letterkit.writing import letter_body

    date = job.date or dt.date.today()
    return [letter_body(item.target, item.sender, date, template=job.letters) for item in items]


def render_pdf(
    items: list[BatchItem],
    job: BatchJob,
    renderers: dict[str, Any],
    *,
    draw: bool = True,
    progress: ProgressCallback | None = None,
) -> tuple[bytes | None, int, list[Section]]:
    """Draw the whole batch on one canvas; with ``draw=False`` only count the pages."""
    from letterkit.render import geometry as g

    canvas = buffer = None
    if draw:
        from letterkit.render.pdf import new_canvas

        canvas, buffer = new_canvas((g.A4_MM[0] * g.MM, g.A4_MM[1] * g.MM), "Letterkit batch")
    pages = _Pages(canvas)
    total = sum(item.copies for item in items)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress("draw", done, total)

    if job.labels is not None:
        labels = renderers["labels"]
        addresses = [item.target.address for item in items for _copy in range(item.copies)]
        pages.begin(_("{sheet} label sheets").format(sheet=labels.spec.token))
        labels.draw_sheets(pages, addresses, job.start, on_label=tick)
        pages.end()
    else:
        envelope = renderers["envelope"]
        pages.begin(_("{size} envelopes").format(size=envelope.size.name))
        for item in items:
            content = _content(item)
            for _copy in range(item.copies):
                c = pages.page(envelope.pagesize)
                if c is not None:
                    envelope.draw(c, content)
                pages.done()
                tick()
        pages.end()
        if job.reply_kit:
            reply = renderers["reply"]
            pages.begin(
                _("{size} reply envelopes (fold once)").format(size=reply.size_name)
                if reply.folded
                else _("{size} reply envelopes").format(size=reply.size_name)
            )
            for item in items:
                for _copy in range(item.copies):
                    c = pages.page(reply.pagesize)
                    if c is not None:
                        reply.draw_envelope(c, item.target, item.sender)
                    pages.done()
            pages.end()
        if job.letters is not None or job.reply_kit:
            pages.begin(
                "A4 letters and reply sheets"
                if job.letters and job.reply_kit
                else "A4 letters"
                if job.letters
                else "A4 reply sheets"
            )
            bodies = _letter_bodies(items, job) if job.letters is not None else None
            letter = renderers.get("letter")
            for index, item in enumerate(items):
                for _copy in range(item.copies):
                    if bodies is not None:
                        letter.draw(pages, bodies[index], item.sender)
                    if job.reply_kit:
                        c = pages.page(renderers["reply"].sheet_size)
                        if c is not None:
                            renderers["reply"].draw_sheet(c, item.target, item.sender)
                        pages.done()
            pages.end()
        if job.profiles:
            profiles = renderers["profiles"]
            pages.begin("A4 profile sheets")
            for target in distinct_targets(items):
                c = pages.page(profiles.pagesize)
                if c is not None:
                    profiles.draw(c, target)
                pages.done()
            pages.end()
    pdf = None
    if canvas is not None and buffer is not None:
        from letterkit.render.pdf import finish

        pdf = finish(canvas, buffer)
    return pdf, pages.count, pages.sections


def distinct_targets(items: Sequence[BatchItem]) -> list[Target]:
    """One target per distinct person, in order of first appearance."""
    seen: set[tuple] = set()
    out: list[Target] = []
    for item in items:
        key = item.key[0]
        if key not in seen:
            seen.add(key)
            out.append(item.target)
    return out


def build_renderers(job: BatchJob) -> dict[str, Any]:
    """Everything that does not change between pages, built once per batch."""
    renderers: dict[str, Any] = {}
    if job.labels is not None:
        from letterkit.render.labels import LabelSheetRenderer

        renderers["labels"] = LabelSheetRenderer(job.labels, job.offset_mm)
        return renderers
    renderers["envelope"] = cached_envelope_renderer(job.envelope, job.offset_mm)
    if job.reply_kit:
        from letterkit.render.replykit import ReplyKitRenderer

        renderers["reply"] = ReplyKitRenderer(job.envelope, job.offset_mm)
    if job.letters is not None:
        from letterkit.render.batchletter import LetterDrawer

        renderers["letter"] = LetterDrawer(job.date or dt.date.today())
    if job.profiles:
        from letterkit.render.profiles import ProfileRenderer

        renderers["profiles"] = ProfileRenderer()
    return renderers


def run_batch(
    rows: Sequence[InputRow],
    job: BatchJob,
    *,
    store: Store | None = None,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
) -> BatchResult:
    """Resolve, validate and render a batch. Writes nothing: the caller saves ``pdf``.

    Bad rows are skipped and listed in ``problems`` (strict: the first one raises
    :class:`InputError`). No good row at all is an :class:`InputError`. With
    ``dry_run`` every layout is still fitted, but no PDF is drawn.
    """
    job.validate()
    if not rows:
        raise InputError(_("the input has no rows"), hint=_("add at least one slug or address"))
    if job.letters is not None:
        from letterkit import guidance, paths

        names = {info.name for info in guidance.list_templates([paths.user_templates_dir()])}
        if job.letters not in names and not job.letters.endswith(".j2"):
            from letterkit.errors import NotFoundError

            raise NotFoundError(
                _("no letter template '{name}'").format(name=job.letters),
                hint=_("available templates: {names}").format(names=", ".join(sorted(names))),
            )
    items, problems, notes = resolve_rows(rows, job, store, progress)
    if job.reply_kit:
        _check_reply_senders(items)
    renderers = build_renderers(job)
    items, layout_problems = prefit(items, job, renderers)
    problems.extend(layout_problems)
    problems.sort(key=lambda p: _row_order(rows, p))
    if not items:
        raise NothingToPrint(len(rows), problems)
    pdf, pages, sections = render_pdf(items, job, renderers, draw=not dry_run, progress=progress)
    return BatchResult(items, problems, notes, pages, sections, pdf, rows_read=len(rows))


def _row_order(rows: Sequence[InputRow], problem: RowProblem) -> tuple[int, int]:
    for index, row in enumerate(rows):
        if row.source == problem.source and row.number == problem.row:
            return (index, 0)
    return (len(rows), problem.row)


def expected_pages(result: BatchResult, job: BatchJob, letter_pages: int = 0) -> int:
    """The page count the contract promises (issue 6 § Page count), for checks and tests."""
    if job.labels is not None:
        from letterkit.render.labels import sheet_spec

        per_sheet = sheet_spec(job.labels).per_sheet
        return math.ceil((job.start - 1 + result.envelopes) / per_sheet)
    pages = result.envelopes
    if job.reply_kit:
        pages += 2 * result.envelopes
    if job.profiles:
        pages += result.distinct_people
    return pages + letter_pages


# ----------------------------------------------------------------- Python entry point


def render_envelopes(
    targets: Iterable[Target | Address | Prisoner | str],
    sender: Sender | None = None,
    size: str = "DL",
    *,
    offset_mm: tuple[float, float] = (0.0, 0.0),
    store: Store | None = None,
) -> bytes:
    """Many envelopes in one PDF, without the CLI (benchmarks, scripts).

    ``targets`` may be :class:`~letterkit.writing.Target` objects, validated
    :class:`~letterkit.models.Address` objects, :class:`~letterkit.models.Prisoner`
    records or slugs / published address lines. Raises on the first bad one.
    """
    from letterkit.models import Address, Prisoner
    from letterkit.render.envelope import envelope_content
    from letterkit.render.pdf import finish, new_canvas
    from letterkit.writing import Target, resolve_target

    renderer = cached_envelope_renderer(size, offset_mm)
    canvas, buffer = new_canvas(renderer.pagesize, "Envelopes")
    contents: dict[int, tuple[Address, EnvelopeContent]] = {}  # keeps each address alive
    for target in targets:
        if isinstance(target, str):
            if store is None:
                from letterkit.store import Store as StoreClass

                store = StoreClass()
            target = resolve_target(target, store)
        if isinstance(target, Target):
            address = target.address
        elif isinstance(target, Prisoner):
            if target.address is None or not target.address.printable:
                raise InputError(
                    _("there is no usable postal address for '{slug}'").format(slug=target.slug)
                )
            address = target.address
        elif isinstance(target, Address):
            address = target
        else:
            raise TypeError(f"cannot print an envelope for {type(target).__name__}")
        cached = contents.get(id(address))
        if cached is None:
            cached = contents[id(address)] = (address, envelope_content(address, sender))
        content = cached[1]
        renderer.draw(canvas, content)
        canvas.showPage()
    return finish(canvas, buffer)
