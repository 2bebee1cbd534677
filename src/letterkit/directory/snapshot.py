"""The directory file on disk: the newest snapshot, found and loaded at start-up.

The file (data/directory/README.md) holds every record already converted, so
:func:`load_snapshot` is one ``json.loads`` and plain object construction: no address
is parsed. ``letterkit data update FILE`` (:mod:`letterkit.directory.update`) converts
a newer list into the user data dir; the newest snapshot wins, the user's on a tie.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from letterkit import paths, resources
from letterkit.directory._common import (
    DIRECTORY,
    FILE_PREFIX,
    FORMAT,
    LATIN_NAMES,
    PAGE_NAME,
    SOURCE_TITLE,
    STATE_FILE,
)
from letterkit.errors import DataError
from letterkit.i18n import _
from letterkit.limits import load_json
from letterkit.models import Address, Issue, Prisoner, Recipient, Source


def snapshot_file_name(snapshot: dt.date) -> str:
    return f"{FILE_PREFIX}{snapshot.isoformat()}.json"


def candidates(folder: Path) -> list[tuple[dt.date, Path]]:
    """The snapshot files in ``folder``, with the date in their names."""
    out = []
    for path in folder.glob(f"{FILE_PREFIX}*.json"):
        try:
            out.append((dt.date.fromisoformat(path.stem.removeprefix(FILE_PREFIX)), path))
        except ValueError:
            continue
    return out


def newest(found: list[tuple[dt.date, Path]]) -> tuple[dt.date, Path] | None:
    """The latest of :func:`candidates`, or None."""
    return max(found) if found else None


def snapshot_path(data_dir: Path, user_dir: Path) -> Path | None:
    """The snapshot file to load: the newest; on a tie the user's (``data update``)."""
    user = newest(candidates(user_dir / DIRECTORY))
    shipped = newest(candidates(data_dir / DIRECTORY))
    if user is None or (shipped is not None and shipped[0] > user[0]):
        return shipped[1] if shipped else None
    return user[1]


def has_user_snapshot(user_dir: Path) -> bool:
    """Whether ``data update`` saved a directory in the user data dir."""
    return bool(candidates(user_dir / DIRECTORY))


def load_snapshot(data_dir: Path, user_dir: Path) -> dict[str, Prisoner]:
    """Directory records keyed by Memorial's page slug; aliases on each record."""
    path = snapshot_path(data_dir, user_dir)
    if path is None:
        return {}
    try:
        raw = load_json(path.read_bytes())  # nesting and number limits: letterkit.limits
    except OSError as exc:
        raise DataError(
            _("cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    except ValueError as exc:  # JSON syntax, not UTF-8, or over a limit
        raise DataError(
            _("{path}: broken directory file ({reason})").format(path=path, reason=exc),
            hint=_("run 'letterkit data update FILE' again, or delete the file"),
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise DataError(
            _("{path}: not a directory file of format {format}").format(path=path, format=FORMAT),
            hint=_("run 'letterkit data update FILE' again, or delete the file"),
        )
    try:
        snapshot = dt.date.fromisoformat(raw["snapshot"])
        people = {}
        for rec in raw["records"]:
            prisoner = _prisoner(rec, snapshot, str(path))
            people[prisoner.slug] = prisoner
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(
            _("{path}: damaged directory record ({kind}: {reason})").format(
                path=path, kind=type(exc).__name__, reason=exc
            ),
            hint=_("run 'letterkit data update FILE' again, or delete the file"),
        ) from None
    return people


@dataclass(frozen=True)
class AddressChange:
    """A change ``data update`` (or ``--refresh``) found in a person's address: ``kind``
    is ``moved``, ``released`` or ``unpublished``; ``at`` is when letterkit learnt it
    (the run's start, UTC): a letter saved before then went to the old address."""

    kind: str
    at: dt.datetime
    new: str | None  # the new facility (or address), if any


def address_changes(user_dir: Path | None = None) -> dict[str, AddressChange]:
    """The latest address change of each directory record, by id (none before an update;
    a damaged state file gives none: it is a convenience, never a reason to fail)."""
    path = (user_dir or paths.user_data_dir()) / DIRECTORY / STATE_FILE
    try:
        state = load_json(path.read_bytes())
        found = state.get("address_changed", {})
        return {
            slug: AddressChange(c["kind"], dt.datetime.fromisoformat(c["at"]), c.get("new"))
            for slug, c in found.items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


_QUOTED_SLUG = re.compile(r'"([a-z0-9-]+)"')


def snapshot_slugs(data_dir: Path | None = None, user_dir: Path | None = None) -> list[str]:
    """Ids and aliases of the directory, read cheaply for shell completion (no parsing
    into objects; relies on the one-record-a-line layout of
    :meth:`letterkit.directory.memorial.Conversion.dumps`)."""
    path = snapshot_path(data_dir or resources.data_dir(), user_dir or paths.user_data_dir())
    if path is None:
        return []
    out: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith('{"id": "'):
            continue
        out.append(line[8 : line.index('"', 8)])
        start = line.find('"aliases": [')
        if start >= 0:
            out += _QUOTED_SLUG.findall(line, start + 12, line.index("]", start))
    return out


def _prisoner(rec: dict[str, Any], snapshot: dt.date, path: str) -> Prisoner:
    born = rec["born"]
    birth_date = dt.date.fromisoformat(born) if born and len(born) == 10 else None
    notes: list[str] = []
    if rec["other_names"]:
        notes.append(f"{PAGE_NAME}{rec['name']}")
    address = None
    a = rec["address"]
    if rec["writable"]:
        r = a["recipient"]
        address = Address(
            postcode=a["postcode"],
            region=a["region"],
            district=a["district"],
            locality=a["locality"],
            sublocality=a["sublocality"],
            street=a["street"],
            house=a["house"],
            building=a["building"],
            po_box=a["po_box"],
            facility=a["facility"],
            recipient=Recipient(**r) if r else None,
            printable=True,
            warnings=[Issue(w["code"], w["field"], w["message"]) for w in a["warnings"]],
            notes=list(a["notes"]),
        )
    else:
        notes.append(f"No usable address in Memorial's list of {snapshot.isoformat()}: "
                     f"{rec['problem']}.")  # fmt: skip
        if rec["address_text"]:
            notes.append(f"The page said: «{' '.join(rec['address_text'].split())[:300]}»")
    nominative = " ".join(p for p in (rec["last"], rec["first"], rec["middle"]) if p)
    LATIN_NAMES[(rec["id"], nominative)] = rec["latin"]
    return Prisoner(
        slug=rec["id"],
        last=rec["last"],
        first=rec["first"] or "",
        middle=rec["middle"],
        gender=rec["gender"],
        birth_year=int(born[:4]) if born else None,
        birth_date=birth_date,
        sources=[Source(title=f"{SOURCE_TITLE}: {rec['name']}", url=rec["url"])],
        checked=snapshot,
        address=address,
        notes=notes,
        aliases=list(rec["aliases"]),
        tags=list(rec["tags"]),
        status=rec["status"],
        snapshot=snapshot,
        # a record confirmed later than the list (data update) says so; else the list's date
        address_seen=dt.date.fromisoformat(rec["address_seen"])
        if rec.get("address_seen")
        else snapshot,
        address_source=rec.get("address_source") or rec["url"],
        origin="snapshot",
        path=path,
    )
