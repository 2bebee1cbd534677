"""``letterkit data update FILE``: the same update from a file, with no network.

FILE is recognised by its content:

- letterkit's directory file (JSON, ``format: 1``, data/directory/README.md) or
  Memorial's rows as JSON Lines (:mod:`letterkit.directory.rows`): a whole list, dated
  by its ``snapshot``; people in use who are not in it are no longer listed;
- a person page saved from the browser (HTML): that person's record, confirmed on the
  day the file was saved;
- Memorial's CSV list (``;``-separated, name and ``?p=ID`` link): it has no addresses,
  so it only marks people no longer listed (people new to it need the online update).

Each goes through the same checks as the online update ("never worse than before").
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from letterkit.directory import page_slug, validate_rows
from letterkit.directory._common import DIRECTORY
from letterkit.directory.rows import parse_jsonl, read_input
from letterkit.directory.snapshot import candidates, newest
from letterkit.errors import InputError
from letterkit.i18n import _
from letterkit.limits import load_json
from letterkit.update.memorial import LayoutChanged, parse_csv_list, parse_person_page
from letterkit.update.run import (
    MIN_LISTED_SHARE,
    Options,
    Run,
    UpdateRefused,
    UpdateResult,
    row_of,
)


def _read(path: Path) -> bytes:
    return read_input(
        path, too_large=_("{path} is too large for a list (over 50 MB)"), give=_("give a file")
    )


def kind_of(raw: bytes) -> str:
    """``directory`` | ``jsonl`` | ``page`` | ``csv``, from the first bytes."""
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        try:
            data = load_json(raw)  # nesting and number limits: letterkit.limits
        except (ValueError, UnicodeDecodeError):
            return "jsonl"
        return "directory" if isinstance(data, dict) and "records" in data else "jsonl"
    if head.startswith((b"<!doctype", b"<html", b"<")):
        return "page"
    return "csv"


def update_from_file(path: Path, options: Options | None = None) -> UpdateResult:
    path = Path(path)
    raw = _read(path)
    options = options or Options()
    options.offline = True  # a file update never opens a connection
    run = Run(options)
    run.from_file = True
    kind = kind_of(raw)
    if kind in ("directory", "jsonl"):
        return _whole_list(run, path, raw, kind)
    if kind == "page":
        return _page(run, path, raw)
    return _csv(run, path, raw)


def _whole_list(run: Run, path: Path, raw: bytes, kind: str) -> UpdateResult:
    if kind == "directory":
        data = load_json(raw)
        try:
            snapshot = dt.date.fromisoformat(data["snapshot"])
            rows = [row_of(r, snapshot) for r in data["records"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(
                _("{path}: not a letterkit directory file ({reason})").format(
                    path=path, reason=exc
                ),
                hint=_("give the file as letterkit wrote it, or Memorial's list"),
            ) from None
        for row in rows:
            row["snapshot"] = snapshot.isoformat()
        validate_rows(
            [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows], str(path)
        )
        for row in rows:  # validate_rows adds the slug to the copies only
            row["_slug"] = page_slug(row["source_url"])
    else:
        rows = parse_jsonl(raw, path)
        snapshot = validate_rows(rows, str(path))
        for row in rows:
            row.setdefault("address_seen", snapshot.isoformat())
    shipped = newest(candidates(run.data_dir / DIRECTORY))
    if shipped is not None and snapshot < shipped[0]:
        raise InputError(
            _(
                "{file} is a snapshot of {date}, older than the one letterkit ships ({shipped})"
            ).format(file=path.name, date=snapshot.isoformat(), shipped=shipped[0].isoformat()),
            hint=_("download a newer list, or keep using the shipped one"),
        )
    if run.current.path is not None and snapshot < run.current.snapshot:
        raise InputError(
            _("{file} is a list of {date}, older than the one in use ({current})").format(
                file=path.name, date=snapshot.isoformat(), current=run.current.snapshot.isoformat()
            ),
            hint=_("download a newer list, or keep using the one you have"),
        )
    in_use = sum(1 for r in run.current.rows.values() if r["_listed"])
    if len(rows) < MIN_LISTED_SHARE * in_use:
        raise UpdateRefused(
            _(
                "{file} lists {n} people, fewer than half of the {m} in the list in use: "
                "nothing was changed"
            ).format(file=path.name, n=len(rows), m=in_use),
            hint=_("check that it is the whole list"),
        )
    merged = {slug: dict(row) for slug, row in run.current.rows.items()}
    listed_ids = set()
    for row in rows:
        slug = row.pop("_slug")
        row.pop("snapshot", None)
        row["_listed"] = True
        row["_fetched"] = False
        merged[slug] = row
        listed_ids.add(str(row["id"]))
    run.today = snapshot
    run.source_dates["file"] = f"{path.name} ({snapshot.isoformat()})"
    return run.finish(merged, {}, {}, listed_ids, False, [], {}, telegram=False)


def _page(run: Run, path: Path, raw: bytes) -> UpdateResult:
    html = raw.decode("utf-8", errors="replace")
    tree = HTMLParser(html)
    url = None
    for selector, attribute in (
        ('link[rel="canonical"]', "href"),
        ('meta[property="og:url"]', "content"),
    ):
        node = tree.css_first(selector)
        if node is not None and node.attributes.get(attribute):
            url = node.attributes[attribute]
            break
    slug = page_slug(url) if url else None
    if slug is None:
        raise InputError(
            _(
                "{path}: not a saved Memorial person page (no link to memopzk.org/figurant/…)"
            ).format(path=path),
            hint=_("save the page from your browser as «Web page, HTML only»"),
        )
    try:
        page = parse_person_page(html, run.sources.memorial["selectors"], url)
    except LayoutChanged as exc:
        raise UpdateRefused(exc.message, hint=exc.hint) from None
    saved = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).date()
    rows = {s: dict(r) for s, r in run.current.rows.items()}
    by_id = {str(r["id"]): s for s, r in rows.items()}
    run.source_dates["file"] = f"{path.name} ({saved.isoformat()})"
    return run.finish(rows, by_id, {slug: page}, None, False, [], {}, telegram=False, seen=saved)


def _csv(run: Run, path: Path, raw: bytes) -> UpdateResult:
    listed = parse_csv_list(raw, path.name)
    ids = {p.memorial_id for p in listed}
    in_use = sum(1 for r in run.current.rows.values() if r["_listed"])
    if len(ids) < MIN_LISTED_SHARE * in_use:
        raise UpdateRefused(
            _(
                "{file} lists {n} people, fewer than half of the {m} in the list in use: "
                "nothing was changed"
            ).format(file=path.name, n=len(ids), m=in_use),
            hint=_("Memorial offers two lists: join them into one file, or use the online update"),
        )
    rows: dict[str, dict[str, Any]] = {s: dict(r) for s, r in run.current.rows.items()}
    known = {str(r["id"]) for r in rows.values()}
    new = [p for p in listed if p.memorial_id not in known]
    if new:
        run.notes.append(
            _(
                "{n} people on the list are not in the data yet (a list has no addresses): "
                "run 'letterkit data update' online to read their pages"
            ).format(n=len(new))
        )
    run.source_dates["file"] = path.name
    return run.finish(rows, {}, {}, ids, False, [], {}, telegram=False)
