"""Run the site: bind 127.0.0.1, print the one stdout line, serve with uvicorn.

The socket is bound and listening here (port 0: the system picks a free one), then the
address with the token is printed and flushed, then uvicorn starts accepting: a client
that connects as soon as it reads the first line waits in the socket's backlog instead
of being refused. uvicorn runs with its access log off (it would
print the token) and logs only warnings, on stderr.
"""

from __future__ import annotations

import os
import secrets
import socket
import sys
import threading
import webbrowser
from typing import TextIO

import uvicorn

from letterkit.errors import InputError
from letterkit.i18n import _
from letterkit.web.app import create_app

HOST = "127.0.0.1"
TOKEN_BYTES = 32  # secrets.token_urlsafe: 43 characters
BACKLOG = 2048  # as uvicorn's own default (Config.backlog)


class _Server(uvicorn.Server):
    """uvicorn's server that opens the browser once it listens (``--no-open``: never)."""

    def __init__(self, config: uvicorn.Config, url: str | None) -> None:
        super().__init__(config)
        self.url = url

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.url is not None and self.started:
            # the browser call may block (it starts a program): not on the event loop
            threading.Thread(target=webbrowser.open, args=(self.url,), daemon=True).start()


def bind(port: int) -> socket.socket:
    """A socket listening on 127.0.0.1:port (connections wait until uvicorn accepts)."""
    if not 0 <= port <= 65535:
        raise InputError(
            _("--port {port} is not a port number").format(port=port),
            hint=_("use 0 (any free port) or a number from 1024 to 65535"),
        )
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if os.name == "posix":  # on Windows SO_REUSEADDR lets another program take the port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
        sock.listen(BACKLOG)
    except OSError as exc:
        sock.close()
        raise InputError(
            _("cannot listen on {host}:{port}: {reason}").format(
                host=HOST, port=port, reason=exc.strerror or exc
            ),
            hint=_("leave out --port to use any free port"),
        ) from None
    return sock


def serve(
    port: int = 0,
    *,
    open_browser: bool = True,
    offline: bool = False,
    stdout: TextIO | None = None,
) -> None:
    """Serve until Ctrl-C. The first stdout line is ``http://127.0.0.1:<port>/?token=<token>``;
    ``offline`` (``--offline``): the update button is off, as ``LETTERKIT_OFFLINE=1`` makes it."""
    sock = bind(port)
    actual = sock.getsockname()[1]
    token = secrets.token_urlsafe(TOKEN_BYTES)
    url = f"http://{HOST}:{actual}/?token={token}"
    out = stdout or sys.stdout
    out.write(url + "\n")
    out.flush()
    config = uvicorn.Config(
        create_app(token, actual, offline=offline),
        log_level="warning",
        access_log=False,
        lifespan="off",
        server_header=False,
        proxy_headers=False,
    )
    try:
        _Server(config, url if open_browser else None).run(sockets=[sock])
    finally:
        sock.close()
