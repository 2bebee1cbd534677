"""The evening page of ``letterkit serve``: a spreadsheet in, the evening's PDFs out.

The upload is read the way ``letterkit batch FILE`` reads it: the file is written to a
private temporary directory (``tempfile.mkdtemp``: mode 0700, removed as soon as it is
read), read by :func:`letterkit.batch.read_input` (its formats, its size and row limits,
its messages), and printed by :func:`letterkit.batch.run_batch` with a
:class:`~letterkit.batch.BatchJob` built from the same options ``batch`` takes. The
PDFs are byte-identical to ``letterkit batch FILE --sender … --date …`` and split by
paper size exactly when ``batch`` splits them.

Nothing is saved: the upload and the PDFs of the last few evenings are kept in memory
only (so the downloads and a second run with other options need no new upload) and are
gone when the server stops.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import secrets
import shutil
import stat
import tempfile
import zipfile
from collections import OrderedDict
from collections.abc import AsyncGenerator, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request
from starlette.responses import Response

from letterkit import batch, directory, paths
from letterkit.address.parse import parse_address
from letterkit.dates import next_birthday, russian_day_month, send_by
from letterkit.errors import InputError, LetterkitError
from letterkit.guidance import list_templates
from letterkit.i18n import _
from letterkit.international import validate_country
from letterkit.models import Sender
from letterkit.profile import load_profile, resolve_sender
from letterkit.records import is_valid_slug
from letterkit.render.geometry import DEFAULT_ENVELOPE, ENVELOPE_SIZES
from letterkit.render.labels import sheet_specs
from letterkit.writing import parse_fields

# The upload: the file batch would read (batch.MAX_FILE_BYTES) and the form around it.
MAX_FORM_FIELDS = 40
FORM_OVERHEAD_BYTES = 1_000_000
MAX_UPLOAD_BYTES = batch.MAX_FILE_BYTES + FORM_OVERHEAD_BYTES
MAX_FILE_MB = batch.MAX_FILE_BYTES // 2**20
MAX_NAME_CHARS = 120  # an uploaded file's name, as shown in the row messages
KEPT_EVENINGS = 3  # evenings kept in memory for their downloads (oldest dropped first)
OUTPUT_STEM = "letterkit-batch"  # as `letterkit batch` names its --output by default
NO_LABELS = ""
BIRTHDAY_SOURCE = "--birthdays-within"  # the source of batch.birthday_rows' rows


# The evening form's fields, by the `letterkit batch` option a message names.
OPTION_FIELDS = {
    "--copies": "copies",
    "--start": "start",
    "--labels": "labels",
    "--return-labels": "return_labels",
    "--reply-kit": "reply_kit",
    "--profiles": "profiles",
    "--letters": "letters",
    "--field": "fields",
    "--envelope": "envelope",
    "--birthdays-within": "birthdays",
    "--sender-country": "country",
    "--sender": "sender",
}
_OPTION = re.compile(r"--[a-z][a-z-]*")


@contextlib.contextmanager
def about_field(name: str) -> Iterator[None]:
    """An error raised inside is about the form's field ``name`` (the page shows it there)."""
    try:
        yield
    except LetterkitError as exc:
        if getattr(exc, "field", None) is None:
            exc.field = name  # type: ignore[attr-defined]
        raise


def error_field(error: LetterkitError | None) -> str | None:
    """The field an error is about: set by :func:`about_field`, else the first batch option
    its message names (batch's checks name the option they refuse)."""
    if error is None:
        return None
    named = getattr(error, "field", None)
    if named is not None:
        return named
    for option in _OPTION.findall(error.message):
        if option in OPTION_FIELDS:
            return OPTION_FIELDS[option]
    return None


class UploadTooLarge(Exception):
    """The request body is over :data:`MAX_UPLOAD_BYTES`."""


class _InMemoryParser(MultiPartParser):
    """Starlette's multipart parser, keeping the file in memory (never in the system's
    temporary directory): the only copy on disk is the one in the private directory."""

    spool_max_size = MAX_UPLOAD_BYTES


async def read_upload(request: Request, limit: int = MAX_UPLOAD_BYTES) -> FormData:
    """The multipart form of an upload, refused past ``limit`` bytes even when the
    browser sends no ``Content-Length``."""

    async def capped() -> AsyncGenerator[bytes, None]:
        total = 0
        async for chunk in request.stream():
            total += len(chunk)
            if total > limit:
                raise UploadTooLarge
            yield chunk

    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        return await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
    parser = _InMemoryParser(
        request.headers, capped(), max_files=1, max_fields=MAX_FORM_FIELDS, max_part_size=limit
    )
    try:
        return await parser.parse()
    except MultiPartException as exc:
        raise InputError(
            _("the upload cannot be read ({reason})").format(reason=exc.message),
            hint=_("choose the file again and press the button once"),
        ) from None


def too_large_error() -> InputError:
    return InputError(
        _("the file is too large: at most {max} MB is read").format(max=MAX_FILE_MB),
        hint=_("split the list into smaller files"),
    )


# --------------------------------------------------------------------------------------
# Reading the upload as `batch` reads a file


def safe_name(filename: str | None) -> str:
    """The uploaded file's own name (no folders), as the row messages will name it."""
    name = Path((filename or "").replace("\\", "/")).name.strip()
    name = "".join(c for c in name if c.isprintable())
    if name in ("", ".", ".."):
        name = "upload.csv"
    if len(name) > MAX_NAME_CHARS:
        stem, suffix = os.path.splitext(name)
        name = stem[: MAX_NAME_CHARS - len(suffix)] + suffix
    return name


def read_rows(
    name: str, raw: bytes, notes: list[str], columns: Mapping[str, str] | None = None
) -> list[batch.InputRow]:
    """The rows of an uploaded file, read by :func:`batch.read_input` from a private
    temporary directory that is removed at once (``columns``: the ``--column``
    mappings). Messages name the file as uploaded."""
    folder = tempfile.mkdtemp(prefix="letterkit-evening-")  # mode 0700
    path = Path(folder) / name
    where = str(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        found: list[str] = []
        try:
            rows = batch.read_input(path, columns=columns, notes=found)
        except LetterkitError as exc:
            raise type(exc)(
                exc.message.replace(where, name),
                hint=exc.hint.replace(where, name) if exc.hint else None,
            ) from None
        notes.extend(note.replace(where, name) for note in found)
        for row in rows:
            if row.source == where:
                row.source = name
        return rows
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------------------
# The columns: when batch does not recognise the headers, the user says what each holds

MAX_MAPPED_COLUMNS = 30  # the mapping form shows at most this many columns
GUESS_SAMPLE = 20  # cells of a column looked at to guess what it holds
NOT_READ = ""  # the mapping form's choice "not read"
_PROBE = "\x00letterkit-probe"  # a key no header has: keeps the probe mapping non-empty


class _HeaderProbe(Mapping[str, str]):
    """A ``--column`` mapping that maps nothing but notes every header batch looks up:
    :func:`batch.rows.header_map` asks it for each cell of the header row (folded)."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __getitem__(self, key: str) -> str:
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        if key != _PROBE and key not in self.asked:
            self.asked.append(key)
        return default

    def __iter__(self) -> Iterator[str]:
        return iter((_PROBE,))

    def __len__(self) -> int:
        return 1


def header_names(name: str, raw: bytes) -> list[str]:
    """The headers of the upload's first row, folded, as batch's reader reads them."""
    probe = _HeaderProbe()
    with contextlib.suppress(LetterkitError):
        read_rows(name, raw, [], probe)
    return probe.asked[:MAX_MAPPED_COLUMNS]


def guess_columns(name: str, raw: bytes, headers: list[str]) -> dict[str, str]:
    """What each header holds: a known column name (batch's own, :data:`batch.COLUMN_NAMES`),
    else, from its first cells, addresses (the address engine finds a postcode or a
    facility), slugs (:func:`letterkit.records.is_valid_slug`) or names (two to four words
    of letters); one column a role."""
    guessed = {h: batch.COLUMN_NAMES[h] for h in headers if h in batch.COLUMN_NAMES}
    for header in headers:
        if header in guessed:
            continue
        try:
            rows = read_rows(name, raw, [], {header: "address"})
        except LetterkitError:
            continue
        cells = [row.address for row in rows if row.address][:GUESS_SAMPLE]
        if not cells:
            continue
        for role, test in (
            ("address", _looks_like_address),
            ("slug", is_valid_slug),
            ("name", _looks_like_name),
        ):
            if role not in guessed.values() and sum(map(test, cells)) * 2 > len(cells):
                guessed[header] = role
                break
    return guessed


def _looks_like_address(text: str) -> bool:
    address = parse_address(text)
    return bool(address.postcode or address.facility)


_NAME_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 4 and all(_NAME_WORD.fullmatch(w) for w in words)


def read_columns(form: Any) -> dict[str, str]:
    """The mapping form: ``header-N`` (a folded header) and ``column-N`` (its role)."""
    mapping: dict[str, str] = {}
    for index in range(MAX_MAPPED_COLUMNS):
        header, role = form.get(f"header-{index}"), form.get(f"column-{index}")
        if isinstance(header, str) and isinstance(role, str) and role in batch.COLUMNS:
            mapping[header] = role
    return mapping


def column_options(columns: Mapping[str, str]) -> list[str]:
    """The mapping as ``letterkit batch --column ROLE=HEADER`` options (shown on the page)."""
    return [f'--column "{role}={header}"' for header, role in columns.items()]


# --------------------------------------------------------------------------------------
# The options: the same as `letterkit batch`


@dataclass
class EveningOptions:
    """The evening form, read into the values `letterkit batch` takes."""

    labels: str = NO_LABELS
    start: str = "1"
    return_labels: str = "0"
    copies: str = "1"
    reply_kit: bool = False
    profiles: bool = False
    letters: str = ""
    fields: str = ""
    envelope: str = DEFAULT_ENVELOPE
    sender_text: str = ""
    country: str = "RU"
    strict: bool = False  # --strict
    one_file: bool = False  # --no-split
    birthdays: str = ""  # --birthdays-within DAYS ("": not asked)
    all_people: bool = False  # --all
    columns: dict[str, str] = field(default_factory=dict)  # --column ROLE=HEADER, folded

    @classmethod
    def read(cls, form: Any) -> EveningOptions:
        def text(name: str, default: str = "") -> str:
            value = form.get(name, default)
            return value.strip() if isinstance(value, str) else default

        return cls(
            labels=text("labels"),
            start=text("start") or "1",
            return_labels=text("return_labels") or "0",
            copies=text("copies") or "1",
            reply_kit=text("reply_kit") == "1",
            profiles=text("profiles") == "1",
            letters=text("letters"),
            fields=text("fields"),
            envelope=text("envelope") or DEFAULT_ENVELOPE,
            sender_text=form.get("sender", "") if isinstance(form.get("sender"), str) else "",
            country=text("country") or "RU",
            strict=text("strict") == "1",
            one_file=text("one_file") == "1",
            birthdays=text("birthdays"),
            all_people=text("all_people") == "1",
            columns=read_columns(form),
        )

    def sender_lines(self) -> list[str]:
        return [
            line for line in (" ".join(x.split()) for x in self.sender_text.splitlines()) if line
        ]

    def sender(self) -> tuple[Sender | None, str]:
        """The return address and the country, as ``batch --sender "…" --sender-country
        CC`` reads them; an empty field is no return address (the form is what the guest
        sees: a saved one is not used behind their back)."""
        with about_field("country"):
            country = validate_country(self.country)
        lines = self.sender_lines()
        if lines:
            with about_field("sender"):
                return resolve_sender("; ".join(lines), country), country
        return None, country

    def job(self, date: Any) -> batch.BatchJob:
        sender, country = self.sender()
        profile = load_profile()  # the printer offsets of `letterkit calibrate`
        job = batch.BatchJob(
            envelope=self.envelope,
            labels=self.labels or None,
            start=_whole(self.start, "--start"),
            copies=_whole(self.copies, "--copies"),
            reply_kit=self.reply_kit,
            profiles=self.profiles,
            letters=self.letters or None,
            sender=sender if sender is not None and sender.lines else None,
            sender_country=country,
            date=date,
            offset_mm=(profile.offset_x_mm, profile.offset_y_mm),
            return_labels=_whole(self.return_labels, "--return-labels"),
            fields=tuple(self._fields().items()),
            strict=self.strict,
        )
        job.validate()
        return job

    def _fields(self) -> dict[str, str]:
        with about_field("fields"):
            return parse_fields(self.fields.splitlines())

    def birthday_days(self) -> int | None:
        """``--birthdays-within DAYS``, checked as the option is (a whole number ≥ 0)."""
        if not self.birthdays:
            return None
        days = _whole(self.birthdays, "--birthdays-within")
        if days < 0:
            raise InputError(
                _("{option} must be 0 or more, not {value}").format(
                    option="--birthdays-within", value=days
                )
            )
        return days


def _whole(value: str, option: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise InputError(
            _("{option} must be a whole number, not «{value}»").format(option=option, value=value)
        ) from None


# --------------------------------------------------------------------------------------
# One evening: its upload, its rows, its files


@dataclass
class EveningFile:
    key: str
    name: str
    paper: str
    pages: int
    pdf: bytes


@dataclass
class Evening:
    """An upload kept in memory: the file as sent, and the PDFs of its last run."""

    id: str
    name: str
    raw: bytes
    files: dict[str, EveningFile] = field(default_factory=dict)
    date: dt.date | None = None  # the letters' date of the last run


class Evenings:
    """The last :data:`KEPT_EVENINGS` evenings of this run, in memory only."""

    def __init__(self) -> None:
        self._kept: OrderedDict[str, Evening] = OrderedDict()

    def add(self, name: str, raw: bytes) -> Evening:
        evening = Evening(secrets.token_urlsafe(16), name, raw)
        self._kept[evening.id] = evening
        while len(self._kept) > KEPT_EVENINGS:
            self._kept.popitem(last=False)
        return evening

    def get(self, evening_id: str) -> Evening | None:
        evening = self._kept.get(evening_id)
        if evening is not None:
            self._kept.move_to_end(evening_id)
        return evening

    def forget(self, evening_id: str) -> None:
        self._kept.pop(evening_id, None)


def row_table(
    rows: list[batch.InputRow],
    result: batch.BatchResult | None,
    problems: list[batch.RowProblem],
    date: Any,
    *,
    abroad: bool = False,
) -> list[dict[str, Any]]:
    """Every row in input order: ready, an old address, or skipped and why; a row of
    ``--birthdays-within`` says the birthday and its send-by date (from abroad with
    ``abroad``), as ``letterkit birthdays`` does."""
    order: dict[tuple[str, int], int] = {}
    for index, row in enumerate(rows):
        order.setdefault((row.source, row.number), index)
    checks = {
        id(item): check for item, check in (result.letter_checks if result is not None else [])
    }
    entries: list[dict[str, Any]] = []
    for item in result.items if result is not None else []:
        person = item.target.prisoner
        recipient = item.target.address.recipient
        stale = directory.stale_warning(person, date) if person is not None else None
        check = checks.get(id(item))
        why = stale or ""
        if item.row.source == BIRTHDAY_SOURCE and person is not None and person.birth_date:
            day = next_birthday(person.birth_date, date)
            birthday = _("birthday {date}, post by {send_by}").format(
                date=russian_day_month(day),
                send_by=russian_day_month(send_by(day, abroad=abroad)),
            )
            why = f"{birthday}; {why}" if why else birthday
        entries.append(
            {
                "source": item.row.source,
                "row": item.row.number,
                "status": "stale" if stale else "ready",
                "name": person.nominative if person else (recipient.dative if recipient else ""),
                "copies": item.copies,
                "why": why,
                "findings": [f.message for f in check.findings] if check is not None else [],
                "warned": check is not None and check.has_problems,
            }
        )
    for problem in problems:
        entries.append(
            {
                "source": problem.source,
                "row": problem.row,
                "status": "skipped",
                "name": "",
                "copies": 0,
                "why": f"{problem.column}: {problem.message}"
                if problem.column
                else problem.message,
                "described": problem.describe(),
                "findings": [],
                "warned": False,
            }
        )
    entries.sort(key=lambda e: (order.get((e["source"], e["row"]), len(order)), e["row"]))
    return entries


def file_name(key: str) -> str:
    """``letterkit-batch.pdf``, or ``letterkit-batch-<key>.pdf`` for one paper size, as
    ``letterkit batch`` names its files beside the default ``--output``."""
    return f"{OUTPUT_STEM}-{key}.pdf" if key else f"{OUTPUT_STEM}.pdf"


def paper_advice(paper: str) -> str:
    size = ENVELOPE_SIZES.get(paper)
    if size is not None:
        return _("{size} envelopes, {w:g} × {h:g} mm: the envelope or manual feed tray").format(
            size=size.name, w=size.width_mm, h=size.height_mm
        )
    return _("A4 paper: the main tray")


class ColumnsNeeded(Exception):
    """batch does not recognise the upload's header row: the page asks what each column
    holds (``error`` is batch's own message)."""

    def __init__(self, error: LetterkitError, headers: list[str], guessed: dict[str, str]):
        super().__init__(error.message)
        self.error = error
        self.headers = headers
        self.guessed = guessed


def strict_letter_error() -> InputError:
    """``letterkit batch --strict`` when a letter's check warns: nothing is made."""
    return InputError(
        _("nothing was written: the letter check found problems (--strict)"),
        hint=_("fix the letter, or leave out --strict to write it anyway"),
    )


def run_evening(evening: Evening, options: EveningOptions, date: Any, store: Any) -> dict[str, Any]:
    """Read the upload and print it as ``letterkit batch`` would; the page's values.
    Raises :class:`ColumnsNeeded` when the upload's headers are not recognised."""
    job = options.job(date)
    days = options.birthday_days()
    split = batch.mixes_paper(job) and not options.one_file  # --no-split
    notes: list[str] = []
    evening.files = {}
    rows: list[batch.InputRow] = []
    if evening.name:  # "": no file (`batch --all` or `--birthdays-within DAYS` alone)
        try:
            rows = read_rows(evening.name, evening.raw, notes, options.columns or None)
        except LetterkitError as exc:
            headers = header_names(evening.name, evening.raw)
            if not headers:
                raise
            raise ColumnsNeeded(
                exc, headers, options.columns or guess_columns(evening.name, evening.raw, headers)
            ) from None
    if options.all_people:  # after the file's rows, as `batch FILE --all` adds them
        rows.extend(batch.all_people_rows(store))
    if days is not None:  # then these, as `batch FILE --all --birthdays-within` adds them
        rows.extend(batch.birthday_rows(store, days, job.date))
    result = None
    error = None
    try:
        result = batch.run_batch(rows, job, store=store, split=split)
        problems = result.problems
        notes.extend(result.notes)
    except batch.NothingToPrint as exc:
        problems, error = exc.problems, exc
    if result is not None and job.strict and any(c.has_problems for _i, c in result.letter_checks):
        raise strict_letter_error()
    if result is not None:
        for part in result.parts:
            assert part.pdf is not None  # run_batch draws unless it is a dry run
            # one file (not split): every page is on the job's one paper size
            paper = part.paper or batch.paper_groups(job)[0][1]
            evening.files[part.key] = EveningFile(
                part.key, file_name(part.key), paper, part.pages, part.pdf
            )
    evening.date = job.date
    table = row_table(rows, result, problems, date, abroad=job.sender_country != "RU")
    return {
        "rows": table,
        "ready": sum(1 for e in table if e["status"] != "skipped"),
        "skipped": sum(1 for e in table if e["status"] == "skipped"),
        "stale": sum(1 for e in table if e["status"] == "stale"),
        "envelopes": result.envelopes if result is not None else 0,
        "labels": job.labels is not None,
        "unsigned": result is not None
        and job.labels is None
        and any(item.sender is None for item in result.items),
        "files": [
            {**vars(f), "advice": paper_advice(f.paper), "size": len(f.pdf)}
            for f in evening.files.values()
        ],
        "zip": ZIP_NAME if len(evening.files) > 1 else None,
        "notes": notes,
        "error": error,
    }


# --------------------------------------------------------------------------------------
# All the evening's files in one download

ZIP_NAME = f"{OUTPUT_STEM}.zip"
ZIP_EPOCH = dt.date(1980, 1, 1)  # the earliest date a ZIP entry can carry
ZIP_FILE_MODE = 0o644
ZIP_UNIX = 3  # "made by" UNIX: the mode above is read (APPNOTE.TXT 4.4.2)


def zip_files(evening: Evening) -> bytes:
    """The evening's PDFs in one ZIP: stored (PDFs are compressed already), sorted by
    name, each dated the letters' date at midnight with a fixed mode, so the same evening
    gives the same bytes (https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT)."""
    day = max(evening.date or ZIP_EPOCH, ZIP_EPOCH)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for item in sorted(evening.files.values(), key=lambda f: f.name):
            info = zipfile.ZipInfo(item.name, date_time=(day.year, day.month, day.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = ZIP_UNIX
            info.external_attr = (stat.S_IFREG | ZIP_FILE_MODE) << 16
            archive.writestr(info, item.pdf)
    return buffer.getvalue()


def zip_download(evening: Evening | None) -> Response | None:
    if evening is None or not evening.files:
        return None
    return Response(
        zip_files(evening),
        media_type="application/zip",
        headers={"content-disposition": f'attachment; filename="{ZIP_NAME}"'},
    )


def label_choices() -> list[str]:
    return list(sheet_specs())


def letter_choices(lang: str) -> list[tuple[str, str]]:
    return [
        (info.name, info.title_ru if lang == "ru" and info.title_ru else info.title_en)
        for info in list_templates([paths.user_templates_dir()])
    ]


def download(evening: Evening | None, key: str) -> Response | None:
    """One file of an evening, sent as it was drawn (nothing is written to disk)."""
    if evening is None or key not in evening.files:
        return None
    item = evening.files[key]
    return Response(
        item.pdf,
        media_type="application/pdf",
        headers={"content-disposition": f'attachment; filename="{item.name}"'},
    )


def uploaded(form: Any) -> tuple[str, bytes] | None:
    """The uploaded file's name and bytes; None when the form carries no file."""
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    upload.file.seek(0)
    return safe_name(upload.filename), upload.file.read()
