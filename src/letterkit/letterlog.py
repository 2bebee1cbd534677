"""The private letter log: who you wrote to, when, with which template and signature.

A JSON Lines file in the user data dir (``letter-log.jsonl``), readable only by the
user (mode 0600) and never sent anywhere. Every change rewrites the whole file with
:func:`letterkit.fsutil.atomic_write`, so a crash mid-save leaves the old log intact,
under :func:`letterkit.fsutil.locked`, so overlapping runs never lose an entry. A line
that is not an entry is kept byte for byte (lines are split at ``\n`` only).

Off by default when the sender country is RU (a seized computer should not hold a list
of political prisoners one writes to), on elsewhere; the profile's ``log_enabled``
overrides the default (``letterkit log --enable`` / ``--disable``).

Library functions take ``today``/``now`` so tests can fix the date.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from letterkit import paths
from letterkit.dates import age_on, next_birthday
from letterkit.errors import DataError, LetterkitError
from letterkit.fsutil import PRIVATE_DIR, PRIVATE_FILE, atomic_write, ensure_dir, locked
from letterkit.i18n import _
from letterkit.limits import load_json
from letterkit.profile import load_profile, save_profile

if TYPE_CHECKING:
    from letterkit.directory import AddressChange
    from letterkit.models import Prisoner
    from letterkit.profile import Profile

LOG_FILE = "letter-log.jsonl"
DEFAULT_WEEKS = 6
BIRTHDAY_DAYS = 30


@dataclass(frozen=True)
class LogEntry:
    """One letter written: ``date`` is the letter's date, ``timestamp`` when it was saved."""

    slug: str
    name: str
    date: dt.date
    template: str | None
    signature: str | None
    timestamp: str
    known: bool = True  # False: written to a published address line, not a known record

    def to_json(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "date": self.date.isoformat(),
            "template": self.template,
            "signature": self.signature,
            "timestamp": self.timestamp,
            "known": self.known,
        }

    @classmethod
    def from_json(cls, raw: Any) -> LogEntry:
        """Raises ``ValueError`` for anything that is not a log entry."""
        if not isinstance(raw, dict):
            raise ValueError("not an object")
        slug, name = raw.get("slug"), raw.get("name")
        if not isinstance(slug, str) or not slug or not isinstance(name, str):
            raise ValueError("slug and name must be strings")
        template, signature = raw.get("template"), raw.get("signature")
        if not all(v is None or isinstance(v, str) for v in (template, signature)):
            raise ValueError("template and signature must be strings or null")
        timestamp = raw.get("timestamp") or ""
        if not isinstance(timestamp, str):
            raise ValueError("timestamp must be a string")
        known = raw.get("known", True)
        if not isinstance(known, bool):
            raise ValueError("known must be true or false")
        date = dt.date.fromisoformat(raw["date"])
        return cls(slug, name, date, template, signature, timestamp, known)


@dataclass
class LogContents:
    entries: list[LogEntry]
    # Kept verbatim on rewrite, never silently destroyed: decoded with "surrogateescape",
    # so bytes that are not UTF-8 are written back as they were.
    bad_lines: list[str]


@dataclass(frozen=True)
class Due:
    """A person not written to for a while."""

    slug: str
    name: str
    last: dt.date
    days: int


@dataclass(frozen=True)
class Birthday:
    slug: str
    name: str
    birthday: dt.date  # the next birthday on or after ``today``
    days: int  # 0 = today
    age: int | None  # the age they turn


def log_path() -> Path:
    return paths.user_data_dir() / LOG_FILE


def is_enabled(country: str | None = None, profile: Profile | None = None) -> bool:
    """The profile's explicit setting, else on unless the (sender) country is RU."""
    if profile is None:
        profile = load_profile()
    if profile.log_enabled is not None:
        return profile.log_enabled
    return (country or profile.country or "RU").upper() != "RU"


def set_enabled(enabled: bool) -> None:
    """``letterkit log --enable`` / ``--disable``: stored in the profile."""
    profile = load_profile()
    profile.log_enabled = enabled
    save_profile(profile)  # merges with changes another run saved meanwhile


def read_log(path: Path | None = None) -> LogContents:
    """All entries, oldest first; unreadable lines are reported, not fatal."""
    path = path or log_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LogContents([], [])
    except OSError as exc:
        raise DataError(
            _("cannot read the letter log {file}: {reason}").format(
                file=path, reason=exc.strerror or exc
            ),
            hint=_("check the file's permissions"),
        ) from None
    entries: list[LogEntry] = []
    bad: list[str] = []
    # Split at b"\n" only: str.splitlines also splits at \x0b, \x0c, \x1c-\x1e and
    # U+2028, which would cut a bad line in pieces on rewrite.
    for line in raw.split(b"\n"):
        if not line.strip():
            continue
        try:
            entries.append(LogEntry.from_json(load_json(line.decode("utf-8"))))
        except (ValueError, KeyError, TypeError):
            bad.append(line.decode("utf-8", "surrogateescape"))
    return LogContents(entries, bad)


def _save(contents: LogContents, path: Path) -> None:
    ensure_dir(path.parent, PRIVATE_DIR)
    lines = [json.dumps(e.to_json(), ensure_ascii=False).encode("utf-8") for e in contents.entries]
    lines += [line.encode("utf-8", "surrogateescape") for line in contents.bad_lines]
    # Private from the first moment: the file never exists with wider permissions.
    atomic_write(path, b"".join(line + b"\n" for line in lines), force=True, mode=PRIVATE_FILE)


def add_entry(entry: LogEntry, path: Path | None = None) -> Path:
    """Append one entry (rewrites the file atomically, holding the log's lock)."""
    path = path or log_path()
    with locked(path):
        contents = read_log(path)
        contents.entries.append(entry)
        _save(contents, path)
    return path


def record_letter(
    slug: str,
    name: str,
    date: dt.date,
    *,
    template: str | None,
    signature: str | None,
    now: dt.datetime | None = None,
    path: Path | None = None,
    known: bool = True,
) -> LogEntry:
    """Record a letter just written; returns the entry."""
    now = now or dt.datetime.now(dt.UTC)
    entry = LogEntry(
        slug=slug,
        name=name,
        date=date,
        template=template,
        signature=signature,
        timestamp=now.isoformat(timespec="seconds"),
        known=known,
    )
    add_entry(entry, path)
    return entry


def clear_log(path: Path | None = None) -> int:
    """Delete the log; returns how many entries it held."""
    path = path or log_path()
    with locked(path):
        contents = read_log(path)
        path.unlink(missing_ok=True)
    return len(contents.entries)


def last_letters(entries: list[LogEntry]) -> dict[str, LogEntry]:
    """The latest entry per person (by letter date, then save time)."""
    latest: dict[str, LogEntry] = {}
    for entry in entries:
        seen = latest.get(entry.slug)
        if seen is None or (entry.date, entry.timestamp) >= (seen.date, seen.timestamp):
            latest[entry.slug] = entry
    return latest


def due(entries: list[LogEntry], *, today: dt.date, weeks: int = DEFAULT_WEEKS) -> list[Due]:
    """People in the log whose last letter is at least ``weeks`` weeks old, oldest first."""
    limit = weeks * 7
    out = [
        Due(e.slug, e.name, e.date, (today - e.date).days)
        for e in last_letters(entries).values()
        if (today - e.date).days >= limit
    ]
    return sorted(out, key=lambda d: (-d.days, d.name))


def written_slugs(path: Path | None = None) -> set[str]:
    """Slugs in the writer's letter log (none if it cannot be read)."""
    try:
        return {e.slug for e in read_log(path).entries}
    except LetterkitError:
        return set()


def saved_at(entry: LogEntry) -> dt.datetime:
    """When the entry was saved (UTC); an entry without a timestamp: its letter's date."""
    try:
        when = dt.datetime.fromisoformat(entry.timestamp)
    except ValueError:
        return dt.datetime.combine(entry.date, dt.time(), dt.UTC)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def moved_since(
    entries: list[LogEntry],
    changes: dict[str, AddressChange],
    *,
    resolve: Callable[[str], str | None] | None = None,
) -> dict[LogEntry, AddressChange]:
    """The entries whose person's address changed after the letter was saved, with the
    change (:func:`letterkit.directory.address_changes`, after ``data update``): those
    letters went to an address the person had left, or is leaving.

    ``resolve`` maps a log slug (a slug or alias as typed) to the directory record's id
    (``lambda s: Store().get(s).slug``); unknown → the slug itself. Letters to a
    published address line are left out (their slug is only a surname).
    """
    out: dict[LogEntry, AddressChange] = {}
    ids: dict[str, str | None] = {}
    for entry in entries:
        if not entry.known:
            continue
        if entry.slug not in ids:
            try:
                ids[entry.slug] = resolve(entry.slug) if resolve else entry.slug
            except LetterkitError:  # a record since removed
                ids[entry.slug] = entry.slug
        change = changes.get(ids[entry.slug] or entry.slug)
        if change is not None and saved_at(entry) < change.at:
            out[entry] = change
    return out


def birthdays(
    entries: list[LogEntry],
    *,
    today: dt.date,
    lookup: Callable[[str], Prisoner],
    days: int = BIRTHDAY_DAYS,
) -> list[Birthday]:
    """Birthdays in the next ``days`` days of the people in the log (where known).

    ``lookup`` finds a person by slug (``Store().get``) and raises ``LetterkitError``
    for an unknown one. Letters to a published address line are left out: their slug
    comes from the surname and may name a different person in the directory.
    """
    out: list[Birthday] = []
    for slug, entry in last_letters([e for e in entries if e.known]).items():
        try:
            prisoner = lookup(slug)
        except LetterkitError:  # an address-line target, or a record since removed
            continue
        if prisoner.birth_date is None:
            continue
        day = next_birthday(prisoner.birth_date, today)
        ahead = (day - today).days
        if ahead <= days:
            age = age_on(prisoner.birth_date, day)
            out.append(Birthday(slug, prisoner.nominative or entry.name, day, ahead, age))
    return sorted(out, key=lambda b: (b.days, b.name))


def record_write(
    slug: str,
    name: str,
    date: dt.date,
    *,
    template: str | None,
    signature: str | None,
    country: str | None,
    known: bool = True,
    now: dt.datetime | None = None,
) -> LogEntry | None:
    """After ``write`` saved its files: record the letter if the log is on.

    ``template`` is the template used, None for the writer's own text; ``country`` is
    the sender's (the log's default depends on it, see :func:`is_enabled`); ``known``
    is False for a letter to a published address line rather than a known record.
    """
    if not is_enabled(country):
        return None
    return record_letter(
        slug, name, date, template=template, signature=signature, now=now, known=known
    )
