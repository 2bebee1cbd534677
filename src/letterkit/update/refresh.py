"""``letterkit write SLUG --refresh``: re-read one person's Memorial page before writing.

The same run as ``letterkit data update --only SLUG`` (:mod:`letterkit.update.run`):
the same client, robots.txt, politeness, ``--offline`` / ``LETTERKIT_OFFLINE=1`` and
``LETTERKIT_MEMORIAL_BASE``; two requests (robots.txt and the page); the user's
directory file rewritten atomically. What it returns says what changed. A page that
cannot be read is not an error here: the letter goes on with the stored address (and
its stale warning), :attr:`Refreshed.problem` says why; a page that is gone (404) marks
the person no longer listed, and :attr:`Refreshed.gone` is set.

Which page: a directory record's own (its id is Memorial's page slug); a hand-made
record's Memorial source URL (``https://memopzk.org/figurant/<slug>/``), else the one
directory record with the same name and birth year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from letterkit.directory import page_slug
from letterkit.errors import DataError, OutputError
from letterkit.i18n import _
from letterkit.update.http import NetworkError
from letterkit.update.memorial import LayoutChanged
from letterkit.update.run import Change, Options, Run, UpdateRefused
from letterkit.update.sources import load_sources

if TYPE_CHECKING:
    from letterkit.models import Prisoner
    from letterkit.store import Store


@dataclass
class Refreshed:
    """What ``--refresh`` did for one person."""

    slug: str  # the record asked for
    page: str | None  # the Memorial page slug read (None: no page known)
    url: str | None
    change: Change | None = None  # what changed; None when nothing did (or on a problem)
    problem: str | None = None  # why the page was not read: the stored address is used
    gone: bool = False  # the page is gone (404): no longer on Memorial's list


def memorial_page(prisoner: Prisoner, store: Store) -> str | None:
    """The Memorial page slug for a record, or None when none is known."""
    if prisoner.origin == "snapshot":
        return prisoner.slug
    for source in prisoner.sources:
        slug = page_slug(source.url) if source.url else None
        if slug is not None:
            return slug
    same = [
        p
        for p in store.snapshot_people.values()
        if p.nominative == prisoner.nominative and p.birth_year == prisoner.birth_year
    ]
    return same[0].slug if len(same) == 1 else None


def refresh_person(
    slug: str,
    store: Store,
    *,
    offline: bool = False,
    today: dt.date | None = None,
    data_dir: Path | None = None,
    user_dir: Path | None = None,
    **run_options: Any,
) -> Refreshed:
    """Re-read the page of the person ``slug`` (a slug or alias of ``store``) and save it.

    Raises what :meth:`Store.get` raises for an unknown slug; a page that cannot be
    fetched or read is :attr:`Refreshed.problem`, never an exception (Ctrl-C excepted).
    """
    prisoner = store.get(slug)
    page = memorial_page(prisoner, store)
    if page is None:
        return Refreshed(
            slug,
            None,
            None,
            problem=_("no Memorial page is known for '{slug}'").format(slug=prisoner.slug),
        )
    url = next(
        (s.url for s in prisoner.sources if s.url and page_slug(s.url) == page),
        None,
    ) or load_sources(data_dir).memorial["page"].format(slug=page)
    options = Options(
        only=(page,),
        offline=offline,
        today=today,
        data_dir=data_dir,
        user_dir=user_dir,
        **run_options,
    )
    try:
        run = Run(options)
        result = run.run()
    except (NetworkError, UpdateRefused, LayoutChanged, DataError, OutputError) as exc:
        return Refreshed(slug, page, url, problem=exc.message)
    done = Refreshed(slug, page, url, gone=page in run.gone)
    if not done.gone and not result.pages_fetched and page not in run.confirmed:
        # robots.txt disallowed the page: the run noted it and read nothing
        done.problem = next(
            (n for n in result.notes if f"/{page}/" in n), _("the page was not read")
        )
        return done
    done.change = next(
        (c for c in result.changes if c.slug == page and c.kind != "edited"),
        next((c for c in result.changes if c.slug == page), None),
    )
    return done
