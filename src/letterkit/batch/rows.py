"""Input rows as read, before lookup: the row model, the header mapping, row problems.

Column / key names are Russian or English, case-insensitive (:data:`COLUMN_NAMES`);
``tests/test_batch.py`` shows each accepted spelling.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
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

# Choice: no real address, name or sender comes near this; a longer cell means a
# broken export (a whole document pasted into a cell, a binary file read as text).
MAX_FIELD_CHARS = 2000

COMMAND_LINE = "command line"
ALL_PEOPLE = "--all"


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
