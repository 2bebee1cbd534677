"""One ``letterkit data update`` run: fetch what changed, check it, apply it atomically.

The run works on Memorial's rows (:mod:`letterkit.directory.rows`), rebuilt from the
directory in use (the user's from an earlier update, else the shipped snapshot), and
converts them with the same :func:`letterkit.directory.convert_rows` as the shipped file,
so every fetched address goes through the address engine. In order:

1. the two CSV lists: who is on the list (new people, people no longer listed);
2. the WordPress REST collection: which person pages changed since the last run (the
   first run: since the snapshot's date); if it is not there (404), the lists plus
   Telegram only, with a note;
3. the person pages that changed or are new (``--full``: all; ``--only``: those),
   people in the letter log first, then pre-trial (СИЗО) addresses, then the rest;
4. Telegram's «Новые адреса…» posts newer than a person's page: a move before the page;
5. checks that refuse the whole run ("never worse than before"), then one atomic write
   of the new directory file and the state (data/directory/README.md).

A person still listed whose page did not change is confirmed as of the run date
(``address_seen``). Nothing is written before step 5: Ctrl-C leaves the data as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from letterkit import paths, resources
from letterkit.directory import (
    convert_rows,
    is_stale,
    load_grading,
    load_snapshot,
    page_slug,
    snapshot_file_name,
    snapshot_path,
    split_name,
)
from letterkit.directory._common import DIRECTORY, FILE_PREFIX, STATE_FILE
from letterkit.errors import DataError, LetterkitError
from letterkit.fsutil import atomic_write_many
from letterkit.i18n import _
from letterkit.limits import load_json
from letterkit.update.http import Clock, Disallowed, Fetcher, NetworkError
from letterkit.update.memorial import (
    LayoutChanged,
    Listed,
    PersonPage,
    parse_csv_list,
    parse_person_page,
    parse_rest_page,
)
from letterkit.update.sources import HostMap, Sources, load_sources
from letterkit.update.telegram import address_posts, match_lines, parse_preview

STAGING_FILE = "update-staging.json"  # pages read by an interrupted run (not applied)
STAGING_MAX_AGE = dt.timedelta(days=7)
MIN_LISTED_SHARE = 0.5  # a list with fewer than half the people in use is refused
MAX_UNPARSED_SHARE = 0.3  # refused when more fetched addresses fail to parse…
MIN_FOR_UNPARSED_CHECK = 20  # …and at least this many were fetched
INCREMENTAL_OVERLAP = dt.timedelta(days=1)  # `modified` is checked from the last start − 1 day
# the changes after which a letter written before went to an address the person left
ADDRESS_CHANGES = ("moved", "released", "unpublished")
NOT_LISTED = "no longer on Memorial's list (released, or removed from the list)"


class UpdateRefused(LetterkitError):
    """The fetched data looks broken or implausibly small: nothing was changed."""


@dataclass
class Change:
    kind: str  # new | moved | released | unpublished | kept-old | published
    slug: str
    name: str
    old: str | None = None  # facility (or the address) before
    new: str | None = None  # after
    url: str | None = None
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class UpdateResult:
    path: Path | None
    snapshot: dt.date
    changes: list[Change]
    notes: list[str]
    requests: int
    pages_fetched: int
    counts: dict[str, Any]
    sources: dict[str, str]

    @property
    def kept_old(self) -> list[Change]:
        return [c for c in self.changes if c.kind == "kept-old"]

    @property
    def exit_code(self) -> int:
        return 3 if self.kept_old else 0

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path) if self.path else None,
            "snapshot": self.snapshot.isoformat(),
            "requests": self.requests,
            "pages_fetched": self.pages_fetched,
            "changes": [c.to_json() for c in self.changes],
            "notes": self.notes,
            "counts": self.counts,
            "sources": self.sources,
        }


Progress = Callable[[int, int, str], None]


@dataclass
class Options:
    full: bool = False
    only: tuple[str, ...] = ()
    limit: int | None = None
    delay: float | None = None
    offline: bool = False
    today: dt.date | None = None
    now: dt.datetime | None = None  # the run's start (UTC)
    first: Iterable[str] = ()  # slugs fetched first (the letter log)
    progress: Progress | None = None
    clock: Clock | None = None
    transport: Any = None
    data_dir: Path | None = None
    user_dir: Path | None = None
    environ: dict[str, str] | None = None


# ----------------------------------------------------------------- the data in use


@dataclass
class Current:
    """The directory in use, as Memorial's rows plus what the records knew."""

    path: Path | None
    snapshot: dt.date
    records: dict[str, dict[str, Any]]  # slug → record (as in the file)
    rows: dict[str, dict[str, Any]]  # slug → row (rows.py keys + address_seen/source)


def read_current(data_dir: Path, user_dir: Path) -> Current:
    path = snapshot_path(data_dir, user_dir)
    if path is None:
        return Current(None, dt.date(1970, 1, 1), {}, {})
    try:
        raw = load_json(path.read_bytes())  # nesting and number limits: letterkit.limits
        snapshot = dt.date.fromisoformat(raw["snapshot"])
        records = {r["id"]: r for r in raw["records"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(
            _("{path}: broken directory file ({reason})").format(path=path, reason=exc),
            hint=_("delete it: the shipped list is used again"),
        ) from None
    rows = {slug: row_of(r, snapshot) for slug, r in records.items()}
    return Current(path, snapshot, records, rows)


def row_of(r: dict[str, Any], snapshot: dt.date) -> dict[str, Any]:
    """A directory record → Memorial's row (rows.py keys + address_seen/source)."""
    return {
        "id": r["memorial_id"],
        "name": r["name"],
        "born": r["born"],
        "address_text": r["address_text"],
        "articles": list(r["articles"]),
        "tags": list(r["tags"]),
        "source_url": r["url"],
        "address_seen": r.get("address_seen") or snapshot.isoformat(),
        "address_source": r.get("address_source") or r["url"],
        "_listed": r.get("problem") != NOT_LISTED,
    }


def read_state(user_dir: Path) -> dict[str, Any]:
    path = user_dir / DIRECTORY / STATE_FILE
    try:
        state = load_json(path.read_bytes())
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return {}  # a damaged state only makes the next run a fuller one
    return state if isinstance(state, dict) else {}


# ----------------------------------------------------------------------- the run


class Run:
    def __init__(self, options: Options, sources: Sources | None = None) -> None:
        self.o = options
        self.data_dir = options.data_dir or resources.data_dir()
        self.user_dir = options.user_dir or paths.user_data_dir()
        self.sources = sources or load_sources(self.data_dir)
        self.now = options.now or dt.datetime.now(dt.UTC).replace(microsecond=0)
        self.today = options.today or self.now.date()
        self.state = read_state(self.user_dir)
        self.current = read_current(self.data_dir, self.user_dir)
        self.notes: list[str] = []
        self.changes: list[Change] = []
        self.fetcher = Fetcher(
            HostMap(self.sources, options.environ),
            self.sources.politeness,
            delay=options.delay,
            clock=options.clock,
            validators=dict(self.state.get("validators", {})),
            transport=options.transport,
            offline=options.offline,
        )
        self.source_dates: dict[str, str] = dict(self.state.get("sources", {}))
        self.page_modified: dict[str, str] = dict(self.state.get("page_modified", {}))
        self.pages_fetched = 0
        self.from_file = False
        self.confirmed: set[str] = set()  # pages answered 304 Not Modified
        self.resumed = 0  # pages taken from an interrupted run
        self.gone: set[str] = set()  # pages asked for with --only that answered 404

    # -- 1. the lists -----------------------------------------------------------
    def fetch_lists(self) -> list[Listed]:
        listed: list[Listed] = []
        for url in self.sources.memorial["lists"]:
            got = self.fetcher.get(url, conditional=False)
            if got.status != 200:
                raise UpdateRefused(
                    _("Memorial's list {url} answered {status}").format(url=url, status=got.status),
                    hint=_("nothing was changed; try again later"),
                )
            listed += parse_csv_list(got.content, url)
        self.source_dates["memorial-lists"] = self.now.isoformat()
        return listed

    # -- 2. the REST collection -------------------------------------------------
    def changed_since(self) -> dt.datetime:
        last = self.state.get("last_run_start")
        if last:
            return dt.datetime.fromisoformat(last) - INCREMENTAL_OVERLAP
        return dt.datetime.combine(self.baseline(), dt.time(), dt.UTC)

    def baseline(self) -> dt.date:
        """Before a complete run: the date of the list the first update started from
        (a partial run, --only or --limit, saves a file of its own day)."""
        first = self.state.get("first_since")
        return dt.date.fromisoformat(first) if first else self.current.snapshot

    def fetch_rest(self, since: dt.datetime | None) -> dict[str, Any] | None:
        """Memorial id → Changed for pages modified at or after ``since``; None without
        the REST collection (404)."""
        base = self.sources.memorial["rest"]
        found: dict[str, Any] = {}
        page, total = 1, 1
        while page <= total:
            query: dict[str, Any] = {
                "per_page": self.sources.memorial["rest_per_page"],
                "orderby": "modified",
                "order": "desc",
            }
            if since is not None:
                query["modified_after"] = since.replace(tzinfo=None).isoformat()
            query.update(_fields=self.sources.memorial["rest_fields"], page=page)
            try:
                got = self.fetcher.get(f"{base}?{urlencode(query)}", conditional=False)
            except Disallowed as exc:
                self.notes.append(exc.message)
                return None
            if got.status == 404:
                if page == 1:
                    return None
                break
            try:
                total = int(got.headers.get("x-wp-totalpages", "1"))
            except ValueError:
                total = 1
            for item in parse_rest_page(got.content, base):
                if since is None or item.modified >= since:  # `modified_after` is local time
                    found[item.memorial_id] = item
            page += 1
        self.source_dates["memorial-rest"] = self.now.isoformat()
        return found

    # -- 3. person pages ----------------------------------------------------------
    def order(self, slugs: Iterable[str]) -> list[str]:
        first = set(self.o.first)
        grading = load_grading(self.data_dir)
        pretrial = next((k for k in grading.kinds if k.max_days is not None), None)

        def rank(slug: str) -> tuple[int, str]:
            if slug in first:
                return (0, slug)
            facility = ((self.current.records.get(slug) or {}).get("address") or {}).get("facility")
            if pretrial is not None and facility and pretrial.pattern.search(facility):
                return (1, slug)
            return (2, slug)

        return sorted(set(slugs), key=rank)

    def fetch_page(self, url: str) -> tuple[str | None, PersonPage]:
        got = self.fetcher.get(url)
        if got.not_modified:
            raise _NotModified
        if got.status == 404:
            raise _Gone
        slug = page_slug(got.redirected_to or got.url)
        page = parse_person_page(got.text, self.sources.memorial["selectors"], got.url)
        page.slug = slug
        self.pages_fetched += 1
        return slug, page

    # -- resuming an interrupted run ----------------------------------------------
    @property
    def staging_path(self) -> Path:
        return self.user_dir / DIRECTORY / STAGING_FILE

    def read_staging(self) -> dict[str, Any]:
        try:
            staged = load_json(self.staging_path.read_bytes())
            started = dt.datetime.fromisoformat(staged["saved"])
        except (OSError, ValueError, KeyError, TypeError):
            return {}
        if self.now - started > STAGING_MAX_AGE:
            return {}
        pages = staged.get("pages")
        return pages if isinstance(pages, dict) else {}

    def write_staging(self, pages: dict[str, Any]) -> None:
        if not pages:
            return
        data = {"saved": self.now.isoformat(), "pages": pages}
        with contextlib.suppress(LetterkitError):  # resuming is a convenience
            atomic_write_many(
                [(self.staging_path, json.dumps(data, ensure_ascii=False))],
                force=True,
                make_dirs=True,
            )

    # -- the whole run ------------------------------------------------------------
    def run(self) -> UpdateResult:
        try:
            return self._run()
        finally:
            self.fetcher.close()

    def _run(self) -> UpdateResult:
        rows = {slug: dict(row) for slug, row in self.current.rows.items()}
        by_id = {str(row["id"]): slug for slug, row in rows.items()}
        plan = self.plan(rows, by_id)
        order = self.order(k for k in plan.to_fetch if not k.startswith("id:"))
        order = [k for k in plan.to_fetch if k.startswith("id:")] + order
        pending: list[str] = []
        if self.o.limit is not None:
            pending = [k for k in order[self.o.limit :] if not k.startswith("id:")]
            order = order[: self.o.limit]
        fetched = self.fetch_pages(order, plan, by_id)
        if fetched:
            self.source_dates["memorial-pages"] = self.now.isoformat()
        return self.finish(
            rows, by_id, fetched, plan.listed_ids, plan.rest_ok, pending, plan.changed_when
        )

    def plan(self, rows: dict[str, dict[str, Any]], by_id: dict[str, str]) -> _Plan:
        """Which person pages to read: the ones asked for (``--only``); else the people
        new on the lists, and those the page index says changed (``--full``: every
        listed one) with the ones a ``--limit`` left for later."""
        plan = _Plan()
        if self.o.only:
            for slug in self.o.only:
                row = rows.get(slug)
                plan.to_fetch[slug] = (
                    row["source_url"] if row else self.sources.memorial["page"].format(slug=slug)
                )
            return plan
        listed = self.fetch_lists()
        plan.listed_ids = listed_ids = {p.memorial_id for p in listed}
        in_use = sum(1 for r in rows.values() if r["_listed"])
        partial = self.o.limit is not None
        if not partial and len(listed_ids) < MIN_LISTED_SHARE * in_use:
            raise UpdateRefused(
                _(
                    "Memorial's lists name {n} people, fewer than half of the {m} in the "
                    "list in use: the download looks broken, nothing was changed"
                ).format(n=len(listed_ids), m=in_use),
                hint=_("try again later, or report it if it persists"),
            )
        for person in listed:
            if person.memorial_id not in by_id:
                plan.to_fetch[f"id:{person.memorial_id}"] = person.url
        if self.o.full:
            for person in listed:
                slug = by_id.get(person.memorial_id)
                if slug is not None:
                    plan.to_fetch[slug] = rows[slug]["source_url"]
            # every page's `modified` (about 9 requests): Telegram compares with it
            for memorial_id, item in (self.fetch_rest(None) or {}).items():
                slug = by_id.get(memorial_id)
                if slug is not None:
                    plan.changed_when[slug] = item.modified.isoformat()
            return plan
        changed = self.fetch_rest(self.changed_since())
        if changed is None:
            self.notes.append(
                _(
                    "Memorial's page index (WordPress REST) is not available: only new "
                    "and removed people and the moves announced on Telegram were read"
                )
            )
            return plan
        plan.rest_ok = True
        for memorial_id, item in changed.items():
            slug = by_id.get(memorial_id)
            if slug is not None and memorial_id in listed_ids:
                plan.to_fetch[slug] = rows[slug]["source_url"]
                plan.changed_when[slug] = item.modified.isoformat()
        for slug in self.state.get("pending", []):  # left by --limit
            if slug in rows:
                plan.to_fetch.setdefault(slug, rows[slug]["source_url"])
        return plan

    def fetch_pages(
        self, order: list[str], plan: _Plan, by_id: dict[str, str]
    ) -> dict[str, PersonPage]:
        """Read the pages of ``order`` (a page staged by an interrupted run and not changed
        since is reused); slug → page. Interrupted (Ctrl-C, the network), the pages read
        so far are kept aside, not applied: the next run resumes."""
        fetched: dict[str, PersonPage] = {}
        staged = self.read_staging()
        done_now: dict[str, Any] = {}
        try:
            for done, key in enumerate(order):
                if self.o.progress:
                    self.o.progress(done, len(order), key)
                url = plan.to_fetch[key]
                reuse = staged.get(key)
                if reuse is not None and reuse["fetched_at"] >= plan.changed_when.get(key, ""):
                    slug, page = reuse["slug"], PersonPage(**reuse["page"])
                    self.resumed += 1
                else:
                    read = self.read_page(key, url)
                    if read is None:
                        continue
                    slug, page = read
                    done_now[key] = {
                        "fetched_at": self.now.isoformat(),
                        "slug": slug,
                        "page": asdict(page),
                    }
                if not key.startswith("id:"):
                    slug = key
                if slug is None:
                    self.notes.append(
                        _("{url}: no page slug in the address, skipped").format(url=url)
                    )
                    continue
                fetched[slug] = page
                if key.startswith("id:"):
                    by_id[key[3:]] = slug
        except (KeyboardInterrupt, NetworkError):
            self.write_staging({**staged, **done_now})
            raise
        if self.o.progress:
            self.o.progress(len(order), len(order), "")
        return fetched

    def read_page(self, key: str, url: str) -> tuple[str | None, PersonPage] | None:
        """One person page: its slug and content, or None when there is nothing to apply
        (not modified, disallowed, gone: each noted). A page that no longer looks like
        Memorial's refuses the whole update."""
        try:
            return self.fetch_page(url)
        except _NotModified:  # 304: the page is as it was, and still there
            self.confirmed.add(key)
        except Disallowed as exc:
            self.notes.append(exc.message)
        except _Gone:
            self.gone.add(key)
            self.notes.append(_("{url}: the page is gone (404)").format(url=url))
        except LayoutChanged as exc:
            raise UpdateRefused(
                _("Memorial's person pages look different: {reason}").format(reason=exc.message),
                hint=exc.hint or _("nothing was changed"),
            ) from None
        return None

    def finish(
        self,
        rows: dict[str, dict[str, Any]],
        by_id: dict[str, str],
        fetched: dict[str, PersonPage],
        listed_ids: set[str] | None,
        rest_ok: bool,
        pending: list[str],
        changed_when: dict[str, str],
        *,
        telegram: bool = True,
        seen: dt.date | None = None,
    ) -> UpdateResult:
        """Apply the pages read, the lists and Telegram to ``rows``; convert, check, save."""
        run_day = self.today.isoformat()
        seen_day = (seen or self.today).isoformat()
        # apply the pages
        for slug, page in fetched.items():
            row = rows.get(slug)
            url = (row or {}).get("source_url") or self.sources.memorial["page"].format(slug=slug)
            memorial_id = next((i for i, s in by_id.items() if s == slug), None)
            if row is None:
                row = rows[slug] = {"id": memorial_id or slug, "source_url": url, "born": None}
            row.update(
                name=page.name,
                articles=page.articles,
                tags=page.tags,
                address_text=page.address_text,
                address_seen=seen_day,
                address_source=url,
                _listed=True,
                _fetched=True,
            )
            if page.born:
                row["born"] = page.born
            if slug in changed_when:
                self.page_modified[slug] = changed_when[slug]
            else:
                self.page_modified.setdefault(slug, self.now.isoformat())
        # listed and unchanged: confirmed today; no longer listed: marked
        if listed_ids is not None:
            for slug, row in rows.items():
                listed_now = str(row["id"]) in listed_ids
                row["_listed"] = listed_now or row.get("_fetched", False)
                if listed_now and rest_ok and not row.get("_fetched") and slug not in pending:
                    row["address_seen"] = run_day
        for slug in self.confirmed:
            if slug in rows:
                rows[slug]["address_seen"] = run_day
        if self.o.only:  # a page asked for by name that is gone: no longer listed
            for slug in self.gone & rows.keys():
                rows[slug]["_listed"] = False
        # 4. Telegram
        if telegram:
            self.apply_telegram(rows)
        # convert, check, compare
        for row in rows.values():
            row["snapshot"] = run_day
        clean = [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows.values()]
        conversion = convert_rows(clean, f"{FILE_PREFIX}{run_day}.json", _("the update"))
        records = conversion.records
        for rec in records:
            row = rows[rec["id"]]
            if not row.get("_listed", True):
                rec["writable"] = False
                rec["problem"] = NOT_LISTED
        fetched_with_text = [
            r for r in records if rows[r["id"]].get("_fetched") and r["address_text"]
        ]
        failed_parse = sum(1 for r in fetched_with_text if not r["printable"])
        if len(
            fetched_with_text
        ) >= MIN_FOR_UNPARSED_CHECK and failed_parse > MAX_UNPARSED_SHARE * len(fetched_with_text):
            raise UpdateRefused(
                _(
                    "{bad} of {n} fetched addresses cannot be printed: the pages (or the "
                    "address parser) look broken, nothing was changed"
                ).format(bad=failed_parse, n=len(fetched_with_text)),
                hint=_("try again with a newer letterkit, or report it"),
            )
        self.compare(records)
        return self.save(conversion, pending)

    # -- 4. Telegram --------------------------------------------------------------
    def apply_telegram(self, rows: dict[str, dict[str, Any]]) -> None:
        tg = self.sources.telegram
        if self.o.only:
            return
        try:
            posts = self.fetch_posts()
        except (NetworkError, LayoutChanged) as exc:
            self.notes.append(
                _("Telegram ({url}) was not read: {reason}").format(
                    url=tg["preview"], reason=exc.message
                )
            )
            return
        people = {}
        for slug, row in rows.items():
            born = row.get("born")
            if row.get("_listed", True):
                people[slug] = (_nominative(row["name"]), int(born[:4]) if born else None)
        newest: dict[str, Any] = {}
        for item in match_lines(address_posts(posts, tg["title_prefixes"]), people):
            if item.slug is None:
                self.notes.append(
                    _("Telegram {url}: «{line}» not applied ({why})").format(
                        url=item.post.url, line=item.line, why=item.note
                    )
                )
                continue
            if item.slug not in newest or item.post.when >= newest[item.slug].post.when:
                newest[item.slug] = item
        for slug, item in newest.items():
            row = rows[slug]
            # when the page's content last changed: the page index's `modified` (kept from
            # earlier runs), else the date of the list the update started from
            changed = self.page_modified.get(slug)
            ref = (
                dt.datetime.fromisoformat(changed)
                if changed
                else dt.datetime.combine(self.baseline(), dt.time(), dt.UTC)
            )
            if item.post.when <= ref:
                continue  # the page is as new as the post
            if " ".join((row.get("address_text") or "").split()) == item.line:
                continue
            row["address_text"] = item.line
            row["address_seen"] = item.post.date.isoformat()
            row["address_source"] = item.post.url
            row["_telegram"] = True
        self.source_dates["telegram"] = self.now.isoformat()

    def fetch_posts(self) -> list[Any]:
        tg = self.sources.telegram
        posts: list[Any] = []
        url = tg["preview"]
        cutoff = self.changed_since().date()
        for _page in range(int(tg["max_pages"])):
            got = self.fetcher.get(url, conditional=False)
            if got.redirected_to is not None or got.status != 200:
                raise NetworkError(
                    _("the preview is not available (it answered {what})").format(
                        what=f"a redirect to {got.redirected_to}"
                        if got.redirected_to
                        else got.status
                    )
                )
            page = parse_preview(got.text, tg["selectors"], tg["post_url"])
            if not page:
                if not posts:  # the channel's newest page cannot be empty
                    raise LayoutChanged(
                        _("the preview has no posts ({selector})").format(
                            selector=tg["selectors"]["post"]
                        )
                    )
                break
            posts = page + posts
            # older pages only while their posts may be newer than what the data knows
            if page[0].id <= 1 or page[0].date < cutoff or self.o.limit is not None:
                break
            url = f"{tg['preview']}?before={page[0].id}"
        return posts

    # -- compare, save ------------------------------------------------------------
    def compare(self, records: list[dict[str, Any]]) -> None:
        old = self.current.records
        for rec in records:
            before = old.get(rec["id"])
            url = rec["url"]
            if before is None:
                self.changes.append(Change("new", rec["id"], rec["name"], None, _where(rec), url))
                continue
            if rec["problem"] == NOT_LISTED and before.get("problem") != NOT_LISTED:
                self.changes.append(
                    Change("released", rec["id"], rec["name"], _where(before), None, url)
                )
                continue
            if before["address_text"] == rec["address_text"]:
                continue
            if before["address_text"] and not rec["address_text"]:
                self.changes.append(
                    Change("unpublished", rec["id"], rec["name"], _where(before), None, url)
                )
            elif before["printable"] and not rec["printable"]:
                # never worse: keep the old address (and its date), say why
                reason = rec["problem"]
                keep = {
                    k: before.get(k)
                    for k in ("address_text", "address", "printable", "writable", "problem")
                }
                rec.update(keep)
                rec["address_seen"] = (
                    before.get("address_seen") or self.current.snapshot.isoformat()
                )
                rec["address_source"] = before.get("address_source") or before["url"]
                self.changes.append(
                    Change("kept-old", rec["id"], rec["name"], _where(before), None, url, reason)
                )
            elif not before["address_text"]:
                self.changes.append(
                    Change("published", rec["id"], rec["name"], None, _where(rec), url)
                )
            elif _postcode(before) == _postcode(rec) and _where(before) == _where(rec):
                self.changes.append(
                    Change("edited", rec["id"], rec["name"], _where(before), _where(rec), url)
                )
            else:
                self.changes.append(
                    Change(
                        "moved",
                        rec["id"],
                        rec["name"],
                        _where(before),
                        _where(rec),
                        rec.get("address_source") or url,
                    )
                )

    def address_changed(self) -> dict[str, dict[str, Any]]:
        """Each record's latest address change, kept across runs: the letter log marks
        the letters saved before it (:func:`letterkit.letterlog.moved_since`)."""
        known = self.state.get("address_changed")
        changed = dict(known) if isinstance(known, dict) else {}
        for c in self.changes:
            if c.kind in ADDRESS_CHANGES:
                changed[c.slug] = {"kind": c.kind, "at": self.now.isoformat(), "new": c.new}
        return changed

    def save(self, conversion: Any, pending: list[str]) -> UpdateResult:
        folder = self.user_dir / DIRECTORY
        target = folder / snapshot_file_name(self.today)
        state = {
            "format": 1,
            "last_run_start": self.now.isoformat()
            if not self.o.only and self.o.limit is None and not self.from_file
            else self.state.get("last_run_start"),
            "sources": self.source_dates,
            "validators": self.fetcher.validators,
            "page_modified": self.page_modified,
            "pending": pending,
            "last_changes": {
                kind: sum(1 for c in self.changes if c.kind == kind)
                for kind in sorted({c.kind for c in self.changes})
            },
            "last_run_date": self.today.isoformat(),
            "address_changed": self.address_changed(),
        }
        if state["last_run_start"] is None:
            state.pop("last_run_start")
            state["first_since"] = self.baseline().isoformat()
        text = conversion.dumps()
        atomic_write_many(
            [
                (target, text),
                (folder / STATE_FILE, json.dumps(state, ensure_ascii=False, indent=1) + "\n"),
            ],
            force=True,
            make_dirs=True,
        )
        for old in folder.glob(f"{FILE_PREFIX}*.json"):
            if old != target:
                old.unlink(missing_ok=True)
        self.staging_path.unlink(missing_ok=True)
        if self.resumed:
            self.notes.append(
                _("{n} pages were taken from the interrupted update").format(n=self.resumed)
            )
        self.notes += self.fetcher.stats.notes
        return UpdateResult(
            path=target,
            snapshot=self.today,
            changes=self.changes,
            notes=self.notes,
            requests=self.fetcher.stats.requests,
            pages_fetched=self.pages_fetched,
            counts=conversion.counts,
            sources=self.source_dates,
        )


@dataclass
class _Plan:
    """The person pages an update reads, and what the lists and the page index said."""

    to_fetch: dict[str, str] = field(default_factory=dict)  # slug (or "id:N") → URL
    changed_when: dict[str, str] = field(default_factory=dict)  # slug → modified (UTC ISO)
    listed_ids: set[str] | None = None  # None: the lists were not read (--only)
    rest_ok: bool = False  # the page index answered


class _NotModified(Exception):
    pass


class _Gone(Exception):
    pass


def _nominative(name: str) -> str:
    last, first, middle, _others = split_name(name)
    return " ".join(p for p in (last, first, middle) if p)


def _postcode(rec: dict[str, Any]) -> str | None:
    return (rec.get("address") or {}).get("postcode")


def _where(rec: dict[str, Any]) -> str | None:
    address = rec.get("address") or {}
    return address.get("facility") or rec.get("address_text")


def run_update(options: Options) -> UpdateResult:
    """``letterkit data update`` online; raises :class:`UpdateRefused` (nothing changed),
    :class:`~letterkit.update.http.NetworkError` (nothing changed)."""
    try:
        return Run(options).run()
    except Disallowed as exc:
        raise UpdateRefused(exc.message, hint=_("nothing was changed")) from None


def data_status(data_dir: Path | None = None, user_dir: Path | None = None) -> dict[str, Any]:
    """``letterkit data status``: the list in use, each source's last update, counts,
    and where data and configuration live."""
    data_dir = data_dir or resources.data_dir()
    user_dir = user_dir or paths.user_data_dir()
    current = read_current(data_dir, user_dir)
    state = read_state(user_dir)
    shipped = sorted((data_dir / DIRECTORY).glob(f"{FILE_PREFIX}*.json"))
    records = current.records.values()
    people = load_snapshot(data_dir, user_dir).values()
    writable = [p for p in people if p.writable]
    return {
        "in_use": str(current.path) if current.path else None,
        "updated": bool(current.path and current.path.is_relative_to(user_dir)),
        "snapshot": current.snapshot.isoformat(),
        "shipped_snapshot": shipped[-1].stem.removeprefix(FILE_PREFIX) if shipped else None,
        "records": len(current.records),
        "writable": len(writable),
        "not_listed": sum(1 for r in records if r.get("problem") == NOT_LISTED),
        "stale": sum(1 for p in writable if is_stale(p)),
        "sources": dict(state.get("sources", {})),
        "last_run": state.get("last_run_date"),
        "last_changes": dict(state.get("last_changes", {})),
        "pending": len(state.get("pending", [])),
        "data_dir": str(user_dir),
        "config_dir": str(paths.user_config_dir()),
        "shipped_dir": str(data_dir),
    }
