"""Input rows as read, before lookup: the row model, the header mapping, row problems.

Column / key names are Russian or English, case-insensitive (:data:`COLUMN_NAMES`);
``tests/test_batch.py`` shows each accepted spelling.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from letterkit.errors import InputError
from letterkit.i18n import _

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

# Choice: the biggest input read. A list of every person Memorial publishes is about
# 1 MB as CSV; more than this is not a guest list (or a spreadsheet full of images).
MAX_FILE_BYTES = 16 * 1024 * 1024
# Choice: more data rows than this in one file is not an evening's list.
MAX_ROWS = 10_000
# Choice: a Google Forms export has one column per question; hundreds is a broken sheet.
MAX_COLUMNS = 256
# Choice: no real address, name or sender comes near this; a longer cell means a
# broken export (a whole document pasted into a cell, a binary file read as text).
MAX_FIELD_CHARS = 2000

COMMAND_LINE = "command line"
ALL_PEOPLE = "--all"


@dataclass
class InputRow:
    """One data row as read, before lookup. ``number`` is the row as the user sees it: the
    spreadsheet's row number (the header is row 1), or the line of a JSON Lines or text file."""

    source: str  # file name, "command line" or "--all"
    number: int
    slug: str | None = None
    address: str | None = None
    name: str | None = None
    count: str | None = None
    sender: str | None = None
    source_url: str | None = None
    # A row that could not be read (a ragged row, a cell too long, an open quote, an
    # invalid JSON line): the message, and the column when one cell is at fault.
    error: str | None = None
    error_column: str | None = None

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


@dataclass
class Header:
    """A header row read: the role of each column (None: ignored) and what was ignored."""

    keys: list[str | None]
    ignored: list[str]


def parse_column_options(options: Sequence[str]) -> dict[str, str]:
    """``--column ROLE=HEADER`` values → {folded header: role}; an unknown role is an error."""
    mapping: dict[str, str] = {}
    for option in options:
        role, sep, header = option.partition("=")
        role = role.strip().casefold()
        role = COLUMN_NAMES.get(role, role)
        header = " ".join(header.split())
        if not sep or not header or role not in COLUMNS:
            raise InputError(
                _("--column {value}: expected ROLE=HEADER with ROLE one of {roles}").format(
                    value=option, roles=", ".join(COLUMNS)
                ),
                hint=_('e.g. --column "name=Кому писать"'),
            )
        mapping[header.casefold()] = role
    return mapping


def header_map(
    cells: Sequence[Any], where: str, columns: Mapping[str, str] | None = None
) -> Header:
    """Column names → roles (``columns`` first: the ``--column`` mappings); other
    columns are ignored and listed. A row naming no known column is not a header."""
    columns = columns or {}
    keys: list[str | None] = []
    ignored: list[str] = []
    seen: dict[str, str] = {}
    known = ", ".join(sorted(COLUMN_NAMES))
    for cell in cells:
        name = _clean(cell)
        if name is None:
            keys.append(None)
            continue
        key = columns.get(name.casefold()) or COLUMN_NAMES.get(name.casefold())
        if key is None:
            keys.append(None)
            ignored.append(name)
            continue
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
        if not ignored:
            raise InputError(
                _("{where}: the header row is empty").format(where=where),
                hint=_(
                    "the first row must name the columns, e.g. slug;address;count (known: {known})"
                ).format(known=known),
            )
        index = next(i for i, c in enumerate(cells, start=1) if _clean(c) is not None)
        raise InputError(
            _("{where}: the first row is not a header (found «{name}» in column {column})").format(
                where=where, name=_short(ignored[0]), column=index
            ),
            hint=_(
                "add a header row naming the columns, e.g. slug;address;count (known: {known}), "
                "or map yours with --column ROLE=HEADER"
            ).format(known=known),
        )
    if not {"slug", "address", "name"} & set(seen):
        raise InputError(
            _("{where}: there is no slug, address or name column").format(where=where),
            hint=_(
                "a row needs a slug (e.g. batsenin), a full published address or a name; "
                "map a column with --column ROLE=HEADER"
            ),
        )
    return Header(keys, ignored)


def names_known_columns(text: str, columns: Mapping[str, str] | None = None) -> bool:
    """Whether the first non-blank line of ``text`` names a known column (decoding test)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    words = (w.strip().strip('"').strip() for w in re.split(r"[,;\t]", first))
    names = {w.casefold() for w in words if w}
    return bool(names & (set(COLUMN_NAMES) | set(columns or {})))


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _make_row(
    source: str, number: int, keys: Sequence[str | None], cells: Sequence[Any]
) -> InputRow | None:
    """A row from cells under a header; None for an empty row. A cell too long makes the
    row a bad row (``error``); cells under ignored columns are not read."""
    values: dict[str, str | None] = {}
    for index, cell in enumerate(cells):
        key = keys[index] if index < len(keys) else None
        if key is None:
            continue
        text = _clean(cell)
        if text is not None and len(text) > MAX_FIELD_CHARS:
            return bad_row(
                source,
                number,
                _("a cell of {chars} characters (at most {max_chars})").format(
                    chars=f"{len(text):,}", max_chars=f"{MAX_FIELD_CHARS:,}"
                ),
                column=key,
            )
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


def bad_row(source: str, number: int, message: str, column: str | None = None) -> InputRow:
    """A row that could not be read: skipped and named like any bad row."""
    return InputRow(source, number, error=message, error_column=column)
