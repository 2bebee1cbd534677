"""The prisoner directory: Memorial's list shipped offline as a precomputed snapshot.

Source: the "Political Prisoners. Memorial" pages (https://memopzk.org/), scraped into
JSON Lines (:mod:`letterkit.directory.rows`). The modules:

- :mod:`~letterkit.directory.memorial`: Memorial's rows → the project's own records,
  every published address parsed and validated *once* (``scripts/import_memorial.py``,
  and :mod:`~letterkit.directory.update` for ``letterkit data update FILE``); the file
  format is described in data/directory/README.md;
- :mod:`~letterkit.directory.status`: a record's status from Memorial's tags, and who
  is writable;
- :mod:`~letterkit.directory.snapshot`: the newest snapshot file, loaded at start-up
  with no address parsing;
- :mod:`~letterkit.directory.search`, :mod:`~letterkit.directory.picks`: find people,
  pick at random, list birthdays;
- :mod:`~letterkit.directory.stale`: how old each address is (``address_seen``), graded
  by data/staleness.toml; ``show`` and ``write`` warn when it is stale.

The directory takes lists of people (:class:`letterkit.models.Prisoner`) and plain
values; it never reads the store (which loads the snapshot through it) nor the letter
log.

The names below are imported from their module on first use (PEP 562, module
``__getattr__``): shell completion reads ``snapshot_slugs`` on every Tab press and must
not load the address engine that the conversion needs.
"""

from __future__ import annotations

import importlib
from typing import Any

# module → the public names it defines
_EXPORTS: dict[str, tuple[str, ...]] = {
    "_common": ("DIRECTORY", "FILE_PREFIX", "FORMAT", "SOURCE_TITLE", "SOURCE_URL"),
    "export": ("born", "person_json"),
    "memorial": (
        "Conversion",
        "convert_file",
        "convert_rows",
        "name_variants",
        "split_name",
        "surname_slug",
    ),
    "picks": ("BirthdayEntry", "birthday_targets", "birthdays", "random_people"),
    "rows": ("MAX_UPDATE_BYTES", "page_slug", "read_jsonl", "validate_rows"),
    "search": ("find", "name_score"),
    "snapshot": (
        "AddressChange",
        "address_changes",
        "has_user_snapshot",
        "load_snapshot",
        "snapshot_file_name",
        "snapshot_path",
        "snapshot_slugs",
    ),
    "stale": (
        "AddressAge",
        "add_months",
        "address_age",
        "age_in_months",
        "is_stale",
        "load_grading",
        "page_url",
        "stale_warning",
    ),
    "status": (
        "NEEDS_FACILITY",
        "RECEIVES_LETTERS",
        "STATUS_EN",
        "STATUS_TAGS",
        "is_writable",
        "status_of",
    ),
    "update": ("update_snapshot",),
}
_HOME = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # later look-ups find it without calling this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})
