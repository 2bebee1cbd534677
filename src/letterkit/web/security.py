"""The rules a request passes before any page sees it.

A local server is reachable by every web page the user has open (a malicious page can
send requests to 127.0.0.1, and DNS rebinding can make a foreign name point there), so:

1. the ``Host`` header must be exactly ``127.0.0.1:<port>`` or ``localhost:<port>``,
   checked first; anything else is 403 (Starlette's ``TrustedHostMiddleware`` ignores
   the port and answers 400, so it is not used);
2. the run's secret token, given once in the first URL (``/?token=…``), is exchanged for
   an HttpOnly ``SameSite=Strict`` cookie with a 303 redirect to the same path without
   the token; a request with neither the token nor the cookie is 403;
3. a POST carries the CSRF token (a form field or the ``X-CSRF-Token`` header), derived
   from the run's token, and an ``Origin`` header, when the browser sends one, naming
   this server (OWASP's CSRF cheat sheet: synchroniser token plus origin check,
   https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html).

Every answer carries a Content-Security-Policy that allows nothing from elsewhere,
``Referrer-Policy: same-origin`` (a source link must not carry this server's address;
``no-referrer`` would make the browser send ``Origin: null`` with this site's own forms) and
``Cache-Control: no-store`` (letters are personal).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_PARAM = "token"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
LOCAL_HOSTS = ("127.0.0.1", "localhost")

SECURITY_HEADERS = (
    (
        b"content-security-policy",
        (
            b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            b"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        ),
    ),
    (b"referrer-policy", b"same-origin"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
)


def cookie_name(port: int) -> str:
    """Cookies are not kept apart by port: two runs on two ports need two names."""
    return f"letterkit-{port}"


def csrf_token(token: str) -> str:
    """The CSRF token of a run: an HMAC of the run's secret, so no other page can know it."""
    return hmac.new(token.encode(), b"letterkit csrf", hashlib.sha256).hexdigest()


def allowed_hosts(port: int) -> tuple[bytes, ...]:
    return tuple(f"{host}:{port}".encode() for host in LOCAL_HOSTS)


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value
    return None


def _cookies(scope: Scope) -> dict[str, str]:
    raw = _header(scope, b"cookie")
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw.decode("latin-1") if raw else "")
    except CookieError:  # a malformed Cookie header counts as no cookie
        return {}
    return {key: morsel.value for key, morsel in jar.items()}


def _same(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


async def _plain(send: Send, status: int, text: str, headers: list[tuple[bytes, bytes]]) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *SECURITY_HEADERS,
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


FORBIDDEN_TEXT = (
    "403 Forbidden: open the address that 'letterkit serve' printed "
    "(http://127.0.0.1:PORT/?token=...).\n"
)


class Guard:
    """ASGI middleware: the Host rule, then the token or cookie; adds the security headers."""

    def __init__(self, app: ASGIApp, *, token: str, port: int) -> None:
        self.app = app
        self.token = token
        self.port = port
        self.hosts = allowed_hosts(port)
        self.cookie = cookie_name(port)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # lifespan (websockets are not served)
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            await self.app(scope, receive, send)
            return
        if _header(scope, b"host") not in self.hosts:
            await _plain(send, 403, "403 Forbidden: wrong Host header.\n", [])
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if TOKEN_PARAM in query:
            if not _same(query[TOKEN_PARAM], self.token):
                await _plain(send, 403, FORBIDDEN_TEXT, [])
                return
            rest = urlencode({k: v for k, v in query.items() if k != TOKEN_PARAM})
            location = scope.get("path", "/") + (f"?{rest}" if rest else "")
            cookie = f"{self.cookie}={self.token}; HttpOnly; SameSite=Strict; Path=/"
            await _plain(
                send,
                303,
                "",
                [(b"location", location.encode()), (b"set-cookie", cookie.encode())],
            )
            return
        if not _same(_cookies(scope).get(self.cookie), self.token):
            await _plain(send, 403, FORBIDDEN_TEXT, [])
            return
        if scope.get("method") == "POST":
            origin = _header(scope, b"origin")
            if origin is not None and origin not in (b"http://" + h for h in self.hosts):
                await _plain(send, 403, "403 Forbidden: the request came from another site.\n", [])
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {key.lower() for key, _value in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *(h for h in SECURITY_HEADERS if h[0] not in present),
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)
