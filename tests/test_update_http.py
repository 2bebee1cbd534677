"""The HTTP layer of ``data update`` against a local server (never the internet): the
User-Agent, robots.txt and its Crawl-delay on a fake clock, the gap between requests,
retries on 429/5xx only, timeouts, conditional requests, host rewriting, offline."""

from __future__ import annotations

import time

import pytest
from werkzeug import Response

from letterkit import __version__
from letterkit.errors import InputError
from letterkit.update.http import Disallowed, Fetcher, NetworkError, OfflineError
from letterkit.update.sources import HostMap, Politeness, load_sources, offline_requested

PAGE = "https://memopzk.org/figurant/ivanov/"


class FakeClock:
    """monotonic() only moves when someone sleeps: the waits are exactly the sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


@pytest.fixture
def base(httpserver, monkeypatch):
    # one server, two host names: the two bases must differ
    url = f"http://localhost:{httpserver.port}"
    monkeypatch.setenv("LETTERKIT_MEMORIAL_BASE", url)
    monkeypatch.setenv("LETTERKIT_TELEGRAM_BASE", f"http://127.0.0.1:{httpserver.port}")
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(var, raising=False)
    return url


def fetcher(clock=None, *, timeout=5.0, retries=3, delay=None, **kw) -> Fetcher:
    polite = Politeness(
        delay=2.0,
        timeout=timeout,
        retries=retries,
        backoff=2.0,
        max_wait=120.0,
        user_agent=f"letterkit/{__version__}",
    )
    return Fetcher(HostMap(load_sources()), polite, clock=clock or FakeClock(), delay=delay, **kw)


def no_robots(httpserver) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)


def test_user_agent_and_the_gap_between_requests(httpserver, base):
    no_robots(httpserver)
    httpserver.expect_request(
        "/figurant/ivanov/", headers={"User-Agent": f"letterkit/{__version__}"}
    ).respond_with_data("<html>ok</html>")
    clock = FakeClock()
    with fetcher(clock) as f:
        one = f.get(PAGE)
        two = f.get(PAGE, conditional=False)
    assert one.status == two.status == 200 and one.text == "<html>ok</html>"
    assert one.url == PAGE  # stored and shown as memopzk.org, fetched from the local server
    # robots.txt, then the page 2 s later, then the page again 2 s later
    assert clock.sleeps == [2.0, 2.0]
    assert f.stats.requests == 3


def test_delay_option_and_a_larger_crawl_delay(httpserver, base):
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nCrawl-delay: 7\n", content_type="text/plain"
    )
    httpserver.expect_request("/figurant/ivanov/").respond_with_data("x")
    clock = FakeClock()
    with fetcher(clock, delay=0.5) as f:
        f.get(PAGE)
        f.get(PAGE, conditional=False)
    assert clock.sleeps == [7.0, 7.0]  # Crawl-delay wins over --delay 0.5
    assert f.stats.notes == ["memopzk.org asks for 7 s between requests (robots.txt Crawl-delay)"]


def test_a_smaller_crawl_delay_keeps_the_delay(httpserver, base):
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nCrawl-delay: 1\n")
    httpserver.expect_request("/figurant/ivanov/").respond_with_data("x")
    clock = FakeClock()
    with fetcher(clock, delay=3) as f:
        f.get(PAGE)
    assert clock.sleeps == [3.0] and f.stats.notes == []


def test_robots_disallow_refuses(httpserver, base):
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: letterkit\nDisallow: /figurant/\n"
    )
    with fetcher() as f, pytest.raises(Disallowed) as err:
        f.get(PAGE)
    assert str(err.value) == f"{PAGE} is disallowed by the site's robots.txt: skipped"
    assert all(req.path == "/robots.txt" for req, _resp in httpserver.log)


def test_429_then_success_waits_retry_after(httpserver, base):
    no_robots(httpserver)
    answers = iter(
        [Response("slow down", status=429, headers={"Retry-After": "9"}), Response("fine")]
    )
    httpserver.expect_request("/figurant/ivanov/").respond_with_handler(lambda r: next(answers))
    clock = FakeClock()
    with fetcher(clock) as f:
        got = f.get(PAGE)
    assert got.status == 200 and got.text == "fine"
    assert clock.sleeps == [2.0, 9.0]  # the gap after robots.txt, then Retry-After
    assert f.stats.retries == 1


def test_5xx_is_retried_with_backoff_then_fails(httpserver, base):
    no_robots(httpserver)
    httpserver.expect_request("/figurant/ivanov/").respond_with_data("down", status=503)
    clock = FakeClock()
    with fetcher(clock) as f, pytest.raises(NetworkError) as err:
        f.get(PAGE)
    assert str(err.value) == f"{PAGE} answered 503"
    backoffs = [s for s in clock.sleeps if s != 2.0]
    assert backoffs == [4.0, 8.0]  # 2 s (also the gap), 4 s, 8 s
    assert f.stats.retries == 3 and f.stats.requests == 5


@pytest.mark.parametrize("status", [403, 410])
def test_other_4xx_are_not_retried(httpserver, base, status):
    no_robots(httpserver)
    httpserver.expect_request("/figurant/ivanov/").respond_with_data("no", status=status)
    with fetcher() as f, pytest.raises(NetworkError):
        f.get(PAGE)
    assert f.stats.retries == 0 and f.stats.requests == 2


def test_404_is_returned(httpserver, base):
    no_robots(httpserver)
    httpserver.expect_request("/figurant/ivanov/").respond_with_data("gone", status=404)
    with fetcher() as f:
        assert f.get(PAGE).status == 404


def test_timeout_fails_in_one_line_without_retry(httpserver, base):
    no_robots(httpserver)

    def slow(request):
        time.sleep(1.0)
        return Response("late")

    httpserver.expect_request("/figurant/ivanov/").respond_with_handler(slow)
    with fetcher(timeout=0.2) as f, pytest.raises(NetworkError) as err:
        f.get(PAGE)
    assert str(err.value) == f"{PAGE}: no answer within 0.2 s"
    assert f.stats.retries == 0


def test_refused_connection_is_a_network_error(monkeypatch):
    monkeypatch.setenv("LETTERKIT_MEMORIAL_BASE", "http://127.0.0.1:9")  # discard port: closed
    with fetcher() as f, pytest.raises(NetworkError) as err:
        f.get(PAGE)
    assert str(err.value).startswith("cannot reach memopzk.org: ")


def test_conditional_request_answered_304(httpserver, base):
    no_robots(httpserver)
    stamp = "Mon, 01 Dec 2026 10:00:00 GMT"

    def page(request):
        if request.headers.get("If-None-Match") == '"v1"':
            assert request.headers.get("If-Modified-Since") == stamp
            return Response("", status=304)
        return Response("page", headers={"ETag": '"v1"', "Last-Modified": stamp})

    httpserver.expect_request("/figurant/ivanov/").respond_with_handler(page)
    validators: dict = {}
    with fetcher(validators=validators) as f:
        assert f.get(PAGE).text == "page"
        again = f.get(PAGE)
    assert again.not_modified and again.status == 304
    assert validators[PAGE] == {"etag": '"v1"', "last-modified": stamp}
    assert f.stats.not_modified == 1
    httpserver.check_assertions()


def test_redirects_are_rewritten_and_reported(httpserver, base):
    no_robots(httpserver)
    httpserver.expect_request("/s/pzk_memorial").respond_with_data(
        "", status=302, headers={"Location": "https://t.me/pzk_memorial"}
    )
    httpserver.expect_request("/pzk_memorial").respond_with_data("channel")
    with fetcher() as f:
        got = f.get("https://t.me/s/pzk_memorial")
    assert got.redirected_to == "https://t.me/pzk_memorial" and got.text == "channel"


def test_with_a_base_other_hosts_are_refused(base):
    with fetcher() as f, pytest.raises(InputError) as err:
        f.get("https://example.org/")
    assert "only the sources' hosts are used" in str(err.value)


def test_host_map_rewrites_scheme_host_and_port_only():
    hosts = HostMap(load_sources(), {"LETTERKIT_MEMORIAL_BASE": "http://127.0.0.1:8080"})
    url = "https://memopzk.org/list-persecuted/x/?download"
    assert hosts.rewrite(url) == "http://127.0.0.1:8080/list-persecuted/x/?download"
    assert hosts.canonical("http://127.0.0.1:8080/figurant/a/?p=1") == (
        "https://memopzk.org/figurant/a/?p=1"
    )
    with pytest.raises(InputError):  # a base is set: the other source's host is refused
        hosts.rewrite("https://t.me/s/pzk_memorial")
    with pytest.raises(InputError):
        HostMap(load_sources(), {"LETTERKIT_MEMORIAL_BASE": "127.0.0.1:8080"})


def test_offline_opens_no_connection(httpserver, base, monkeypatch):
    with fetcher(offline=True) as f, pytest.raises(OfflineError) as err:
        f.get(PAGE)
    assert str(err.value) == f"offline (--offline or LETTERKIT_OFFLINE=1): not fetching {PAGE}"
    assert httpserver.log == []
    monkeypatch.setenv("LETTERKIT_OFFLINE", "1")
    assert offline_requested()
    monkeypatch.setenv("LETTERKIT_OFFLINE", "0")
    assert not offline_requested() and offline_requested(True)


def test_proxy_from_the_environment_is_used(httpserver, monkeypatch):
    """HTTP_PROXY points at the local server: the request for memopzk.org reaches it
    there, in absolute form (no base URL set: the proxy does the routing)."""
    monkeypatch.delenv("LETTERKIT_MEMORIAL_BASE", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.setenv("HTTP_PROXY", httpserver.url_for("/").rstrip("/"))
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/figurant/ivanov/").respond_with_data("via proxy")
    with fetcher() as f:
        got = f.get("http://memopzk.org/figurant/ivanov/")
    assert got.text == "via proxy"
    assert {req.host for req, _resp in httpserver.log} == {"memopzk.org"}
