"""Memorial's list as it arrives: JSON Lines rows, read and checked before conversion.

One JSON object a line, with the keys ``id``, ``name``, ``born`` (``YYYY-MM-DD``,
``YYYY`` or null), ``address_text``, ``articles``, ``tags``, ``source_url`` (the
person's page on memopzk.org) and ``snapshot`` (the scrape date, the same on every
row); tests/test_directory.py rebuilds such rows from the shipped file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from letterkit.errors import InputError
from letterkit.i18n import _
from letterkit.limits import LimitExceeded, load_json
from letterkit.records import is_valid_slug

MAX_UPDATE_BYTES = 50 * 1024 * 1024

_YEAR = re.compile(r"\d{4}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PAGE_SLUG = re.compile(r"^https?://[^/]+/figurant/([^/?#]+)/?$")


def page_slug(url: str) -> str | None:
    """Memorial's page slug from the URL, if it is a valid letterkit slug."""
    m = _PAGE_SLUG.match(url.strip())
    if m is None:
        return None
    slug = m.group(1).lower()
    return slug if is_valid_slug(slug) else None


def validate_rows(rows: Sequence[Any], where: str | None = None) -> dt.date:
    """Check rows of Memorial's JSON Lines (the module docstring); returns the snapshot date.

    Adds ``_slug`` (Memorial's page slug) to each row. Raises :class:`InputError`
    naming the first bad row (1-based).
    """
    where = where or _("the file")

    def bad(i: int, problem: str) -> InputError:
        return InputError(
            _("{file}, row {row}: {problem}").format(file=where, row=i, problem=problem),
            hint=_(
                "the file must be Memorial's list in JSON Lines (one object a line: "
                "id, name, born, address_text, articles, tags, source_url, snapshot)"
            ),
        )

    if not rows:
        raise InputError(
            _("{file} holds no records").format(file=where),
            hint=_("check that it is the right file"),
        )
    dates: set[str] = set()
    seen: set[str] = set()
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise bad(i, _("not a JSON object"))
        for key in ("id", "name", "source_url", "snapshot"):
            if not isinstance(row.get(key), str | int) or not str(row.get(key)).strip():
                raise bad(i, _("'{key}' is missing").format(key=key))
        if not isinstance(row["name"], str) or not row["name"].split():
            raise bad(i, _("'name' must be the person's name"))
        born = row.get("born")
        if born is not None and not (
            isinstance(born, str) and (_YEAR.fullmatch(born) or _DATE.fullmatch(born))
        ):
            raise bad(i, _("'born' must be YYYY-MM-DD, YYYY or null"))
        if born and len(born) == 10:
            try:
                dt.date.fromisoformat(born)
            except ValueError:
                raise bad(i, _("'born' is not a date: {born}").format(born=born)) from None
        text = row.get("address_text")
        if text is not None and not isinstance(text, str):
            raise bad(i, _("'address_text' must be text or null"))
        for key in ("tags", "articles"):
            value = row.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise bad(i, _("'{key}' must be a list of strings").format(key=key))
        slug = page_slug(str(row["source_url"]))
        if slug is None:
            raise bad(
                i, _("'source_url' is not a Memorial page: {url}").format(url=row["source_url"])
            )
        if slug in seen:
            raise bad(i, _("the page {url} appears twice").format(url=row["source_url"]))
        seen.add(slug)
        row["_slug"] = slug
        snap = str(row["snapshot"])
        if not _DATE.fullmatch(snap):
            raise bad(i, _("'snapshot' must be YYYY-MM-DD"))
        dates.add(snap)
    if len(dates) != 1:
        raise InputError(
            _("{file} mixes snapshots of {count} dates ({dates})").format(
                file=where, count=len(dates), dates=", ".join(sorted(dates))
            ),
            hint=_("import one snapshot at a time"),
        )
    try:
        return dt.date.fromisoformat(dates.pop())
    except ValueError:
        raise InputError(_("{file}: 'snapshot' is not a valid date").format(file=where)) from None


def read_input(path: Path, *, too_large: str, give: str) -> bytes:
    """The bytes of a file the user gives ``data update``, with one clear error each for
    a file over :data:`MAX_UPDATE_BYTES`, missing, a folder or unreadable.

    ``too_large`` is the message for a file over the limit (translated, with ``{path}``),
    ``give`` the hint for a folder (what to give instead)."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_UPDATE_BYTES:
            raise InputError(too_large.format(path=path))
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            _("the file {path} does not exist").format(path=path), hint=_("check the path")
        ) from None
    except IsADirectoryError:
        raise InputError(_("{path} is a directory").format(path=path), hint=give) from None
    except OSError as exc:
        raise InputError(
            _("cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None


def read_jsonl(path: Path) -> list[Any]:
    """The rows of a JSON Lines file, with errors naming the line."""
    raw = read_input(
        path,
        too_large=_("{path} is too large for a snapshot (over 50 MB)"),
        give=_("give a .jsonl file"),
    )
    return parse_jsonl(raw, Path(path))


def parse_jsonl(raw: bytes, path: Path) -> list[Any]:
    """The rows of JSON Lines already read from ``path`` (named in the errors)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            _("{path} is not UTF-8 text").format(path=path), hint=_("give the .jsonl file")
        ) from None
    rows: list[Any] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(load_json(line))  # nesting and number limits: letterkit.limits
        except json.JSONDecodeError as exc:
            raise InputError(
                _("{path}, line {line}: not JSON ({reason})").format(
                    path=path, line=n, reason=exc.msg
                ),
                hint=_("the file must be JSON Lines: one JSON object a line"),
            ) from None
        except LimitExceeded as exc:
            raise InputError(
                _("{path}, line {line}: {reason}").format(path=path, line=n, reason=exc),
                hint=_("the file must be JSON Lines: one JSON object a line"),
            ) from None
    return rows
