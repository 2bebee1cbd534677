"""Row → :class:`BatchItem`: look a row up, count its copies, pick its sender.

A bad row (unknown slug, unprintable address, a count that is not a number) becomes a
:class:`~letterkit.batch.rows.RowProblem` and is skipped, unless the job is strict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from letterkit.batch.job import MAX_COPIES, BatchJob, ProgressCallback
from letterkit.batch.rows import InputRow, RowProblem, _short
from letterkit.errors import InputError, LetterkitError
from letterkit.i18n import _
from letterkit.models import Sender, Target
from letterkit.store import Store
from letterkit.targets import (
    UnprintableAddress,
    address_target,
    looks_like_address,
    resolve_target,
)

if TYPE_CHECKING:
    from letterkit.render.envelope import EnvelopeContent


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
    copies = _count(row, job.copies)
    target: Target | None = None
    if row.slug:
        try:
            target = resolve_target(row.slug, store) if not looks_like_address(row.slug) else None
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
    try:
        return address_target(text)
    except UnprintableAddress as exc:
        raise _RowError(
            "address",
            _("cannot be printed: {reasons}").format(
                reasons="; ".join(exc.reasons or [_("the address is incomplete")])
            ),
        ) from None
    except LetterkitError as exc:
        raise _RowError("address", exc.message) from None


def resolve_rows(
    rows: Sequence[InputRow],
    job: BatchJob,
    store: Store | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[list[BatchItem], list[RowProblem], list[str]]:
    """Look every row up; bad rows become problems (or an InputError when strict)."""
    store = store or Store()
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
