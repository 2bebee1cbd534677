"""The test process cannot reach the network (tests/conftest.py): fixtures come from a
local server, and a test that tried the internet fails at once with a clear message."""

from __future__ import annotations

import socket

import httpx
import pytest
from pytest_httpserver import HTTPServer


@pytest.mark.parametrize("host", ["203.0.113.7", "2001:db8::1", "memopzk.org"])
def test_a_connection_off_this_machine_is_refused(host: str) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.settimeout(5)
        with pytest.raises(OSError, match="tests must not reach the network"):
            s.connect((host, 443))


def test_httpx_to_the_internet_fails_at_once() -> None:
    with pytest.raises(httpx.ConnectError, match="tests must not reach the network"):
        httpx.get("http://203.0.113.7/", timeout=5)


def test_a_local_server_still_answers(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/ping").respond_with_data("pong")
    assert httpx.get(httpserver.url_for("/ping"), timeout=5).text == "pong"
