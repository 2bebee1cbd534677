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

import os
import secrets
import shutil
import tempfile
from collections import OrderedDict
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request
from starlette.responses import Response

from letterkit import batch, directory, paths
from letterkit.errors import InputError, LetterkitError
from letterkit.guidance import list_templates
from letterkit.i18n import _
from letterkit.international import validate_country
from letterkit.models import Sender
from letterkit.profile import load_profile, resolve_sender
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


def read_rows(name: str, raw: bytes, notes: list[str]) -> list[batch.InputRow]:
    """The rows of an uploaded file, read by :func:`batch.read_input` from a private
    temporary directory that is removed at once. Messages name the file as uploaded."""
    folder = tempfile.mkdtemp(prefix="letterkit-evening-")  # mode 0700
    path = Path(folder) / name
    where = str(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        found: list[str] = []
        try:
            rows = batch.read_input(path, notes=found)
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
        )

    def sender_lines(self) -> list[str]:
        return [
            line for line in (" ".join(x.split()) for x in self.sender_text.splitlines()) if line
        ]

    def sender(self) -> tuple[Sender | None, str]:
        """The return address and the country, as ``batch --sender "…" --sender-country
        CC`` reads them; an empty field is no return address (the form is what the guest
        sees: a saved one is not used behind their back)."""
        country = validate_country(self.country)
        lines = self.sender_lines()
        if lines:
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
            fields=tuple(parse_fields(self.fields.splitlines()).items()),
        )
        job.validate()
        return job


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
) -> list[dict[str, Any]]:
    """Every row in input order: ready, an old address, or skipped and why."""
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
        entries.append(
            {
                "source": item.row.source,
                "row": item.row.number,
                "status": "stale" if stale else "ready",
                "name": person.nominative if person else (recipient.dative if recipient else ""),
                "copies": item.copies,
                "why": stale or "",
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


def run_evening(evening: Evening, options: EveningOptions, date: Any, store: Any) -> dict[str, Any]:
    """Read the upload and print it as ``letterkit batch`` would; the page's values."""
    job = options.job(date)
    split = batch.mixes_paper(job)
    notes: list[str] = []
    rows = read_rows(evening.name, evening.raw, notes)
    evening.files = {}
    result = None
    error = None
    try:
        result = batch.run_batch(rows, job, store=store, split=split)
        problems = result.problems
        notes.extend(result.notes)
    except batch.NothingToPrint as exc:
        problems, error = exc.problems, exc
    if result is not None:
        for part in result.parts:
            assert part.pdf is not None  # run_batch draws unless it is a dry run
            # one file (not split): every page is on the job's one paper size
            paper = part.paper or batch.paper_groups(job)[0][1]
            evening.files[part.key] = EveningFile(
                part.key, file_name(part.key), paper, part.pages, part.pdf
            )
    table = row_table(rows, result, problems, date)
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
        "notes": notes,
        "error": error,
    }


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
