"""The Starlette application of ``letterkit serve``: routes, static files, the guard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from letterkit.i18n import current_language
from letterkit.web import pages
from letterkit.web.evening import MAX_UPLOAD_BYTES
from letterkit.web.security import Guard, csrf_token
from letterkit.web.update import Updater

if TYPE_CHECKING:
    from letterkit.update.http import Clock


def create_app(
    token: str,
    port: int,
    *,
    today: Callable[[], dt.date] = dt.date.today,
    default_lang: str | None = None,
    offline: bool = False,
    update_clock: Clock | None = None,
) -> Guard:
    """The whole site for one run: ``token`` is the run's secret, ``port`` the port the
    ``Host`` header must name; ``today`` dates the letters (tests fix it, as ``--date``);
    ``offline``: ``serve --offline`` (the update button is off); ``update_clock``: the
    update's clock (tests: one that does not sleep)."""
    routes = [
        Route("/", pages.endpoint(pages.home)),
        Route("/find", pages.endpoint(pages.find_page)),
        Route("/parse", pages.endpoint(pages.parse_page), methods=["GET", "POST"]),
        Route("/write", pages.endpoint(pages.write_page), methods=["GET", "POST"]),
        Route(
            "/evening",
            pages.endpoint(pages.evening_page, max_bytes=MAX_UPLOAD_BYTES, upload=True),
            methods=["GET", "POST"],
        ),
        Route("/evening/download", pages.endpoint(pages.evening_download)),
        Route("/evening/zip", pages.endpoint(pages.evening_zip)),
        Route("/update", pages.endpoint(pages.update_press), methods=["POST"]),
        Route("/api/check", pages.endpoint(pages.check_api), methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(pages.STATIC_DIR)), name="static"),
    ]
    app = Starlette(routes=routes)
    app.state.web = pages.WebState(
        token=token,
        port=port,
        csrf=csrf_token(token),
        default_lang=default_lang or current_language(),
        today=today,
        updater=Updater(offline=offline, clock=update_clock),
    )
    return Guard(app, token=token, port=port)
