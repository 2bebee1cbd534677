"""The one HTTP client of ``letterkit data update``: polite, conditional, testable.

Built on httpx (https://www.python-httpx.org/): one mature client with per-request
timeouts, connection reuse across the ~900 person pages, proxies from the environment
(``HTTPS_PROXY``, ``ALL_PROXY``, ``NO_PROXY``; ``socks5://`` through its ``socks``
extra) for writers who reach Memorial through Tor or a VPN, and a pluggable transport, so
tests can also run it without sockets. ``requests`` would need urllib3's retry
machinery and a separate SOCKS package for the same.

Politeness (data/sources.toml ``[politeness]``): ``User-Agent: letterkit/<version>``;
robots.txt read once per host (404: no rules; a ``Disallow`` covering a URL refuses
it; a ``Crawl-delay`` larger than the delay raises the gap); at least ``delay`` seconds
between the starts of two requests to one host, waited on an injectable clock (tests
never sleep); retries with exponential backoff on 429 and 5xx only, honouring
``Retry-After``; ``ETag`` / ``Last-Modified`` remembered per URL and sent back as
``If-None-Match`` / ``If-Modified-Since`` (a 304 reads nothing again).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import time
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from letterkit.errors import LetterkitError
from letterkit.i18n import _
from letterkit.update.sources import HostMap, Politeness

MAX_REDIRECTS = 5
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class NetworkError(LetterkitError):
    """A source could not be fetched (no network, timeout, refused, HTTP error)."""


class OfflineError(NetworkError):
    """``--offline`` / ``LETTERKIT_OFFLINE=1`` forbids opening a connection."""


class Disallowed(NetworkError):
    """robots.txt of the host disallows the URL."""


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@dataclass
class Fetched:
    """One answer. ``url`` is canonical (``https://memopzk.org/…``)."""

    url: str
    status: int
    content: bytes
    headers: dict[str, str]
    not_modified: bool = False
    redirected_to: str | None = None

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")


@dataclass
class Stats:
    requests: int = 0
    retries: int = 0
    not_modified: int = 0
    waited: float = 0.0  # seconds waited for politeness and backoff
    notes: list[str] = field(default_factory=list)


class Fetcher:
    """GET with politeness; one per run (robots.txt and the gap are per run and host)."""

    def __init__(
        self,
        hosts: HostMap,
        politeness: Politeness,
        *,
        delay: float | None = None,
        clock: Clock | None = None,
        validators: dict[str, dict[str, str]] | None = None,
        transport: httpx.BaseTransport | None = None,
        offline: bool = False,
    ) -> None:
        self.hosts = hosts
        self.politeness = politeness
        self.delay = politeness.delay if delay is None else max(delay, 0.0)
        self.clock = clock or SystemClock()
        self.validators = validators if validators is not None else {}
        self.offline = offline
        self.stats = Stats()
        self._last_start: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self._gap: dict[str, float] = {}
        self._transport = transport
        self._client: httpx.Client | None = None

    # -- the client ---------------------------------------------------------------
    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                headers={"User-Agent": self.politeness.user_agent},
                timeout=httpx.Timeout(self.politeness.timeout),
                follow_redirects=False,  # redirects are rewritten and checked here
                trust_env=True,  # HTTPS_PROXY / ALL_PROXY / NO_PROXY
                transport=self._transport,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- politeness ---------------------------------------------------------------
    def _wait_turn(self, netloc: str) -> None:
        last = self._last_start.get(netloc)
        gap = self._gap.get(netloc, self.delay)
        if last is not None:
            wait = last + gap - self.clock.monotonic()
            if wait > 0:
                self.stats.waited += wait
                self.clock.sleep(wait)
        self._last_start[netloc] = self.clock.monotonic()

    def _robots_for(self, real_url: str) -> RobotFileParser | None:
        parts = urlsplit(real_url)
        if parts.netloc in self._robots:
            return self._robots[parts.netloc]
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        response = self._send(robots_url, {}, parts.netloc)
        parser: RobotFileParser | None = None
        if response.status_code == 200:
            parser = RobotFileParser()
            parser.parse(response.text.splitlines())
            crawl_delay = parser.crawl_delay(self._agent())
            if crawl_delay is not None and float(crawl_delay) > self.delay:
                self._gap[parts.netloc] = float(crawl_delay)
                self.stats.notes.append(
                    _(
                        "{host} asks for {seconds} s between requests (robots.txt Crawl-delay)"
                    ).format(
                        host=self.hosts.canonical(robots_url).split("/")[2], seconds=crawl_delay
                    )
                )
        elif response.status_code >= 500:
            # https://www.rfc-editor.org/rfc/rfc9309#section-2.3.1.4: unreachable = disallowed
            raise NetworkError(
                _("{url} answered {status}: the site is not available now").format(
                    url=self.hosts.canonical(robots_url), status=response.status_code
                ),
                hint=_("try again later"),
            )
        self._robots[parts.netloc] = parser
        return parser

    def _agent(self) -> str:
        return self.politeness.user_agent.split("/", 1)[0]

    # -- requests -----------------------------------------------------------------
    def _refuse_offline(self, url: str) -> None:
        raise OfflineError(
            _("offline (--offline or LETTERKIT_OFFLINE=1): not fetching {url}").format(url=url),
            hint=_("run without --offline, or update from a file: letterkit data update FILE"),
        )

    def _send(self, real_url: str, headers: dict[str, str], netloc: str) -> httpx.Response:
        if self.offline:
            self._refuse_offline(self.hosts.canonical(real_url))
        attempt = 0
        while True:
            self._wait_turn(netloc)
            self.stats.requests += 1
            try:
                response = self.client.get(real_url, headers=headers)
            except httpx.TimeoutException:
                raise NetworkError(
                    _("{url}: no answer within {seconds:g} s").format(
                        url=self.hosts.canonical(real_url), seconds=self.politeness.timeout
                    ),
                    hint=_("check your connection (or proxy), then run the update again"),
                ) from None
            except httpx.HTTPError as exc:
                raise NetworkError(
                    _("cannot reach {host}: {reason}").format(
                        host=self.hosts.canonical(real_url).split("/")[2], reason=exc
                    ),
                    hint=_("check your connection (or proxy), then run the update again"),
                ) from None
            if response.status_code not in RETRY_STATUS or attempt >= self.politeness.retries:
                return response
            wait = self.politeness.backoff * 2**attempt
            retry_after = _retry_after(response.headers.get("Retry-After"))
            if retry_after is not None:
                wait = max(wait, retry_after)
            wait = min(wait, self.politeness.max_wait)
            attempt += 1
            self.stats.retries += 1
            self.stats.waited += wait
            self.clock.sleep(wait)

    def get(self, url: str, *, conditional: bool = True) -> Fetched:
        """GET ``url`` (canonical or already rewritten), following up to 5 redirects.

        Raises :class:`NetworkError` on a transport failure or a final 4xx/5xx other than
        404 (a 404 is returned: callers decide what it means).
        """
        canonical = self.hosts.canonical(url)
        if self.offline:
            self._refuse_offline(canonical)
        real = self.hosts.rewrite(canonical)
        redirected_to = None
        for _hop in range(MAX_REDIRECTS + 1):
            netloc = urlsplit(real).netloc
            robots = self._robots_for(real)
            if robots is not None and not robots.can_fetch(self._agent(), real):
                raise Disallowed(
                    _("{url} is disallowed by the site's robots.txt: skipped").format(
                        url=self.hosts.canonical(real)
                    )
                )
            headers: dict[str, str] = {}
            known = self.validators.get(canonical, {}) if conditional else {}
            if "etag" in known:
                headers["If-None-Match"] = known["etag"]
            if "last-modified" in known:
                headers["If-Modified-Since"] = known["last-modified"]
            response = self._send(real, headers, netloc)
            if response.status_code in (301, 302, 303, 307, 308) and "location" in response.headers:
                target = str(response.url.join(response.headers["location"]))
                redirected_to = self.hosts.canonical(target)
                if not self.hosts.is_source(redirected_to):
                    break  # away from the sources: reported, not followed
                real = self.hosts.rewrite(redirected_to)
                continue
            break
        else:
            raise NetworkError(_("{url}: too many redirects").format(url=canonical))
        status = response.status_code
        if 300 <= status < 400 and status != 304:
            return Fetched(canonical, status, b"", dict(response.headers), False, redirected_to)
        if status == 304:
            self.stats.not_modified += 1
            return Fetched(canonical, 304, b"", dict(response.headers), True, redirected_to)
        if status >= 400 and status != 404:
            raise NetworkError(
                _("{url} answered {status}").format(url=canonical, status=status),
                hint=_("try again later"),
            )
        if status == 200 and conditional:
            remembered = {
                key: response.headers[key]
                for key in ("etag", "last-modified")
                if key in response.headers
            }
            if remembered:
                self.validators[canonical] = remembered
        return Fetched(
            canonical, status, response.content, dict(response.headers), False, redirected_to
        )


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header: a number or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max((when - dt.datetime.now(dt.UTC)).total_seconds(), 0.0)
