"""``letterkit serve``: the same tool as a local web page (letterkit.web)."""

from __future__ import annotations

import typer

from letterkit.i18n import _


def register(app: typer.Typer) -> None:
    @app.command(
        "serve",
        help=_(
            "Open letterkit as a web page on this computer only (127.0.0.1): find someone, "
            "write and check a letter, see and download the PDFs. Prints the page's address "
            "with its secret token; Ctrl-C stops it."
        ),
    )
    def serve(
        port: int = typer.Option(
            0, "--port", help=_("The port to listen on (0: any free port)."), metavar="N"
        ),
        no_open: bool = typer.Option(
            False, "--no-open", help=_("Do not open the page in the web browser.")
        ),
        offline: bool = typer.Option(
            False,
            "--offline",
            help=_(
                'Open no network connection: the page\'s "update the addresses" button is '
                "off (also LETTERKIT_OFFLINE=1)."
            ),
        ),
    ) -> None:
        # deferred: the web server (starlette, uvicorn, Jinja2) loads only when it runs
        from letterkit.web.server import serve as run_server

        run_server(port, open_browser=not no_open, offline=offline)
        # The server returns only when Ctrl-C (SIGINT/SIGTERM) stopped it. uvicorn re-raises
        # the signal after its shutdown, except when the signal lands while it shuts down
        # or starts: then it just returns. Ctrl-C's code either way, as `data update`.
        raise typer.Exit(130)
