"""`write --offline`: the same as LETTERKIT_OFFLINE=1 for that run (the local fake of
Memorial's site, tests/test_update_fixtures.py, counts every request)."""

from __future__ import annotations

import datetime as dt

import pytest

import test_update_refresh as refresh
from letterkit.store import Store

# the fake site's fixtures, shared with tests/test_update_refresh.py
records, user_data, site, flat = refresh.records, refresh.user_data, refresh.site, refresh.flat

OFFLINE = "offline (--offline or LETTERKIT_OFFLINE=1): not fetching https://memopzk.org/"


@pytest.mark.parametrize("how", ["--offline", "LETTERKIT_OFFLINE=1"])
def test_offline_refuses_refresh_with_the_offline_message(cli, site, records, monkeypatch, how):
    person = records[2]
    args = ["write", person["id"], "--refresh"]
    if how == "--offline":
        args.append("--offline")
    else:
        monkeypatch.setenv("LETTERKIT_OFFLINE", "1")
    result = cli(*args)
    assert result.exit_code == 0, result.output
    err = flat(result.stderr)
    assert f"Warning: {person['id']}: the page was not re-read ({OFFLINE}" in err
    assert "; using the stored address" in err
    assert site.log == []  # not one request
    assert (cli.cwd / f"{person['id']}-letter.pdf").exists()
    assert Store().get(person["id"]).address_seen == dt.date(2025, 2, 22)  # unchanged


def test_offline_is_for_that_run_only(cli, site, records, monkeypatch):
    monkeypatch.delenv("LETTERKIT_OFFLINE", raising=False)
    person = records[2]
    assert cli("write", person["id"], "--refresh", "--offline").exit_code == 0
    assert site.log == []
    result = cli("write", person["id"], "--refresh", "--force")
    assert result.exit_code == 0, result.output
    assert site.log != []  # without --offline the page is read again
    assert "was not re-read" not in flat(result.stderr)
