"""The "update the addresses" button of ``letterkit serve``: ``letterkit data update`` with
its defaults, run in a worker thread.

The button runs :func:`letterkit.update.run.run_update` with the options ``letterkit data
update`` builds when given no flag (the letter log's people first, ``--offline`` /
``LETTERKIT_OFFLINE=1`` obeyed, the default gap between requests). The update reads
about a page every two seconds, so it runs in a thread of its own: the pages keep
answering, one update runs at a time, and the find page shows its progress, then what
changed. Nothing is written before the update's own single atomic write at its end (the
server stopping half-way leaves the data as it was, as Ctrl-C does for ``data update``).

The update's notes and error messages are worded in the language of the page whose
button started it (the thread runs in a copy of that request's context, where
:func:`letterkit.i18n.language` set it); the summary's labels and counts are worded per
page.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from letterkit import paths, resources
from letterkit.directory import FILE_PREFIX, snapshot_path
from letterkit.errors import LetterkitError
from letterkit.i18n import N_, _
from letterkit.update.sources import offline_requested

if TYPE_CHECKING:
    from letterkit.update.http import Clock
    from letterkit.update.run import Options, UpdateResult

# The sources an update without flags reads, as data/sources.toml names them in the
# state file (`letterkit data status` lists the same keys), and what the page calls them.
SOURCES = (
    ("memorial-lists", N_("Memorial's lists of political prisoners")),
    ("memorial-rest", N_("Memorial's index of changed pages")),
    ("memorial-pages", N_("Memorial's person pages")),
    ("telegram", N_("Memorial's Telegram channel")),
)
# What the summary counts, from the kinds of change `letterkit data update` prints.
ADDED = ("new",)
CHANGED = ("moved", "published", "unpublished", "edited")
UNLISTED = ("released",)
KEPT_OLD = ("kept-old",)


@dataclass
class Summary:
    """What one finished update changed, for the find page."""

    snapshot: dt.date
    added: int
    changed: int
    unlisted: int
    kept_old: int
    pages: int
    requests: int
    failed: list[str]  # the keys of SOURCES not read by this update
    notes: list[str]
    names: dict[str, list[str]] = field(default_factory=dict)  # kind → names (first few)


def summarise(result: UpdateResult) -> Summary:
    def count(kinds: Iterable[str]) -> int:
        return sum(1 for c in result.changes if c.kind in kinds)

    # every source the run read carries the run's start time; the lists are always read
    # (an update without them is refused), so their time is this run's
    this_run = result.sources.get("memorial-lists")
    failed = [
        key
        for key, _label in SOURCES
        if key != "memorial-pages" and result.sources.get(key) != this_run
    ]
    names: dict[str, list[str]] = {}
    for c in result.changes:
        names.setdefault(c.kind, []).append(c.name)
    return Summary(
        snapshot=result.snapshot,
        added=count(ADDED),
        changed=count(CHANGED),
        unlisted=count(UNLISTED),
        kept_old=count(KEPT_OLD),
        pages=result.pages_fetched,
        requests=result.requests,
        failed=failed,
        notes=list(result.notes),
        names={kind: sorted(found) for kind, found in names.items()},
    )


@dataclass
class Status:
    """What the find page shows about updating: running (with its progress), the last
    update's summary or its error, and whether the button may be pressed."""

    running: bool
    done: int = 0
    total: int = 0
    summary: Summary | None = None
    error: LetterkitError | None = None
    generation: int = 0  # how many updates finished with new data in this run


class Updater:
    """One update at a time, in a daemon thread (the server stopping ends it, unapplied)."""

    def __init__(self, *, offline: bool = False, clock: Clock | None = None) -> None:
        self.offline_flag = offline  # `letterkit serve --offline`
        self.clock = clock  # tests: a clock that does not sleep
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._done = 0
        self._total = 0
        self._summary: Summary | None = None
        self._error: LetterkitError | None = None
        self._generation = 0

    @property
    def offline(self) -> bool:
        """``serve --offline`` or ``LETTERKIT_OFFLINE=1`` (read at each look, as ``data
        update`` reads it at its start)."""
        return offline_requested(self.offline_flag)

    def start(self, first: Iterable[str]) -> bool:
        """Start an update (``first``: the letter log's people, fetched first); False
        when one is running already."""
        # deferred: httpx, selectolax and the update load when the button is pressed, not
        # when the server starts
        from letterkit.update.run import Options

        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return False
            self._done = self._total = 0
            self._error = None
            self._summary = None
            options = Options(
                offline=self.offline,
                first=tuple(first),
                progress=self._progress,
                clock=self.clock,
            )
            # in the language of the page that pressed the button (letterkit.i18n)
            context = contextvars.copy_context()
            self._thread = threading.Thread(
                target=context.run,
                args=(self._run, options),
                name="letterkit-update",
                daemon=True,
            )
            self._thread.start()
            return True

    def _progress(self, done: int, total: int, _slug: str) -> None:
        self._done, self._total = done, total

    def _run(self, options: Options) -> None:
        # deferred: see start
        from letterkit.update.run import run_update

        try:
            result = run_update(options)
        except LetterkitError as exc:  # refused, offline, the network: data unchanged
            with self._lock:
                self._error = exc
            return
        except Exception as exc:  # a bug: say so, without names or addresses
            sys.stderr.write(f"Bug: the update failed unexpectedly ({type(exc).__name__}).\n")
            with self._lock:
                self._error = LetterkitError(
                    _("the update failed unexpectedly: this is a bug; nothing was changed")
                )
            return
        summary = summarise(result)
        with self._lock:
            self._summary = summary
            self._generation += 1

    def status(self) -> Status:
        with self._lock:
            running = self._thread is not None and self._thread.is_alive()
            return Status(
                running=running,
                done=self._done,
                total=self._total,
                summary=None if running else self._summary,
                error=None if running else self._error,
                generation=self._generation,
            )

    def wait(self, timeout: float | None = None) -> bool:
        """Tests: wait for the running update to end; True when none is running."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return thread is None or not thread.is_alive()


def data_date() -> dict[str, Any] | None:
    """The date of the list in use and whether an update saved it, as ``letterkit data
    status`` names them (read from the file's name: nothing is loaded)."""
    user_dir = paths.user_data_dir()
    path = snapshot_path(resources.data_dir(), user_dir)
    if path is None:
        return None
    return {
        "snapshot": path.stem.removeprefix(FILE_PREFIX),
        "updated": path.is_relative_to(user_dir),
    }
