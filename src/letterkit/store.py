"""The record store with the address parser: :class:`Store`, what every command but
``write`` uses (letterkit/recordstore.py has the store itself)."""

from __future__ import annotations

from pathlib import Path

from letterkit.address.parse import parse_address
from letterkit.recordstore import RecordStore


class Store(RecordStore):
    """All records letterkit knows, a published address line in a record read by
    :func:`~letterkit.address.parse.parse_address`."""

    def __init__(self, data_dir: Path | None = None, user_dir: Path | None = None) -> None:
        super().__init__(data_dir, user_dir, read_line=parse_address)
