"""Page layout of a batch: renderers built once, every block fitted, one shared canvas.

Fonts are registered, renderers built and layouts fitted once per batch; repeated
recipients and senders reuse their fitted layout. What a page draws is loaded here,
before drawing (guidance rules, facility names for profile sheets).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from letterkit import guidance
from letterkit.batch.job import BatchJob, ProgressCallback
from letterkit.batch.resolve import BatchItem, strict_error
from letterkit.batch.rows import RowProblem, _short
from letterkit.errors import InputError, LetterkitError
from letterkit.i18n import _
from letterkit.render import geometry as g
from letterkit.render.batchletter import LetterDrawer
from letterkit.render.envelope import CachedEnvelopeRenderer, EnvelopeContent, envelope_content
from letterkit.render.labels import LabelBlock, LabelSheetRenderer, sheet_spec
from letterkit.render.pages import PageCounter, Section
from letterkit.render.pdf import finish, new_canvas
from letterkit.render.profiles import TOP_RULES, ProfileRenderer
from letterkit.render.replykit import (
    ReplyKitRenderer,
    reply_envelope_for,
    writer_recipient_lines,
)
from letterkit.writing import letter_body

if TYPE_CHECKING:
    from letterkit.models import Target
    from letterkit.store import Store


def _content(
    item: BatchItem, shared: dict[tuple[int, int], EnvelopeContent] | None = None
) -> EnvelopeContent:
    """The item's envelope text; ``shared``: by (target, sender) object, for the rows
    that share both (resolve_rows gives the rows of one slug one target)."""
    if item.content is None:
        key = (id(item.target), id(item.sender))
        content = shared.get(key) if shared is not None else None
        if content is None:
            content = envelope_content(item.target.address, item.sender)
            if shared is not None:
                shared[key] = content
        item.content = content
    return item.content


def _layout_problem(item: BatchItem, exc: LetterkitError, what: str) -> RowProblem:
    return RowProblem(item.row.source, item.row.number, what, exc.message)


def prefit(
    items: list[BatchItem], job: BatchJob, renderers: dict[str, Any]
) -> tuple[list[BatchItem], list[RowProblem]]:
    """Fit every block before drawing anything; a row whose text cannot fit is skipped."""
    good: list[BatchItem] = []
    problems: list[RowProblem] = []
    shared: dict[tuple[int, int], EnvelopeContent] = {}  # items outlive it: ids stay unique
    for item in items:
        try:
            if job.labels is not None:
                renderers["labels"].fit(item.target.address)
            else:
                item.fitted = renderers["envelope"].fit(_content(item, shared))
                if job.reply_kit:
                    renderers["reply"].fit(item.target, item.sender)
            if job.letters is not None:
                blanks = unfilled_blanks(_letter(item, job))
                if blanks:
                    problem = RowProblem(
                        item.row.source,
                        item.row.number,
                        "letter",
                        _(
                            "the letter has blanks to fill: «{line}»; give --field NAME=VALUE "
                            "(see 'letterkit templates') and --sender"
                        ).format(line=_short(blanks[0], 60)),
                    )
                    if job.strict:
                        raise strict_error(problem)
                    problems.append(problem)
                    continue
        except LetterkitError as exc:
            problem = _layout_problem(item, exc, "address")
            if job.strict:
                raise strict_error(problem) from None
            problems.append(problem)
            continue
        good.append(item)
    if "envelope" in renderers:
        renderers["envelope"].forget()  # every item holds its own fitted blocks now
    return good, problems


def return_label_block(job: BatchJob) -> LabelBlock:
    """The writer's address as a reply envelope's recipient, for a return-address label."""
    return LabelBlock.of_lines(writer_recipient_lines(job.sender))


def check_return_labels(job: BatchJob, renderers: dict[str, Any]) -> None:
    """The writer's address must fit the label: an error (not a skipped row) otherwise."""
    if job.return_labels:
        renderers["labels"].fit(return_label_block(job))


def check_reply_senders(items: Sequence[BatchItem]) -> None:
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


def letter_bodies(items: Sequence[BatchItem], job: BatchJob) -> list[str]:
    """Every item's letter (rendered once per item: the check and the page share it)."""
    return [_letter(item, job) for item in items]


def _letter(item: BatchItem, job: BatchJob) -> str:
    """The row's letter from the ``--letters`` template (rendered once, kept on the item)."""
    if item.letter is None:
        date = job.date or dt.date.today()
        item.letter = letter_body(
            item.target,
            item.sender,
            date,
            template=job.letters,
            fields=dict(job.fields),
            phrases=job.phrases,
        )
    return item.letter


# A blank the template leaves for the writer («Я люблю ________»): four or more underscores.
_BLANK = re.compile(r"_{4,}")


def unfilled_blanks(body: str) -> list[str]:
    """Lines of a letter with a blank left to fill, except a last line that is only a
    blank (the place to sign by hand)."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if lines and not _BLANK.sub("", lines[-1]).strip():
        lines = lines[:-1]
    return [line for line in lines if _BLANK.search(line)]


@dataclass
class PdfPart:
    """One file of a batch: every page on one paper size (``--split``), or the whole
    batch (``key`` empty). ``paper``: an envelope size, ``A4`` or a label sheet token."""

    key: str
    paper: str
    pages: int = 0
    sections: list[Section] = field(default_factory=list)
    pdf: bytes | None = None


def paper_groups(job: BatchJob) -> list[tuple[str, str]]:
    """(file key, paper) of each paper size the job prints on, in printing order."""
    if job.labels is not None:
        return [(f"labels-{sheet_spec(job.labels).token}", "A4")]
    groups = [(f"envelopes-{job.envelope}", job.envelope)]
    if job.reply_kit:
        reply = reply_envelope_for(job.envelope).reply
        groups.append((f"reply-{reply}", reply))
    if job.letters is not None or job.reply_kit or job.profiles:
        groups.append(("a4", "A4"))
    return groups


def mixes_paper(job: BatchJob) -> bool:
    """Whether the job prints on more than one paper size (``--split`` by default)."""
    return len({paper for _key, paper in paper_groups(job)}) > 1


def render_pdf(
    items: list[BatchItem],
    job: BatchJob,
    renderers: dict[str, Any],
    *,
    draw: bool = True,
    progress: ProgressCallback | None = None,
    split: bool = False,
) -> list[PdfPart]:
    """Draw the batch: one file, or with ``split`` one file per paper size (the order of
    :func:`paper_groups`); with ``draw=False`` only count the pages."""
    groups = paper_groups(job)
    parts = [PdfPart(key, paper) for key, paper in groups] if split else [PdfPart("", "")]
    counters: dict[str, PageCounter] = {}
    canvases: dict[str, tuple[Any, Any]] = {}
    a4 = (g.A4_MM[0] * g.MM, g.A4_MM[1] * g.MM)

    def sink(key: str) -> PageCounter:
        part_key = key if split else ""
        counter = counters.get(part_key)
        if counter is None:
            canvas = buffer = None
            if draw:
                canvas, buffer = new_canvas(a4, "Letterkit batch")
                canvases[part_key] = (canvas, buffer)
            counter = counters[part_key] = PageCounter(canvas)
        return counter

    total = sum(item.copies for item in items) + (job.return_labels if job.labels else 0)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress("draw", done, total)

    keys = iter(key for key, _paper in groups)
    if job.labels is not None:
        pages = sink(next(keys))
        labels = renderers["labels"]
        blocks: list[Any] = [item.target.address for item in items for _copy in range(item.copies)]
        if job.return_labels:
            blocks += [return_label_block(job)] * job.return_labels
        pages.begin(_("{sheet} label sheets").format(sheet=labels.spec.token))
        labels.draw_sheets(pages, blocks, job.start, on_label=tick)
        pages.end()
    else:
        pages = sink(next(keys))
        envelope = renderers["envelope"]
        pages.begin(_("{size} envelopes").format(size=envelope.size.name))
        for item in items:
            content = _content(item)
            for _copy in range(item.copies):
                c = pages.page(envelope.pagesize)
                if c is not None:
                    envelope.draw(c, content, item.fitted)
                pages.done()
                tick()
            # Drawn: the document holds its pages now, and nothing later reads the text
            # or the blocks (reply kits, letters and profiles start from the target):
            # let go of them before the save, the batch's peak of memory.
            item.content = item.fitted = None
        pages.end()
        if job.reply_kit:
            pages = sink(next(keys))
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
        if job.letters is not None or job.reply_kit or job.profiles:
            pages = sink(next(keys))
        if job.letters is not None or job.reply_kit:
            pages.begin(
                "A4 letters and reply sheets"
                if job.letters and job.reply_kit
                else "A4 letters"
                if job.letters
                else "A4 reply sheets"
            )
            bodies = letter_bodies(items, job) if job.letters is not None else None
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
    for part in parts:
        counter = counters.get(part.key)
        if counter is None:
            continue
        part.pages, part.sections = counter.count, counter.sections
        if part.key in canvases:
            canvas, buffer = canvases[part.key]
            part.pdf = finish(canvas, buffer)
    return [part for part in parts if part.pages]


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


def facility_names(targets: Sequence[Target], store: Store) -> dict[str, str | None]:
    """English names of the targets' facilities, for the profile sheets."""
    names: dict[str, str | None] = {}
    for target in targets:
        prisoner = target.prisoner
        if prisoner is not None and prisoner.facility_id and prisoner.facility_id not in names:
            names[prisoner.facility_id] = store.facility(prisoner.facility_id).name_en
    return names


def build_renderers(
    job: BatchJob, facilities: Mapping[str, str | None] | None = None
) -> dict[str, Any]:
    """Everything that does not change between pages, built once per batch.

    ``facilities``: facility id → English name, for the profile sheets.
    """
    renderers: dict[str, Any] = {}
    if job.labels is not None:
        renderers["labels"] = LabelSheetRenderer(job.labels, job.offset_mm)
        return renderers
    renderers["envelope"] = CachedEnvelopeRenderer(job.envelope, job.offset_mm)
    if job.reply_kit:
        renderers["reply"] = ReplyKitRenderer(job.envelope, job.offset_mm)
    if job.letters is not None:
        renderers["letter"] = LetterDrawer(job.date or dt.date.today())
    if job.profiles:
        renderers["profiles"] = ProfileRenderer(guidance.top_rules(TOP_RULES), facilities)
    return renderers
