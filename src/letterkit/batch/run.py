"""Running a batch: rows → checked items → one PDF, and the scripting entry point.

:func:`run_batch` resolves and validates every row, fits every layout, then draws the
whole batch on one canvas; it writes nothing (the caller saves ``result.pdf``).
:func:`render_envelopes` prints many envelopes without the CLI (benchmarks, scripts).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from letterkit import guidance, paths
from letterkit.batch.job import BatchJob, ProgressCallback
from letterkit.batch.layout import (
    PdfPart,
    build_renderers,
    check_reply_senders,
    check_return_labels,
    distinct_targets,
    facility_names,
    letter_bodies,
    prefit,
    render_pdf,
)
from letterkit.batch.resolve import BatchItem, NothingToPrint, resolve_rows
from letterkit.batch.rows import InputRow, RowProblem
from letterkit.collector import collector_paused
from letterkit.errors import InputError, NotFoundError
from letterkit.i18n import _
from letterkit.models import Address, Prisoner, Target
from letterkit.render.envelope import CachedEnvelopeRenderer, EnvelopeContent, envelope_content
from letterkit.render.pages import Section
from letterkit.render.pdf import finish, new_canvas
from letterkit.store import Store
from letterkit.targets import resolve_target
from letterkit.writing import unnamed_writer_finding, writer_view

if TYPE_CHECKING:
    from letterkit.models import Sender


@dataclass
class BatchResult:
    items: list[BatchItem]
    problems: list[RowProblem]
    notes: list[str]
    pages: int
    sections: list[Section] = field(default_factory=list)
    pdf: bytes | None = None
    rows_read: int = 0
    # with --letters: each letter's check, as ``write`` runs it
    letter_checks: list[tuple[BatchItem, guidance.CheckResult]] = field(default_factory=list)
    return_labels: int = 0
    parts: list[PdfPart] = field(default_factory=list)

    @property
    def envelopes(self) -> int:
        return sum(item.copies for item in self.items)

    @property
    def distinct_people(self) -> int:
        return len({item.key[0] for item in self.items})


def _check_letter_template(name: str) -> None:
    names = {info.name for info in guidance.list_templates([paths.user_templates_dir()])}
    if name not in names and not name.endswith(".j2"):
        raise NotFoundError(
            _("no letter template '{name}'").format(name=name),
            hint=_("available templates: {names}").format(names=", ".join(sorted(names))),
        )


@collector_paused()
def run_batch(
    rows: Sequence[InputRow],
    job: BatchJob,
    *,
    store: Store | None = None,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    split: bool = False,
) -> BatchResult:
    """Resolve, validate and render a batch. Writes nothing: the caller saves ``pdf``
    (or, with ``split``, each of ``parts``: one file per paper size).

    Bad rows are skipped and listed in ``problems`` (strict: the first one raises
    :class:`InputError`). No good row at all is an :class:`InputError`. With
    ``dry_run`` every layout is still fitted, but no PDF is drawn.
    """
    job.validate()  # a no-op when the caller has validated the job already
    if not rows and not job.return_labels:
        raise InputError(_("the input has no rows"), hint=_("add at least one slug or address"))
    if job.letters is not None:
        _check_letter_template(job.letters)
    store = store or Store()
    items, problems, notes = resolve_rows(rows, job, store, progress)
    if job.reply_kit:
        check_reply_senders(items)
    facilities = facility_names(distinct_targets(items), store) if job.profiles else None
    renderers = build_renderers(job, facilities)
    check_return_labels(job, renderers)
    items, layout_problems = prefit(items, job, renderers)
    problems.extend(layout_problems)
    order = _row_index(rows)
    problems.sort(key=lambda p: order.get((p.source, p.row), (len(rows), p.row)))
    if not items and not job.return_labels:
        raise NothingToPrint(len(rows), problems)
    checks = []
    if job.letters is not None:  # the same check as `write` runs on its letter
        bodies = letter_bodies(items, job)
        for i, b in zip(items, bodies, strict=True):
            found = guidance.check_text(b, has_return_address=True)
            if not writer_view(i.sender):  # unsigned on purpose: signed by hand
                unnamed_writer_finding(found)
            checks.append((i, found))
    parts = render_pdf(
        items, job, renderers, draw=not dry_run, progress=progress, split=bool(split)
    )
    return BatchResult(
        items,
        problems,
        notes,
        pages=sum(part.pages for part in parts),
        sections=[section for part in parts for section in part.sections],
        pdf=parts[0].pdf if len(parts) == 1 and not split else None,
        rows_read=len(rows),
        return_labels=job.return_labels if job.labels else 0,
        letter_checks=checks,
        parts=parts,
    )


def _row_index(rows: Sequence[InputRow]) -> dict[tuple[str, int], tuple[int, int]]:
    """(source, row number) → sort key: the position of the first row with that number."""
    order: dict[tuple[str, int], tuple[int, int]] = {}
    for index, row in enumerate(rows):
        order.setdefault((row.source, row.number), (index, 0))
    return order


@collector_paused()
def render_envelopes(
    targets: Iterable[Target | Address | Prisoner | str],
    sender: Sender | None = None,
    size: str = "DL",
    *,
    offset_mm: tuple[float, float] = (0.0, 0.0),
    store: Store | None = None,
) -> bytes:
    """Many envelopes in one PDF, without the CLI (benchmarks, scripts).

    ``targets`` may be :class:`~letterkit.models.Target` objects, validated
    :class:`~letterkit.models.Address` objects, :class:`~letterkit.models.Prisoner`
    records or slugs / published address lines. Raises on the first bad one.
    """
    renderer = CachedEnvelopeRenderer(size, offset_mm)
    canvas, buffer = new_canvas(renderer.pagesize, "Envelopes")
    contents: dict[int, tuple[Address, EnvelopeContent]] = {}  # keeps each address alive
    for target in targets:
        if isinstance(target, str):
            if store is None:
                store = Store()
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
