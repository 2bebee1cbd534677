"""Row → :class:`BatchItem`: look a row up, count its copies, pick its sender.

A bad row (unknown slug, unprintable address, a count that is not a number) becomes a
:class:`~letterkit.batch.rows.RowProblem` and is skipped, unless the job is strict.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from letterkit.address.parse import parse_address
from letterkit.address.sender import parse_sender
from letterkit.batch.job import MAX_COPIES, BatchJob, ProgressCallback
from letterkit.batch.rows import InputRow, RowProblem, _short
from letterkit.directory._common import fold
from letterkit.directory.search import _edit_distance_le1
from letterkit.errors import InputError, LetterkitError
from letterkit.i18n import _
from letterkit.lookup import looks_like_address
from letterkit.models import Prisoner, Sender, Target
from letterkit.store import Store
from letterkit.targets import UnprintableAddress, address_target, resolve_target

if TYPE_CHECKING:
    from letterkit.render.envelope import EnvelopeContent, FittedEnvelope


@dataclass
class BatchItem:
    """A good row: whom to write to, how many envelopes, from whom."""

    row: InputRow
    target: Target
    copies: int
    sender: Sender | None
    content: EnvelopeContent | None = None
    fitted: FittedEnvelope | None = None  # the envelope's blocks, fitted before drawing
    letter: str | None = None  # the --letters text, rendered once

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
    sender = Sender.parse(row.sender, job.sender_country) if row.sender is not None else None
    return _with_parts(sender if sender is not None and sender.lines else job.sender)


def _with_parts(sender: Sender | None) -> Sender | None:
    """``sender`` with its parts read (a letter names the writer and the town from them),
    as ``writing.prepare_sender`` reads a saved address: none when they cannot be."""
    if sender is not None and sender.lines and sender.parts is None:
        with contextlib.suppress(InputError):
            sender.parts = parse_sender(sender.lines, sender.country, read_line=parse_address)
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


def resolve_row(
    row: InputRow,
    job: BatchJob,
    store: Store,
    notes: list[str],
    names: NameIndex | None = None,
    known: dict[str, Target] | None = None,
) -> BatchItem:
    """One row → a BatchItem; raises ``_RowError`` for a bad row. ``known``: the targets
    of the slugs looked up already (a batch repeats its people; rows share the target)."""
    if row.error is not None:
        raise _RowError(row.error_column, row.error)
    copies = _count(row, job.copies)
    target: Target | None = None
    if not row.slug and not row.address and row.name:
        names = names or NameIndex(store.people())
        target = resolve_target(_by_name(row.name, names), store)
    if row.slug:
        try:
            target = None if looks_like_address(row.slug) else _slug(row.slug, store, known)
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
            raise _RowError(None, _("the row has no slug, address or name"))
        target = _resolve_address(_address_text(row))
    sender = _row_sender(row, job)
    for warning in target.address.warnings:
        if warning.code != "missing-birth-year" or target.prisoner is None:
            notes.append(f"{row.where}: {warning.message}")
    return BatchItem(row=row, target=target, copies=copies, sender=sender)


def _slug(text: str, store: Store, known: dict[str, Target] | None) -> Target:
    if known is None:
        return resolve_target(text, store)
    target = known.get(text)
    if target is None:
        target = known[text] = resolve_target(text, store)
    return target


class NameIndex:
    """Writable people by the words of their names, nominative and dative (as printed).

    A name row matches a person when its words are the person's surname and first name
    (and patronymic, if given), in any order, all in the nominative or all in the dative
    («Баценин Александр», «Баценину Александру Дмитриевичу»): exactly, or else with one
    typo in one word (letterkit.directory.search's edit distance)."""

    def __init__(self, people: Iterable[Prisoner]) -> None:
        self.forms: list[tuple[Prisoner, list[str], tuple[str, ...]]] = []
        for person in people:
            if not person.writable:
                continue
            last = fold(person.last)
            self.forms.append((person, [last], tuple(_name_words(person.nominative))))
            recipient = person.address.recipient if person.address else None
            if recipient is not None and recipient.dative:
                dative = tuple(_name_words(recipient.dative))
                if dative:
                    self.forms.append((person, [dative[0]], dative))

    def match(self, name: str) -> list[Prisoner]:
        words = _name_words(name)
        for typos in (0, 1):
            found: dict[str, Prisoner] = {}
            for person, (last,), form in self.forms:
                if person.slug not in found and _name_matches(words, last, form, typos):
                    found[person.slug] = person
            if found:
                return list(found.values())
        return []


def _name_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_]+", fold(text)) if w not in _NOT_NAME_WORDS]


# Words of a dative recipient line that are not names («1995 г. р.»).
_NOT_NAME_WORDS = frozenset({"г", "р", "года", "рождения"})


def _name_matches(words: Sequence[str], last: str, form: Sequence[str], typos: int) -> bool:
    """Every word is a distinct word of ``form``, the surname among them, at most
    ``typos`` words one edit away."""
    if len(words) < 2 or len(words) > len(form):
        return False
    left = list(form)
    used_typos = 0
    has_last = False
    for word in words:
        if word in left:
            left.remove(word)
            has_last = has_last or word == last
            continue
        near = next((w for w in left if len(word) >= 4 and _edit_distance_le1(word, w)), None)
        if near is None or used_typos >= typos:
            return False
        used_typos += 1
        left.remove(near)
        has_last = has_last or near == last
    return has_last


# Choice: candidates listed for a name that matches several people.
MAX_CANDIDATES = 5


def _by_name(name: str, names: NameIndex) -> str:
    """The slug of the one person a name row names; a ``_RowError`` otherwise."""
    if len(_name_words(name)) < 2:
        raise _RowError(
            "name",
            _("«{name}»: give the surname and the first name, or a slug").format(name=_short(name)),
        )
    found = names.match(name)
    if not found:
        raise _RowError(
            "name",
            _("nobody named «{name}» in the directory or your records").format(name=_short(name))
            + " — "
            + _("check the spelling, or give a slug or the published address"),
        )
    if len(found) > 1:
        shown = "; ".join(
            f"{p.slug} ({p.nominative}{', ' + str(p.birth_year) if p.birth_year else ''})"
            for p in found[:MAX_CANDIDATES]
        )
        more = len(found) - MAX_CANDIDATES
        if more > 0:
            shown += " " + _("and {n} more").format(n=more)
        raise _RowError(
            "name",
            _("«{name}» matches {count} people: {people}; give the slug").format(
                name=_short(name), count=len(found), people=shown
            ),
        )
    return found[0].slug


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
    names: NameIndex | None = None
    known: dict[str, Target] = {}
    if any(row.name and not row.slug and not row.address for row in rows):
        names = NameIndex(store.people())
    for done, row in enumerate(rows, start=1):
        try:
            item = resolve_row(row, job, store, notes, names, known)
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
