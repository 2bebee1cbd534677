"""Batch printing: many envelopes, label sheets, reply kits and profiles in one PDF.

The library behind ``letterkit batch``; usable from Python without the CLI:

    >>> from letterkit import batch
    >>> rows = batch.read_inputs(["guests.csv", "batsenin"])
    >>> result = batch.run_batch(rows, batch.BatchJob(envelope="DL", sender=sender))
    >>> result.pages, [p.describe() for p in result.problems]

Input rows (:mod:`letterkit.batch.readers`): CSV, XLSX, ODS or XLS (first sheet), JSON
Lines, plain text (one slug or address per line), slugs on the command line, or every
writable known person (:func:`all_people_rows`). A file that cannot be read at all raises
:class:`~letterkit.errors.InputError` naming the file; a bad *row* (ragged, a cell too
long, an unknown slug, a name matching several people, an unprintable address, a count
that is not a number, a text that does not fit) becomes a :class:`RowProblem` and is
skipped, unless the job is strict.

Modules: :mod:`~letterkit.batch.rows` (the row model and header mapping),
:mod:`~letterkit.batch.readers` (input files), :mod:`~letterkit.batch.job` (the job and
its checks), :mod:`~letterkit.batch.resolve` (row → item), :mod:`~letterkit.batch.layout`
(renderers, fitting, the shared canvas), :mod:`~letterkit.batch.run` (the whole run and
:func:`render_envelopes`).
"""

from letterkit.batch.job import MAX_COPIES, PROGRESS_THRESHOLD, BatchJob, ProgressCallback
from letterkit.batch.layout import (
    PdfPart,
    build_renderers,
    distinct_targets,
    mixes_paper,
    paper_groups,
    prefit,
    render_pdf,
)
from letterkit.batch.readers import (
    all_people_rows,
    birthday_rows,
    read_csv,
    read_input,
    read_inputs,
    read_jsonl,
    read_sheet,
    read_text_lines,
    read_xlsx,
)
from letterkit.batch.resolve import (
    BatchItem,
    NothingToPrint,
    resolve_row,
    resolve_rows,
    strict_error,
)
from letterkit.batch.rows import (
    ALL_PEOPLE,
    COLUMN_NAMES,
    COLUMNS,
    COMMAND_LINE,
    MAX_FIELD_CHARS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    InputRow,
    RowProblem,
    parse_column_options,
    source_label,
)
from letterkit.batch.run import BatchResult, render_envelopes, run_batch
from letterkit.render.pages import Section

__all__ = [
    "ALL_PEOPLE",
    "COLUMNS",
    "COLUMN_NAMES",
    "COMMAND_LINE",
    "MAX_COPIES",
    "MAX_FIELD_CHARS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "PROGRESS_THRESHOLD",
    "BatchItem",
    "BatchJob",
    "BatchResult",
    "InputRow",
    "NothingToPrint",
    "PdfPart",
    "ProgressCallback",
    "RowProblem",
    "Section",
    "all_people_rows",
    "birthday_rows",
    "build_renderers",
    "distinct_targets",
    "mixes_paper",
    "paper_groups",
    "parse_column_options",
    "prefit",
    "read_csv",
    "read_input",
    "read_inputs",
    "read_jsonl",
    "read_sheet",
    "read_text_lines",
    "read_xlsx",
    "render_envelopes",
    "render_pdf",
    "resolve_row",
    "resolve_rows",
    "run_batch",
    "source_label",
    "strict_error",
]
